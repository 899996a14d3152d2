"""The portfolio dashboard's view of an account: counts instead of people, the same score.

The dashboard scores every account at once. Building every person and every interaction as an
object for that costs seconds on a large portfolio, so the store counts what the score needs
(people per department and level, findings per kind, the recent window's meetings) and hands
over the few people a reason has to name. ``summarise_tally`` turns those counts into the
same ``AccountSummary`` that ``summarise_account`` computes from the full facts: both go
through ``finding_tally`` / ``account_score``, and a store test holds them equal on real data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from keyplan.domain.insights.concentration import (
    Concentration,
    ContactSpread,
    spread_concentration,
)
from keyplan.domain.insights.coverage import Breadth, department_key, idle_assigned_team
from keyplan.domain.insights.facts import (
    AccountFacts,
    CommitmentFacts,
    PersonFacts,
)
from keyplan.domain.insights.health import FindingKind, HealthFinding, RelationshipHealth
from keyplan.domain.insights.people import is_key_person
from keyplan.domain.relationships import is_decision_maker
from keyplan.domain.vocabulary import Level

_EMPTY: Mapping = MappingProxyType({})
_LEVELS = tuple(Level)  # in order, listed once (iterating the enum class runs Python code)


@dataclass(frozen=True, slots=True)
class FindingTally:
    """How many relationship findings of each kind an account has, and the people behind them.

    What the score reads of ``RelationshipHealth``; the dashboard's store fills it from counts.

    Attributes:
        key_people: current decision makers and high-influence people.
        decision_makers: of them, the decision makers.
        warm_people: current people whose relationship must be kept warm.
        blockers: current people with a blocker stance.
        counts: findings per kind (kinds with none may be missing).
        uncovered_decision_makers: UNCOVERED_KEY_PERSON findings about decision makers.
        key_blockers: UNMITIGATED_BLOCKER findings about key people (a blocker who decides
            or carries much weight).
        singles: for a kind with exactly one finding, that finding (its reason is quoted).
    """

    key_people: int = 0
    decision_makers: int = 0
    warm_people: int = 0
    blockers: int = 0
    counts: Mapping[FindingKind, int] = field(default_factory=lambda: _EMPTY)
    uncovered_decision_makers: int = 0
    key_blockers: int = 0
    singles: Mapping[FindingKind, HealthFinding] = field(default_factory=lambda: _EMPTY)

    def count(self, kind: FindingKind) -> int:
        """How many findings of one kind there are."""
        return self.counts.get(kind, 0)

    def single(self, kind: FindingKind) -> HealthFinding | None:
        """The finding of a kind when there is exactly one, else None."""
        return self.singles.get(kind) if self.count(kind) == 1 else None


def finding_tally(health: RelationshipHealth, people: Iterable[PersonFacts]) -> FindingTally:
    """Count the findings of a full analysis the way the dashboard's store counts them.

    Args:
        health: the findings of an account.
        people: the account's people (for who decides and who is a key person).
    """
    by_id = {person.id: person for person in people}
    current = [person for person in by_id.values() if not person.has_left]
    counts: dict[FindingKind, int] = {}
    firsts: dict[FindingKind, HealthFinding] = {}
    uncovered_deciders = key_blockers = 0
    for finding in health.findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
        firsts.setdefault(finding.kind, finding)
        person = by_id[finding.person_id]
        if finding.kind is FindingKind.UNCOVERED_KEY_PERSON and _decides(person):
            uncovered_deciders += 1
        if finding.kind is FindingKind.UNMITIGATED_BLOCKER and is_key_person(person):
            key_blockers += 1
    return FindingTally(
        key_people=health.key_people,
        decision_makers=sum(1 for person in current if _decides(person)),
        warm_people=health.warm_people,
        blockers=health.blockers,
        counts=MappingProxyType(counts),
        uncovered_decision_makers=uncovered_deciders,
        key_blockers=key_blockers,
        singles=MappingProxyType({kind: f for kind, f in firsts.items() if counts[kind] == 1}),
    )


def _decides(person: PersonFacts) -> bool:
    return is_decision_maker(person.buying_role)


@dataclass(frozen=True, slots=True)
class PeopleCell:
    """The current people of one account in one department at one level, counted.

    Attributes:
        department: as stored (rows are matched ignoring case and spacing).
        level: None when not recorded.
        known: how many people.
        engaged: of them, those with at least a working relationship.
        first_id: the lowest person id in the cell.
    """

    department: str | None
    level: Level | None
    known: int
    engaged: int
    first_id: int


@dataclass(frozen=True, slots=True)
class AccountTally:
    """What the dashboard needs of an account (with its affiliates), counted by the store.

    Attributes:
        cells: the current people, counted per account, department and level; in the order
            of the first person of each (by account id, then person id), the order in which
            the coverage grid meets the people, so a department's first spelling names it.
        recent_contact: the recent window's (``RECENT_DAYS`` up to today) interactions with
            the account's people, counted per person and meeting size.
        names: the names of the people in ``recent_contact`` (to name the best-served one).
        team_member_ids: our team members engaged: in a recent interaction that touches the
            account, or owning a relationship with a current person there.
        findings: the relationship findings, counted.
        interactions_by_month: interactions logged per calendar month, oldest first.
        last_interaction_on: the latest interaction logged on the account or held with its
            people, up to today.
    """

    id: int
    name: str
    review_cadence_days: int | None = None
    last_review_on: date | None = None
    cells: tuple[PeopleCell, ...] = ()
    recent_contact: ContactSpread = field(default_factory=ContactSpread)
    names: Mapping[int, str] = field(default_factory=lambda: _EMPTY)
    team_member_ids: frozenset[int] = frozenset()
    findings: FindingTally = field(default_factory=FindingTally)
    commitments: tuple[CommitmentFacts, ...] = ()
    offerings_discussed: tuple[str, ...] = ()
    opportunity_departments: tuple[str, ...] = ()
    interactions_by_month: tuple[int, ...] = ()
    last_interaction_on: date | None = None
    vacant_seats: tuple[str, ...] = ()  # titles of open decision makers' seats, by title
    assigned_team: tuple[tuple[int, str], ...] = ()  # (id, name) of our team assigned here


def tally_breadth(tally: AccountTally) -> Breadth:
    """The breadth counts of a tallied account, exactly as ``coverage_grid`` counts them."""
    rows: dict[str, str] = {}  # department key -> row name (the first spelling wins)
    engaged_rows: set[str] = set()
    levels: set[Level] = set()
    for cell in tally.cells:
        key = department_key(cell.department)
        if key is not None and key not in rows:
            rows[key] = " ".join((cell.department or "").split())
        if cell.engaged:
            if key is not None:
                engaged_rows.add(key)
            if cell.level is not None:
                levels.add(cell.level)
    for department in tally.opportunity_departments:
        key = department_key(department)
        if key is not None and key not in rows:
            rows[key] = " ".join(department.split())
    team = tally.team_member_ids
    offerings = {key for key in map(department_key, tally.offerings_discussed) if key}
    engaged_names = {rows[key] for key in engaged_rows}
    return Breadth(
        departments_known=len(rows),
        departments_engaged=len(engaged_names),
        levels_engaged=len(levels),
        offerings_discussed=len(offerings),
        team_members_engaged=len(team),
        engaged_departments=tuple(sorted(engaged_names, key=str.casefold)),
        engaged_levels=tuple(level for level in _LEVELS if level in levels),
        team_member_ids=tuple(sorted(team)),
        team_members_assigned=len(tally.assigned_team),
        idle_team_names=idle_assigned_team(tally.assigned_team, team),
    )


def tally_concentration(tally: AccountTally) -> Concentration:
    """How concentrated the recent contact of a tallied account is."""
    return spread_concentration(tally.recent_contact, tally.names.get)


def tally_plan_facts(tally: AccountTally) -> AccountFacts:
    """The account's promises and plan review as facts, for ``promise_keeping`` and freshness."""
    return AccountFacts(
        id=tally.id,
        name=tally.name,
        review_cadence_days=tally.review_cadence_days,
        last_review_on=tally.last_review_on,
        commitments=tally.commitments,
    )
