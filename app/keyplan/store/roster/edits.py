"""Editing our side of the accounts: the team members who work them and the offerings we sell.

Every edit is one short transaction that validates first and returns what an undo needs (the
new id, the old value, or a snapshot of what a delete removed, put back exactly by
``edits.restore_rows``). A delete that would take other rows with it (a team member's
relationship ownerships, an offering's whitespace cells) is refused unless the caller confirms
it; ``roster_queries``' ties say what to put in that question. The reads are re-exported here,
so a caller needs one module for the roster.

Portable SQLAlchemy only: the same code runs on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.plan_vocabulary import TeamRole
from keyplan.store.database import Database
from keyplan.store.models import Account, Offering, TeamMember
from keyplan.store.roster.queries import (  # noqa: F401 (the roster's reads, for one import)
    OfferingRow,
    OfferingTies,
    TeamMemberRow,
    TeamMemberTies,
    get_member,
    get_offering,
    home_account_choices,
    member_ties_in,
    offering,
    offering_list,
    offering_ties,
    offering_ties_in,
    team_member,
    team_member_ties,
    team_roster,
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
        member = get_member(session, member_id)
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
    return delete_team_members(db, [member_id], cascade=cascade)


def delete_team_members(
    db: Database, member_ids: Sequence[int], *, cascade: bool = False
) -> RowSnapshot:
    """Delete several team members in one transaction: all of them, or (refused) none.

    Raises:
        NotFound: one of them no longer exists.
        RuleViolation: as ``delete_team_member``, for any one of them.
    """
    with db.transaction() as session:
        for member_id in member_ids:
            member = get_member(session, member_id)  # NotFound: deleted elsewhere meanwhile
            if not cascade:
                _refuse_if_tied(
                    member_ties_in(session, member),
                    "Deleting {name} would change more than the team list:",
                    "Confirm to delete them anyway.",
                )
        return _delete(session, TeamMember, member_ids)


def _refuse_if_tied(ties: Any, head: str, tail: str) -> None:
    """Refuse a delete that would change other rows, saying what would go (``ties`` is a
    member's or an offering's: ``name``, ``removes_rows``, ``consequences()``)."""
    if ties.removes_rows:
        consequences = " ".join(ties.consequences())
        raise RuleViolation(f"{head.format(name=ties.name)} {consequences} {tail}")


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
        row = get_offering(session, offering_id)
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
    return delete_offerings(db, [offering_id], cascade=cascade)


def delete_offerings(
    db: Database, offering_ids: Sequence[int], *, cascade: bool = False
) -> RowSnapshot:
    """Delete several offerings in one transaction: all of them, or (refused) none.

    Raises:
        NotFound: one of them no longer exists.
        RuleViolation: as ``delete_offering``, for any one of them.
    """
    with db.transaction() as session:
        for offering_id in offering_ids:
            offering = get_offering(session, offering_id)  # NotFound: deleted meanwhile
            if not cascade:
                _refuse_if_tied(
                    offering_ties_in(session, offering),
                    "Deleting the offering {name} would change account plans:",
                    "Confirm to delete it anyway.",
                )
        return _delete(session, Offering, offering_ids)


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


def _delete(
    session: Session, model: type[TeamMember] | type[Offering], row_ids: Sequence[int]
) -> RowSnapshot:
    session.expunge_all()  # the rows go by SQL below; no stale object may be flushed after
    snapshot = snapshot_delete(session, model.__table__, set(row_ids))
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
