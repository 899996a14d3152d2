"""Who of our team covers whom at the customer: how often, when last; gaps and crowding.

A cell counts the interactions that one of our team had with one of their people in the last
90 days and in the last 12 months, and the day of the latest. A gap is a key person (a decision
maker, an economic buyer or anyone of high influence: ``relationships.is_key``) whom none of
us met in 12 months. Over-coverage is a person three or more of us contacted in the last 90
days: the customer sees uncoordinated selling.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from keyplan.domain.relationships import is_key
from keyplan.domain.views.people import ViewContact, ViewPerson

RECENT = timedelta(days=90)
YEAR = timedelta(days=365)

#: This many of us calling the same person within ``RECENT`` is over-coverage.
CROWD = 3


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """One team member's contact with one person."""

    recent: int  # interactions in the last 90 days
    year: int  # interactions in the last 12 months
    last: date  # the latest of them (within the year)


@dataclass(frozen=True, slots=True)
class TeamMatrix:
    """Rows are their people (covered or key), columns our team; gaps and crowds named."""

    people: tuple[ViewPerson, ...]
    team: tuple[str, ...]
    cells: dict[tuple[int, str], MatrixCell]
    gaps: tuple[ViewPerson, ...]
    crowded: tuple[ViewPerson, ...]

    def cell(self, person_id: int, member: str) -> MatrixCell | None:
        return self.cells.get((person_id, member))

    # Each person's latest (day, member), made once: a scan of every cell per person made
    # the plan of 500 people quadratic.
    latest: dict[int, tuple[date, str]] = field(default_factory=dict, compare=False, repr=False)

    def last_contact(self, person_id: int) -> tuple[date, str] | None:
        """When anyone of us last met the person (within the year), and who."""
        return self.latest.get(person_id)


def team_matrix(
    people: list[ViewPerson], team: list[str], contacts: list[ViewContact], today: date
) -> TeamMatrix:
    """The matrix of our team × their people, from the contacts of the last 12 months.

    Args:
        people: their people still at the customer.
        team: our team members' names (the columns, in this order; anyone else who logged a
            contact is added after them).
        contacts: logged interactions (older ones and future ones are ignored).
        today: the day the matrix is for.
    """
    counts: dict[tuple[int, str], list[date]] = defaultdict(list)
    known = {person.id for person in people}
    for contact in contacts:
        if not today - YEAR <= contact.occurred_on <= today:
            continue
        for person_id in set(contact.person_ids) & known:
            for member in set(contact.team):
                counts[(person_id, member)].append(contact.occurred_on)
    cells = {
        key: MatrixCell(
            recent=sum(1 for day in days if today - day <= RECENT), year=len(days), last=max(days)
        )
        for key, days in counts.items()
    }
    columns = list(dict.fromkeys(team))
    columns += sorted({member for _p, member in cells} - set(columns))
    covered = {person_id for person_id, _m in cells}
    gaps = tuple(
        p for p in _by_name(people) if is_key(p.buying_role, p.influence) and p.id not in covered
    )
    recent_callers = Counter(person_id for (person_id, _m), cell in cells.items() if cell.recent)
    crowded = tuple(p for p in _by_name(people) if recent_callers[p.id] >= CROWD)
    rows = tuple(p for p in _by_name(people) if p.id in covered or p in gaps)
    return TeamMatrix(rows, tuple(columns), cells, gaps, crowded, _latest_by_person(cells))


def _latest_by_person(cells: dict[tuple[int, str], MatrixCell]) -> dict[int, tuple[date, str]]:
    latest: dict[int, tuple[date, str]] = {}
    for (person_id, member), cell in cells.items():
        seen = latest.get(person_id)
        if seen is None or (cell.last, member) > seen:
            latest[person_id] = (cell.last, member)
    return latest


def _by_name(people: list[ViewPerson]) -> list[ViewPerson]:
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))
