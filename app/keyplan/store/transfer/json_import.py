"""Adding the rows of a JSON export to a database: all or nothing, in one transaction.

Rows come table by table and are written as they come, a few thousand at a time, so a whole
database comes in without being held in memory; anything wrong (an unknown column, a value
of the wrong kind, a reference to a row not in the file, a rule of the database broken, a
loop of managers) rolls the whole transaction back. Each table's rows get fresh ids after
the rows already in the target, in the order of the file, and references are rewritten to
them; only the ids of the tables that other rows point at are remembered for that.

A table is written once the tables it refers to are (an export lists them in that order);
a table that comes before one it needs waits, in memory, until it has come.

The receipt holds only which ids were inserted. Undo (``remove_imported``) keeps the rows it
deletes on the receipt, and redo (``reapply_import``) writes them back under the same ids.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.plain_text import terminal_safe
from keyplan.domain.rules import reporting_cycles
from keyplan.store.database import Database
from keyplan.store.history.log import record_rows_created
from keyplan.store.history.marks import not_recorded
from keyplan.store.id_sequences import move_id_sequences_past_rows
from keyplan.store.transfer.json_history import HistoryImport
from keyplan.store.transfer.json_matching import (
    Affiliates,
    NewIds,
    TopNames,
    existing_rows,
    same_row,
)
from keyplan.store.transfer.json_tables import (
    HISTORY_TABLE,
    HISTORY_TARGETS,
    NAME_COLUMN,
    ROOT_TABLE,
    ImportRefused,
    Rows,
    owned_tables,
    reference_names,
    referred_tables,
    self_reference_names,
    tables,
    target,
)
from keyplan.store.transfer.json_values import row_decoder

WRITE_ROWS = 2000  # rows written per executemany

TablesIn = (
    Mapping[str, Iterable[Mapping[str, Any]]] | Iterable[tuple[str, Iterable[Mapping[str, Any]]]]
)


@dataclass
class ImportReceipt:
    """What an import wrote: enough to take it back (undo) and to write it again (redo)."""

    inserted: dict[str, range] = field(default_factory=dict)  # table -> the new rows' ids
    reused: dict[str, int] = field(default_factory=dict)  # shared rows found already there
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (name in file, new name)
    top_account_ids: list[int] = field(default_factory=list)  # not below another imported one
    history_entries: int = 0  # change-log entries the file brought (never taken back: see below)
    taken_back: Rows | None = None  # the rows as undo found them, for redo

    def count(self, table: str) -> int:
        return len(self.inserted.get(table, ()))


def import_rows(db: Database, rows: TablesIn, history_in_file: bool | None = None) -> ImportReceipt:
    """Add exported rows to a database, under new ids, in one transaction.

    Args:
        rows: table name -> rows, or (table name, rows) pairs; the rows of each table are
            read once, in order, and may be a generator.
        history_in_file: whether the rows carry the change log (even empty; None: look, for
            a mapping). Then the file's history is the rows' history: the import logs no
            "created" entries of its own, which would make everyone "join" on the day of the
            import. Files written before the log travelled have none: their rows are logged.

    Raises:
        ImportRefused: a table, a column or a value is not what Keyplan writes, a reference
            points at a row that is not in the data, or the rows break a rule of the
            database. Nothing is written then.
    """
    pairs = rows.items() if isinstance(rows, Mapping) else rows
    if history_in_file is None:
        history_in_file = isinstance(rows, Mapping) and HISTORY_TABLE in rows
    try:
        with (
            not_recorded() if history_in_file else contextlib.nullcontext(),
            db.transaction() as session,
        ):
            run = _ImportRun(session)
            for name, table_rows in pairs:
                run.add(name, table_rows)
            return run.finish()
    except IntegrityError as error:
        raise ImportRefused(
            f"The data breaks a rule of the database ({database_reason(error)}). "
            f"Nothing was imported."
        ) from None
    except DBAPIError as error:
        raise ImportRefused(
            f"The database refused the data ({database_reason(error)}). Nothing was imported."
        ) from None


def database_reason(error: DBAPIError) -> str:
    """The first line of a database error, which names the rule (a constraint) but not the
    row: the rest (PostgreSQL's DETAIL, SQLAlchemy's parameters) quotes people's data."""
    first = str(getattr(error, "orig", None) or type(error).__name__).strip().splitlines()
    return terminal_safe((first[0] if first else type(error).__name__)[:200])


