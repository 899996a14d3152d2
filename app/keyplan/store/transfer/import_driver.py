"""Adding an import's new people to a SQLite file through the driver alone (no SQLAlchemy).

The usual import — everyone in it new, into an account that exists, no dotted lines — needs
none of the session's machinery: its rows, its change-log entries and its checks are plain
statements. ``keyplan import`` writes such an import here and so never loads SQLAlchemy and
the models (a third of a 10,000-row import's time). Every other import goes through
``import_writes.apply_import``; the two share the rows, the log entries and the rules below,
so a person comes out the same either way.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.rules import line_across_customers, reporting_cycles
from keyplan.store.database import BUSY_TIMEOUT_MS, Database, is_place_trouble
from keyplan.store.history.marks import PAUSED, UNDOING
from keyplan.store.transfer.import_data import IMPORTED_FIELDS, ImportWrite, PersonWrite

BATCH = 2000  # rows per statement: well under SQLite's limit of bound parameters
# How SQLAlchemy's SQLite dialect stores a DateTime (the models read these columns back).
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"
# What every imported person starts with (the defaults of ``edits.add_stakeholder``).
NEW_PERSON = {"buying_role": "none", "stance": "unknown", "strength": 0, "has_left": False}
# Every column a new person is written with, in this order (``new_person_rows``).
NEW_PERSON_COLUMNS = (
    *IMPORTED_FIELDS, "level", *NEW_PERSON, "account_id", "reports_to_id", "created_at",
    "updated_at", "version", "updated_by", "id",
)  # fmt: skip
INSERT_NEW_PERSON = (
    f"INSERT INTO stakeholders ({', '.join(NEW_PERSON_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _column in NEW_PERSON_COLUMNS)})"
)
_LOG_INSERT = (
    "INSERT INTO change_log (changed_at, changed_by, account_id, entity_kind, entity_id, "
    "field, old_value, new_value, is_undo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def writes_through_driver(db: Database, plan: ImportWrite) -> bool:
    """Whether ``add_new_people`` can write this import: new people only, on a file."""
    return (
        db.path is not None
        and db.server is None
        and plan.account_id is not None
        and bool(plan.new)
        and not plan.updates
        and all(write.dotted_id is None and write.dotted_new is None for write in plan.new)
    )


def add_new_people(db: Database, plan: ImportWrite) -> list[int]:
    """Write an import of new people in one transaction; return their ids in the plan's order.

    Raises:
        NotFound: the account is gone.
        RuleViolation: a reporting line would cross customers or close a cycle.
        DatabaseReadOnly, DatabaseBusy: the file cannot be written now. Nothing is written.
    """
    from keyplan.store.safety.lock import DatabaseReadOnly, writing

    assert db.path is not None and plan.account_id is not None
    if db.read_only_reason:
        raise DatabaseReadOnly(db.read_only_reason)
    with writing(db.path), _transaction(db) as connection:
        if connection.execute("SELECT 1 FROM accounts WHERE id = ?", (plan.account_id,)).fetchone():
            (last,) = connection.execute("SELECT max(id) FROM stakeholders").fetchone()
            ids = list(range((last or 0) + 1, (last or 0) + 1 + len(plan.new)))
            _insert(connection, plan, ids, db.user_name)
            _check_new_lines(connection, plan, ids)
            return ids
    raise NotFound(f"That account no longer exists (id {plan.account_id}).")


@contextlib.contextmanager
def _transaction(db: Database) -> Iterator[sqlite3.Connection]:
    """One connection with the pragmas every Keyplan connection has, in a write transaction."""
    from keyplan.domain.errors import DatabaseRefused
    from keyplan.store.cipher.detect import connect_file, database_errors

    assert db.path is not None
    connection = connect_file(db.path, isolation_level=None)
    try:
        for pragma in ("foreign_keys=ON", f"busy_timeout={BUSY_TIMEOUT_MS}",
                       "journal_mode=WAL", "synchronous=NORMAL"):  # fmt: skip
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    except database_errors() as error:
        if is_place_trouble(error):
            raise DatabaseRefused(f"The database cannot be used: {error}.") from error
        raise
    finally:
        connection.close()


def _insert(connection: sqlite3.Connection, plan: ImportWrite, ids: list[int], who: str) -> None:
    now = datetime.now(UTC).replace(tzinfo=None).strftime(SQLITE_TIME)
    # Foreign keys are checked at commit: a person may come before the new manager they have.
    connection.execute("PRAGMA defer_foreign_keys = ON")
    for start in range(0, len(plan.new), BATCH):
        rows = new_person_rows(plan.new, ids, start, plan.account_id, now, who)
        connection.executemany(INSERT_NEW_PERSON, rows)
    if not PAUSED.get():
        entries = created_entries(plan.new, ids, plan.account_id, now, who, UNDOING.get())
        connection.executemany(_LOG_INSERT, entries)


def new_person_rows(
    new: list[PersonWrite],
    ids: list[int],
    start: int,
    account_id: int | None,
    now: Any,
    who: str | None,
) -> list[tuple[Any, ...]]:
    """The rows (``NEW_PERSON_COLUMNS``) of up to ``BATCH`` new people from ``start`` on.

    ``now`` is the time in its stored form; ``ids`` every new person's id, so a manager
    among the new people is named by theirs.
    """
    stamp = {"created_at": now, "updated_at": now, "version": 1, "updated_by": who}
    blank = {**dict.fromkeys(IMPORTED_FIELDS), "level": None}
    rows = []
    for position, write in enumerate(new[start : start + BATCH], start=start):
        manager = ids[write.manager_new] if write.manager_new is not None else write.manager_id
        row = {**blank, **write.values, **NEW_PERSON, "account_id": write.account_id or account_id,
               "reports_to_id": manager, **stamp, "id": ids[position]}  # fmt: skip
        rows.append(tuple(row[column] for column in NEW_PERSON_COLUMNS))
    return rows


def created_entries(
    new: list[PersonWrite],
    ids: list[int],
    account_id: int | None,
    now: str,
    who: str | None,
    undo: bool,
) -> list[tuple[Any, ...]]:
    """The change log's "created" rows of the new people, as ``history.log`` stores them."""
    return [
        (now, who, write.account_id or account_id, "person", person, "created", None,
         write.values.get("full_name"), int(undo))
        for person, write in zip(ids, new, strict=True)
    ]  # fmt: skip


