"""Relationship health: the people who need attention, each with a sentence saying why.

Four kinds of finding, most serious first:
- a champion has left the company (our voice inside is gone);
- a decision maker or high-influence person has no owner or only a weak relationship;
- a blocker has no open action aimed at winning them over;
- a relationship has gone stale: no contact for longer than the person prefers (default 90
  days), or never any contact at all. Only people we must keep warm count (see
  ``needs_keeping_warm``); strangers are coverage gaps, not stale relationships.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from keyplan.domain.insights.contacts import ContactLog, contact_log
from keyplan.domain.insights.facts import AccountFacts, ActionFacts, PersonFacts
from keyplan.domain.insights.people import (
    contact_interval,
    is_champion,
    is_key_person,
    is_key_person_uncovered,
    key_person_gap,
    label,
    needs_keeping_warm,
)
from keyplan.domain.plan_vocabulary import WorkStatus
from keyplan.domain.relationships import contact_due
from keyplan.domain.vocabulary import Stance

#: Actions in these states still count as somebody working on a blocker.
OPEN_WORK = frozenset({WorkStatus.NOT_STARTED, WorkStatus.IN_PROGRESS})


class FindingKind(StrEnum):
    """What is wrong with a relationship, most serious first."""

    CHAMPION_LEFT = "champion_left"
    UNCOVERED_KEY_PERSON = "uncovered_key_person"
    UNMITIGATED_BLOCKER = "unmitigated_blocker"
    STALE = "stale"


_SEVERITY = {kind: rank for rank, kind in enumerate(FindingKind)}


@dataclass(frozen=True, slots=True)
class HealthFinding:
    """One thing wrong with one relationship.

    Attributes:
        days_since_contact: for STALE, days since the last contact; None when never contacted.
        days_overdue: for STALE, days past the person's contact interval (None if never met).
    """

    kind: FindingKind
    person_id: int
    reason: str
    days_since_contact: int | None = None
    days_overdue: int | None = None
    who: str = ""  # the person's name, for a headline

    @property
    def never_contacted(self) -> bool:
        """True for a stale finding about somebody nobody has ever met."""
        return self.kind is FindingKind.STALE and self.days_since_contact is None


@dataclass(frozen=True, slots=True)
class RelationshipHealth:
    """All findings of an account, most serious first, with the populations they come from.

    Attributes:
        key_people: current decision makers and high-influence people.
        warm_people: current people whose relationship must be kept warm.
        blockers: current people with a blocker stance.
    """

    findings: tuple[HealthFinding, ...]
    key_people: int
    warm_people: int
    blockers: int

    def count(self, kind: FindingKind) -> int:
        """How many findings of one kind there are."""
        return sum(1 for finding in self.findings if finding.kind is kind)

    def for_person(self, person_id: int) -> tuple[HealthFinding, ...]:
        """The findings about one person."""
        return tuple(finding for finding in self.findings if finding.person_id == person_id)


def relationship_health(
    account: AccountFacts, today: date, *, log: ContactLog | None = None
) -> RelationshipHealth:
    """Find the relationships that need attention.

    Args:
        account: the account to read.
        today: the date the staleness is measured against.
        log: the account's contact log, when the caller already has it.

    Returns:
        The findings, most serious first; within a kind, key people and the longest overdue
        come first.
    """
    log = log or contact_log(account, today)
    mitigated = _people_being_won_over(account, today)
    findings: list[HealthFinding] = []
    for person in account.people:
        findings.extend(findings_for_person(person, log, mitigated, today))
    people = {person.id: person for person in account.people}
    findings.sort(key=lambda finding: _priority(finding, people))
    current = [person for person in account.people if not person.has_left]
    stances = Counter(person.stance for person in current)
    return RelationshipHealth(
        findings=tuple(findings),
        key_people=sum(1 for person in current if is_key_person(person)),
        warm_people=sum(1 for person in current if needs_keeping_warm(person)),
        blockers=stances[Stance.BLOCKER],
    )


def is_stale(person: PersonFacts, log: ContactLog, today: date) -> bool:
    """True for a person we must keep warm who needs a contact now: overdue, or never met
    (``relationships.contact_due``; the finding's reason tells the two apart)."""
    due = contact_due(
        needs_keeping_warm(person),
        log.days_since_contact(person.id, today),
        person.preferred_contact_days,
    )
    return due is not None


def stale_finding(person: PersonFacts, log: ContactLog, today: date) -> HealthFinding | None:
    """A STALE finding for a person we must keep warm and have not met for too long, else None."""
    if not is_stale(person, log, today):
        return None
    interval = contact_interval(person)
    days = log.days_since_contact(person.id, today)
    preference = (
        f"prefers every {interval} days"
        if interval == person.preferred_contact_days
        else f"the default is every {interval} days"
    )
    if days is None:
        reason = f"{label(person)} has never been contacted; {preference}"
        return HealthFinding(FindingKind.STALE, person.id, reason, who=person.name)
    reason = f"{label(person)} last contacted {days} days ago; {preference}"
    return HealthFinding(
        FindingKind.STALE, person.id, reason, days, days - interval, who=person.name
    )


def findings_for_person(
    person: PersonFacts, log: ContactLog, mitigated: Collection[int], today: date
) -> list[HealthFinding]:
    """Every finding about one person.

    Args:
        person: the person.
        log: contact log holding at least this person's last contact.
        mitigated: the people at whom an open action is aimed.
        today: the date staleness is measured against.
    """
    if person.has_left:
        if not is_champion(person):
            return []
        reason = f"{label(person)}, a champion, has left the company"
        return [HealthFinding(FindingKind.CHAMPION_LEFT, person.id, reason, who=person.name)]
    found = []
    if is_key_person_uncovered(person):
        reason = f"{label(person)} {key_person_gap(person)}"
        found.append(
            HealthFinding(FindingKind.UNCOVERED_KEY_PERSON, person.id, reason, who=person.name)
        )
    if person.stance is Stance.BLOCKER and person.id not in mitigated:
        reason = f"{label(person)} is a blocker and no open action due ahead aims to win them over"
        found.append(
            HealthFinding(FindingKind.UNMITIGATED_BLOCKER, person.id, reason, who=person.name)
        )
    stale = stale_finding(person, log, today)
    if stale is not None:
        found.append(stale)
    return found


def wins_over(action: ActionFacts, today: date) -> bool:
    """Whether an action is a live plan to win its person over: aimed at someone, not done,
    and due on a date still ahead (today included).

    A row with no date, or one left to go overdue, is a wish rather than a plan: counting it
    let one hastily added line lift an account by a blocker's whole weight.
    """
    return (
        action.stakeholder_id is not None
        and action.status in OPEN_WORK
        and action.due_on is not None
        and action.due_on >= today
    )


def _people_being_won_over(account: AccountFacts, today: date) -> set[int]:
    """The people at whom a live plan (``wins_over``) is aimed."""
    # wins_over has checked that the action names its person; said again for the type checker.
    return {
        action.stakeholder_id
        for action in account.actions
        if wins_over(action, today) and action.stakeholder_id is not None
    }


def _priority(finding: HealthFinding, people: dict[int, PersonFacts]) -> tuple:
    """Sort key: kind, then key people, then the longest overdue (never met counts as longest)."""
    person = people[finding.person_id]
    overdue = finding.days_overdue
    lateness = -overdue if overdue is not None else -(10**9)
    return (_SEVERITY[finding.kind], not is_key_person(person), lateness, person.name)
