"""What changed in influence lines and in the account, in words: the review's other changes.

The map's comparison (``compare.py``) is about people; an account review also says which
influence lines were drawn, dropped or changed ("New influence line: Ingrid Solberg → Harald
Berg (strong)") and what changed in the account itself ("Account tier Key → Strategic").
Read from the same log entries; an undo and the change it took back both drop out.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from keyplan.domain.fields import ACCOUNT_FIELDS, Kind
from keyplan.domain.history.entries import (
    ACCOUNT,
    CREATED,
    DELETED,
    INFLUENCE,
    ChangeEntry,
    undone_positions,
)
from keyplan.domain.history.wording import ARROW, Names
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import LINE_STRENGTH_WORDS

LINE_ENDS = ("from_stakeholder_id", "to_stakeholder_id")


class OtherChange(NamedTuple):
    """One change of an influence line or of the account, ready to print.

    ``people``: the two ends of a line (a brief shows it on their cards); () for the account.
    ``seen_from``: (person, words) of the change as one end's card says it ("new influence
    line from Ingrid Solberg (strong)"): shorter, the card already names its person.
    """

    when: datetime
    kind: str  # INFLUENCE or ACCOUNT
    people: tuple[int, ...]
    text: str
    seen_from: tuple[tuple[int, str], ...] = ()


def lines_and_account_changes(
    entries: Sequence[ChangeEntry],
    lines_now: Mapping[int, Mapping[str, Any]],
    names: Names,
    account_names: Mapping[int, str],
) -> list[OtherChange]:
    """The influence-line and account changes among ``entries`` (oldest first), in words.

    ``lines_now``: the influence lines by id (their ends, kind, strength) as stored today,
    or as a later "deleted" entry left them; a line removed among ``entries`` is known from
    its own "deleted" entry.
    """
    kept = [e for e in _not_undone(entries) if e.entity_kind in (INFLUENCE, ACCOUNT)]
    lines = _known_lines(kept, lines_now)
    changes = []
    for entry in kept:
        if entry.entity_kind == INFLUENCE:
            line = lines.get(entry.entity_id, {})
            text = _line_text(entry, line, names)
            people = tuple(p for p in (_id(line.get(end)) for end in LINE_ENDS) if p is not None)
            seen = _seen_from_ends(entry, line, names)
        else:
            text, people, seen = _account_text(entry, account_names), (), ()
        if text:
            changes.append(OtherChange(entry.changed_at, entry.entity_kind, people, text, seen))
    return changes


def changes_of_person(changes: Sequence[OtherChange], person_id: int) -> list[OtherChange]:
    """The line changes with this person at one end (for their card in a brief)."""
    return [change for change in changes if person_id in change.people]


def card_text(change: OtherChange, person_id: int) -> str:
    """The change as this person's card says it; its full words when there is no shorter."""
    return dict(change.seen_from).get(person_id, change.text)


def _seen_from_ends(
    entry: ChangeEntry, line: Mapping[str, Any], names: Names
) -> tuple[tuple[int, str], ...]:
    """The change in the words of each end's card: the line "to" the other end, or "from" it."""
    source, target = (_id(line.get(end)) for end in LINE_ENDS)
    if source is None or target is None or entry.field in LINE_ENDS:
        return ()  # an end that changed: only the full words say it plainly
    words = _kind_words(line.get("kind"))
    seen = []
    for me, other, way in ((source, target, "to"), (target, source, "from")):
        named = f"{words} {way} {names.person(other)}"
        if entry.field == CREATED:
            seen.append((me, f"new {named} ({_strength(line.get('strength'))})"))
        elif entry.field == DELETED:
            seen.append((me, f"{named} removed"))
        elif entry.field == "strength":
            seen.append((me, f"{named} {_strength(entry.old)} {ARROW} {_strength(entry.new)}"))
        elif entry.field == "kind":
            old, new = _kind_label(entry.old), _kind_label(entry.new)
            seen.append((me, f"line {way} {names.person(other)} {old} {ARROW} {new}"))
        elif entry.field == "note":
            seen.append((me, f"note on the line {way} {names.person(other)} changed"))
    return tuple(seen)


