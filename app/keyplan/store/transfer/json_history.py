"""The change log in a JSON export: an account's history travels with it.

A log entry names rows by id without a foreign key: its entity (``entity_kind`` says which
table), its account, and in ``old_value``/``new_value`` the manager, the influence line's
ends, the relationship owner … (ids as text, or a "deleted" row's values as JSON). On the way
out they are renumbered like every other reference (``json_rows``); on the way in they are
rewritten to the ids the import gave those rows (``json_import``), and entries are only ever
inserted: the log stays append-only.

An entry may name a row that is not in the export: a person deleted since, a manager in
another account. Such a row has no number; it goes out as a negative "absent" number
(-1, -2 … per table, in order of first mention) and comes back as a negative id below every
id the target's log already uses, so a deleted person keeps their history and never shares
an id with a real row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from keyplan.domain.history.entries import CREATED, DELETED, DOTTED_LINE, OWNER
from keyplan.store.history.tracked import TRACKED
from keyplan.store.models import ChangeLogEntry
from keyplan.store.transfer.json_tables import HISTORY_TARGETS, ImportRefused

# The table each entity kind's ids belong to (the tables the log follows as entities).
ENTITY_TABLES = {t.kind: table for table, t in TRACKED.items() if t.as_field is None}
# Fields whose value (as text) is the id of a row, and that row's table.
VALUE_TABLES = {
    "account_id": "accounts",
    "parent_id": "accounts",
    "reports_to_id": "stakeholders",
    "previous_record_id": "stakeholders",
    "from_stakeholder_id": "stakeholders",
    "to_stakeholder_id": "stakeholders",
    DOTTED_LINE: "stakeholders",
    "preferred_team_member_id": "team_members",
    OWNER: "team_members",
}
# Every table named here is one whose new ids an import remembers (json_tables).
assert frozenset(ENTITY_TABLES.values()) | frozenset(VALUE_TABLES.values()) == HISTORY_TARGETS


def _fields_by_kind() -> dict[str, frozenset[str]]:
    """The fields an entry of each kind may name: a tracked column, or a whole row's coming
    or going."""
    found: dict[str, set[str]] = {kind: {CREATED, DELETED} for kind in ENTITY_TABLES}
    for tracked in TRACKED.values():
        found[tracked.kind].add(tracked.as_field or "")
        if tracked.as_field is None:
            found[tracked.kind].update(tracked.fields)
    return {kind: frozenset(names - {""}) for kind, names in found.items()}


FIELDS_BY_KIND = _fields_by_kind()


class IdLookup(Protocol):
    def get(self, old_id: int) -> int | None: ...


# ---- export --------------------------------------------------------------------------------


class _AbsentNumbers:
    """Numbers for rows an entry names but the export does not hold: -1, -2 … per table."""

    def __init__(self) -> None:
        self._numbers: dict[str, dict[int, int]] = {}

    def number(self, table: str, old_id: int) -> int:
        numbers = self._numbers.setdefault(table, {})
        return numbers.setdefault(old_id, -(len(numbers) + 1))


def history_shaper(numbers: Mapping[str, IdLookup]) -> Callable[[Sequence[Any], int], dict]:
    """The function that turns a log row as read (in column order) into the row as exported."""
    names = [column.name for column in ChangeLogEntry.__table__.columns]
    absent = _AbsentNumbers()

    def renumbered(table: str, old_id: int | None) -> int | None:
        if old_id is None:
            return None
        new = numbers[table].get(old_id)
        return new if new is not None else absent.number(table, old_id)

    def shaped(row: Sequence[Any], number: int) -> dict[str, Any]:
        entry = dict(zip(names, row, strict=False))
        entry["id"] = number
        entry["changed_at"] = entry["changed_at"].isoformat()
        entry["account_id"] = renumbered("accounts", entry["account_id"])
        table = ENTITY_TABLES.get(entry["entity_kind"])
        if table is not None:
            entry["entity_id"] = renumbered(table, entry["entity_id"])
        field = entry["field"]
        for side in ("old_value", "new_value"):
            entry[side] = _values_rewritten(field, entry[side], renumbered)
        return entry

    return shaped


def _values_rewritten(
    field: str, text: str | None, rewrite: Callable[[str, int | None], int | None]
) -> str | None:
    """A logged value with the ids in it rewritten (a "deleted" row's values: each id in it)."""
    if text is None:
        return None
    if field == DELETED:
        values = json.loads(text)
        for name, value in values.items():
            if name in VALUE_TABLES and value is not None:
                new = rewrite(VALUE_TABLES[name], int(value))
                values[name] = None if new is None else str(new)
        return json.dumps(values)
    if field in VALUE_TABLES:
        new = rewrite(VALUE_TABLES[field], int(text))
        return None if new is None else str(new)
    return text


# ---- import --------------------------------------------------------------------------------


class HistoryImport:
    """Checks the log entries of a file and writes them, their ids rewritten to the import's.

    ``new_ids`` maps each table to the file's numbers -> the ids the import gave its rows.
    """

    def __init__(self, session: Session, new_ids: Mapping[str, IdLookup]) -> None:
        self.session = session
        self.new_ids = new_ids
        lowest = session.scalar(select(func.min(ChangeLogEntry.entity_id))) or 0
        self._next_absent = min(lowest, 0) - 1
        self._absent: dict[tuple[str, int], int] = {}

    def entry(self, row: dict[str, Any], number: int) -> dict[str, Any]:
        """One decoded row of the file as it is written; refused when it does not hold up."""
        label = f"Entry {number} of the change log"
        kind, field, entity = row.get("entity_kind"), row.get("field"), row.get("entity_id")
        if row.get("changed_at") is None:
            raise ImportRefused(f"{label} has no date. Nothing was imported.")
        if kind not in ENTITY_TABLES:
            raise ImportRefused(f"{label} is about an unknown kind of row. Nothing was imported.")
        if field not in FIELDS_BY_KIND[kind]:
            raise ImportRefused(
                f"{label} names a field a {kind} does not have. Nothing was imported."
            )
        if entity is None:
            raise ImportRefused(f"{label} names no {kind}. Nothing was imported.")
        written = {name: value for name, value in row.items() if name != "id"}
        written["entity_id"] = self._rewritten(ENTITY_TABLES[kind], entity, label, "entity_id")
        written["account_id"] = self._rewritten("accounts", row.get("account_id"), label, "account")
        for side in ("old_value", "new_value"):
            written[side] = self._value(field, row.get(side), label, side)
        return written

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Append entries to the log (inserts only: the append-only guard lets them through)."""
        if rows:
            self.session.execute(insert(ChangeLogEntry.__table__), rows)

    def _rewritten(self, table: str, value: Any, label: str, name: str) -> int | None:
        if value is None:
            return None
        if value < 0:  # a row the export did not hold (see the module's docstring)
            key = (table, value)
            if key not in self._absent:
                self._absent[key] = self._next_absent
                self._next_absent -= 1
            return self._absent[key]
        new = self.new_ids[table].get(value)
        if new is None:
            raise ImportRefused(
                f"{label} has {name} {value}, which is not in the file (no row of {table} "
                f"has that number). Nothing was imported."
            )
        return new

    def _value(self, field: str, text: str | None, label: str, side: str) -> str | None:
        if text is None or (field not in VALUE_TABLES and field != DELETED):
            return text
        try:
            return _values_rewritten(
                field, text, lambda table, old: self._rewritten(table, old, label, side)
            )
        except (ValueError, TypeError, AttributeError):
            raise ImportRefused(
                f"{label}: {side} is not what the log holds for {field}. Nothing was imported."
            ) from None
