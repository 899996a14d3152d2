"""Checking a Keyplan database file without changing it.

``check_database`` reads the file through a read-only SQLite connection and reports, in words
for a person, what is wrong: SQLite's own integrity and foreign-key checks, an outdated schema,
and the rules of the data that the app enforces but another tool could have broken (nobody may
report to their own subordinate; reporting lines stay inside one customer's umbrella; a
profile URL is a web address).
A file that is not ours, is damaged or comes from a newer Keyplan is refused, untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused, RuleViolation
from keyplan.domain.fields import STAKEHOLDER_FIELDS, Kind
from keyplan.domain.rules import reporting_cycles
from keyplan.domain.stored_values import TABLE_FIELDS, check_stored
from keyplan.store.cipher.detect import connect_file, database_errors
from keyplan.store.database import probe_sqlite_revision
from keyplan.store.schema import HEAD_REVISION

# Enough to see what is wrong; a badly broken file could otherwise print thousands of lines.
MAX_PROBLEMS_PER_CHECK = 20


@dataclass(frozen=True, slots=True)
class PersonLine:
    """A person and whom they report to, as stored."""

    id: int
    name: str
    account_id: int
    manager_id: int | None


def check_database(location: str | os.PathLike[str]) -> list[str]:
    """Check a Keyplan database file and list its problems; an empty list means healthy.

    Args:
        location: the path of a Keyplan SQLite file.

    Returns:
        One sentence per problem found.

    Raises:
        DatabaseRefused: the file is missing, not a Keyplan database, damaged beyond reading,
            or written by a newer Keyplan. The file is never changed.
    """
    path = _existing_file(location)
    revision = probe_sqlite_revision(path)
    if revision is None:
        raise DatabaseRefused(f"{path.name} is an empty SQLite file, not a Keyplan database.")
    problems: list[str] = []
    if revision != HEAD_REVISION:
        problems.append(
            f"The schema is at revision {revision}, not {HEAD_REVISION}: Keyplan upgrades it "
            f"(after a backup) the next time it opens the file."
        )
    with _read_only(path) as connection:
        problems += _sqlite_integrity_problems(connection)
        problems += data_problems(connection)
    return problems


def first_problem(location: str | os.PathLike[str]) -> str | None:
    """The first thing ``check_database`` would report about a file, but an older schema
    (which opening upgrades), or None: before a file's rows are copied elsewhere.

    Raises:
        DatabaseRefused: as for ``check_database``.
    """
    path = _existing_file(location)
    if probe_sqlite_revision(path) is None:
        return None  # an empty SQLite file: nothing in it to be wrong
    with _read_only(path) as connection:
        problems = _sqlite_integrity_problems(connection) or data_problems(connection)
    return problems[0] if problems else None


def data_problems(connection: sqlite3.Connection) -> list[str]:
    """The rules of the data on an open Keyplan file (SQLite's own integrity apart): broken
    references, reporting cycles and lines across customers, account loops, profile URLs that
    are no address and values outside the field rules. A restore runs these on a backup."""
    return (
        _foreign_key_problems(connection)
        + _reporting_line_problems(connection)
        + _profile_url_problems(connection)
        + _field_problems(connection)
    )


def count_accounts_and_people(location: str | os.PathLike[str]) -> tuple[int, int]:
    """How many accounts and people a Keyplan file holds, read without changing it.

    An empty SQLite file (no tables yet) counts as (0, 0).

    Raises:
        DatabaseRefused: as for ``check_database``.
    """
    path = _existing_file(location)
    if probe_sqlite_revision(path) is None:
        return 0, 0
    with _read_only(path) as connection:
        accounts = connection.execute("SELECT count(*) FROM accounts").fetchone()[0]
        people = _people_count(connection)
    return accounts, people


def _people_count(connection: sqlite3.Connection) -> int:
    """People, open positions left out (revision 0009); a file from before has none."""
    try:
        return connection.execute(
            "SELECT count(*) FROM stakeholders WHERE NOT is_vacancy"
        ).fetchone()[0]
    except sqlite3.OperationalError:  # no such column: an older file, read as it is
        return connection.execute("SELECT count(*) FROM stakeholders").fetchone()[0]


def _existing_file(location: str | os.PathLike[str]) -> Path:
    text = os.fspath(location)
    if "://" in text:
        raise DatabaseRefused(
            "Only Keyplan database files can be checked here; a team database is checked on "
            "its server."
        )
    path = Path(text).expanduser()
    if not path.is_file():
        raise DatabaseRefused(f"There is no Keyplan database at {path}.")
    return path


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        connection = connect_file(path, uri, uri=True)  # keyed, when it is encrypted
    except sqlite3.Error as error:
        raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
    try:
        yield connection
    except database_errors() as error:
        raise DatabaseRefused(
            f"{path.name} is damaged ({error}). Keyplan did not change it; restore it from a "
            f"backup."
        ) from error
    finally:
        connection.close()


def _sqlite_integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute(f"PRAGMA integrity_check({MAX_PROBLEMS_PER_CHECK})").fetchall()
    messages = [row[0] for row in rows if row[0] != "ok"]
    return [f"SQLite integrity check: {message}" for message in messages]


def _foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    problems = [
        f"Row {rowid} of {table} refers to a row of {parent} that does not exist."
        for table, rowid, parent, _constraint in rows[:MAX_PROBLEMS_PER_CHECK]
    ]
    return problems + _more(len(rows), "broken references")


def _reporting_line_problems(connection: sqlite3.Connection) -> list[str]:
    accounts = {
        account_id: (parent_id, name)
        for account_id, parent_id, name in connection.execute(
            "SELECT id, parent_id, name FROM accounts"
        )
    }
    people = {
        row[0]: PersonLine(*row)
        for row in connection.execute(
            "SELECT id, full_name, account_id, reports_to_id FROM stakeholders"
        )
    }
    umbrella_of, account_problems = umbrella_roots(
        {account_id: parent for account_id, (parent, _name) in accounts.items()},
        {account_id: name for account_id, (_parent, name) in accounts.items()},
    )
    cycles = reporting_cycles({pid: person.manager_id for pid, person in people.items()})
    problems = account_problems + [
        "Reporting cycle: " + " → ".join(people[pid].name for pid in [*cycle, cycle[0]])
        for cycle in cycles[:MAX_PROBLEMS_PER_CHECK]
    ]
    problems += _more(len(cycles), "reporting cycles")
    strays = [
        (person, people[person.manager_id])
        for person in people.values()
        if person.manager_id in people
        and umbrella_of.get(person.account_id)
        != umbrella_of.get(people[person.manager_id].account_id)
    ]
    missing = (None, "an account that does not exist")
    problems += [
        f"{person.name} ({accounts.get(person.account_id, missing)[1]}) reports to "
        f"{manager.name} ({accounts.get(manager.account_id, missing)[1]}), who works for a "
        "different customer."
        for person, manager in strays[:MAX_PROBLEMS_PER_CHECK]
    ]
    return problems + _more(len(strays), "reporting lines across customers")


def _profile_url_problems(connection: sqlite3.Connection) -> list[str]:
    """Profile URLs that are not web addresses: the app would refuse them (and never opens
    them), but another tool could have written ``javascript:…`` or a name there."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(stakeholders)")}
    if "profile_url" not in columns:  # a file from before revision 0003
        return []
    spec = STAKEHOLDER_FIELDS["profile_url"]
    bad = []
    for name, url in connection.execute(
        "SELECT full_name, profile_url FROM stakeholders WHERE profile_url IS NOT NULL ORDER BY id"
    ):
        try:
            spec.parse(url)
        except RuleViolation:
            bad.append(f"The profile URL of {name} is not a web address: {url!r}.")
    return bad[:MAX_PROBLEMS_PER_CHECK] + _more(len(bad), "profile URLs that are no address")


