"""Forgetting a person in the change log: the one legal exception to an append-only log.

Everything else only ever appends (``log.py`` refuses an UPDATE or DELETE of the log). When a
person asks to be forgotten, their own entries go, the entries of lines that ever joined them
go, other people's entries stop pointing at them (a manager, a dotted line, a previous record:
the value becomes "nobody"), and free text naming them is rewritten by the caller's ``scrub``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from keyplan.store.history.log import CREATED, DELETED
from keyplan.store.history.marks import ERASING
from keyplan.store.models import ChangeLogEntry, InfluenceLine

# A person's fields whose values are another person's id (``dotted_line``: a manager's).
_PERSON_REFERENCES = ("reports_to_id", "previous_record_id", "dotted_line")
_LINE_ENDS = ("from_stakeholder_id", "to_stakeholder_id")
_LOG = ChangeLogEntry.__table__


@dataclass(frozen=True, slots=True)
class HistoryErasure:
    """What forgetting took out of the change log."""

    entries_deleted: int
    entries_rewritten: int


@contextlib.contextmanager
def _erasing() -> Iterator[None]:
    token = ERASING.set(True)
    try:
        yield
    finally:
        ERASING.reset(token)


def influence_lines_ever_joining(session: Session, person_ids: Collection[int]) -> set[int]:
    """Every influence line that joins (or ever joined) one of the people, deleted ones too."""
    ids = set(person_ids)
    lines = set(
        session.scalars(
            select(InfluenceLine.id).where(
                or_(InfluenceLine.from_stakeholder_id.in_(ids),
                    InfluenceLine.to_stakeholder_id.in_(ids))
            )
        )
    )  # fmt: skip
    texts = {str(i) for i in ids}
    query = select(_LOG.c.entity_id, _LOG.c.field, _LOG.c.old_value, _LOG.c.new_value).where(
        _LOG.c.entity_kind == "influence", _LOG.c.field.in_([*_LINE_ENDS, DELETED])
    )
    for line_id, field, old, new in session.execute(query):
        if field == DELETED:
            values = _json_values(old)
            if any(str(values.get(end)) in texts for end in _LINE_ENDS):
                lines.add(line_id)
        elif old in texts or new in texts:
            lines.add(line_id)
    return lines


def erase_person_from_history(
    session: Session,
    person_ids: Collection[int],
    line_ids: Collection[int],
    account_ids: Collection[int],
    scrub: Callable[[str], str],
    fragments: Collection[str] | None = None,
) -> HistoryErasure:
    """Remove the people from the change log, inside the caller's transaction.

    Args:
        session: the forgetting transaction.
        person_ids: the records of the person being forgotten.
        line_ids: the influence lines that ever joined them (``influence_lines_ever_joining``).
        account_ids: the accounts whose entries' text may name them.
        scrub: the text with every naming of the person replaced.
        fragments: pieces every text naming them contains, for the database to search first
            (None: every entry of the accounts is read).
    """
    with _erasing():
        deleted = _delete_own_entries(session, set(person_ids), set(line_ids))
        references, gone = _references_rewritten(session, {str(i) for i in person_ids})
        _apply(session, references, gone)
        texts = _texts_rewritten(session, set(account_ids), scrub, fragments)
        _apply(session, texts, set())
    return HistoryErasure(deleted + len(gone), len(set(references) | set(texts)))


def _apply(session: Session, changes: dict[int, dict[str, Any]], gone: set[int]) -> None:
    if gone:
        session.execute(delete(_LOG).where(_LOG.c.id.in_(gone)))
    for entry_id, values in changes.items():
        session.execute(update(_LOG).where(_LOG.c.id == entry_id).values(**values))


def _delete_own_entries(session: Session, person_ids: set[int], line_ids: set[int]) -> int:
    condition = or_(
        (_LOG.c.entity_kind == "person") & _LOG.c.entity_id.in_(person_ids),
        (_LOG.c.entity_kind == "influence") & _LOG.c.entity_id.in_(line_ids),
    )
    result: Any = session.execute(delete(_LOG).where(condition))  # a CursorResult
    return int(result.rowcount or 0)


def _references_rewritten(
    session: Session, id_texts: set[str]
) -> tuple[dict[int, dict[str, Any]], set[int]]:
    """Other people's entries naming one of the ids: their new values, and those left empty."""
    query = select(_LOG.c.id, _LOG.c.field, _LOG.c.old_value, _LOG.c.new_value).where(
        _LOG.c.entity_kind == "person",
        or_(
            _LOG.c.field.in_(_PERSON_REFERENCES)
            & (_LOG.c.old_value.in_(id_texts) | _LOG.c.new_value.in_(id_texts)),
            _LOG.c.field == DELETED,
        ),
    )
    changes: dict[int, dict[str, Any]] = {}
    gone: set[int] = set()
    for entry_id, field, old, new in session.execute(query):
        if field == DELETED:
            values = _json_values(old)
            pointing = [k for k in _PERSON_REFERENCES if str(values.get(k)) in id_texts]
            if pointing:
                changes[entry_id] = {"old_value": json.dumps(values | dict.fromkeys(pointing))}
            continue
        old, new = (None if v in id_texts else v for v in (old, new))
        if old == new:
            gone.add(entry_id)  # "manager: them → nobody" says nothing once they are gone
        else:
            changes[entry_id] = {"old_value": old, "new_value": new}
    return changes, gone


def _texts_rewritten(
    session: Session,
    account_ids: set[int],
    scrub: Callable[[str], str],
    fragments: Collection[str] | None,
) -> dict[int, dict[str, Any]]:
    """The entries of the accounts whose text names them, with that text scrubbed."""
    query = select(_LOG.c.id, _LOG.c.field, _LOG.c.old_value, _LOG.c.new_value).where(
        _LOG.c.account_id.in_(account_ids)
    )
    if fragments is not None:
        query = query.where(
            or_(*(column.ilike(f"%{piece}%") for column in (_LOG.c.old_value, _LOG.c.new_value)
                  for piece in fragments))
        )  # fmt: skip
    changes: dict[int, dict[str, Any]] = {}
    for entry_id, field, old, new in session.execute(query):
        values: dict[str, Any] = {}
        if field == DELETED and old is not None:
            parsed = _json_values(old)
            cleaned = {k: scrub(v) if isinstance(v, str) else v for k, v in parsed.items()}
            if cleaned != parsed:
                values["old_value"] = json.dumps(cleaned)
        else:
            for column, value in (("old_value", old), ("new_value", new)):
                if value is not None and scrub(value) != value:
                    values[column] = scrub(value)
        if values:
            changes[entry_id] = values
    return changes


def _json_values(text: str | None) -> dict[str, Any]:
    try:
        values = json.loads(text or "{}")
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


__all__ = ["CREATED", "HistoryErasure", "erase_person_from_history", "influence_lines_ever_joining"]
