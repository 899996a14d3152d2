"""Writing the change log: in the same transaction as the change, by every path that writes.

Two session hooks cover the editors and the undo steps:

- after each ORM flush, every new, changed or deleted row of a tracked table (``tracked.py``)
  gives one entry per changed field ("created"/"deleted" for a row that came or went);
- a Core INSERT/UPDATE/DELETE on a tracked table (undo, deletes with their snapshots) reads
  the rows it touches before and after it runs, and logs the difference.

Bulk statements that go around the session (an import's executemany) call
``record_created``/``record_changes`` themselves. An undo step runs inside ``undoing()``: its
entries are marked, and nothing is ever deleted from the log.

The log is append-only: an UPDATE or DELETE of it through a session is refused
(``AppendOnlyLog``). The one exception is forgetting a person at their request
(``erasure.erase_person_from_history``), which alone may rewrite or remove entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from keyplan.store.history.marks import ERASING, PAUSED, UNDOING, not_recorded, undoing
from keyplan.store.history.tracked import TRACKED, Tracked
from keyplan.store.models import USER_INFO_KEY, Base, ChangeLogEntry, Stakeholder, utc_now

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.engine import Connection, Result

CREATED, DELETED = "created", "deleted"
__all__ = ["install", "not_recorded", "record_changes", "record_created", "undoing"]
_installed = False
_LOG = ChangeLogEntry.__table__


class AppendOnlyLog(RuntimeError):
    """Code tried to change or delete change-log entries outside of forgetting a person."""


def install() -> None:
    """Listen to every session (once); only sessions a ``Database`` made are recorded."""
    global _installed
    if _installed:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _around_core_statement)
    _installed = True


def as_text(value: Any) -> str | None:
    """A column value as the log stores it (the domain's ``history.values`` reads it back)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _recording(session: Session) -> bool:
    from keyplan.store.team.tracking import DATABASE  # the marker of a Database's session

    return DATABASE in session.info and not PAUSED.get()


# ---- the ORM: what a flush wrote ------------------------------------------------------------


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    for target in (*session.dirty, *session.deleted):
        if isinstance(target, ChangeLogEntry) and not ERASING.get():
            raise AppendOnlyLog("The change log is append-only: entries are never changed.")
    if not _recording(session):
        return
    entries: list[dict[str, Any]] = []
    for kind, targets in (("new", session.new), ("dirty", session.dirty),
                          ("deleted", session.deleted)):  # fmt: skip
        for target in targets:
            tracked = TRACKED.get(getattr(target, "__tablename__", ""))
            if tracked is None:
                continue
            before: dict[str, Any] | None
            after: dict[str, Any] | None
            if kind == "dirty":
                before, after = _orm_change(target, tracked)
            else:
                row = {name: getattr(target, name) for name in (*tracked.fields, "id")}
                row |= _account_keys(target, tracked)
                before, after = (None, row) if kind == "new" else (row, None)
            entries.extend(_entries_for(tracked, target.id, before, after, target))
    write_entries(session.connection(), _with_accounts(session.connection(), entries))


def _orm_change(target: Base, tracked: Tracked) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(target)
    before: dict[str, Any] = _account_keys(target, tracked) | {"id": target.id}
    after = dict(before)
    # Only the attributes the session saw change (their old values are kept there): not
    # every tracked column's history, which cost a typed field most of the log's price.
    for name in state.committed_state.keys() & set(tracked.fields):
        history = state.attrs[name].history
        if history.added or history.deleted:
            before[name] = history.deleted[0] if history.deleted else None
            after[name] = history.added[0] if history.added else None
    return before, after


def _account_keys(target: Any, tracked: Tracked) -> dict[str, Any]:
    keys = {tracked.account_via, tracked.owner_column} - {None, "id"}
    return {key: getattr(target, key) for key in keys if key}


# ---- Core statements: undo steps, deletes, restores ---------------------------------------


def _around_core_statement(state: ORMExecuteState) -> Result[Any] | None:
    """Log what a Core statement on a tracked table changes: read its rows before and after."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return None
    table = cast("Table", getattr(state.statement, "table", None))
    _refuse_rewriting_the_log(state, table)
    tracked = TRACKED.get(getattr(table, "name", ""))
    session = state.session
    if tracked is None or not _recording(session):
        return None
    if isinstance(state.parameters, list | tuple):
        return None  # an executemany: its writer records it (record_created/record_changes)
    statement: Any = state.statement
    connection = session.connection()
    if state.is_insert:
        result = state.invoke_statement()
        row = dict(statement.compile(dialect=connection.dialect).params)
        if "id" in row:  # a row put back with its id (undo of a delete)
            entries = list(_entries_for(tracked, row["id"], None, row, None))
            write_entries(connection, _with_accounts(connection, entries))
        return result
    columns = [table.c.id, *(table.c[name] for name in _read_columns(tracked))]
    query = select(*columns)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    before = {row["id"]: dict(row) for row in connection.execute(query).mappings()}
    result = state.invoke_statement()
    if not before:
        return result
    after: dict[int, dict[str, Any]] = {}
    if state.is_update:
        reread = select(*columns).where(table.c.id.in_(list(before)))
        after = {row["id"]: dict(row) for row in connection.execute(reread).mappings()}
    entries = []
    for row_id, old in before.items():
        entries.extend(_entries_for(tracked, row_id, old, after.get(row_id), None))
    write_entries(connection, _with_accounts(connection, entries))
    return result


def _refuse_rewriting_the_log(state: ORMExecuteState, table: Table | None) -> None:
    """The append-only guard: only ``erasure.erase_person_from_history`` may pass it."""
    if getattr(table, "name", None) == _LOG.name and not state.is_insert and not ERASING.get():
        raise AppendOnlyLog("The change log is append-only: entries are never changed.")


def _read_columns(tracked: Tracked) -> list[str]:
    names = [*tracked.fields]
    for extra in (tracked.account_via, tracked.owner_column):
        if extra and extra != "id" and extra not in names:
            names.append(extra)
    return names


# ---- entries --------------------------------------------------------------------------------


def _entries_for(
    tracked: Tracked,
    row_id: int,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    target: Any,
) -> Iterator[dict[str, Any]]:
    """The entries (without time, user or account) for a row that came, changed or went."""
    account_key = before if before is not None else after
    assert account_key is not None
    via = row_id if tracked.account_via == "id" else account_key.get(tracked.account_via)
    base = {"_via": via, "_kind_of_via": tracked.account_via}
    if tracked.as_field is not None:  # a row that is a field of another entity
        owner = account_key[cast("str", tracked.owner_column)]
        value = cast("str", tracked.value_column)
        old = None if before is None else before.get(value)
        new = None if after is None else after.get(value)
        if old != new:
            yield base | _entry(tracked.kind, owner, tracked.as_field, old, new)
        return
    if before is None:
        name = (after or {}).get("full_name") or (after or {}).get("name")
        yield base | _entry(tracked.kind, row_id, CREATED, None, name)
        return
    if after is None:
        values = {name: as_text(before.get(name)) for name in tracked.fields}
        yield base | _entry(tracked.kind, row_id, DELETED, json.dumps(values), None)
        return
    for name in tracked.fields:
        if name in before and name in after and before[name] != after[name]:
            yield base | _entry(tracked.kind, row_id, name, before[name], after[name])


def _entry(kind: str, entity_id: int, field: str, old: Any, new: Any) -> dict[str, Any]:
    return {
        "entity_kind": kind,
        "entity_id": entity_id,
        "field": field,
        "old_value": old if field == DELETED else as_text(old),
        "new_value": as_text(new),
    }


def _with_accounts(connection: Connection, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give each entry its account: its own, or (for a line or an owner) its person's."""
    people = {e["_via"] for e in entries if e["_kind_of_via"] not in ("id", "account_id")}
    people.discard(None)
    account_of: dict[int, int] = {}
    if people:
        query = select(Stakeholder.id, Stakeholder.account_id).where(
            Stakeholder.id.in_(list(people))
        )
        account_of = {row[0]: row[1] for row in connection.execute(query)}
    for entry in entries:
        via, kind = entry.pop("_via"), entry.pop("_kind_of_via")
        entry["account_id"] = via if kind in ("id", "account_id") else account_of.get(via)
    return entries


def write_entries(
    connection: Connection, entries: list[dict[str, Any]], at: datetime | None = None
) -> None:
    """Append entries to the log, stamped with the time, the user and the undo mark."""
    if not entries:
        return
    when, who, undo = at or utc_now(), connection.info.get(USER_INFO_KEY), UNDOING.get()
    if connection.dialect.name == "sqlite":
        # Straight to sqlite3's executemany, values in their stored form: through Core the
        # per-row parameter processing made a 10,000-person import's log cost 5 times more.
        stored = when.strftime(_SQLITE_TIME)
        connection.exec_driver_sql(
            _SQLITE_INSERT,
            [
                (stored, who, e["account_id"], e["entity_kind"], e["entity_id"], e["field"],
                 e["old_value"], e["new_value"], int(undo))
                for e in entries
            ],
        )  # fmt: skip
        return
    stamp = {"changed_at": when, "changed_by": who, "is_undo": undo}
    connection.execute(insert(_LOG), [stamp | entry for entry in entries])


_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy's SQLite dialect stores a DateTime
_SQLITE_INSERT = (
    "INSERT INTO change_log (changed_at, changed_by, account_id, entity_kind, entity_id, "
    "field, old_value, new_value, is_undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


# ---- explicit recording, for bulk writers ------------------------------------------------


def record_created(
    session: Session, kind: str, rows: Iterable[tuple[int, int | None, str | None]]
) -> None:
    """Log rows a bulk statement created: (id, account id, name) each."""
    if PAUSED.get():
        return
    # Dicts built directly (no per-row helper calls): an import logs 10,000 of them.
    entries = [
        {"account_id": account, "entity_kind": kind, "entity_id": row_id, "field": CREATED,
         "old_value": None, "new_value": name}
        for row_id, account, name in rows
    ]  # fmt: skip
    write_entries(session.connection(), entries)


def record_changes(
    session: Session, kind: str, changes: Iterable[tuple[int, int | None, str, Any, Any]]
) -> None:
    """Log field changes a bulk statement made: (id, account id, field, old, new) each."""
    if PAUSED.get():
        return
    entries = [
        {"account_id": account, **_entry(kind, row_id, field, old, new)}
        for row_id, account, field, old, new in changes
        if old != new
    ]
    write_entries(session.connection(), entries)


def record_rows_created(session: Session, table: Table, rows: Iterable[dict[str, Any]]) -> None:
    """Log rows a bulk INSERT wrote with their ids (a JSON import): any tracked table."""
    tracked = TRACKED.get(table.name)
    if tracked is None or PAUSED.get():
        return
    entries = [e for row in rows for e in _entries_for(tracked, row["id"], None, row, None)]
    connection = session.connection()
    write_entries(connection, _with_accounts(connection, entries))
