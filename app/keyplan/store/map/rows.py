"""The stakeholder map's data as plain rows: people, influence lines, accounts.

Kept apart from the queries (and from SQLAlchemy) so that a headless export can read them with
the standard library alone; see ``map_queries`` and ``map_sqlite``.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every ``export-map`` makes these classes (some 200,000 instructions a field).

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from keyplan.domain.quick_init import quick_init

Point = tuple[float, float]


def hand_placed(x: float | None, y: float | None) -> Point | None:
    """Where the user put a card by hand, or None when the automatic layout places it.

    The two columns are written together; should only one be set (a file edited elsewhere),
    the card is laid out automatically rather than handed to the layout with a None in it.
    """
    return None if x is None or y is None else (x, y)


@quick_init  # a map reads thousands: see quick_init
@dataclass(frozen=True, slots=True)
class MapPerson:
    """One card of the map: what it shows, and where the user put it by hand (if anywhere)."""

    id: int
    account_id: int
    full_name: str
    job_title: str | None
    department: str | None
    level: str | None
    reports_to_id: int | None
    buying_role: str
    influence: str | None
    stance: str
    strength: int
    has_left: bool
    contact_frequency_days: int | None
    map_position: Point | None
    owners: tuple[str, ...]
    last_contact: date | None
    profile_url: str | None = None  # shown as a small mark and in the tooltip, on screen only
    is_vacancy: bool = False  # an open position: a seat without a person (``domain/matrix``)
    vacancy_note: str | None = None  # "hire expected Q3"
    came_from: str | None = None  # "was our champion at Aldermark" (a person who moved here)
    left_for: str | None = None  # where a person who left went ("Brightwave", "retired")
    #: (rating, rated as, date of the newest evidence) for each rating value with evidence,
    #: and the review cadence of the person's account: what decides an uncertain rating.
    evidence: tuple[tuple[str, str, date], ...] = ()
    review_cadence_days: int | None = None


class MapLine(NamedTuple):
    """An informal line between two people: who influences, allies with or opposes whom."""

    id: int
    from_id: int
    to_id: int
    kind: str
    strength: int
    note: str | None


class DottedLink(NamedTuple):
    """A dotted (secondary, matrix) reporting line: drawn, never laid out."""

    person_id: int
    manager_id: int


class MapAccount(NamedTuple):
    """An account whose people are on the map: the one shown, or one of its affiliates."""

    id: int
    name: str
    country: str | None
    parent_id: int | None


@dataclass(frozen=True, slots=True)
class MapData:
    """Everything one map shows.

    Attributes:
        account_id: the account the map is for.
        accounts: that account and, when affiliates are included, every affiliate below it.
        people: the people of those accounts, by id.
        lines: the influence lines whose both ends are among ``people``.
        dotted: the dotted reporting lines whose both ends are among ``people``.
    """

    account_id: int
    accounts: dict[int, MapAccount]
    people: list[MapPerson]
    lines: list[MapLine]
    dotted: list[DottedLink] = field(default_factory=list)
