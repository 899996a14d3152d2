"""Rows collected in memory and written in a few bulk inserts.

The demo and the synthetic portfolio create tens of thousands of rows that refer to each other
(a person to their manager, an interaction to its people). Giving out the ids here, before
anything is written, lets the generators build every row as a plain dict and then write each
table with one ``executemany``: far faster than adding ORM objects one by one and flushing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, ColumnDefault, Date, DateTime, func, insert, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import RuleViolation
from keyplan.store.models import (
    Account,
    Action,
    Base,
    Commitment,
    CompetitorPresence,
    DottedLine,
    Evidence,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Objective,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
    utc_now,
)

if TYPE_CHECKING:
    from sqlalchemy import Table

# Parents before children, so that every foreign key points at a row already written.
WRITE_ORDER: tuple[type[Base], ...] = (
    Account,
    Offering,
    TeamMember,
    Stakeholder,
    DottedLine,
    InfluenceLine,
    RelationshipOwner,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Evidence,
    Opportunity,
    WhitespaceCell,
    CompetitorPresence,
    Risk,
    Objective,
    Action,
    Commitment,
)

# How SQLAlchemy's SQLite dialect stores these types; used by the fast path below, which hands
# ready-made values to the driver instead of converting every cell through SQLAlchemy.
_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


def require_empty(session: Session) -> None:
    """Refuse to add a demo to a database that already holds accounts.

    Raises:
        RuleViolation: the database is not empty.
    """
    accounts = session.scalar(select(func.count()).select_from(Account))
    if accounts:
        raise RuleViolation(
            f"This database already holds {accounts} account(s); "
            f"a demo portfolio goes into a new, empty database."
        )


class RowBatch:
    """Rows waiting to be inserted, by model, with their ids given out in advance."""

    def __init__(self, session: Session, now: datetime | None = None) -> None:
        self._session = session
        self._now = now or utc_now()
        self._rows: dict[type[Base], list[dict[str, Any]]] = {model: [] for model in WRITE_ORDER}
        self._next_id = {model: _max_id(session, model) + 1 for model in WRITE_ORDER}

    def add(self, model: type[Base], **values: Any) -> int:
        """Queue one row; return the id it will have."""
        return self.add_row(model, values)

    def add_row(self, model: type[Base], values: dict[str, Any]) -> int:
        """Queue this very dict as a row (later changes to it are written too); return its id."""
        row_id = self._next_id[model]
        self._next_id[model] = row_id + 1
        values["id"] = row_id
        values["created_at"] = values["updated_at"] = self._now
        self._rows[model].append(values)
        return row_id

    def count(self, model: type[Base]) -> int:
        """How many rows of a model are queued."""
        return len(self._rows[model])

    def write(self) -> None:
        """Insert everything queued, table by table, parents first."""
        for model in WRITE_ORDER:
            rows = self._rows[model]
            if model is Stakeholder:
                rows = managers_first(rows)
            if rows:
                insert_rows(self._session, model, rows)
            self._rows[model] = []


def insert_rows(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert rows of one model in one statement executed many times.

    Every row gets the same columns (missing ones take the column's default), which lets the
    driver run one prepared statement. On SQLite the values are handed to the driver
    ready-made, because SQLAlchemy's per-cell conversion costs more than the insert itself.
    The dicts are consumed: they are completed and converted in place.
    """
    columns = _columns_of(model, rows)
    defaults = _column_defaults(model)
    for row in rows:
        if len(row) != len(columns):
            for name in columns:
                row.setdefault(name, defaults[name])
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        _copy_rows(session, model.__table__, columns, rows)
        return
    if dialect != "sqlite":
        session.execute(insert(model), rows)
        return
    table = model.__table__
    for name in columns:
        convert = _sqlite_converter(table.c[name].type)
        if convert is not None:
            for row in rows:
                row[name] = convert(row[name])
    pick = itemgetter(*columns)  # at least id and the timestamps: always a tuple
    values = [pick(row) for row in rows]
    quote = session.get_bind().dialect.identifier_preparer.quote  # "values" is a keyword
    names = ", ".join(quote(name) for name in columns)
    placeholders = ", ".join("?" for _ in columns)
    statement = f"INSERT INTO {quote(table.name)} ({names}) VALUES ({placeholders})"
    session.connection().exec_driver_sql(statement, values)


