"""Who met whom and when, read for the insights in as few rows as the answer needs.

An interaction comes back as one row with its people and our team members folded in
(``group_concat``, ``string_agg`` on PostgreSQL), not one row per link: the link tables are the
largest in the file. Older contact can be read as each person's last contact, aggregated by
the database.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from keyplan.store.models import (
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
)

#: One interaction: id, account id, date, their people's ids, our team members' ids.
InteractionLine = tuple[int, int, date, tuple[int, ...], tuple[int, ...]]


def interactions(
    session: Session,
    account_ids: Collection[int] | None,
    *,
    since: date | None = None,
    until: date | None = None,
) -> Iterator[InteractionLine]:
    """The interactions logged on some accounts or held with their people, in a date range.

    Args:
        session: an open session.
        account_ids: the accounts (None: every account).
        since: the first day (None: from the beginning).
        until: the last day (None: planned meetings too).
    """
    dialect = session.get_bind().dialect.name
    people = (
        select(_listed(dialect, InteractionStakeholder.stakeholder_id))
        .where(InteractionStakeholder.interaction_id == Interaction.id)
        .scalar_subquery()
    )
    team = (
        select(_listed(dialect, InteractionTeamMember.team_member_id))
        .where(InteractionTeamMember.interaction_id == Interaction.id)
        .scalar_subquery()
    )
    statement = select(
        Interaction.id, Interaction.account_id, Interaction.occurred_on, people, team
    )
    statement = _in_range(statement, since, until)
    if account_ids is not None:
        statement = statement.where(_touching(account_ids))
    for interaction_id, account_id, on, person_ids, member_ids in _rows(session, statement):
        yield interaction_id, account_id, on, _ids(person_ids), _ids(member_ids)


def last_contacts(
    session: Session, people: ColumnElement[bool], until: date | None = None
) -> dict[int, date]:
    """Person id -> the day anyone last met them, for the people a condition picks.

    The one "last contact per person" query of the store: the People table, the CSV, the map
    and the dashboard's named findings all read it.

    Args:
        session: the read session.
        people: a condition on ``Stakeholder`` (e.g. their accounts, or their ids).
        until: the last day that counts (planned meetings after it are not contact);
            None: every logged meeting, planned ones too.
    """
    statement = (
        select(InteractionStakeholder.stakeholder_id, func.max(Interaction.occurred_on))
        .join(Interaction, Interaction.id == InteractionStakeholder.interaction_id)
        .join(Stakeholder, Stakeholder.id == InteractionStakeholder.stakeholder_id)
        .where(people)
        .group_by(InteractionStakeholder.stakeholder_id)
    )
    if until is not None:
        statement = statement.where(Interaction.occurred_on <= until)
    return {pid: _day(on) for pid, on in _rows(session, statement)}


def _day(value: Any) -> date:
    return value if type(value) is date else date.fromisoformat(str(value)[:10])


def last_contacts_before(
    session: Session, account_ids: Collection[int] | None, since: date, until: date
) -> Iterator[tuple[int, date]]:
    """(person id, last contact) for the people last met before ``since`` (up to ``until``).

    People met since then are left out: the recent interactions already say when.
    """
    last = func.max(Interaction.occurred_on)
    statement = (
        select(InteractionStakeholder.stakeholder_id, last)
        .join(Interaction, Interaction.id == InteractionStakeholder.interaction_id)
        .where(Interaction.occurred_on <= until)
        .group_by(InteractionStakeholder.stakeholder_id)
        .having(last < since)
    )
    if account_ids is not None:
        people = select(Stakeholder.id).where(Stakeholder.account_id.in_(account_ids))
        statement = statement.where(InteractionStakeholder.stakeholder_id.in_(people))
    yield from _rows(session, statement)


def _in_range(statement: Select, since: date | None, until: date | None) -> Select:
    if since is not None:
        statement = statement.where(Interaction.occurred_on >= since)
    if until is not None:
        statement = statement.where(Interaction.occurred_on <= until)
    return statement


def _touching(account_ids: Collection[int]) -> ColumnElement[bool]:
    """Logged on one of the accounts, or held with one of their people."""
    met_here = (
        select(InteractionStakeholder.interaction_id)
        .join(Stakeholder, Stakeholder.id == InteractionStakeholder.stakeholder_id)
        .where(Stakeholder.account_id.in_(account_ids))
    )
    return or_(Interaction.account_id.in_(account_ids), Interaction.id.in_(met_here))


def _listed(dialect: str, column: Any) -> Any:
    """The ids of a group as one comma-separated text: each dialect names it differently."""
    if dialect == "sqlite":
        return func.group_concat(column)
    return func.string_agg(cast(column, String), ",")


def _rows(session: Session, statement: Select) -> Sequence[Any]:
    # Core execution, fetched at once: tuples without the ORM's per-row bookkeeping.
    return session.connection().execute(statement).all()


def _ids(text: str | None) -> tuple[int, ...]:
    return tuple(map(int, text.split(","))) if text else ()
