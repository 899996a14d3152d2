"""What the Interactions and Commitments tabs list, as plain data with names filled in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, or_, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.store.database import Database
from keyplan.store.models import (
    Commitment,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.queries import umbrella_family_below


@dataclass(frozen=True, slots=True)
class InteractionRow:
    """One logged interaction, with who took part on both sides as (id, name) pairs."""

    id: int
    account_id: int
    occurred_on: date
    channel: str
    summary: str | None
    next_step: str | None
    people: tuple[tuple[int, str], ...]
    team: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    """One promise, with the names of who it was made to and by."""

    id: int
    account_id: int
    promise: str
    to_person_id: int | None
    to_name: str | None
    by_team_member_id: int | None
    by_name: str | None
    made_on: date | None
    due_on: date | None
    status: str
    delivered_on: date | None


def interactions(
    db: Database, account_id: int, *, with_affiliates: bool = True
) -> list[InteractionRow]:
    """The interactions of an account family, newest first.

    An interaction counts for the family when it was logged on one of its accounts or when
    one of its people took part (as in the insights).
    """
    with db.read() as session:
        family = umbrella_family_below(session, account_id) if with_affiliates else {account_id}
        met_here = (
            select(InteractionStakeholder.interaction_id)
            .join(Stakeholder, Stakeholder.id == InteractionStakeholder.stakeholder_id)
            .where(Stakeholder.account_id.in_(family))
        )
        condition = or_(Interaction.account_id.in_(family), Interaction.id.in_(met_here))
        rows = session.execute(
            select(
                Interaction.id,
                Interaction.account_id,
                Interaction.occurred_on,
                Interaction.channel,
                Interaction.summary,
                Interaction.next_step,
            )
            .where(condition)
            .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        ).all()
        chosen = select(Interaction.id).where(condition)
        people = _names(session, InteractionStakeholder, Stakeholder, chosen)
        team = _names(session, InteractionTeamMember, TeamMember, chosen)
    return [
        InteractionRow(*row, tuple(people.get(row.id, ())), tuple(team.get(row.id, ())))
        for row in rows
    ]


def interaction(db: Database, interaction_id: int) -> InteractionRow:
    """One logged interaction with the names of who took part.

    Raises:
        NotFound: it no longer exists.
    """
    with db.read() as session:
        row = session.execute(
            select(
                Interaction.id,
                Interaction.account_id,
                Interaction.occurred_on,
                Interaction.channel,
                Interaction.summary,
                Interaction.next_step,
            ).where(Interaction.id == interaction_id)
        ).first()
        if row is None:
            raise NotFound(f"That interaction no longer exists (id {interaction_id}).")
        chosen = select(Interaction.id).where(Interaction.id == interaction_id)
        people = _names(session, InteractionStakeholder, Stakeholder, chosen)
        team = _names(session, InteractionTeamMember, TeamMember, chosen)
    return InteractionRow(*row, tuple(people.get(row.id, ())), tuple(team.get(row.id, ())))


def _names(
    session: Session,
    link: type[InteractionStakeholder] | type[InteractionTeamMember],
    named: type[Stakeholder] | type[TeamMember],
    chosen: Select[int],
) -> dict[int, list[tuple[int, str]]]:
    """Interaction id -> (id, name) of the people linked to it, by name."""
    # issubclass, not "is": the type checker narrows the union of models only by issubclass.
    other = link.stakeholder_id if issubclass(link, InteractionStakeholder) else link.team_member_id
    name = named.full_name if issubclass(named, Stakeholder) else named.name
    statement = (
        select(link.interaction_id, named.id, name)
        .join(named, named.id == other)
        .where(link.interaction_id.in_(chosen))
        .order_by(name)
    )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for interaction_id, other_id, other_name in session.execute(statement):
        found[interaction_id].append((other_id, other_name))
    return found


def commitments(
    db: Database, account_id: int, *, with_affiliates: bool = True
) -> list[CommitmentRow]:
    """The promises of an account family: open ones first by due date, then the settled."""
    with db.read() as session:
        family = umbrella_family_below(session, account_id) if with_affiliates else {account_id}
        rows = _commitment_rows(session, Commitment.account_id.in_(family))
    return sorted(rows, key=_promise_order)


def commitment(db: Database, commitment_id: int) -> CommitmentRow:
    """One promise.

    Raises:
        NotFound: it no longer exists.
    """
    with db.read() as session:
        rows = _commitment_rows(session, Commitment.id == commitment_id)
    if not rows:
        raise NotFound(f"That commitment no longer exists (id {commitment_id}).")
    return rows[0]


def _commitment_rows(session: Session, condition: ColumnElement[bool]) -> list[CommitmentRow]:
    statement = (
        select(
            Commitment.id,
            Commitment.account_id,
            Commitment.promise,
            Commitment.to_stakeholder_id,
            Stakeholder.full_name,
            Commitment.by_team_member_id,
            TeamMember.name,
            Commitment.made_on,
            Commitment.due_on,
            Commitment.status,
            Commitment.delivered_on,
        )
        .outerjoin(Stakeholder, Stakeholder.id == Commitment.to_stakeholder_id)
        .outerjoin(TeamMember, TeamMember.id == Commitment.by_team_member_id)
        .where(condition)
    )
    return [CommitmentRow(*row) for row in session.execute(statement)]


def _promise_order(row: CommitmentRow) -> tuple:
    """Open promises first, soonest due first (undated last); then the rest, latest due first."""
    is_open = row.status == CommitmentStatus.OPEN
    due = row.due_on.toordinal() if row.due_on else None
    if is_open:
        return (0, due is None, due or 0, row.id)
    return (1, due is None, -(due or 0), row.id)


def family_people(db: Database, account_id: int) -> list[tuple[int, str, str | None]]:
    """(id, name, job title) of the people still at an account family, by name."""
    with db.read() as session:
        family = umbrella_family_below(session, account_id)
        statement = (
            select(Stakeholder.id, Stakeholder.full_name, Stakeholder.job_title)
            .where(Stakeholder.account_id.in_(family), Stakeholder.has_left.is_(False))
            .order_by(Stakeholder.full_name)
        )
        return [(pid, name, title) for pid, name, title in session.execute(statement)]
