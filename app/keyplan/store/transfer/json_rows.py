"""Every row of the database, or of one account family, as plain data, and back again.

Built from the SQLAlchemy metadata, not from a list of fields: every table and every column
goes out and comes back, so a column added by a later migration travels without a change here.

Rows leave with their ids renumbered 1, 2, 3 … per table (in id order) and their references
rewritten to those numbers, so the same content always gives the same data, whatever ids the
source database happened to use. They come back under fresh ids after the rows already in the
target, references rewritten again, all in one transaction (``json_import.py``).

The export streams: ``open_export`` reads from one snapshot of the database and hands the
rows out table by table, a few thousand at a time, so a whole database goes out in little
memory. Only the ids of the tables other rows point at are held, to renumber references.

For one account, the rows taken are:
- the account and its affiliates below it;
- rows that belong to them: every required reference to such an "owned" table points at a
  row taken (people, plan rows, interactions, lines between two people taken, …);
- rows of the shared tables (team members, offerings, export records: tables with no
  required reference) that a taken row refers to, or that refer to a taken account;
- the change log's entries logged against the accounts taken (``json_history``).
The owned rows are chosen by the database itself (nested ``IN (SELECT …)``), so a small
account of a large portfolio costs little. References to rows not taken (the umbrella above
the account, a manager in another affiliate) become empty. On import, a shared row identical
to one already there is reused, not doubled (an offering with the same name, the same team
member), and a top-level account whose name is taken is renamed "Name (2)".
"""

from __future__ import annotations

import contextlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, Table, and_, false, func, select
from sqlalchemy import types as sqltypes
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.rules import family_below
from keyplan.store.database import Database
from keyplan.store.models import Base
from keyplan.store.transfer.json_history import history_shaper
from keyplan.store.transfer.json_import import (
    ImportReceipt,
    ImportRefused,
    import_rows,
    reapply_import,
    remove_imported,
)
from keyplan.store.transfer.json_tables import (
    HISTORY_TABLE,
    NAME_COLUMN,
    ROOT_TABLE,
    Rows,
    owned_tables,
    reference_names,
    references,
    referred_tables,
    tables,
)

__all__ = [
    "HISTORY_TABLE",
    "ImportReceipt",
    "ImportRefused",
    "RowExport",
    "Rows",
    "export_rows",
    "import_rows",
    "open_export",
    "reapply_import",
    "remove_imported",
    "tables",
]

CHUNK_ROWS = 2000  # rows read, shaped and handed out at a time

# Which rows of a table go out: a condition on the table, or None for every row.
Choice = ColumnElement[bool] | None
# An account's export always has a condition for every table (false(): none of its rows).
Condition = ColumnElement[bool]


