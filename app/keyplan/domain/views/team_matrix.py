"""Who of our team covers whom at the customer: how often, when last; gaps and crowding.

A cell counts the interactions that one of our team had with one of their people in the last
90 days and in the last 12 months, and the day of the latest. A gap is a key person (a decision
maker, an economic buyer or anyone of high influence: ``relationships.is_key``) whom none of
us met in 12 months. Over-coverage is a person three or more of us contacted in the last 90
days: the customer sees uncoordinated selling.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
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

    def last_contact(self, person_id: int) -> tuple[date, str] | None:
        """When anyone of us last met the person (within the year), and who."""
        found = [(c.last, m) for (p, m), c in self.cells.items() if p == person_id]
        return max(found) if found else None


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
    crowded = tuple(p for p in _by_name(people) if _recent_callers(cells, p.id) >= CROWD)
    rows = tuple(p for p in _by_name(people) if p.id in covered or p in gaps)
    return TeamMatrix(rows, tuple(columns), cells, gaps, crowded)


def _recent_callers(cells: dict[tuple[int, str], MatrixCell], person_id: int) -> int:
    return sum(1 for (p, _m), cell in cells.items() if p == person_id and cell.recent)


def _by_name(people: list[ViewPerson]) -> list[ViewPerson]:
    return sorted(people, key=lambda p: (p.name.casefold(), p.id))
