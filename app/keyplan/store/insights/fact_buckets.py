"""The rows the insights read, sorted into per-account buckets, and built into facts.

Each table is read with one query for all the accounts asked for (never one per account);
an account's facts are then its own buckets plus those of every affiliate below it. How the
interactions are read (all of them, or the recent ones and each person's last contact) is up
to the caller: see ``insight_queries``.

An interaction belongs to the account it was logged on *and* to the accounts of the people in
it: a group-level meeting with an affiliate's managing director is contact with that affiliate
too, as the People tab's "Last contact" says. Seen from one family, an interaction lists only
that family's people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from keyplan.domain.insights.facts import (
    AccountFacts,
    ActionFacts,
    CommitmentFacts,
    InteractionFacts,
    PersonFacts,
)
from keyplan.domain.plan_vocabulary import (
    LIVE_OPPORTUNITY_STATES,
    OpportunityStatus,
    WhitespaceStatus,
    WorkStatus,
)
from keyplan.domain.vocabulary import (
    BuyingRole,
    CommitmentStatus,
    Influence,
    Level,
    Stance,
    Strength,
)
from keyplan.store.insights.rule_sql import stored
from keyplan.store.models import (
    Account,
    Action,
    Commitment,
    Offering,
    Opportunity,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
)

#: Whitespace states in which an offering has come up with the customer.
DISCUSSED = (
    WhitespaceStatus.INSTALLED.value,
    WhitespaceStatus.IN_PURSUIT.value,
    WhitespaceStatus.OPPORTUNITY.value,
)

# Stored words to enum members by dictionary: calling the enum for each of 20,000 people costs
# more than the rest of building their facts. An unknown word reads as the field's default.
_LEVELS = {member.value: member for member in Level}
_ROLES = {member.value: member for member in BuyingRole}
_INFLUENCES = {member.value: member for member in Influence}
_STANCES = {member.value: member for member in Stance}
_STRENGTHS = {member.value: member for member in Strength}
_COMMITMENT_STATES = {member.value: member for member in CommitmentStatus}
_WORK_STATES = {member.value: member for member in WorkStatus}


#: A stakeholder's columns as ``person_facts`` reads them.
PERSON_COLUMNS = (
    Stakeholder.id,
    Stakeholder.full_name,
    Stakeholder.account_id,
    Stakeholder.job_title,
    Stakeholder.department,
    Stakeholder.level,
    Stakeholder.buying_role,
    Stakeholder.influence,
    Stakeholder.stance,
    Stakeholder.strength,
    Stakeholder.contact_frequency_days,
    Stakeholder.has_left,
    Stakeholder.major_challenge,
)


@dataclass(frozen=True, slots=True)
class PortfolioAccount:
    """An account as the dashboard lists it (its own figures, not its affiliates')."""

    id: int
    parent_id: int | None
    name: str
    tier: str
    currency: str
    annual_revenue: float | None
    potential: float | None


@dataclass(frozen=True, slots=True)
class AccountRow:
    """What the insights read of an account itself."""

    id: int
    parent_id: int | None
    name: str
    review_cadence_days: int | None
    last_review_on: date | None


class FactBuckets:
    """The rows of some accounts (or all), sorted by account, ready to become facts."""

    def __init__(self) -> None:
        self.accounts: dict[int, AccountRow] = {}
        self.portfolio_rows: dict[int, PortfolioAccount] = {}
        self.people: dict[int, list[PersonFacts]] = defaultdict(list)
        self.open_seats: dict[int, list[PersonFacts]] = defaultdict(list)
        self.person_account: dict[int, int] = {}
        # Interactions that touch one account only are shared as they are; the others are
        # kept with the accounts they touch and cut down to each family's people.
        self.interactions: dict[int, list[InteractionFacts]] = defaultdict(list)
        self.crossing: dict[int, list[tuple[InteractionFacts, dict[int, int]]]] = defaultdict(list)
        self.commitments: dict[int, list[CommitmentFacts]] = defaultdict(list)
        self.actions: dict[int, list[ActionFacts]] = defaultdict(list)
        self.offerings: dict[int, set[str]] = defaultdict(set)
        self.opportunity_departments: dict[int, set[str]] = defaultdict(set)
        self.assigned_team: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def load(self, session: Session, account_ids: Collection[int] | None) -> None:
        """Read everything but the interactions of ``account_ids`` (None: every account).

        The caller adds the interactions (``add_interaction``), in full or summed up.
        """
        self._load_people(session, account_ids)
        self.load_plan(session, account_ids)

    def load_plan(self, session: Session, account_ids: Collection[int] | None) -> None:
        """Read the accounts, their promises, actions and offerings: everything but people."""
        self._load_accounts(session, account_ids)
        self._load_promises_and_actions(session, account_ids)
        self._load_offerings(session, account_ids)
        self._load_assigned_team(session, account_ids)

    # ---- reading --------------------------------------------------------------------------

    def _load_accounts(self, session: Session, ids: Collection[int] | None) -> None:
        statement = select(
            Account.id,
            Account.parent_id,
            Account.name,
            Account.review_cadence_days,
            Account.last_review_on,
            Account.tier,
            Account.currency,
            Account.annual_revenue,
            Account.potential,
        )
        if ids is not None:
            statement = statement.where(Account.id.in_(ids))
        for row in _rows(session, statement):
            self.accounts[row[0]] = AccountRow(*row[:5])
            self.portfolio_rows[row[0]] = PortfolioAccount(*row[:3], *row[5:])

    def _load_people(self, session: Session, ids: Collection[int] | None) -> None:
        owners: dict[int, list[int]] = defaultdict(list)
        owner_rows = select(RelationshipOwner.stakeholder_id, RelationshipOwner.team_member_id)
        if ids is not None:
            owner_rows = owner_rows.join(
                Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id
            ).where(Stakeholder.account_id.in_(ids))
        for person_id, member_id in _rows(
            session, owner_rows.order_by(RelationshipOwner.team_member_id)
        ):
            owners[person_id].append(member_id)
        statement = select(*PERSON_COLUMNS, Stakeholder.is_vacancy).order_by(Stakeholder.id)
        if ids is not None:
            statement = statement.where(Stakeholder.account_id.in_(ids))
        for row in _rows(session, statement):
            person = person_facts(row[:-1], owners.get(row[0], ()))
            if row[-1]:  # an open position: never one of the people
                self.open_seats[person.account_id].append(person)
                continue
            self.people[person.account_id].append(person)
            self.person_account[person.id] = person.account_id

    def add_interaction(
        self,
        interaction_id: int,
        account_id: int,
        occurred_on: date,
        person_ids: Iterable[int],
        team_member_ids: tuple[int, ...],
    ) -> None:
        """Sort one interaction into the buckets of the accounts it touches."""
        # People from outside the accounts read are not loaded: they drop out here.
        person_account = self.person_account
        accounts_of = {pid: person_account[pid] for pid in person_ids if pid in person_account}
        facts = InteractionFacts(interaction_id, occurred_on, tuple(accounts_of), team_member_ids)
        touched = {account_id, *accounts_of.values()}
        if len(touched) == 1:
            self.interactions[account_id].append(facts)
            return
        for account in touched:
            self.crossing[account].append((facts, accounts_of))

    def _load_promises_and_actions(self, session: Session, ids: Collection[int] | None) -> None:
        commitments = select(
            Commitment.account_id,
            Commitment.id,
            Commitment.promise,
            Commitment.status,
            Commitment.to_stakeholder_id,
            Commitment.by_team_member_id,
            Commitment.made_on,
            Commitment.due_on,
            Commitment.delivered_on,
        )
        actions = select(
            Action.account_id,
            Action.id,
            Action.description,
            Action.status,
            Action.stakeholder_id,
            Action.due_on,
        )
        if ids is not None:
            commitments = commitments.where(Commitment.account_id.in_(ids))
            actions = actions.where(Action.account_id.in_(ids))
        for account_id, cid, promise, status, *rest in _rows(session, commitments):
            promise_state = _COMMITMENT_STATES.get(status, CommitmentStatus.OPEN)
            self.commitments[account_id].append(CommitmentFacts(cid, promise, promise_state, *rest))
        for account_id, aid, description, status, person_id, due_on in _rows(session, actions):
            work_state = _WORK_STATES.get(status, WorkStatus.NOT_STARTED)
            self.actions[account_id].append(
                ActionFacts(aid, description, work_state, person_id, due_on)
            )

    def _load_offerings(self, session: Session, ids: Collection[int] | None) -> None:
        whitespace = (
            select(WhitespaceCell.account_id, Offering.name)
            .join(Offering, Offering.id == WhitespaceCell.offering_id)
            .where(WhitespaceCell.status.in_(DISCUSSED))
        )
        opportunities = (
            select(
                Opportunity.account_id, Offering.name, Opportunity.department, Opportunity.status
            )
            .outerjoin(Offering, Offering.id == Opportunity.offering_id)
            .where(Opportunity.status.in_(stored(LIVE_OPPORTUNITY_STATES)))
        )
        if ids is not None:
            whitespace = whitespace.where(WhitespaceCell.account_id.in_(ids))
            opportunities = opportunities.where(Opportunity.account_id.in_(ids))
        for account_id, offering in _rows(session, whitespace):
            self.offerings[account_id].add(offering)
        for account_id, offering, department, status in _rows(session, opportunities):
            if offering:
                self.offerings[account_id].add(offering)
            if department and status == OpportunityStatus.OPEN:
                self.opportunity_departments[account_id].add(department)

    def _load_assigned_team(self, session: Session, ids: Collection[int] | None) -> None:
        statement = select(TeamMember.account_id, TeamMember.id, TeamMember.name).where(
            TeamMember.account_id.is_not(None)
        )
        if ids is not None:
            statement = statement.where(TeamMember.account_id.in_(ids))
        for account_id, member_id, name in _rows(session, statement.order_by(TeamMember.id)):
            self.assigned_team[account_id].append((member_id, name))

    def assigned_team_of(self, members: list[int]) -> tuple[tuple[int, str], ...]:
        """Our team assigned to any account of a family, as (id, name) pairs."""
        return _joined(self.assigned_team, members)

    # ---- building ---------------------------------------------------------------------------

    def facts_for(self, account_id: int, family: Collection[int]) -> AccountFacts:
        """The facts of ``account_id`` with everything of the accounts in ``family``.

        Raises:
            KeyError: the account was not read.
        """
        account = self.accounts[account_id]
        members = sorted(family)
        return AccountFacts(
            id=account.id,
            name=account.name,
            review_cadence_days=account.review_cadence_days,
            last_review_on=account.last_review_on,
            people=_joined(self.people, members),
            interactions=self._family_interactions(members),
            commitments=_joined(self.commitments, members),
            actions=_joined(self.actions, members),
            offerings_discussed=tuple(sorted(_union(self.offerings, members))),
            opportunity_departments=tuple(sorted(_union(self.opportunity_departments, members))),
            open_seats=_joined(self.open_seats, members),
            assigned_team=self.assigned_team_of(members),
        )

    def _family_interactions(self, members: list[int]) -> tuple[InteractionFacts, ...]:
        own = _joined(self.interactions, members)
        if not any(account in self.crossing for account in members):
            return own
        inside = set(members)
        crossing: dict[int, InteractionFacts] = {}
        for account in members:
            for facts, accounts_of in self.crossing.get(account, ()):
                if facts.id not in crossing:
                    crossing[facts.id] = _cut_to(facts, accounts_of, inside)
        return own + tuple(crossing.values())


def _cut_to(
    facts: InteractionFacts, accounts_of: Mapping[int, int], family: set[int]
) -> InteractionFacts:
    """An interaction as one family sees it: only that family's people in it."""
    people = tuple(pid for pid in facts.person_ids if accounts_of[pid] in family)
    if len(people) == len(facts.person_ids):
        return facts
    return InteractionFacts(facts.id, facts.on, people, facts.team_member_ids)


def person_facts(row: Any, owner_ids: Iterable[int]) -> PersonFacts:
    """One stakeholder row as plain facts; unknown stored words read as the defaults."""
    (pid, name, account_id, title, department, level, role, influence, stance, strength,
     every, has_left, challenge) = row  # fmt: skip
    # Positional, in PersonFacts' field order: twice as fast as keywords for 20,000 people.
    return PersonFacts(
        pid,
        name,
        account_id,
        title,
        department,
        _LEVELS.get(level),
        _ROLES.get(role, BuyingRole.NONE),
        _INFLUENCES.get(influence),
        _STANCES.get(stance, Stance.UNKNOWN),
        _STRENGTHS.get(strength, Strength.NONE),
        every,
        bool(has_left),
        tuple(owner_ids),
        challenge,
    )


def _joined(buckets: Mapping[int, list[Any]], members: list[int]) -> tuple[Any, ...]:
    """The rows of every account in ``members``, one tuple."""
    if len(members) == 1:
        return tuple(buckets.get(members[0], ()))
    joined: list[Any] = []
    for account in members:
        joined.extend(buckets.get(account, ()))
    return tuple(joined)


def _union(buckets: Mapping[int, set[str]], members: list[int]) -> set[str]:
    found: set[str] = set()
    for account in members:
        found |= buckets.get(account, set())
    return found


def _rows(session: Session, statement: Select) -> Sequence[Any]:
    # Core execution, fetched at once: tuples without the ORM's per-row bookkeeping.
    return session.connection().execute(statement).all()