class RowExport:
    """The rows of one export, read from one snapshot of the database (see ``open_export``).

    Attributes:
        account_name: the exported account's name; None for the whole database.
        counts: table name -> how many rows it exports, every table present.
    """

    def __init__(
        self, session: Session, chosen: Mapping[str, Choice], account_name: str | None
    ) -> None:
        self._session = session
        self._chosen = chosen
        self.account_name = account_name
        # Old id -> exported number, for the tables that references point at.
        self._numbers = {name: self._numbering(name) for name in sorted(referred_tables())}
        self.counts = {
            table.name: len(self._numbers[table.name])
            if table.name in self._numbers
            else self._count(table)
            for table in tables()
        }

    def chunks(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Every table's rows, tables in order, each table in one or more lists of rows.

        A table without rows gives one empty list, so every table is named. Rows are in id
        order, renumbered from 1, dates as ISO text, references rewritten (None: a row
        left out).
        """
        for table in tables():
            if table.name == HISTORY_TABLE:
                shaped = history_shaper(self._numbers)
            else:
                shaped = _shaper(table, self._numbers)
            statement = self._where(select(table), table).order_by(table.c.id)
            result = self._session.execute(statement.execution_options(yield_per=CHUNK_ROWS))
            number, named = 0, False
            for partition in result.partitions():
                chunk = []
                for row in partition:
                    number += 1
                    chunk.append(shaped(row, number))
                named = True
                yield table.name, chunk
            if not named:
                yield table.name, []

    def _where(self, statement: Select, table: Table) -> Select:
        condition = self._chosen.get(table.name)
        return statement if condition is None else statement.where(condition)

    def _numbering(self, name: str) -> Numbers:
        table = Base.metadata.tables[name]
        statement = self._where(select(table.c.id), table).order_by(table.c.id)
        return Numbers(self._session.scalars(statement))

    def _count(self, table: Table) -> int:
        return self._session.scalar(self._where(select(func.count()).select_from(table), table))


class Numbers:
    """Old id -> exported number (its place in id order), in 8 bytes an id, not a dict's 100.

    Ids that run without a gap (no row was ever deleted) need no search: a number is then
    the id's distance from the first.
    """

    def __init__(self, ids_in_order: Iterable[int]) -> None:
        self._ids = array("q", ids_in_order)
        self._first = self._ids[0] if self._ids else 0
        self._count = len(self._ids)
        if self._count and self._ids[-1] - self._first + 1 == self._count:
            # This instance's get is the arithmetic one: the same signature, no call between.
            # mypy refuses any assignment to a method (method-assign), hence the ignore.
            self.get = self._in_run  # type: ignore[method-assign]

    def __len__(self) -> int:
        return self._count

    def get(self, old_id: int) -> int | None:
        """The number of the row with this id; None for a row not exported."""
        place = bisect_left(self._ids, old_id)
        if place < self._count and self._ids[place] == old_id:
            return place + 1
        return None

    def _in_run(self, old_id: int) -> int | None:
        offset = old_id - self._first
        return offset + 1 if 0 <= offset < self._count else None


@contextlib.contextmanager
def open_export(db: Database, account_id: int | None = None) -> Iterator[RowExport]:
    """The rows of the whole database (None) or of one account and its affiliates, to stream.

    Use in a ``with`` block, and take the rows with ``chunks()`` inside it: the block holds
    one read snapshot, so edits saved meanwhile (the window stays usable) are not half in
    the export.

    Raises:
        NotFound: the account does not exist.
    """
    with db.read() as session:
        _hold_snapshot(session)
        if account_id is None:
            yield RowExport(session, {table.name: None for table in tables()}, None)
        else:
            chosen, name = _account_choice(session, account_id)
            yield RowExport(session, chosen, name)


def export_rows(db: Database, account_id: int | None = None) -> Rows:
    """The rows of the whole database (None) or of one account and its affiliates, in memory.

    For tests and small exports; a file is written by streaming ``open_export``.

    Returns:
        Table name -> rows in id order; every table is present, dates are ISO text.

    Raises:
        NotFound: the account does not exist.
    """
    with open_export(db, account_id) as export:
        rows: Rows = {name: [] for name in export.counts}
        for name, chunk in export.chunks():
            rows[name].extend(chunk)
    return rows


def _hold_snapshot(session: Session) -> None:
    """Read every table as of one moment: one read transaction for the whole export.

    SQLite (WAL) reads each statement from a snapshot of its own unless a transaction is
    open, and the driver opens none for reads; PostgreSQL gives one snapshot per transaction
    only from REPEATABLE READ up. Writers are not blocked either way.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        session.connection().exec_driver_sql("BEGIN")
    elif dialect == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _shaper(table: Table, numbers: Mapping[str, Numbers]) -> Callable[..., dict]:
    """The function that turns a row as read (in column order) into the row as exported."""
    names = [column.name for column in table.columns]
    id_at = names.index("id")
    dated = [
        index
        for index, column in enumerate(table.columns)
        if isinstance(column.type, sqltypes.Date | sqltypes.DateTime)
    ]
    linked = [(names.index(name), numbers[referred]) for name, referred in reference_names(table)]

    def shaped(row: Sequence[Any], number: int) -> dict[str, Any]:
        values = list(row)
        values[id_at] = number
        for index in dated:
            if values[index] is not None:
                values[index] = values[index].isoformat()
        for index, new_numbers in linked:
            if values[index] is not None:
                values[index] = new_numbers.get(values[index])  # None: a row left out
        return dict(zip(names, values, strict=False))

    return shaped


# ---- one account: which rows go out -------------------------------------------------------


def _account_choice(session: Session, account_id: int) -> tuple[dict[str, Condition], str]:
    """For each table, the condition its exported rows meet; and the account's name."""
    accounts = Base.metadata.tables[ROOT_TABLE]
    found = session.execute(
        select(accounts.c.id, accounts.c.parent_id, accounts.c[NAME_COLUMN])
    ).all()
    parents = {row_id: parent for row_id, parent, _name in found}
    if account_id not in parents:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    name = next(name for row_id, _parent, name in found if row_id == account_id)
    chosen: dict[str, Condition] = {table.name: false() for table in tables()}
    chosen[ROOT_TABLE] = accounts.c.id.in_(sorted(family_below(parents, account_id)))
    owned = owned_tables()
    for table in tables():
        if table.name == ROOT_TABLE or table.name not in owned:
            continue
        required = [
            (column, referred)
            for column, referred in references(table)
            if not column.nullable and referred in owned
        ]
        if required:  # else nothing ties its rows to an account: none are taken
            chosen[table.name] = _all_in(chosen, required)
    _add_shared_rows(session, chosen, owned)
    # The account's history: the entries logged against the accounts taken.
    history = Base.metadata.tables[HISTORY_TABLE]
    chosen[HISTORY_TABLE] = history.c.account_id.in_(_chosen_ids(chosen, ROOT_TABLE))
    return chosen, name


def _all_in(chosen: Mapping[str, Condition], required: list[tuple[Column, str]]) -> Condition:
    """Every one of these references points at a chosen row.

    Only the first may be looked up through an index (``+ 0`` keeps SQLite from using one
    for the others): without statistics, SQLite would otherwise probe a two-column unique
    index with every pair of the two lists, 33,000 interactions × 11,000 people.
    """
    (first, first_target), *others = required
    return and_(
        first.in_(_chosen_ids(chosen, first_target)),
        *((column + 0).in_(_chosen_ids(chosen, referred)) for column, referred in others),
    )


def _chosen_ids(chosen: Mapping[str, Condition], name: str) -> Select:
    table = Base.metadata.tables[name]
    return select(table.c.id).where(chosen[name])


def _add_shared_rows(session: Session, chosen: dict[str, Condition], owned: set[str]) -> None:
    """Take the shared rows the chosen rows refer to, or that refer to a chosen owned row.

    Shared tables are small (team members, offerings, export records): their chosen ids are
    held as sets and grown until nothing more is found.
    """
    shared = [table for table in tables() if table.name not in owned]
    taken: dict[str, set[int]] = {table.name: set() for table in shared}
    grew = True
    while grew:
        grew = False
        for table in shared:
            wanted = _referred_to(session, chosen, table.name)
            for column, referred in references(table):
                if referred in owned:
                    statement = select(table.c.id).where(column.in_(_chosen_ids(chosen, referred)))
                    wanted |= set(session.scalars(statement))
            if not wanted <= taken[table.name]:
                taken[table.name] |= wanted
                chosen[table.name] = table.c.id.in_(sorted(taken[table.name]))
                grew = True


def _referred_to(session: Session, chosen: Mapping[str, Condition], name: str) -> set[int]:
    """The ids of ``name`` that the chosen rows of any table refer to."""
    found: set[int] = set()
    for table in tables():
        for column, referred in references(table):
            if referred == name:
                statement = select(column).where(chosen[table.name], column.is_not(None))
                found |= set(session.scalars(statement.distinct()))
    return found
