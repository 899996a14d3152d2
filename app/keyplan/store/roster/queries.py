"""Our side of the accounts, as the screens read it: team members, offerings, and their ties.

Plain rows only. The ties say what deleting a team member or an offering would remove or clear,
for the question the user is asked first and for the store's own refusal.
Portable SQLAlchemy only: the same code runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.wording import count_of
from keyplan.store.database import Database
from keyplan.store.models import (
    Account,
    Action,
    Commitment,
    InteractionTeamMember,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
)

# ---- reading --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamMemberRow:
    """A team member as the roster shows them, with how many relationships they own."""

    id: int
    name: str
    role: str
    email: str | None
    account_id: int | None
    account_name: str | None
    relationships: int

    def __getitem__(self, field: str) -> Any:
        return getattr(self, field)


@dataclass(frozen=True, slots=True)
class OfferingRow:
    """An offering as the roster shows it, with how much of the plans refers to it."""

    id: int
    name: str
    description: str | None
    whitespace_cells: int
    opportunities: int

    def __getitem__(self, field: str) -> Any:
        return getattr(self, field)


def team_roster(db: Database) -> list[TeamMemberRow]:
    """Every team member, in the order they were added (id order)."""
    owned = (
        select(RelationshipOwner.team_member_id, func.count().label("n"))
        .group_by(RelationshipOwner.team_member_id)
        .subquery()
    )
    statement = (
        select(
            TeamMember.id,
            TeamMember.name,
            TeamMember.role,
            TeamMember.email,
            TeamMember.account_id,
            Account.name,
            func.coalesce(owned.c.n, 0),
        )
        .outerjoin(Account, Account.id == TeamMember.account_id)
        .outerjoin(owned, owned.c.team_member_id == TeamMember.id)
        .order_by(TeamMember.id)
    )
    with db.read() as session:
        return [TeamMemberRow(*row) for row in session.execute(statement)]


def team_member(db: Database, member_id: int) -> TeamMemberRow:
    """One team member; NotFound when they no longer exist."""
    row = next((row for row in team_roster(db) if row.id == member_id), None)
    if row is None:
        raise NotFound(f"That team member no longer exists (id {member_id}).")
    return row


def offering_list(db: Database) -> list[OfferingRow]:
    """Every offering, in the order they were added (id order)."""
    cells = _count_by(WhitespaceCell.offering_id)
    pursuits = _count_by(Opportunity.offering_id)
    statement = (
        select(
            Offering.id,
            Offering.name,
            Offering.description,
            func.coalesce(cells.c.n, 0),
            func.coalesce(pursuits.c.n, 0),
        )
        .outerjoin(cells, cells.c.key == Offering.id)
        .outerjoin(pursuits, pursuits.c.key == Offering.id)
        .order_by(Offering.id)
    )
    with db.read() as session:
        return [OfferingRow(*row) for row in session.execute(statement)]


def offering(db: Database, offering_id: int) -> OfferingRow:
    """One offering; NotFound when it no longer exists."""
    row = next((row for row in offering_list(db) if row.id == offering_id), None)
    if row is None:
        raise NotFound(f"That offering no longer exists (id {offering_id}).")
    return row


def _count_by(column: Any) -> Any:
    return (
        select(column.label("key"), func.count().label("n"))
        .where(column.is_not(None))
        .group_by(column)
        .subquery()
    )


def home_account_choices(db: Database) -> list[tuple[int, str]]:
    """The accounts a team member may call home: (id, name), an affiliate with its umbrella."""
    with db.read() as session:
        rows = session.execute(select(Account.id, Account.name, Account.parent_id)).all()
    names = {row.id: row.name for row in rows}
    choices = [
        (row.id, f"{row.name} ({names[row.parent_id]})" if row.parent_id in names else row.name)
        for row in rows
    ]
    return sorted(choices, key=lambda choice: choice[1].casefold())


# ---- what a delete takes with it --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeamMemberTies:
    """What refers to a team member, and so what deleting them changes."""

    name: str
    relationships: int  # ownerships: deleted with them
    interactions: int  # meetings they took part in: they are taken off the attendee list
    promises: int  # commitments made by them: left with nobody
    actions: int  # actions they own: left with nobody
    risks: int  # risks they own: left with nobody
    preferred_by: int  # customer people who prefer to deal with them: left with no preference

    def consequences(self) -> list[str]:
        """One sentence per kind of row the delete changes; empty when it changes none."""
        lines = []
        if self.relationships:
            lines.append(
                f"{count_of(self.relationships, 'relationship ownership')} will be removed."
            )
        if self.interactions:
            lines.append(
                f"They will be taken off {count_of(self.interactions, 'logged interaction')}."
            )
        orphaned = [
            count_of(n, noun)
            for n, noun in (
                (self.promises, "promise"),
                (self.actions, "action"),
                (self.risks, "risk"),
            )
            if n
        ]
        if orphaned:
            lines.append(f"{_join(orphaned)} of theirs will have no owner.")
        if self.preferred_by:
            who = count_of(self.preferred_by, "customer contact")
            lines.append(f"{who} will no longer have a preferred contact on our side.")
        return lines

    @property
    def removes_rows(self) -> bool:
        """Whether the delete takes rows with it (not only clears references)."""
        return bool(self.relationships or self.interactions)


@dataclass(frozen=True, slots=True)
class OfferingTies:
    """What refers to an offering, and so what deleting it changes."""

    name: str
    whitespace_cells: int  # deleted with it
    opportunities: int  # left with no offering

    def consequences(self) -> list[str]:
        lines = []
        if self.whitespace_cells:
            cells = count_of(self.whitespace_cells, "whitespace cell")
            lines.append(f"{cells} marked for it will be removed.")
        if self.opportunities:
            lines.append(f"{count_of(self.opportunities, 'opportunity')} will have no offering.")
        return lines

    @property
    def removes_rows(self) -> bool:
        return bool(self.whitespace_cells)


def team_member_ties(db: Database, member_id: int) -> TeamMemberTies:
    """What refers to a team member (raises NotFound when they no longer exist)."""
    with db.read() as session:
        return member_ties_in(session, get_member(session, member_id))


def member_ties_in(session: Session, member: TeamMember) -> TeamMemberTies:
    """``team_member_ties`` inside a session the caller holds (an edit's transaction)."""

    def count(column: Any) -> int:
        return session.scalar(select(func.count()).where(column == member.id)) or 0

    return TeamMemberTies(
        name=member.name,
        relationships=count(RelationshipOwner.team_member_id),
        interactions=count(InteractionTeamMember.team_member_id),
        promises=count(Commitment.by_team_member_id),
        actions=count(Action.owner_id),
        risks=count(Risk.owner_id),
        preferred_by=count(Stakeholder.preferred_team_member_id),
    )


def offering_ties(db: Database, offering_id: int) -> OfferingTies:
    """What refers to an offering (raises NotFound when it no longer exists)."""
    with db.read() as session:
        return offering_ties_in(session, get_offering(session, offering_id))


def offering_ties_in(session: Session, row: Offering) -> OfferingTies:
    """``offering_ties`` inside a session the caller holds (an edit's transaction)."""

    def count(column: Any) -> int:
        return session.scalar(select(func.count()).where(column == row.id)) or 0

    return OfferingTies(
        name=row.name,
        whitespace_cells=count(WhitespaceCell.offering_id),
        opportunities=count(Opportunity.offering_id),
    )


def get_member(session: Session, member_id: int) -> TeamMember:
    """The team member of this id in the session; NotFound when they no longer exist."""
    member = session.get(TeamMember, member_id)
    if member is None:
        raise NotFound(f"That team member no longer exists (id {member_id}).")
    return member


def get_offering(session: Session, offering_id: int) -> Offering:
    """The offering of this id in the session; NotFound when it no longer exists."""
    row = session.get(Offering, offering_id)
    if row is None:
        raise NotFound(f"That offering no longer exists (id {offering_id}).")
    return row


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
