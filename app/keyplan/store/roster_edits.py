"""Our side of the accounts: the team members who work them and the offerings we sell.

Reading returns plain rows; every edit is one short transaction that validates first and
returns what an undo needs (the new id, the old value, or a snapshot of what a delete removed,
put back exactly by ``edits.restore_rows``). A delete that would take other rows with it (a
team member's relationship ownerships, an offering's whitespace cells) is refused unless the
caller confirms it, and ``*_ties`` tells the caller what to put in that question.

Portable SQLAlchemy only: the same code runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.vocabulary import TeamRole
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
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, snapshot_delete

# The fields a user edits. They live here, beside the only code that writes them; the dialog
# reads them for its columns and editors.
TEAM_MEMBER_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("name", "Name", required=True),
        FieldSpec("role", "Role", Kind.CHOICE, TeamRole, required=True),
        FieldSpec("email", "E-mail"),
        FieldSpec("account_id", "Home account", Kind.REFERENCE),
    )
}
OFFERING_FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec("name", "Name", required=True),
        FieldSpec("description", "Description", Kind.NOTE),
    )
}

# VARCHAR(200) in the schema: SQLite would keep a longer value, PostgreSQL would refuse it.
MAX_TEXT_LENGTH = 200


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
            lines.append(f"{_count(self.relationships, 'relationship ownership')} will be removed.")
        if self.interactions:
            lines.append(
                f"They will be taken off {_count(self.interactions, 'logged interaction')}."
            )
        orphaned = [
            _count(n, noun)
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
            who = _count(self.preferred_by, "customer contact")
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
            cells = _count(self.whitespace_cells, "whitespace cell")
            lines.append(f"{cells} marked for it will be removed.")
        if self.opportunities:
            lines.append(f"{_count(self.opportunities, 'opportunity')} will have no offering.")
        return lines

    @property
    def removes_rows(self) -> bool:
        return bool(self.whitespace_cells)


def team_member_ties(db: Database, member_id: int) -> TeamMemberTies:
    """What refers to a team member (raises NotFound when they no longer exist)."""
    with db.read() as session:
        return _team_member_ties(session, _get_member(session, member_id))


def _team_member_ties(session: Session, member: TeamMember) -> TeamMemberTies:
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
        return _offering_ties(session, _get_offering(session, offering_id))


def _offering_ties(session: Session, row: Offering) -> OfferingTies:
    def count(column: Any) -> int:
        return session.scalar(select(func.count()).where(column == row.id)) or 0

    return OfferingTies(
        name=row.name,
        whitespace_cells=count(WhitespaceCell.offering_id),
        opportunities=count(Opportunity.offering_id),
    )


# ---- team members -----------------------------------------------------------------------------


def add_team_member(db: Database, name: str, **fields: Any) -> int:
    """Add someone to our team (role "specialist" unless given); return their id.

    Raises:
        RuleViolation: a value is not valid, or a team member of that name exists.
        NotFound: the home account does not exist.
    """
    values = _parsed(TEAM_MEMBER_FIELDS, {"name": name, **fields})
    values.setdefault("role", TeamRole.SPECIALIST.value)
    with db.transaction() as session:
        _check_member_values(session, values, member_id=None)
        member = TeamMember(**values)
        session.add(member)
        session.flush()
        return member.id


def set_team_member_field(db: Database, member_id: int, field: str, value: Any) -> Any:
    """Change one field of a team member; return the value it had before."""
    values = _parsed(TEAM_MEMBER_FIELDS, {field: value})
    with db.transaction() as session:
        member = _get_member(session, member_id)
        old_value = getattr(member, field)
        _check_member_values(session, values, member_id=member_id)
        setattr(member, field, values[field])
        return old_value


def delete_team_member(db: Database, member_id: int, *, cascade: bool = False) -> RowSnapshot:
    """Delete a team member; return the snapshot that ``edits.restore_rows`` puts back.

    Their relationship ownerships and places on interactions go with them; promises, actions
    and risks they own, and customers' preference for them, are cleared.

    Raises:
        RuleViolation: they own relationships or took part in interactions and ``cascade``
            is False. The message says what would go.
    """
    with db.transaction() as session:
        member = _get_member(session, member_id)
        ties = _team_member_ties(session, member)
        if ties.removes_rows and not cascade:
            raise RuleViolation(
                f"Deleting {ties.name} would change more than the team list: "
                + " ".join(ties.consequences())
                + " Confirm to delete them anyway."
            )
        return _delete(session, TeamMember, member_id)


def _check_member_values(session: Session, values: dict[str, Any], member_id: int | None) -> None:
    for field in ("name", "email"):
        if values.get(field) is not None:
            _check_length(TEAM_MEMBER_FIELDS[field], values[field])
    if values.get("email") is not None:
        _check_email(values["email"])
    if values.get("account_id") is not None and session.get(Account, values["account_id"]) is None:
        raise NotFound("That account no longer exists; choose another home account.")
    if "name" in values:
        clash = session.scalar(
            select(TeamMember.id).where(
                func.lower(TeamMember.name) == values["name"].lower(),
                TeamMember.id != (member_id or -1),
            )
        )
        if clash is not None:
            # Owners are picked from lists by name: two people named alike could not be told apart.
            raise RuleViolation(
                f"There is already a team member named '{values['name']}'. "
                f"Add something that tells them apart, such as a middle initial."
            )


def _check_email(address: str) -> None:
    local, at, domain = address.partition("@")
    if not (local and at and "." in domain.strip(".")) or any(c.isspace() for c in address):
        raise RuleViolation(f"'{address}' does not look like an e-mail address (name@company.com).")


# ---- offerings --------------------------------------------------------------------------------


def add_offering(db: Database, name: str, description: str | None = None) -> int:
    """Add one of our offerings; return its id.

    Raises:
        RuleViolation: the name is empty, too long, or taken (whatever its capitals).
    """
    values = _parsed(OFFERING_FIELDS, {"name": name, "description": description})
    with db.transaction() as session:
        _check_offering_values(session, values, offering_id=None)
        row = Offering(**values)
        session.add(row)
        _flush_unique(session, values["name"])
        return row.id


def set_offering_field(db: Database, offering_id: int, field: str, value: Any) -> Any:
    """Change one field of an offering; return the value it had before."""
    values = _parsed(OFFERING_FIELDS, {field: value})
    with db.transaction() as session:
        row = _get_offering(session, offering_id)
        old_value = getattr(row, field)
        _check_offering_values(session, values, offering_id=offering_id)
        setattr(row, field, values[field])
        _flush_unique(session, row.name)
        return old_value


def delete_offering(db: Database, offering_id: int, *, cascade: bool = False) -> RowSnapshot:
    """Delete an offering; return the snapshot that ``edits.restore_rows`` puts back.

    Its whitespace cells go with it; opportunities for it are kept, with no offering.

    Raises:
        RuleViolation: whitespace cells are marked for it and ``cascade`` is False.
    """
    with db.transaction() as session:
        ties = _offering_ties(session, _get_offering(session, offering_id))
        if ties.removes_rows and not cascade:
            raise RuleViolation(
                f"Deleting the offering {ties.name} would change account plans: "
                + " ".join(ties.consequences())
                + " Confirm to delete it anyway."
            )
        return _delete(session, Offering, offering_id)


def _check_offering_values(
    session: Session, values: dict[str, Any], offering_id: int | None
) -> None:
    if "name" not in values:
        return
    _check_length(OFFERING_FIELDS["name"], values["name"])
    clash = session.scalar(
        select(Offering.name).where(
            func.lower(Offering.name) == values["name"].lower(),
            Offering.id != (offering_id or -1),
        )
    )
    if clash is not None:
        raise RuleViolation(f"There is already an offering named '{clash}'.")


def _flush_unique(session: Session, name: str) -> None:
    # The check above reads first; the unique index still decides when two edits race.
    try:
        session.flush()
    except IntegrityError as error:
        raise RuleViolation(f"There is already an offering named '{name}'.") from error


# ---- helpers ----------------------------------------------------------------------------------


def _delete(session: Session, model: type[TeamMember] | type[Offering], row_id: int) -> RowSnapshot:
    session.expunge_all()  # the rows go by SQL below; no stale object may be flushed after
    snapshot = snapshot_delete(session, model.__table__, {row_id})
    delete_snapshot_rows(session, snapshot)
    return snapshot


def _parsed(specs: dict[str, FieldSpec], values: dict[str, Any]) -> dict[str, Any]:
    parsed = {}
    for name, value in values.items():
        if name not in specs:
            raise RuleViolation(f"'{name}' is not a field that can be edited.")
        parsed[name] = specs[name].parse(value)
    return parsed


def _check_length(spec: FieldSpec, value: str) -> None:
    if len(value) > MAX_TEXT_LENGTH:
        raise RuleViolation(f"{spec.label} is too long: at most {MAX_TEXT_LENGTH} characters.")


def _get_member(session: Session, member_id: int) -> TeamMember:
    member = session.get(TeamMember, member_id)
    if member is None:
        raise NotFound(f"That team member no longer exists (id {member_id}).")
    return member


def _get_offering(session: Session, offering_id: int) -> Offering:
    row = session.get(Offering, offering_id)
    if row is None:
        raise NotFound(f"That offering no longer exists (id {offering_id}).")
    return row


def _count(n: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{n} {noun if n == 1 else plural}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
