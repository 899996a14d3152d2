"""Reading the history back: a person's entries, an account's people now and at a date.

Plain SQL through ``Database.rows`` (the standard library's sqlite3 for a file): a year of an
account's log (tens of thousands of rows) is read in a few tens of milliseconds, and the
domain (``domain/history``) does the rest on plain data.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from keyplan.domain.history.compare import MapChange, compare_states
from keyplan.domain.history.entries import (
    CREATED,
    DELETED,
    DOTTED_LINE,
    PERSON,
    ChangeEntry,
    entries_from_rows,
    entry_from_row,
)
from keyplan.domain.history.timeline import COMPARED_FIELDS, OWNERS, PeopleState, people_at
from keyplan.domain.history.wording import Names
from keyplan.store.database import Database

_changed_at = attrgetter("changed_at")
ENTRY_COLUMNS = (
    "changed_at, changed_by, account_id, entity_kind, entity_id, field, old_value, new_value, "
    "is_undo"
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two dates of a map: the people then and then, the changes, and the names to show."""

    start: datetime
    end: datetime
    before: PeopleState
    after: PeopleState
    changes: list[MapChange]
    names: Names


def id_marks(ids: Collection[int]) -> tuple[str, dict[str, int]]:
    """The ``IN (…)`` list of some ids as named parameters, and the parameters ("NULL": none)."""
    params = {f"i{n}": value for n, value in enumerate(ids)}
    return ", ".join(f":{name}" for name in params) or "NULL", params


def person_entries(db: Database, person_id: int) -> list[ChangeEntry]:
    """Everything the log holds about one person, oldest first."""
    rows = db.rows(
        f"SELECT {ENTRY_COLUMNS} FROM change_log WHERE entity_kind = :kind "
        "AND entity_id = :person ORDER BY changed_at, id",
        kind=PERSON,
        person=person_id,
    )
    return [entry_from_row(row) for row in rows]


def account_entries(
    db: Database, account_ids: Collection[int], since: datetime | None = None
) -> list[ChangeEntry]:
    """The log of the people of some accounts (after ``since``), oldest first.

    Filtered by account and time only, so the (account, time) index finds the rows: with the
    kind in the query too, SQLite took the (kind, entity) index instead and walked the whole
    portfolio's log of people. The few rows of the accounts themselves and their influence
    lines are dropped here.
    """
    marks, params = id_marks(account_ids)
    after = " AND changed_at > :since" if since is not None else ""
    rows = db.rows(
        f"SELECT {ENTRY_COLUMNS} FROM change_log WHERE account_id IN ({marks}){after} "
        "ORDER BY changed_at, id",
        **params,
        **({"since": stored_time(db, since)} if since is not None else {}),
    )
    return entries_from_rows([row for row in rows if row[3] == PERSON])


def stored_time(db: Database, when: datetime) -> str | datetime:
    """A moment as the log's ``changed_at`` holds it, for comparing in SQL."""
    # A file stores times as ISO text with a space (SQLAlchemy's SQLite form); compare alike.
    return when.strftime("%Y-%m-%d %H:%M:%S.%f") if db.path is not None else when


def people_now(db: Database, account_ids: Collection[int]) -> PeopleState:
    """Every person of some accounts as stored now: the compared fields and their owners."""
    marks, params = id_marks(account_ids)
    columns = ", ".join(("id", *COMPARED_FIELDS))
    rows = db.rows(f"SELECT {columns} FROM stakeholders WHERE account_id IN ({marks})", **params)
    state: PeopleState = {}
    for row in rows:
        values = dict(zip(COMPARED_FIELDS, row[1:], strict=True))
        values["has_left"] = bool(values["has_left"])
        values["is_vacancy"] = bool(values["is_vacancy"])
        values[OWNERS] = frozenset()
        state[row[0]] = values
    owner_rows = db.rows(
        "SELECT o.stakeholder_id, o.team_member_id FROM relationship_owners o "
        f"JOIN stakeholders s ON s.id = o.stakeholder_id WHERE s.account_id IN ({marks})",
        **params,
    )
    for person, member in owner_rows:
        state[person][OWNERS] = state[person][OWNERS] | {member}
    return state


