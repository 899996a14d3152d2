"""Session hooks of team mode: remember what was read, refuse stale saves, announce changes.

Installed once (``install``) when the first engine is made. They act only on sessions that
``Database.read()``/``Database.transaction()`` made (the session's ``info`` names the
``Database``):

- The queries that read records for a window remember each row's version
  (``remember_read``, kept in ``Database.seen_versions``).
- A write session, before it flushes, gives each changed row the version this window last
  saw, so SQLAlchemy's ``version_id_col`` check ("UPDATE … WHERE version = <seen>") fails with
  ``StaleDataError`` if a teammate saved in between; ``Database.transaction`` turns that into
  an ``EditConflict``. After the commit, the versions written become the ones seen.
- On a team database, every change is announced to the other windows with
  ``NOTIFY keyplan`` in the same transaction (``team_notify``): delivered only if it commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.orm.attributes import set_committed_value

from keyplan.store.models import Base
from keyplan.store.team.conflicts import EditConflict, conflict_for
from keyplan.store.team.notify import RowChange, send_changes

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.sql.dml import UpdateBase

    from keyplan.store.database import Database

DATABASE = "keyplan_database"  # session.info: the Database the session belongs to
WRITES = "keyplan_writes"  # session.info: True in a transaction() session
CHECKED = "keyplan_checked"  # session.info: rows whose version was checked: for the message
WRITTEN = "keyplan_written"  # session.info: rows written, to remember after the commit
CORE_TABLES = "keyplan_core_tables"  # session.info: tables changed by Core statements

_installed = False


def install() -> None:
    """Listen to every session (once); the hooks ignore sessions not made by a Database."""
    global _installed
    if _installed:
        return
    event.listen(Session, "before_flush", _check_versions)
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _before_core_statement)
    event.listen(Session, "after_commit", _after_commit)
    _installed = True


def session_info(database: Database, *, writes: bool) -> dict[str, Any]:
    """The ``info`` of a session for ``database``, read-only or for writing."""
    return {DATABASE: database, WRITES: writes}


# ---- reading: remember what the windows were shown ----------------------------------------


def remember_read(session: Session, rows: Iterable[Base]) -> None:
    """Remember the versions of rows read for a window: its next save of them is checked.

    Called by the queries that read records for display (``queries.people``), not by a
    per-row ``load`` event: such an event alone made reading a thousand people 15 % slower.
    """
    database = session.info.get(DATABASE)
    if database is None or session.info.get(WRITES):
        return  # a write session's read is not what the user saw: it is what they check
    seen = database.seen_versions
    for target in rows:
        # The instance's own attributes, not a copy: a row read for display is not changed
        # after its session closed.
        values = target.__dict__
        seen.remember((target.__tablename__, values["id"]), values["version"], values)


def _values(target: Base) -> dict[str, Any]:
    return {k: v for k, v in inspect(target).dict.items() if not k.startswith("_")}


# ---- writing: refuse a save based on an old read ------------------------------------------


def _check_versions(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    database = session.info.get(DATABASE)
    if database is None:
        return
    checked = session.info.setdefault(CHECKED, [])
    for target in session.dirty:
        if not isinstance(target, Base) or not session.is_modified(target):
            continue
        state = inspect(target)
        loaded = {k: state.committed_state.get(k, v) for k, v in _values(target).items()}
        key = (target.__tablename__, target.id)
        seen = database.seen_versions.get(key)
        if seen is not None and seen.version != target.version:
            # The UPDATE will carry "WHERE version = <seen>" and match nothing: StaleDataError.
            set_committed_value(target, "version", seen.version)
        if seen is None:
            checked.append((key, loaded))
        else:  # what the window showed (the version, and the values when still kept)
            checked.append((key, {**seen.values, "version": seen.version}))


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    database = session.info.get(DATABASE)
    if database is None:
        return
    written = session.info.setdefault(WRITTEN, {})
    changes: list[RowChange] = []
    for kind, targets in (("insert", session.new), ("update", session.dirty),
                          ("delete", session.deleted)):  # fmt: skip
        for target in targets:
            if not isinstance(target, Base):
                continue
            if kind == "update" and not session.is_modified(target):
                continue
            key = (target.__tablename__, target.id)
            written[key] = None if kind == "delete" else _values(target)
            changes.append(_row_change(target, kind))
    if changes and database.announces_changes:
        send_changes(session.connection(), database, changes)


def _row_change(target: Base, kind: str) -> RowChange:
    state = inspect(target)
    fields = () if kind != "update" else tuple(
        attr.key for attr in state.attrs if attr.history.has_changes()
    )  # fmt: skip
    return RowChange(
        table=target.__tablename__,
        row_id=target.id,
        account_id=getattr(target, "account_id", None),
        kind=kind,
        fields=tuple(f for f in fields if f not in ("version", "updated_at", "updated_by")),
    )


def _before_core_statement(state: ORMExecuteState) -> None:
    """A Core INSERT/UPDATE/DELETE (no ORM versioning): announce it and forget stale reads."""
    session = state.session
    database = session.info.get(DATABASE)
    if database is None or not (state.is_update or state.is_delete or state.is_insert):
        return
    statement = cast("UpdateBase", state.statement)  # is_insert/update/delete: DML
    table = cast("Table", statement.table)  # ours always name one table, never a join
    session.info.setdefault(CORE_TABLES, set()).add(table.name)
    if not database.announces_changes:
        return
    kind = "insert" if state.is_insert else "update" if state.is_update else "delete"
    # An executemany (a list of parameter sets, e.g. an import setting managers) has no one
    # WHERE to ask which rows it touches: it is announced for the whole table.
    many = isinstance(state.parameters, list | tuple)
    rows = _affected_rows(session, state.statement, table) if not (state.is_insert or many) else []
    # The columns an UPDATE sets (SQLAlchemy keeps them in ``_values``: no public accessor).
    values = getattr(state.statement, "_values", None) or {}
    fields = tuple(getattr(k, "key", str(k)) for k in values) if state.is_update else ()
    changes = [RowChange(table.name, row_id, account, kind, fields) for row_id, account in rows]
    send_changes(
        session.connection(), database, changes or [RowChange(table.name, None, None, kind, fields)]
    )


def _affected_rows(session: Session, statement: Any, table: Any) -> list[tuple[int, Any]]:
    """Which rows an UPDATE or DELETE is about to touch (id, account id when it has one)."""
    account = table.c.account_id if "account_id" in table.c else None
    columns = [table.c.id] + ([account] if account is not None else [])
    query = select(*columns)
    if statement.whereclause is not None:
        query = query.where(statement.whereclause)
    rows = session.connection().execute(query).all()
    return [(row[0], row[1] if account is not None else None) for row in rows]


def _after_commit(session: Session) -> None:
    database = session.info.get(DATABASE)
    if database is None:
        return
    seen = database.seen_versions
    for key, values in session.info.pop(WRITTEN, {}).items():
        if values is None:
            seen.forget(key)
        else:
            seen.remember(key, values["version"], values)
    tables = session.info.pop(CORE_TABLES, set())
    if tables:
        # Rows changed by a Core statement have a new version this window did not read: forget
        # them, so its next edit is not refused as a conflict with itself. The views re-read.
        seen.forget_tables(tables)
    session.info.pop(CHECKED, None)


# ---- deleting: refuse to delete what a teammate changed ----------------------------------


def refuse_stale_deletes(
    session: Session, table_name: str, rows: dict[int, dict[str, Any]], ids: Iterable[int]
) -> None:
    """Refuse a delete of rows a teammate changed (or deleted) since this window read them.

    Deletes run as Core statements (they take a snapshot for undo first), which carry no
    version check of their own: without this, deleting a person would silently throw away
    the notes a teammate had just saved on them.

    Args:
        rows: the rows as they are now (read for the snapshot), by id.
        ids: the rows the user asked to delete (not what cascades from them).

    Raises:
        EditConflict: one of them changed since this window last read it.
    """
    database = session.info.get(DATABASE)
    if database is None:
        return
    for row_id in ids:
        seen = database.seen_versions.get((table_name, row_id))
        current = rows.get(row_id)
        if seen is not None and (current is None or current["version"] != seen.version):
            shown = {**seen.values, "version": seen.version}
            raise conflict_for(table_name, row_id, shown, current)


def refuse_overwriting_others(
    session: Session,
    rows: dict[str, dict[int, dict[str, Any]]],
    versions_after: dict[str, dict[int, int]],
) -> None:
    """Refuse to undo a delete over a row somebody else changed after the delete.

    An undone delete writes back the rows it had changed (a report whose manager went, a
    person whose preferred colleague went) exactly as they were. That is right after this
    user's own later edits (undone first), but would silently throw away a teammate's.

    Args:
        rows: the rows as they were before the delete, by table and id.
        versions_after: the version the delete left on each row it kept.

    Raises:
        EditConflict: such a row has a newer version, last saved by somebody else.
    """
    database = session.info.get(DATABASE)
    if database is None:
        return
    tables = Base.metadata.tables
    for table_name, versions in versions_after.items():
        table = tables[table_name]
        statement = select(table).where(table.c.id.in_(list(versions)))
        current = {row["id"]: dict(row) for row in session.execute(statement).mappings()}
        for row_id, after in versions.items():
            now = current.get(row_id)
            if now is not None and now["version"] == after:
                continue
            if now is not None and now.get("updated_by") == database.user_name:
                continue  # this user's own later change: not a teammate's
            before = {**rows[table_name][row_id], "version": after}
            raise conflict_for(table_name, row_id, before, now)


# ---- the refusal ----------------------------------------------------------------------------


def conflict_from(database: Database, info: dict[str, Any]) -> EditConflict:
    """The ``EditConflict`` for a write session whose flush failed with StaleDataError."""
    checked = info.get(CHECKED, [])
    tables = Base.metadata.tables
    with database.read() as session:
        for (table_name, row_id), seen in checked:
            table = tables[table_name]
            current = session.execute(select(table).where(table.c.id == row_id)).mappings()
            row = current.first()
            if row is None or row["version"] != seen.get("version"):
                return conflict_for(table_name, row_id, seen, dict(row) if row else None)
    (table_name, row_id), seen = checked[-1] if checked else (("records", 0), {})
    if database.announces_changes and checked:
        # Every row is there, unchanged: the server's access policies let this login read
        # the row but not change it (a viewer).
        return EditConflict(
            "You can view this account but not change it. Ask an owner of the account for "
            "editor access. Your change was not saved.",
            table=table_name,
            row_id=row_id,
        )
    return conflict_for(table_name, row_id, seen, None)


# ---- reading one record again ---------------------------------------------------------------


def remember_current(database: Database, table: str, row_id: int) -> bool:
    """Read a record as stored now, so this window's next save of it builds on it.

    Returns:
        False when the record no longer exists.
    """
    model = _model_of(table)
    if model is None:
        return False
    database.seen_versions.forget((table, row_id))
    with database.read() as session:
        row = session.get(model, row_id, populate_existing=True)
        if row is not None:
            remember_read(session, [row])
        return row is not None


def last_change(database: Database, table: str, row_id: int) -> tuple[str | None, Any] | None:
    """(who, when in UTC) of a record's last change; None when the record does not exist."""
    columns = Base.metadata.tables[table].c
    with database.read() as session:
        row = session.execute(
            select(columns.updated_by, columns.updated_at).where(columns.id == row_id)
        ).first()
    return None if row is None else (row[0], row[1])


