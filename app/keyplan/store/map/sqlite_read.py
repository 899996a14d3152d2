"""A map read straight from a Keyplan SQLite file with the standard library: no SQLAlchemy.

``keyplan export-map`` is timed as a whole process, and importing SQLAlchemy alone costs more
than the whole export of a 2,000-person map. So a headless export of an up-to-date SQLite file
reads here, read-only, with the same queries ``map_queries`` makes; anything else (a team
database, a file that needs a migration) returns None and goes through the full store.
It reads what the exports draw: the fields shown on screen only (a person's profile link,
where they came from or went) are left empty.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused, NotFound
from keyplan.domain.plain_text import require_no_controls_in_account
from keyplan.domain.rules import family_below
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.map.rows import (
    DottedLink,
    MapAccount,
    MapData,
    MapLine,
    MapPerson,
    hand_placed,
)
from keyplan.store.schema import HEAD_REVISION

# The columns the exports draw: each value read costs about a thousand instructions (SQLite's
# column, its lock, a Python object), and a map of 5,000 people reads a hundred thousand.
_PEOPLE = """
    SELECT id, account_id, full_name, job_title, department, level, reports_to_id, buying_role,
           influence, stance, strength, has_left, contact_frequency_days, map_x, map_y,
           is_vacancy, vacancy_note
    FROM stakeholders WHERE account_id IN ({family})
"""  # in id order: sorted here, quicker than SQLite's temporary B-tree for the ORDER BY
_OWNERS = """
    SELECT ro.stakeholder_id, tm.name FROM relationship_owners ro
    JOIN team_members tm ON tm.id = ro.team_member_id
    JOIN stakeholders s ON s.id = ro.stakeholder_id
    WHERE s.account_id IN ({family}) ORDER BY ro.id
"""
# Grouped by account, then person: the order the account index gives the people in, so
# SQLite groups as it goes instead of sorting 30,000 links first (a third quicker at 5,000).
_LAST_CONTACTS = """
    SELECT s.id, MAX(i.occurred_on) FROM stakeholders s
    JOIN interaction_stakeholders link ON link.stakeholder_id = s.id
    JOIN interactions i ON i.id = link.interaction_id
    WHERE s.account_id IN ({family}) GROUP BY s.account_id, s.id
"""
_EVIDENCE = """
    SELECT e.stakeholder_id, e.rating, e.rated_as, MAX(e.observed_on) FROM evidence e
    JOIN stakeholders s ON s.id = e.stakeholder_id
    WHERE s.account_id IN ({family}) GROUP BY e.stakeholder_id, e.rating, e.rated_as
"""
_CADENCES = "SELECT id, review_cadence_days FROM accounts WHERE id IN ({family})"
# Both ends joined to their person, not looked up in two lists of the family's ids: SQLite
# builds each such list anew (thousands of ids at 5,000 people), for a hundred lines.
_LINES = """
    SELECT l.id, l.from_stakeholder_id, l.to_stakeholder_id, l.kind, l.strength, l.note
    FROM influence_lines l
    JOIN stakeholders a ON a.id = l.from_stakeholder_id
    JOIN stakeholders b ON b.id = l.to_stakeholder_id
    WHERE a.account_id IN ({family}) AND b.account_id IN ({family})
    ORDER BY l.id
"""
_DOTTED = """
    SELECT d.stakeholder_id, d.manager_id FROM dotted_lines d
    JOIN stakeholders a ON a.id = d.stakeholder_id
    JOIN stakeholders b ON b.id = d.manager_id
    WHERE a.account_id IN ({family}) AND b.account_id IN ({family})
    ORDER BY d.id
