"""The dashboard's findings beyond the people count: current blockers and the open actions
that mitigate them, each family's findings added up, and the few people a kind's only finding
names, read in full to word that finding as the insights tab does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from types import MappingProxyType

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from keyplan.domain.insights.contacts import ContactLog
from keyplan.domain.insights.facts import PersonFacts
from keyplan.domain.insights.health import (
    FindingKind,
    HealthFinding,
    findings_for_person,
    wins_over,
)
from keyplan.domain.insights.tally import FindingTally
from keyplan.domain.vocabulary import Stance
from keyplan.store.insights.dashboard_people import PeopleCounts
from keyplan.store.insights.dashboard_sql import all_rows, is_key_condition, plain_rows
from keyplan.store.insights.fact_buckets import PERSON_COLUMNS, FactBuckets, person_facts
from keyplan.store.meetings.facts import last_contacts
from keyplan.store.models import RelationshipOwner, Stakeholder

_KINDS = (
    FindingKind.UNCOVERED_KEY_PERSON,
    FindingKind.STALE,
    FindingKind.CHAMPION_LEFT,
    FindingKind.UNMITIGATED_BLOCKER,
)


def current_blockers(
    session: Session, account_ids: Collection[int] | None
) -> dict[int, list[tuple[int, bool]]]:
    """Account id -> (person id, is a key person) of its current blockers."""
    s = Stakeholder
    statement = select(s.account_id, s.id, case((is_key_condition(), 1), else_=0)).where(
        s.stance == Stance.BLOCKER.value, s.has_left.is_(False)
    )
    if account_ids is not None:
        statement = statement.where(s.account_id.in_(account_ids))
    found: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for account_id, person_id, is_key in sorted(plain_rows(session, statement)):
        found[account_id].append((person_id, bool(is_key)))
    return found


class OpenActions:
    """The people an open action aims at, per account; unions per family, remembered."""

    def __init__(self, by_account: Mapping[int, set[int]]) -> None:
        self.by_account = by_account
        self._families: dict[tuple[int, ...], set[int]] = {}

    def get_family(self, members: list[int]) -> set[int]:
        key = tuple(members)
        if key not in self._families:
            self._families[key] = {p for m in members for p in self.by_account.get(m, ())}
        return self._families[key]


def open_action_targets(buckets: FactBuckets, today: date) -> OpenActions:
    """The people each account's open actions aim at (the actions that mitigate a blocker)."""
    targets: dict[int, set[int]] = defaultdict(set)
    for account_id, actions in buckets.actions.items():
        for action in actions:
            # wins_over has checked the person is named; said again for the type checker.
            if wins_over(action, today) and action.stakeholder_id is not None:
                targets[account_id].add(action.stakeholder_id)
    return OpenActions(targets)


def family_findings(
    members: list[PeopleCounts],
    unmitigated: list[tuple[int, bool]],
    blockers: Mapping[int, list[tuple[int, bool]]],
    member_ids: list[int],
) -> tuple[FindingTally, dict[FindingKind, int]]:
    """Add up the members' counts; note who a kind's only finding is about."""
    counts: dict[FindingKind, int] = defaultdict(int)
    singles: dict[FindingKind, int] = {}
    for tally in members:
        for kind, count in tally.findings.items():
            counts[kind] += count
    if unmitigated:
        counts[FindingKind.UNMITIGATED_BLOCKER] = len(unmitigated)
    for kind in _KINDS:
        if counts.get(kind) == 1:
            if kind is FindingKind.UNMITIGATED_BLOCKER:
                singles[kind] = unmitigated[0][0]
            else:
                singles[kind] = next(t.first[kind] for t in members if kind in t.first)
    return FindingTally(
        key_people=sum(t.key_people for t in members),
        decision_makers=sum(t.decision_makers for t in members),
        warm_people=sum(t.warm_people for t in members),
        blockers=sum(len(blockers.get(m, ())) for m in member_ids),
        counts=MappingProxyType(dict(counts)),
        uncovered_decision_makers=sum(t.uncovered_deciders for t in members),
        key_blockers=sum(1 for _pid, is_key in unmitigated if is_key),
    ), singles


def single_findings(
    session: Session,
    found: Mapping[int, tuple[FindingTally, dict[FindingKind, int]]],
    today: date,
) -> dict[int, dict[FindingKind, HealthFinding]]:
    """Person id -> their findings by kind, for the people behind a kind's only finding."""
    wanted = {pid for _tally, singles in found.values() for pid in singles.values()}
    if not wanted:
        return {}
    log = _contact_log(session, wanted, today)
    # Only unmitigated blockers are asked about, so no action counts as mitigating here.
    return {
        pid: {f.kind: f for f in findings_for_person(person, log, (), today)}
        for pid, person in _people(session, wanted).items()
    }


def _people(session: Session, person_ids: Iterable[int]) -> dict[int, PersonFacts]:
    ids = list(person_ids)
    owners: dict[int, list[int]] = defaultdict(list)
    owner_rows = (
        select(RelationshipOwner.stakeholder_id, RelationshipOwner.team_member_id)
        .where(RelationshipOwner.stakeholder_id.in_(ids))
        .order_by(RelationshipOwner.team_member_id)
    )
    for person_id, member_id in all_rows(session, owner_rows):
        owners[person_id].append(member_id)
    statement = select(*PERSON_COLUMNS).where(Stakeholder.id.in_(ids))
    return {
        row[0]: person_facts(row, owners.get(row[0], ())) for row in all_rows(session, statement)
    }


def _contact_log(session: Session, person_ids: Iterable[int], today: date) -> ContactLog:
    last = last_contacts(session, Stakeholder.id.in_(list(person_ids)), until=today)
    return ContactLog(last_contact_on=last, recent=(), recent_team_member_ids=frozenset())
