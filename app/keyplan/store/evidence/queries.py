"""Reading evidence: a person's list (the dialog), a family's (insights, plans), the map's dates."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from keyplan.domain.evidence import EvidenceFacts
from keyplan.domain.plan_vocabulary import Confidence, EvidenceSource, RatedField
from keyplan.store.database import Database
from keyplan.store.models import (
    Account,
    Evidence,
    Interaction,
    InteractionStakeholder,
    Stakeholder,
    TeamMember,
)


def person_evidence(db: Database, person_id: int) -> list[dict[str, Any]]:
    """A person's evidence, oldest first: every column, with ``by`` (our team member's name)."""
    table = Evidence.__table__
    statement = (
        select(table, TeamMember.name.label("by"))
        .outerjoin(TeamMember, TeamMember.id == table.c.team_member_id)
        .where(table.c.stakeholder_id == person_id)
        .order_by(table.c.observed_on, table.c.id)
    )
    with db.read() as session:
        return [dict(row) for row in session.execute(statement).mappings()]


def meetings_with(db: Database, person_id: int, limit: int = 30) -> list[tuple[int, str]]:
    """(id, "2026-10-02 · Renewal workshop") of the logged meetings a person took part in,
    newest first: the meetings a piece of evidence can point at."""
    statement = (
        select(Interaction.id, Interaction.occurred_on, Interaction.summary, Interaction.channel)
        .join(InteractionStakeholder, InteractionStakeholder.interaction_id == Interaction.id)
        .where(InteractionStakeholder.stakeholder_id == person_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(limit)
    )
    with db.read() as session:
        rows = session.execute(statement).all()
    return [(row.id, meeting_label(row.occurred_on, row.summary, row.channel)) for row in rows]


def meeting_label(on: date, summary: str | None, channel: str) -> str:
    """How a meeting is named in a list: its date and the start of its summary."""
    words = " ".join((summary or channel.replace("_", " ")).split())
    return f"{on.isoformat()} · {words[:40] + '…' if len(words) > 40 else words}"


def family_evidence(session: Session, account_ids: Collection[int]) -> list[EvidenceFacts]:
    """Every piece of evidence about the people of some accounts, oldest first."""
    statement = (
        select(
            Evidence.stakeholder_id,
            Evidence.rating,
            Evidence.rated_as,
            Evidence.observed,
            Evidence.observed_on,
            Evidence.source,
            Evidence.confidence,
            TeamMember.name,
            Evidence.interaction_id,
        )
        .join(Stakeholder, Stakeholder.id == Evidence.stakeholder_id)
        .outerjoin(TeamMember, TeamMember.id == Evidence.team_member_id)
        .where(Stakeholder.account_id.in_(list(account_ids)))
        .order_by(Evidence.observed_on, Evidence.id)
    )
    return [_facts(row) for row in session.execute(statement)]


def read_family_evidence(db: Database, account_ids: Collection[int]) -> list[EvidenceFacts]:
    with db.read() as session:
        return family_evidence(session, account_ids)


def _facts(row: Any) -> EvidenceFacts:
    return EvidenceFacts(
        person_id=row[0],
        rating=RatedField(row[1]),
        rated_as=row[2],
        observed=row[3],
        observed_on=row[4],
        source=EvidenceSource(row[5]),
        confidence=Confidence(row[6]),
        by=row[7],
        interaction_id=row[8],
    )


def newest_dates(
    session: Session, condition: ColumnElement[bool]
) -> dict[int, tuple[tuple[str, str, date], ...]]:
    """Person id -> (rating, rated as, newest date) of their evidence: all the map needs."""
    statement = (
        select(
            Evidence.stakeholder_id,
            Evidence.rating,
            Evidence.rated_as,
            func.max(Evidence.observed_on),
        )
        .join(Stakeholder, Stakeholder.id == Evidence.stakeholder_id)
        .where(condition)
        .group_by(Evidence.stakeholder_id, Evidence.rating, Evidence.rated_as)
    )
    found: dict[int, tuple[tuple[str, str, date], ...]] = {}
    for person_id, rating, rated_as, newest in session.execute(statement):
        if isinstance(newest, str):  # SQLite hands MAX() of a date back as text
            newest = date.fromisoformat(newest)
        found[person_id] = (*found.get(person_id, ()), (rating, rated_as, newest))
    return {person_id: tuple(sorted(items)) for person_id, items in found.items()}


def review_cadences(session: Session, condition: ColumnElement[bool]) -> dict[int, int | None]:
    """Person id -> the review cadence of the account they work for."""
    statement = (
        select(Stakeholder.id, Account.review_cadence_days)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(condition)
    )
    return {person_id: cadence for person_id, cadence in session.execute(statement)}
