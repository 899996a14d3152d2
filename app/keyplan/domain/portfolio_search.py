"""Finding anything in the whole portfolio: people, accounts, promises, actions, notes.

Ctrl+F filters the account in view; a director also asks "where did I write about the SAP
migration?" or "which account is Lars at?". Every word typed must appear somewhere in a
record (accents, case and word order do not matter: "muller cfo" finds "François Müller,
CFO"); records whose name matches come before those matched only in their notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from keyplan.domain.titles import searchable_title, sort_text


class RecordKind(StrEnum):
    ACCOUNT = "account"
    PERSON = "person"
    PROMISE = "promise"
    ACTION = "action"
    INTERACTION = "interaction"

    @property
    def label(self) -> str:
        return {"interaction": "Meeting or call"}.get(self.value, self.value.capitalize())


@dataclass(frozen=True, slots=True)
class SearchRecord:
    """One thing that can be found: its name and the texts it can be found by.

    ``fields`` are (label, text) pairs, e.g. ("Priorities", "Cut freight costs by 10 %").
    """

    kind: RecordKind
    id: int
    account_id: int
    account_name: str
    name: str
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit:
    record: SearchRecord
    found_in: str  # "name", or the label of the first field that holds a word of the query
    excerpt: str  # a few words around the match, for the results list


@dataclass(frozen=True, slots=True)
class _Folded:
    record: SearchRecord
    name: str
    fields: tuple[str, ...]
    everything: str


class PortfolioIndex:
    """The portfolio's records, folded once so that each key typed searches fast."""

    def __init__(self, records: Iterable[SearchRecord]) -> None:
        self._records = [_fold(record) for record in records]

    def __len__(self) -> int:
        return len(self._records)

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Records holding every word of the query: name matches first, then by kind."""
        words = sort_text(query).split()
        if not words:
            return []
        by_name: list[SearchHit] = []
        elsewhere: list[SearchHit] = []
        for folded in self._records:
            if not all(word in folded.everything for word in words):
                continue
            if all(word in folded.name for word in words):
                by_name.append(SearchHit(folded.record, "name", folded.record.name))
            else:
                elsewhere.append(_field_hit(folded, words))
            if len(by_name) >= limit:
                break
        order = list(RecordKind)
        elsewhere.sort(key=lambda hit: order.index(hit.record.kind))
        by_name.sort(key=lambda hit: order.index(hit.record.kind))
        return (by_name + elsewhere)[:limit]


def _fold(record: SearchRecord) -> _Folded:
    name = sort_text(record.name)
    if record.kind is RecordKind.PERSON:  # "cfo" finds a Chief Financial Officer, and back
        title = next((text for label, text in record.fields if label == "Job title"), "")
        name += " " + sort_text(searchable_title(title))
    fields = tuple(sort_text(text) for _label, text in record.fields)
    return _Folded(record, name, fields, " ".join((name, *fields)))


def _field_hit(folded: _Folded, words: Sequence[str]) -> SearchHit:
    for (label, text), folded_text in zip(folded.record.fields, folded.fields, strict=True):
        position = next((folded_text.find(w) for w in words if w in folded_text), -1)
        if position >= 0:
            return SearchHit(folded.record, label, _excerpt(text, position))
    return SearchHit(folded.record, "name", folded.record.name)


def _excerpt(text: str, position: int, width: int = 70) -> str:
    """About ``width`` characters of one line around ``position``, cut at spaces."""
    flat = " ".join(text.split())
    start = max(0, position - width // 3)
    if start:
        start = flat.find(" ", start) + 1 or start
    end = min(len(flat), start + width)
    if end < len(flat):
        end = flat.rfind(" ", start, end) if flat.rfind(" ", start, end) > start else end
    return ("… " if start else "") + flat[start:end] + (" …" if end < len(flat) else "")