def _not_undone(entries: Sequence[ChangeEntry]) -> list[ChangeEntry]:
    """Entries without the undo steps and the changes they took back."""
    undone = undone_positions(entries)
    return [e for i, e in enumerate(entries) if not e.is_undo and i not in undone]


def _known_lines(
    entries: Sequence[ChangeEntry], lines_now: Mapping[int, Mapping[str, Any]]
) -> dict[int, dict[str, Any]]:
    """Each line's ends and values: today's, or as its "deleted" entry left them."""
    lines = {line_id: dict(values) for line_id, values in lines_now.items()}
    for entry in entries:
        if entry.entity_kind == INFLUENCE and entry.field == DELETED and entry.old:
            lines.setdefault(entry.entity_id, dict(entry.old))
    return lines


def _line_text(entry: ChangeEntry, line: Mapping[str, Any], names: Names) -> str:
    ends = f"{names.person(_id(line.get('from_stakeholder_id')))} {ARROW} " + names.person(
        _id(line.get("to_stakeholder_id"))
    )
    words = _kind_words(line.get("kind"))  # "influence line", "ally line" …
    if entry.field == CREATED:
        return f"New {words}: {ends} ({_strength(line.get('strength'))})"
    if entry.field == DELETED:
        return f"{words.capitalize()} removed: {ends}"
    if entry.field == "strength":
        old, new = _strength(entry.old), _strength(entry.new)
        return f"{words.capitalize()} {ends}: {old} {ARROW} {new}"
    if entry.field == "kind":  # named by neither kind: it is the change
        return f"Line {ends}: {_kind_label(entry.old)} {ARROW} {_kind_label(entry.new)}"
    if entry.field == "note":
        return f"{words.capitalize()} {ends}: note changed"
    if entry.field in LINE_ENDS:
        old, new = names.person(_id(entry.old)), names.person(_id(entry.new))
        side = "from" if entry.field == LINE_ENDS[0] else "to"
        return f"{words.capitalize()} {ends}: now {side} {new} instead of {old}"
    return ""


@functools.cache  # a few kinds, asked for once per entry and end
def _kind_words(kind: Any) -> str:
    """'influence line', or 'ally line' for a line of another kind."""
    if kind in (None, InfluenceKind.INFLUENCES.value):
        return "influence line"
    return f"{_kind_label(kind).lower()} line"


@functools.cache
def _kind_label(kind: Any) -> str:
    try:
        return InfluenceKind(kind).label.lower()
    except ValueError:
        return str(kind)


def _strength(value: Any) -> str:
    return LINE_STRENGTH_WORDS.get(_id(value) or 0, "unrated")


def _id(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _account_text(entry: ChangeEntry, account_names: Mapping[int, str]) -> str:
    if entry.field == CREATED:
        return "Account added"
    if entry.field == DELETED:
        return ""  # a plan never shows an account that is gone
    if entry.field == "parent_id":
        old, new = (account_names.get(_id(v) or 0, "none") for v in (entry.old, entry.new))
        return f"Account moved: under {old} {ARROW} under {new}"
    spec = ACCOUNT_FIELDS.get(entry.field)
    label = spec.label if spec is not None else entry.field.replace("_", " ")
    if spec is None or spec.kind in (Kind.NOTE, Kind.LINK):
        return f"Account {label.lower()} changed"
    old, new = (_account_value(spec, v) for v in (entry.old, entry.new))
    return f"Account {label.lower()} {old} {ARROW} {new}"


def _account_value(spec: Any, value: Any) -> str:
    if value is None or value == "":
        return "none"
    shown = spec.display(value) if spec.choices is not None else str(value)
    return shown or str(value)