def _copy_rows(
    session: Session, table: Table, columns: list[str], rows: list[dict[str, Any]]
) -> None:
    """Write rows with PostgreSQL's COPY, in the session's transaction.

    A team-scale portfolio is millions of rows: COPY streams them in one command, several
    times faster than even a batched INSERT. Other windows are told of each table as a
    whole, as of any bulk statement (``store/team/tracking.py``), when the commit lands.
    """
    connection = session.connection()
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    pick = itemgetter(*columns)  # at least id and the timestamps: always a tuple
    driver = connection.connection.driver_connection
    assert driver is not None, "a PostgreSQL session has a psycopg connection"
    with (
        driver.cursor() as cursor,
        cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(pick(row))
    _announce_bulk_insert(session, table.name)


def _announce_bulk_insert(session: Session, table_name: str) -> None:
    """What the session hooks do for an executemany INSERT, which COPY goes around."""
    from keyplan.store.team.notify import RowChange, send_changes
    from keyplan.store.team.tracking import CORE_TABLES, DATABASE

    database = session.info.get(DATABASE)
    if database is None:
        return
    session.info.setdefault(CORE_TABLES, set()).add(table_name)
    if database.announces_changes:
        send_changes(session.connection(), database, [RowChange(table_name, None, None, "insert")])


def managers_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Order people so that everyone's manager is written before them (foreign keys)."""
    by_id = {row["id"]: row for row in rows}
    depth: dict[int, int] = {}
    for row in rows:
        chain = []
        current: dict[str, Any] | None = row
        while current is not None and current["id"] not in depth:
            chain.append(current["id"])
            manager_id = current.get("reports_to_id")
            current = by_id.get(manager_id) if manager_id is not None else None
            if current is not None and current["id"] in chain:
                raise RuleViolation("The generated reporting lines contain a cycle.")
        base = depth[current["id"]] + 1 if current is not None else 0
        for offset, person_id in enumerate(reversed(chain)):
            depth[person_id] = base + offset
    return sorted(rows, key=lambda row: depth[row["id"]])


def _max_id(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.max(model.id))) or 0


def _columns_of(model: type[Base], rows: Iterable[dict[str, Any]]) -> list[str]:
    present: set[str] = set()
    for row in rows:
        present.update(row)
    names = [column.key for column in model.__table__.columns]
    unknown = present - set(names)
    if unknown:
        raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)}")
    # Table order keeps the statement stable and readable in a trace.
    return [name for name in names if name in present]


def _column_defaults(model: type[Base]) -> dict[str, Any]:
    defaults: dict[str, Any] = {}
    for column in model.__table__.columns:
        default = column.default
        # A plain value (default=1) is written here; a callable or SQL default is not.
        if isinstance(default, ColumnDefault) and default.is_scalar:
            defaults[column.key] = default.arg
        else:
            defaults[column.key] = None
    return defaults


def _sqlite_converter(column_type: Any) -> Callable[[Any], Any] | None:
    """How to turn a Python value into what SQLAlchemy would store; None: as it is."""
    if isinstance(column_type, DateTime):
        return _datetime_text
    if isinstance(column_type, Date):
        return _date_text
    if isinstance(column_type, Boolean):
        return _flag
    return None


# Cached: most rows share a handful of timestamps and a year of dates.
@lru_cache(maxsize=4096)
def _datetime_text(value: datetime | None) -> str | None:
    return None if value is None else value.strftime(_SQLITE_DATETIME)


@lru_cache(maxsize=4096)
def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))