def names_for(db: Database, people: PeopleState, entries: Sequence[ChangeEntry]) -> Names:
    """Names of everyone a history may mention: people now, people deleted, team members."""
    people_names = {pid: str(v.get("full_name")) for pid, v in people.items() if "full_name" in v}
    for entry in entries:
        if entry.field == CREATED and entry.new and entry.entity_id not in people_names:
            people_names[entry.entity_id] = str(entry.new)
        elif entry.field == DELETED and entry.old:
            people_names.setdefault(entry.entity_id, str(entry.old.get("full_name")))
    managers = {v.get("reports_to_id") for v in people.values()}
    wanted = {int(m) for m in managers if m is not None} - set(people_names)
    if wanted:
        marks, params = id_marks(wanted)
        for pid, name in db.rows(
            f"SELECT id, full_name FROM stakeholders WHERE id IN ({marks})", **params
        ):
            people_names[pid] = name
    members = dict(db.rows("SELECT id, name FROM team_members"))
    return Names(people_names, members)


@dataclass(frozen=True, slots=True)
class LogWindow:
    """The people of some accounts as stored now and their log since a moment: all it takes
    to rebuild and compare any two dates after ``since``, for as long as the log is as it was
    when read (``stamp``). The compare view's slider steps through months on one read."""

    accounts: frozenset[int]
    since: datetime
    now: PeopleState
    entries: list[ChangeEntry]
    stamp: object

    def covers(self, account_ids: Collection[int], start: datetime) -> bool:
        """Whether this window can compare these accounts from ``start`` on."""
        return self.accounts == frozenset(account_ids) and self.since <= start


def log_stamp(db: Database) -> object:
    """What changes whenever the people or their log change: every edit, import and undo
    appends to the log in its own transaction (the newest entry's id; one index step).

    On a team database two colleagues' transactions may commit out of their ids' order, so
    one change can go unseen here until the next write, or until the map is rebuilt (the
    compare view drops its window then).
    """
    return db.rows("SELECT MAX(id) FROM change_log")[0][0]


def read_window(db: Database, account_ids: Collection[int], since: datetime) -> LogWindow:
    """Read the people of some accounts now, and their log after ``since``."""
    stamp = log_stamp(db)  # first: a change made while reading makes the window stale
    now = people_now(db, account_ids)
    entries = account_entries(db, account_ids, since=since)
    return LogWindow(frozenset(account_ids), since, now, entries, stamp)


def window_is_current(db: Database, window: LogWindow) -> bool:
    """Whether nothing was written to the people or their log since the window was read."""
    return log_stamp(db) == window.stamp


def compare_dates(
    db: Database, account_ids: Collection[int], start: datetime, end: datetime
) -> Comparison:
    """The people of some accounts at two dates, and what changed from the first to the second.

    Only the log after ``start`` is read: the earlier history cannot change either state.
    """
    start, end = min(start, end), max(start, end)
    return compare_in_window(db, read_window(db, account_ids, start), start, end)


def compare_in_window(
    db: Database, window: LogWindow, start: datetime, end: datetime
) -> Comparison:
    """``compare_dates`` on a window already read (``window.covers`` the accounts and start)."""
    start, end = min(start, end), max(start, end)
    entries: Sequence[ChangeEntry] = window.entries
    if entries and entries[0].changed_at <= start:  # a window read further back
        entries = entries[bisect_right(entries, start, key=_changed_at) :]
    after = people_at(window.now, entries, end)
    between = entries[: bisect_right(entries, end, key=_changed_at)]  # oldest first
    before = people_at(after, between, start)
    touched = {entry.entity_id for entry in between if entry.entity_kind == PERSON}
    changes = compare_states(before, after, between, only=touched)
    names = names_for(db, {**before, **after}, entries)
    return Comparison(start, end, before, after, changes, names)


def person_history(db: Database, person_id: int) -> tuple[list[ChangeEntry], Names]:
    """One person's log, and the names it may mention."""
    entries = person_entries(db, person_id)
    naming = ("reports_to_id", DOTTED_LINE, "previous_record_id")  # fields holding a person
    mentioned = {e.old for e in entries if e.field in naming}
    mentioned |= {e.new for e in entries if e.field in naming}
    marks, params = id_marks(mentioned - {None})
    people = dict(
        db.rows(f"SELECT id, full_name FROM stakeholders WHERE id IN ({marks})", **params)
    )
    for entry in entries:
        if entry.field == DELETED and entry.old:
            people.setdefault(entry.entity_id, str(entry.old.get("full_name")))
    members = dict(db.rows("SELECT id, name FROM team_members"))
    return entries, Names(people, members)