def _model_of(table: str) -> type[Base] | None:
    # class_.__table__ is the mapper's local_table, typed as the Table every model has.
    return next((m.class_ for m in Base.registry.mappers if m.class_.__table__.name == table), None)


# Tables whose rows belong to an account through a person rather than an account_id column.
_THROUGH_PERSON = {
    "relationship_owners": "stakeholder_id",
    "influence_lines": "from_stakeholder_id",
    "interaction_stakeholders": "stakeholder_id",
}


def record_account(database: Database, table: str, row_id: int) -> int | None:
    """The account a record belongs to (None: not an account's record, or gone)."""
    tables = Base.metadata.tables
    columns = tables[table].c
    if "account_id" in columns:
        statement = select(columns.account_id).where(columns.id == row_id)
    elif table in _THROUGH_PERSON:
        people = tables["stakeholders"].c
        person = columns[_THROUGH_PERSON[table]]
        statement = (
            select(people.account_id)
            .join_from(tables[table], tables["stakeholders"], people.id == person)
            .where(columns.id == row_id)
        )
    else:
        return None
    with database.read() as session:
        return session.execute(statement).scalar()


def record_accounts(
    database: Database, table: str, row_ids: Sequence[int]
) -> dict[int, int | None] | None:
    """The account of each of these records that this login can read, by record id.

    None when the table's rows belong to no account this way (nothing to place or hide).
    Records this login cannot read, or that are gone, are missing from the answer.
    """
    tables = Base.metadata.tables
    if table not in tables:
        return None
    columns = tables[table].c
    if "account_id" in columns:
        statement = select(columns.id, columns.account_id)
    elif table in _THROUGH_PERSON:
        people = tables["stakeholders"].c
        person = columns[_THROUGH_PERSON[table]]
        statement = select(columns.id, people.account_id).join_from(
            tables[table], tables["stakeholders"], people.id == person
        )
    else:
        return None
    with database.read() as session:
        rows = session.execute(statement.where(columns.id.in_(list(row_ids)))).all()
    return {row[0]: row[1] for row in rows}