def remove_imported(db: Database, receipt: ImportReceipt) -> None:
    """Take an import back: delete exactly the rows it inserted (undo).

    The rows are kept on the receipt for ``reapply_import``. Change-log entries the file
    brought stay: the log is append-only, and the undo logs the rows' deletion after them.
    """
    taken: Rows = {}
    with db.transaction() as session:
        for table in tables():
            ids = receipt.inserted.get(table.name)
            if ids:
                statement = select(table).where(_within(table, ids)).order_by(table.c.id)
                taken[table.name] = [dict(row) for row in session.execute(statement).mappings()]
        for table in reversed(tables()):
            ids = receipt.inserted.get(table.name)
            if ids:
                session.execute(delete(table).where(_within(table, ids)))
    receipt.taken_back = taken


def reapply_import(db: Database, receipt: ImportReceipt) -> None:
    """Write an import again after it was taken back, under the same ids (redo)."""
    if receipt.taken_back is None:
        raise RuntimeError("reapply_import follows remove_imported")
    with db.transaction() as session:
        for table in tables():
            # Copies: a redo that fails must leave the rows as they were, for another try.
            rows = [dict(row) for row in receipt.taken_back.get(table.name, [])]
            links = [found for row in rows if (found := _take_links(table, row))]
            _insert(session, table, rows)
            _write_links(session, table, links)
            move_id_sequences_past_rows(session, [table])
    receipt.taken_back = None  # in the database again


def _within(table: Table, ids: range) -> Any:
    return table.c.id.between(ids.start, ids.stop - 1)


# ---- one import, table by table -----------------------------------------------------------


class _ImportRun:
    """The state of one import inside its transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.receipt = ImportReceipt()
        self.known = {table.name: table for table in tables()}
        self.new_ids: dict[str, NewIds] = {}  # for the tables referred to
        self.referred = referred_tables()
        self.owned = owned_tables()
        self.done: set[str] = set()
        self.seen: set[str] = set()
        self.waiting: dict[str, list[Mapping[str, Any]]] = {}

    def add(self, name: str, rows: Iterable[Mapping[str, Any]]) -> None:
        """The rows of one table: written now, or kept until the tables they need came."""
        table = self.known.get(name)
        if table is None:
            raise ImportRefused(
                f"The file has tables this version of Keyplan does not know ({name})."
            )
        if name in self.seen:
            raise ImportRefused(f"The file lists {name} twice; it is damaged.")
        self.seen.add(name)
        needed = {referred for _column, referred in reference_names(table)} - {name}
        if name == HISTORY_TABLE:
            needed = set(HISTORY_TARGETS)
        if needed <= self.done:
            self._write_table(table, rows)
        else:
            self.waiting[name] = list(rows)

    def finish(self) -> ImportReceipt:
        """Write the tables that waited (a table missing from the file counts as empty)."""
        for table in tables():
            if table.name in self.waiting:
                self._write_table(table, self.waiting.pop(table.name))
            elif table.name not in self.done:
                self.done.add(table.name)
                self.new_ids[table.name] = NewIds()
        return self.receipt

    def _write_table(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
        if table.name == HISTORY_TABLE:
            self._write_history(table, rows)
            return
        decode = row_decoder(table)
        references = [
            (name, self.new_ids[referred])
            for name, referred in reference_names(table)
            if referred != table.name
        ]
        ids = NewIds()  # kept for the tables referred to
        remember = table.name in self.referred
        reuse = {} if table.name in self.owned else existing_rows(self.session, table)
        renaming = TopNames(self.session) if table.name == ROOT_TABLE else None
        first = next_id = (self.session.scalar(select(func.max(table.c.id))) or 0) + 1
        pending: list[dict[str, Any]] = []
        links: list[Link] = []
        labels: dict[int, str] = {}  # new id -> how a message names a row with a link
        names: dict[int, str] = {}  # new id -> name, for the accounts (a few hundred at most)
        siblings = Affiliates()
        for number, file_row in enumerate(rows, 1):
            row = decode(file_row, number)
            file_id = row["id"]
            if remember and file_id in ids:
                raise ImportRefused(f"Row {number} of {table.name} repeats id {file_id}.")
            _rewrite_references(table, row, references, _row_label(table, row, number))
            if renaming is not None:
                renaming.rename_if_taken(row, self.receipt.renamed)
            existing = same_row(table, row, reuse) if reuse else None
            if existing is not None:
                if remember:
                    ids.add(file_id, existing)
                self.receipt.reused[table.name] = self.receipt.reused.get(table.name, 0) + 1
                continue
            row["id"] = next_id
            if remember:
                ids.add(file_id, next_id)
            next_id += 1
            found = None
            if table.name == ROOT_TABLE:
                names[row["id"]] = str(row.get(NAME_COLUMN))
                siblings.place(row, ids, _row_label(table, row, number), names)
            if row.get("parent_id") is None or table.name != ROOT_TABLE or row["id"] in siblings:
                found = _take_links(table, row)
            if found:
                links.append(found)
                labels[row["id"]] = _row_label(table, row, number)
            elif table.name == ROOT_TABLE and row.get("parent_id") is None:
                self.receipt.top_account_ids.append(row["id"])
            pending.append(row)
            if len(pending) >= WRITE_ROWS:
                _insert(self.session, table, pending)
                pending = []
        _insert(self.session, table, pending)
        links = _resolved_links(table, links, ids, labels)
        _require_no_cycles(table, links)
        if table.name == ROOT_TABLE:
            for row_id, parent_id, *_rest in links:
                siblings.add(parent_id, names[row_id], labels[row_id], names)
        _write_links(self.session, table, links)
        move_id_sequences_past_rows(self.session, [table])
        if next_id > first:
            self.receipt.inserted[table.name] = range(first, next_id)
        if remember:
            self.new_ids[table.name] = ids
        self.done.add(table.name)

    def _write_history(self, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
        """The file's change-log entries, checked and appended with their ids rewritten."""
        decode, history = row_decoder(table), HistoryImport(self.session, self.new_ids)
        pending: list[dict[str, Any]] = []
        for number, file_row in enumerate(rows, 1):
            pending.append(history.entry(decode(file_row, number), number))
            if len(pending) >= WRITE_ROWS:
                history.write(pending)
                self.receipt.history_entries += len(pending)
                pending = []
        history.write(pending)
        self.receipt.history_entries += len(pending)
        self.done.add(table.name)