def _field_problems(connection: sqlite3.Connection) -> list[str]:
    """Values the app's field rules refuse (a stance of "evil", a 10 MB name, an amount of
    infinity), written by another tool or an old import. Each names the row and the field."""
    bad: list[str] = []
    for table, specs in TABLE_FIELDS.items():
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        checked = [
            spec
            for name, spec in specs.items()
            if name in present and spec.kind is not Kind.REFERENCE
        ]
        if not checked:
            continue
        columns = ", ".join(f'"{spec.name}"' for spec in checked)
        for row_id, *values in connection.execute(f"SELECT id, {columns} FROM {table} ORDER BY id"):
            for spec, value in zip(checked, values, strict=True):
                try:
                    check_stored(spec, _as_stored(spec, value))
                except RuleViolation as error:
                    bad.append(f"Row {row_id} of {table}: {error}")
                    break  # one problem per row is enough to find it
                except ValueError:
                    bad.append(f"Row {row_id} of {table}: {spec.label} is not readable.")
                    break
    return bad[:MAX_PROBLEMS_PER_CHECK] + _more(len(bad), "values outside the rules")


def _as_stored(spec: object, value: object) -> object:
    """A value as SQLite returns it, as the app reads it (dates are stored as text)."""
    if getattr(spec, "kind", None) is Kind.DATE and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def umbrella_roots(
    parents: Mapping[int, int | None], names: Mapping[int, str]
) -> tuple[dict[int, int], list[str]]:
    """The top account of each account's umbrella, and any loops in the account hierarchy.

    Returns:
        (account id -> id of its topmost parent, problems). The accounts of a loop share one
        of them as their root, so that their people are still checked against each other.
    """
    roots: dict[int, int] = {}
    problems: list[str] = []
    for account_id in parents:
        chain: list[int] = []
        current: int | None = account_id
        # "is not None" says for the type checker what "in parents" already means.
        while (
            current is not None
            and current in parents
            and current not in roots
            and current not in chain
        ):
            chain.append(current)
            current = parents[current]
        if current is not None and current in roots:
            root = roots[current]
        elif current is not None and current in chain:
            loop = chain[chain.index(current) :]
            problems.append(
                "Account hierarchy loop: " + " → ".join(names[a] for a in [*loop, loop[0]])
            )
            root = min(loop)  # any member will do, as long as the whole loop shares it
        else:
            root = chain[-1] if chain else account_id
        for member in chain:
            roots[member] = root
    return roots, problems


def _more(count: int, what: str) -> list[str]:
    hidden = count - MAX_PROBLEMS_PER_CHECK
    return [f"… and {hidden} more {what}."] if hidden > 0 else []
