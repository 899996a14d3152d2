"""The account plan's own tables, each read as frozen rows for the accounts given.

Used by ``queries.load_plan`` within its one session: opportunities, competitors, risks,
objectives, actions and promises, each ordered the way the printed plan lists them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.rules import is_commitment_late
from keyplan.store.models import (
    Action,
    Commitment,
    CompetitorPresence,
    Objective,
    Offering,
    Opportunity,
    Risk,
    Stakeholder,
    TeamMember,
)
from keyplan.store.plan.rows import (
    ActionRow,
    CommitmentRow,
    CompetitorRow,
    ObjectiveRow,
    OpportunityRow,
    RiskRow,
)


def opportunities(session: Session, accounts: set[int]) -> tuple[OpportunityRow, ...]:
    """The opportunities, soonest to close first (no date last)."""
    o = Opportunity
    statement = (
        select(
            o.name,
            o.department,
            Offering.name,
            o.value,
            o.currency,
            o.stage,
            o.probability,
            o.expected_close_on,
            o.status,
        )
        .outerjoin(Offering, Offering.id == o.offering_id)
        .where(o.account_id.in_(accounts))
        .order_by(o.expected_close_on.is_(None), o.expected_close_on, o.name)
    )
    return tuple(OpportunityRow(*row) for row in session.execute(statement))


def competitors(session: Session, accounts: set[int]) -> tuple[CompetitorRow, ...]:
    """Where competitors are present, by competitor and area."""
    c = CompetitorPresence
    statement = (
        select(c.competitor, c.area, c.threat_level, c.notes)
        .where(c.account_id.in_(accounts))
        .order_by(c.competitor, c.area)
    )
    return tuple(CompetitorRow(*row) for row in session.execute(statement))


def risks(session: Session, accounts: set[int]) -> tuple[RiskRow, ...]:
    """The risks, as entered, with their owner's name."""
    statement = (
        select(
            Risk.description,
            Risk.likelihood,
            Risk.impact,
            Risk.mitigation,
            TeamMember.name,
            Risk.status,
        )
        .outerjoin(TeamMember, TeamMember.id == Risk.owner_id)
        .where(Risk.account_id.in_(accounts))
        .order_by(Risk.id)
    )
    return tuple(RiskRow(*row) for row in session.execute(statement))


def objectives(session: Session, accounts: set[int]) -> tuple[ObjectiveRow, ...]:
    """The objectives, soonest due first (no date last)."""
    o = Objective
    statement = (
        select(o.description, o.measure, o.target, o.due_on, o.status)
        .where(o.account_id.in_(accounts))
        .order_by(o.due_on.is_(None), o.due_on, o.id)
    )
    return tuple(ObjectiveRow(*row) for row in session.execute(statement))


def actions(session: Session, accounts: set[int]) -> tuple[ActionRow, ...]:
    """The actions, soonest due first, with the names of what each is for."""
    statement = (
        select(
            Action.description,
            TeamMember.name,
            Action.due_on,
            Action.status,
            Stakeholder.full_name,
            Opportunity.name,
            Objective.description,
        )
        .outerjoin(TeamMember, TeamMember.id == Action.owner_id)
        .outerjoin(Stakeholder, Stakeholder.id == Action.stakeholder_id)
        .outerjoin(Opportunity, Opportunity.id == Action.opportunity_id)
        .outerjoin(Objective, Objective.id == Action.objective_id)
        .where(Action.account_id.in_(accounts))
        .order_by(Action.due_on.is_(None), Action.due_on, Action.id)
    )
    return tuple(ActionRow(*row) for row in session.execute(statement))


def commitments(session: Session, accounts: set[int], today: date) -> tuple[CommitmentRow, ...]:
    """The promises, soonest due first, each marked late or not as of ``today``."""
    c = Commitment
    statement = (
        select(
            c.promise,
            c.to_stakeholder_id,
            Stakeholder.full_name,
            TeamMember.name,
            c.made_on,
            c.due_on,
            c.status,
            c.delivered_on,
        )
        .outerjoin(Stakeholder, Stakeholder.id == c.to_stakeholder_id)
        .outerjoin(TeamMember, TeamMember.id == c.by_team_member_id)
        .where(c.account_id.in_(accounts))
        .order_by(c.due_on.is_(None), c.due_on, c.id)
    )
    return tuple(
        CommitmentRow(
            *row, late=is_commitment_late(row.status, row.due_on, row.delivered_on, today)
        )
        for row in session.execute(statement)
    )