def _check_new_lines(connection: sqlite3.Connection, plan: ImportWrite, ids: list[int]) -> None:
    """The reporting lines of new people: each within its customer, none in a cycle."""
    lines = new_people_lines(plan.new, ids)
    account_of = new_people_accounts(plan.new, ids, plan.account_id)
    stored = sorted({manager for _person, manager in lines if manager not in account_of})
    for start in range(0, len(stored), BATCH):
        chunk = stored[start : start + BATCH]
        marks = ", ".join("?" for _id in chunk)
        sql = f"SELECT id, account_id FROM stakeholders WHERE id IN ({marks})"
        account_of.update(connection.execute(sql, chunk).fetchall())
    parents = dict(connection.execute("SELECT id, parent_id FROM accounts").fetchall())
    outsider = line_across_customers(lines, account_of, parents)
    if outsider is not None:
        raise RuleViolation(outside_message(_names(connection, [outsider])[0]))
    managers = {ids[i]: ids[w.manager_new] if w.manager_new is not None else None
                for i, w in enumerate(plan.new)}  # fmt: skip
    cycle = next(iter(reporting_cycles(managers)), None)
    if cycle:
        raise RuleViolation(cycle_message(_names(connection, [*cycle, cycle[0]])))


def _names(connection: sqlite3.Connection, people: list[int]) -> list[str]:
    marks = ", ".join("?" for _id in people)
    sql = f"SELECT id, full_name FROM stakeholders WHERE id IN ({marks})"
    names = dict(connection.execute(sql, people).fetchall())
    return [names.get(person, "?") for person in people]


# ---- the rules both writers check (pure) ------------------------------------------------------


def new_people_lines(new: list[PersonWrite], ids: list[int]) -> list[tuple[int, int]]:
    """(person, manager) of every reporting line the new people are given."""
    lines = [(ids[i], w.manager_id) for i, w in enumerate(new) if w.manager_id is not None]
    lines += [(ids[i], ids[w.manager_new]) for i, w in enumerate(new) if w.manager_new is not None]
    return lines


def new_people_accounts(new: list[PersonWrite], ids: list[int], into: int | None) -> dict[int, int]:
    """Each new person's account: their own, else the import's (``into``)."""
    return {
        ids[position]: account
        for position, write in enumerate(new)
        if (account := write.account_id or into) is not None
    }


def outside_message(name: str) -> str:
    return f"{name} is not a person of this customer: nobody can report to them here."


def cycle_message(names: list[str]) -> str:
    return f"The import would make a reporting cycle: {' → '.join(names)}."