def _row_label(table: Table, row: Mapping[str, Any], number: int) -> str:
    """How a message names a row: an account by its name, any other row by its number."""
    name = row.get(NAME_COLUMN) if table.name == ROOT_TABLE else None
    if isinstance(name, str):
        return f"Account {terminal_safe(name[:80])!r} (row {number} of {table.name})"
    return f"Row {number} of {table.name}"


def _rewrite_references(
    table: Table, row: dict[str, Any], references: list[tuple[str, NewIds]], label: str
) -> None:
    """Point references to other tables at their rows' new ids."""
    for name, new_ids in references:
        value = row.get(name)
        if value is None:
            continue
        new = new_ids.get(value)
        if new is None:
            referred = target(table.c[name])
            raise ImportRefused(
                f"{label} has {name} {value}, which is not in the file (no row of "
                f"{referred} has that id). Nothing was imported."
            )
        row[name] = new


Link = tuple[Any, ...]  # (row id, then each self-reference column's value, None if empty)


def _take_links(table: Table, row: dict[str, Any]) -> Link | None:
    """Take a row's self-references (a manager, a parent account) out, to write them later.

    They are written after the table's rows: a row may name one that comes later, and the
    database checks every reference as each row goes in.
    """
    names = self_reference_names(table)
    if not names:
        return None
    values = tuple(row.get(name) for name in names)
    if all(value is None for value in values):
        return None
    for name in names:
        if name in row:
            row[name] = None
    return (row["id"], *values)


def _resolved_links(
    table: Table, links: list[Link], ids: NewIds, labels: Mapping[int, str]
) -> list[Link]:
    """The self-references taken out, from file ids to new ids."""
    resolved = []
    names = self_reference_names(table)
    for row_id, *values in links:
        for index, value in enumerate(values):
            if value is None:
                continue
            new = ids.get(value)
            if new is None:
                raise ImportRefused(
                    f"{labels[row_id]} has {names[index]} {value}, which is not in the file "
                    f"(no row of {table.name} has that id). Nothing was imported."
                )
            values[index] = new
        resolved.append((row_id, *values))
    return resolved


def _require_no_cycles(table: Table, links: list[Link]) -> None:
    for index, name in enumerate(self_reference_names(table), 1):
        if reporting_cycles({link[0]: link[index] for link in links}):
            raise ImportRefused(
                f"The file's {table.name} form a loop through {name}; nothing was imported."
            )


# ---- writing ------------------------------------------------------------------------------


def _insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rows in one executemany per set of columns (a file of an older schema lacks some)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    for group in groups.values():
        session.execute(insert(table), group)
        record_rows_created(session, table, group)  # the change log: they came in today


def _write_links(session: Session, table: Table, links: list[Link]) -> None:
    """The self-references, in one executemany.

    The update keeps the row's own time, version and editor (columns that an update would
    otherwise stamp anew): they are set to themselves.
    """
    if not links:
        return
    names = self_reference_names(table)
    kept = {column.name: column for column in table.columns if column.onupdate is not None}
    statement = (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values({**{name: bindparam(f"new_{name}") for name in names}, **kept})
    )
    params = [
        {"row_id": row_id, **{f"new_{n}": value for n, value in zip(names, values, strict=True)}}
        for row_id, *values in links
    ]
    session.execute(statement, params)
