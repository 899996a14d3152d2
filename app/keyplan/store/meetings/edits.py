"""Logging interactions with the customer, each edit one short transaction.

Like ``edits.py``, every function validates before it writes and returns what an undo needs:
the new id, the old values, or a snapshot of what a delete removed (``edits.restore_rows``
puts a snapshot back, ids and all). Promises are rows of the account plan: ``plan_edits``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import RuleViolation
from keyplan.domain.interaction_fields import INTERACTION_FIELDS
from keyplan.store.database import Database
from keyplan.store.models import (
    Account,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.edits import _get, umbrella_account_ids
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, snapshot_delete

# ---- interactions -------------------------------------------------------------------------


def log_interaction(
    db: Database,
    account_id: int,
    occurred_on: date | str,
    person_ids: Iterable[int] = (),
    team_member_ids: Iterable[int] = (),
    *,
    channel: str = "in_person",
    summary: str | None = None,
    next_step: str | None = None,
) -> int:
    """Record a meeting, call or message with the customer; return its id.

    Args:
        db: the open database.
        account_id: the account the interaction is logged on.
        occurred_on: when it happened (a date or ``YYYY-MM-DD``).
        person_ids: their people who took part: anyone in the account's umbrella.
        team_member_ids: our people who took part.
        channel: a ``Channel`` value or label.
        summary: what was said.
        next_step: what happens next.

    Raises:
        RuleViolation: a value is invalid, or a person works for another customer.
        NotFound: the account, a person or a team member no longer exists.
    """
    values = _parsed(
        INTERACTION_FIELDS,
        {
            "occurred_on": occurred_on,
            "channel": channel,
            "summary": summary,
            "next_step": next_step,
        },
    )
    people = list(dict.fromkeys(person_ids))
    team = list(dict.fromkeys(team_member_ids))
    with db.transaction() as session:
        _get(session, Account, account_id)
        _require_same_customer(session, account_id, people)
        for member_id in team:
            _get(session, TeamMember, member_id)
        interaction = Interaction(account_id=account_id, **values)
        session.add(interaction)
        session.flush()
        session.add_all(
            InteractionStakeholder(interaction_id=interaction.id, stakeholder_id=person_id)
            for person_id in people
        )
        session.add_all(
            InteractionTeamMember(interaction_id=interaction.id, team_member_id=member_id)
            for member_id in team
        )
        return interaction.id


@dataclass(frozen=True, slots=True)
class InteractionContent:
    """What a user can change in a logged interaction: an edit's before and after."""

    occurred_on: date
    channel: str
    summary: str | None
    next_step: str | None
    person_ids: tuple[int, ...]
    team_member_ids: tuple[int, ...]


def edit_interaction(
    db: Database, interaction_id: int, content: InteractionContent
) -> InteractionContent:
    """Change a logged interaction (date, channel, text, people on both sides) in one go.

    Returns:
        The content it had before, which undo writes back the same way.

    Raises:
        RuleViolation: a value is invalid, or a person works for another customer.
        NotFound: the interaction, a person or a team member no longer exists.
    """
    values = _parsed(
        INTERACTION_FIELDS,
        {
            "occurred_on": content.occurred_on,
            "channel": content.channel,
            "summary": content.summary,
            "next_step": content.next_step,
        },
    )
    people = list(dict.fromkeys(content.person_ids))
    team = list(dict.fromkeys(content.team_member_ids))
    with db.transaction() as session:
        interaction = _get(session, Interaction, interaction_id)
        before = _content(session, interaction)
        _require_same_customer(session, interaction.account_id, people)
        for member_id in team:
            _get(session, TeamMember, member_id)
        for name, value in values.items():
            setattr(interaction, name, value)
        _replace_links(session, interaction_id, InteractionStakeholder, before.person_ids, people)
        _replace_links(session, interaction_id, InteractionTeamMember, before.team_member_ids, team)
        return before


def _content(session: Session, interaction: Interaction) -> InteractionContent:
    people = session.scalars(
        select(InteractionStakeholder.stakeholder_id)
        .where(InteractionStakeholder.interaction_id == interaction.id)
        .order_by(InteractionStakeholder.id)
    ).all()
    team = session.scalars(
        select(InteractionTeamMember.team_member_id)
        .where(InteractionTeamMember.interaction_id == interaction.id)
        .order_by(InteractionTeamMember.id)
    ).all()
    return InteractionContent(
        interaction.occurred_on,
        interaction.channel,
        interaction.summary,
        interaction.next_step,
        tuple(people),
        tuple(team),
    )


def _replace_links(
    session: Session,
    interaction_id: int,
    link: type[InteractionStakeholder] | type[InteractionTeamMember],
    old: Sequence[int],
    new: Sequence[int],
) -> None:
    """Remove the links no longer wanted and add the new ones; the kept ones stay as they are."""
    column = (
        link.stakeholder_id if issubclass(link, InteractionStakeholder) else link.team_member_id
    )
    gone = [other for other in old if other not in new]
    if gone:
        session.execute(delete(link).where(link.interaction_id == interaction_id, column.in_(gone)))
    for other in new:
        if other in old:
            continue
        if issubclass(link, InteractionStakeholder):
            session.add(InteractionStakeholder(interaction_id=interaction_id, stakeholder_id=other))
        else:
            session.add(InteractionTeamMember(interaction_id=interaction_id, team_member_id=other))


def delete_interaction(db: Database, interaction_id: int) -> RowSnapshot:
    """Delete an interaction with its lists of people; return the snapshot for undo."""
    return delete_interactions(db, [interaction_id])


def delete_interactions(db: Database, interaction_ids: Sequence[int]) -> RowSnapshot:
    """Delete several interactions in one transaction: all of them, or none.

    Raises:
        NotFound: one of them no longer exists (nothing is deleted).
    """
    with db.transaction() as session:
        for interaction_id in interaction_ids:
            session.expunge(_get(session, Interaction, interaction_id))
        snapshot = snapshot_delete(session, Interaction.__table__, set(interaction_ids))
        delete_snapshot_rows(session, snapshot)
        return snapshot


def _require_same_customer(session: Session, account_id: int, person_ids: list[int]) -> None:
    """Refuse people from another customer: their contact would count for the wrong account."""
    if not person_ids:
        return
    umbrella = umbrella_account_ids(session, account_id)
    rows = session.execute(
        select(Stakeholder.id, Stakeholder.full_name, Stakeholder.account_id).where(
            Stakeholder.id.in_(person_ids)
        )
    ).all()
    found = {row.id for row in rows}
    missing = [pid for pid in person_ids if pid not in found]
    if missing:
        _get(session, Stakeholder, missing[0])  # raises NotFound with the usual message
    strangers = [row.full_name for row in rows if row.account_id not in umbrella]
    if strangers:
        raise RuleViolation(
            f"{', '.join(strangers)} work{'s' if len(strangers) == 1 else ''} for another "
            f"customer; log the interaction on their account."
        )


# ---- helpers ------------------------------------------------------------------------------


def _parsed(specs: dict, values: dict[str, Any]) -> dict[str, Any]:
    unknown = [name for name in values if name not in specs]
    if unknown:
        raise RuleViolation(f"'{unknown[0]}' is not a field that can be edited.")
    return {name: specs[name].parse(value) for name, value in values.items()}
