"""The people of a map at a past date: today's state with the later log entries taken back.

A state is plain data: ``{person id: {field: value}}`` with the fields the map compares and
``owners`` (a frozenset of team member ids). Walking the log backwards from today costs one
step per entry after the date, so any date of a year of history is rebuilt in milliseconds.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any

from keyplan.domain.history.entries import CREATED, DELETED, OWNER, PERSON, ChangeEntry

PeopleState = dict[int, dict[str, Any]]

# What the compare view and the reports follow of each person.
COMPARED_FIELDS = (
    "full_name", "job_title", "department", "reports_to_id", "stance", "strength",
    "influence", "buying_role", "has_left", "is_vacancy",
)  # fmt: skip
OWNERS = "owners"


def people_at(current: PeopleState, entries: Sequence[ChangeEntry], when: datetime) -> PeopleState:
    """The people as they were at ``when``.

    Args:
        current: every person now (``COMPARED_FIELDS`` and ``owners``), by id.
        entries: the log of these people, oldest first (later ones are taken back).
        when: the moment to rebuild; entries at or before it stay.
    """
    # Copy on write: a year of a 5,000-person map touches a few thousand people; copying
    # every person's values up front cost more than the whole walk back.
    state = dict(current)
    copied: set[int] = set()
    # Oldest first: the entries after ``when`` are the tail, found by bisection rather than
    # by comparing the time of each entry walked back.
    for entry in reversed(entries[bisect_right(entries, when, key=_changed_at) :]):
        _at, _by, _account, kind, person, field, old, _new, _undo = entry
        if kind != PERSON:
            continue
        if person not in copied:
            copied.add(person)
            if person in state:
                state[person] = dict(state[person])
        if field in _WHOLE_PERSON:
            _take_back(state, entry)
        elif person in state:  # one field: most of a year's entries, taken back in line
            state[person][field] = old
    return state


_changed_at = attrgetter("changed_at")

# Entries that add or take away a whole person, or one of their owners (not a plain field).
_WHOLE_PERSON = frozenset({CREATED, DELETED, OWNER})


def _take_back(state: PeopleState, entry: ChangeEntry) -> None:
    person = entry.entity_id
    if entry.field == CREATED:
        state.pop(person, None)
    elif entry.field == DELETED:
        was = state.get(person, {})
        values = dict(entry.old or {})
        state[person] = {**values, OWNERS: was.get(OWNERS, frozenset())}
    elif entry.field == OWNER:
        values = state.setdefault(person, {})
        owners = set(values.get(OWNERS, frozenset()))
        if entry.new is not None:
            owners.discard(entry.new)
        if entry.old is not None:
            owners.add(entry.old)
        values[OWNERS] = frozenset(owners)
    elif person in state:
        state[person][entry.field] = entry.old


def is_present(values: dict[str, Any] | None) -> bool:
    """Whether a person is on the map in a state (there, not marked as having left, and not
    an open position: a seat made or filled is no one joining or leaving)."""
    return (
        values is not None
        and "full_name" in values
        and not values.get("has_left")
        and not values.get("is_vacancy")
    )
