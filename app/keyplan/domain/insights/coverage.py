"""Four-dimensional coverage: departments × levels, plus offerings and our own team.

The grid answers "where do we know people, and where do we really have a relationship?";
the breadth counts answer "how many dimensions of the account are we working at once?".
People who have left the customer are not coverage and are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from keyplan.domain.insights.contacts import ContactLog, contact_log
from keyplan.domain.insights.facts import AccountFacts, PersonFacts
from keyplan.domain.insights.people import is_engaged
from keyplan.domain.relationships import is_decision_maker
from keyplan.domain.vocabulary import Level, Strength

#: The row for people whose department nobody recorded.
NO_DEPARTMENT = "(no department)"

CellKey = tuple[str, Level | None]


@dataclass(frozen=True, slots=True)
class CoverageCell:
    """The people we know in one department at one level.

    Attributes:
        person_ids: everybody known there, in input order.
        engaged_count: how many of them we have at least a working relationship with.
        best_strength: the strongest relationship there (NONE for an empty cell).
        has_decision_maker: whether a decision maker sits there.
    """

    department: str
    level: Level | None
    person_ids: tuple[int, ...] = ()
    engaged_count: int = 0
    best_strength: Strength = Strength.NONE
    has_decision_maker: bool = False

    @property
    def engaged(self) -> bool:
        """True when at least one person here is engaged."""
        return self.engaged_count > 0


@dataclass(frozen=True, slots=True)
class Breadth:
    """How many dimensions of the account we work: the opposite of driving in the ruts."""

    departments_known: int
    departments_engaged: int
    levels_engaged: int
    offerings_discussed: int
    team_members_engaged: int
    engaged_departments: tuple[str, ...] = ()
    engaged_levels: tuple[Level, ...] = ()
    team_member_ids: tuple[int, ...] = ()
    # Our team assigned to the account (TeamMember.account_id), engaged or not, and the names
    # of those assigned who are not engaged (met no one recently and own no relationship).
    team_members_assigned: int = 0
    idle_team_names: tuple[str, ...] = ()


def idle_assigned_team(
    assigned: Iterable[tuple[int, str]], engaged_ids: Collection[int]
) -> tuple[str, ...]:
    """The names of assigned team members who are not engaged, in name order.

    One definition for the full analysis and the dashboard's counted one.
    """
    return tuple(
        sorted((name for mid, name in assigned if mid not in engaged_ids), key=str.casefold)
    )


@dataclass(frozen=True, slots=True)
class Coverage:
    """The department × level grid of an account and its breadth.

    ``departments`` are the rows (alphabetical, ``NO_DEPARTMENT`` last); ``levels`` the columns
    (board first, ``None`` for "level unknown" last and only when somebody needs it).
    """

    departments: tuple[str, ...]
    levels: tuple[Level | None, ...]
    cells: Mapping[CellKey, CoverageCell]
    breadth: Breadth
    _rows_by_key: Mapping[str, str] = field(default_factory=dict, repr=False)

    def row_for(self, department: str | None) -> str:
        """The grid row a department name belongs to, matched ignoring case and spacing."""
        key = department_key(department)
        if key is None:
            return NO_DEPARTMENT
        return self._rows_by_key.get(key, " ".join((department or "").split()))

    def cell(self, department: str | None, level: Level | None) -> CoverageCell:
        """The cell at a department and level; an empty cell where we know nobody."""
        row = self.row_for(department)
        return self.cells.get((row, level)) or CoverageCell(department=row, level=level)

    def best_engaged_level(self, department: str | None) -> Level | None:
        """The most senior level at which a department is engaged, or None if it is not."""
        row = self.row_for(department)
        for level in Level:
            found = self.cells.get((row, level))
            if found is not None and found.engaged:
                return level
        return None

    def department_engaged(self, department: str | None) -> bool:
        """True when someone in the department (any level) is engaged."""
        return self.row_for(department) in self.breadth.engaged_departments


@lru_cache(maxsize=4096)  # a portfolio spells its departments a few hundred ways at most
def department_key(department: str | None) -> str | None:
    """How department names are compared: "Finance", " finance" and "FINANCE" are one row."""
    if department is None:
        return None
    key = " ".join(department.split()).casefold()
    return key or None


def coverage_grid(account: AccountFacts, today: date, *, log: ContactLog | None = None) -> Coverage:
    """Build the coverage grid and the breadth counts of an account.

    Args:
        account: the account to read.
        today: the date of the analysis; team members count as engaged when they met the
            customer in the last ``RECENT_DAYS`` days (or own a relationship).
        log: the account's contact log, when the caller already has it.

    Returns:
        The grid with one cell per department and level where somebody is known.
    """
    log = log or contact_log(account, today)
    current = [person for person in account.people if not person.has_left]
    rows_by_key = _row_names(
        [person.department for person in current] + list(account.opportunity_departments)
    )
    cells = _fill_cells(current, rows_by_key)
    departments = sorted(set(rows_by_key.values()), key=str.casefold)
    if any(department_key(person.department) is None for person in current):
        departments.append(NO_DEPARTMENT)
    levels: list[Level | None] = list(Level)
    if any(person.level is None for person in current):
        levels.append(None)
    return Coverage(
        departments=tuple(departments),
        levels=tuple(levels),
        cells=MappingProxyType(cells),
        breadth=_breadth(account, current, cells, len(set(rows_by_key.values())), log),
        _rows_by_key=MappingProxyType(rows_by_key),
    )


def _row_names(departments: Iterable[str | None]) -> dict[str, str]:
    """Map each department key to its row name: the first spelling met wins."""
    rows: dict[str, str] = {}
    for name in departments:
        key = department_key(name)
        if key is not None and key not in rows:
            rows[key] = " ".join((name or "").split())
    return rows


def _fill_cells(
    people: list[PersonFacts], rows_by_key: Mapping[str, str]
) -> dict[CellKey, CoverageCell]:
    """Group people into cells, tallying engagement as we go (one pass)."""
    grouped: dict[CellKey, list[PersonFacts]] = {}
    for person in people:
        key = department_key(person.department)
        row = NO_DEPARTMENT if key is None else rows_by_key[key]
        grouped.setdefault((row, person.level), []).append(person)
    return {
        (row, level): CoverageCell(
            department=row,
            level=level,
            person_ids=tuple(person.id for person in members),
            engaged_count=sum(1 for person in members if is_engaged(person)),
            best_strength=Strength(max(person.strength for person in members)),
            has_decision_maker=any(is_decision_maker(person.buying_role) for person in members),
        )
        for (row, level), members in grouped.items()
    }


def _breadth(
    account: AccountFacts,
    current: list[PersonFacts],
    cells: Mapping[CellKey, CoverageCell],
    departments_known: int,
    log: ContactLog,
) -> Breadth:
    """Count the dimensions worked; unknown department or level never counts as one."""
    engaged = [cell for cell in cells.values() if cell.engaged]
    departments = {cell.department for cell in engaged if cell.department != NO_DEPARTMENT}
    levels = {cell.level for cell in engaged if cell.level is not None}
    team = set(log.recent_team_member_ids)
    for person in current:
        team.update(person.owner_ids)
    # Offering names are compared like department names: case and spacing do not matter.
    offerings = {key for key in map(department_key, account.offerings_discussed) if key}
    return Breadth(
        departments_known=departments_known,
        departments_engaged=len(departments),
        levels_engaged=len(levels),
        offerings_discussed=len(offerings),
        team_members_engaged=len(team),
        engaged_departments=tuple(sorted(departments, key=str.casefold)),
        engaged_levels=tuple(level for level in Level if level in levels),
        team_member_ids=tuple(sorted(team)),
        team_members_assigned=len(account.assigned_team),
        idle_team_names=idle_assigned_team(account.assigned_team, team),
    )