"""


def read_map(location: str, account_name: str, *, with_affiliates: bool) -> MapData | None:
    """Read an account's map (found by name) from an up-to-date Keyplan SQLite file, as the
    exports draw it (``profile_url``, ``came_from`` and ``left_for`` left empty).

    Returns:
        The map, or None when this file must be read through the full store: not a plain
        file path, missing, or at an older schema revision (which the store upgrades).

    Raises:
        NotFound: no account, or several, have that name.
        DatabaseRefused: the file is not a Keyplan database or cannot be read.
    """
    path = Path(location).expanduser()
    if "://" in location or not path.is_file() or is_encrypted_file(path):
        return None  # an encrypted file is read through the store, with its key
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
    with closing(connection):
        try:
            if _revision(connection) != HEAD_REVISION:
                return None
            return _read(connection, account_name, with_affiliates)
        except sqlite3.DatabaseError as error:
            raise DatabaseRefused(f"Cannot read {path.name}: {error}.") from error


def _revision(connection: sqlite3.Connection) -> str | None:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _read(connection: sqlite3.Connection, account_name: str, with_affiliates: bool) -> MapData:
    accounts = {
        row[0]: MapAccount(*row)
        for row in connection.execute("SELECT id, name, country, parent_id FROM accounts")
    }
    account_id = _find_account(accounts, account_name)
    parents = {a.id: a.parent_id for a in accounts.values()}
    family = family_below(parents, account_id) if with_affiliates else {account_id}
    marks = ",".join("?" * len(family))
    ids = sorted(family)
    owners: dict[int, tuple[str, ...]] = {}
    for person_id, name in connection.execute(_OWNERS.format(family=marks), ids):
        owners[person_id] = (*owners.get(person_id, ()), name)
    contacts = {
        person_id: date.fromisoformat(day)
        for person_id, day in connection.execute(_LAST_CONTACTS.format(family=marks), ids)
    }
    evidence: dict[int, tuple[tuple[str, str, date], ...]] = {}
    for person_id, rating, rated_as, day in connection.execute(_EVIDENCE.format(family=marks), ids):
        found = (rating, rated_as, date.fromisoformat(day))
        evidence[person_id] = (*evidence.get(person_id, ()), found)
    evidence = {person_id: tuple(sorted(found)) for person_id, found in evidence.items()}
    cadences = dict(connection.execute(_CADENCES.format(family=marks), ids).fetchall())
    rows = connection.execute(_PEOPLE.format(family=marks), ids).fetchall()
    rows.sort(key=_first)
    people = [_person(row, owners, contacts, evidence, cadences) for row in rows]
    lines = [MapLine(*row) for row in connection.execute(_LINES.format(family=marks), ids + ids)]
    dotted = [
        DottedLink(*row) for row in connection.execute(_DOTTED.format(family=marks), ids + ids)
    ]
    return MapData(
        account_id=account_id,
        accounts={key: accounts[key] for key in family},
        people=people,
        lines=lines,
        dotted=dotted,
    )


def _first(row: tuple) -> int:
    return row[0]


def _person(
    row: tuple,
    owners: dict[int, tuple[str, ...]],
    contacts: dict[int, date],
    evidence: dict[int, tuple[tuple[str, str, date], ...]],
    cadences: dict[int, int | None],
) -> MapPerson:
    (person_id, account_id, name, title, department, level, manager, role) = row[:8]
    (influence, stance, strength, has_left, every, map_x, map_y, is_vacancy) = row[8:16]
    vacancy_note = row[16]
    return MapPerson(  # positional, in the fields' order: a map reads thousands
        person_id,
        account_id,
        name,
        title,
        department,
        level,
        manager,
        role,
        influence,
        stance,
        strength,
        bool(has_left),
        every,
        hand_placed(map_x, map_y),
        owners.get(person_id, ()),
        contacts.get(person_id),
        None,  # the profile link, where a person came from or went: shown on screen only
        bool(is_vacancy),
        vacancy_note,
        None,
        None,
        evidence.get(person_id, ()),
        cadences.get(account_id),
    )


def _find_account(accounts: dict[int, MapAccount], name: str) -> int:
    """The one account with this name, ignoring case; the same messages as the full store's."""
    require_no_controls_in_account(name)
    matches = [a.id for a in accounts.values() if a.name.lower() == name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"Several accounts are named '{name}'.")
    known = ", ".join(sorted(a.name for a in accounts.values())[:10]) or "none yet"
    raise NotFound(f"There is no account named '{name}'. Accounts: {known}.")
