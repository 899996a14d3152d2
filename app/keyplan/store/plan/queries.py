"""A whole account plan as plain frozen data, for the PDF documents (and any other reader).

Everything is read in one session and copied into frozen dataclasses; no ORM object leaves
this module, so a worker thread can build a PDF from the result while the user keeps editing.
People come from the whole umbrella (``queries.people(..., with_affiliates=True)``); plan items
(opportunities, risks, commitments, …) from the account and the affiliates below it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from keyplan.store.database import Database
from keyplan.store.evidence.queries import family_evidence
from keyplan.store.history.other_changes import other_changes_between
from keyplan.store.history.queries import compare_dates
from keyplan.store.map.dotted import dotted_links
from keyplan.store.models import (
    Account,
    Action,
    Commitment,
    ExportRecord,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Offering,
    RelationshipOwner,
    Risk,
    Stakeholder,
    TeamMember,
    WhitespaceCell,
)
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.people.queries import account_values, open_positions, people
from keyplan.store.plan import table_reads
from keyplan.store.plan.rows import (
    ActionRow,
    AffiliateRow,
    CommitmentRow,
    CompetitorRow,
    InfluenceRow,
    InteractionRow,
    ObjectiveRow,
    OfferingRow,
    OpportunityRow,
    OwnerRow,
    PlanData,
    RiskRow,
    TeamRow,
    WhitespaceRow,
)

__all__ = [
    "ActionRow",
    "AffiliateRow",
    "CommitmentRow",
    "CompetitorRow",
    "InfluenceRow",
    "InteractionRow",
    "ObjectiveRow",
    "OfferingRow",
    "OpportunityRow",
    "OwnerRow",
    "PlanData",
    "RiskRow",
    "TeamRow",
    "WhitespaceRow",
    "interactions_with",
    "load_plan",
    "record_export",
]

RECENT_INTERACTIONS = 200
NO_REVIEW_DAYS = 90  # "what changed" looks this far back when no review was recorded
#: The team × stakeholder matrix counts a year of contacts: the plan reads every interaction
#: of the last 365 days (at least the latest ``RECENT_INTERACTIONS``, at most this many).
YEAR_OF_INTERACTIONS = timedelta(days=365)
MOST_INTERACTIONS = 5000


def load_plan(
    db: Database, account_id: int, today: date, with_interactions: bool = True
) -> PlanData:
    """Read the whole plan of one account.

    Args:
        db: the open database.
        account_id: the account whose plan it is (an umbrella or an affiliate).
        today: the date the plan is printed for; decides which promises are late.
        with_interactions: read the year of interactions (``interactions``); the meeting
            brief reads its attendees' own instead (``interactions_with``) and leaves this
            out: a busy account's year is thousands of rows it would never print.

    Raises:
        NotFound: the account does not exist.
    """
    account = account_values(db, account_id)
    persons = tuple(people(db, account_id, with_affiliates=True))
    seats = tuple(open_positions(db, account_id, with_affiliates=True))
    person_ids = {row.id for row in persons}
    with db.read() as session:
        below = _account_and_affiliates(session, account_id)
        return PlanData(
            account=account,
            affiliates=_affiliates(session, below - {account_id}),
            people=persons,
            influence_lines=_influence_lines(session, person_ids),
            team=_team(session, below, person_ids),
            owners=_owners(session, person_ids),
            opportunities=table_reads.opportunities(session, below),
            offerings=tuple(
                OfferingRow(*row)
                for row in session.execute(
                    select(Offering.id, Offering.name).order_by(Offering.name)
                )
            ),
            whitespace=tuple(
                WhitespaceRow(*row)
                for row in session.execute(
                    select(
                        WhitespaceCell.department,
                        WhitespaceCell.offering_id,
                        WhitespaceCell.status,
                        WhitespaceCell.account_id,
                    ).where(WhitespaceCell.account_id.in_(below))
                )
            ),
            competitors=table_reads.competitors(session, below),
            risks=table_reads.risks(session, below),
            objectives=table_reads.objectives(session, below),
            actions=table_reads.actions(session, below),
            commitments=table_reads.commitments(session, below, today),
            interactions=(
                recent_interactions(session, below, _interactions_to_read(session, below, today))
                if with_interactions
                else ()
            ),
            today=today,
            history=compare_dates(db, below, *review_period(account, today)),
            other_changes=other_changes_between(db, below, *review_period(account, today)),
            vacancies=seats,
            dotted_lines=tuple(
                (link.person_id, link.manager_id)
                for link in dotted_links(
                    session, Stakeholder.id.in_(person_ids | {s.id for s in seats})
                )
            ),
            evidence=tuple(family_evidence(session, below)),
            cadences=dict(
                session.execute(
                    select(Account.id, Account.review_cadence_days).where(Account.id.in_(below))
                ).all()
            ),
        )


def review_period(account: dict[str, Any], today: date) -> tuple[datetime, datetime]:
    """Since the end of the last review day (or the last 90 days, without one) to today's end."""
    last = account.get("last_review_on")
    if isinstance(last, str):
        last = date.fromisoformat(last[:10])
    if not isinstance(last, date) or last > today:
        last = today - timedelta(days=NO_REVIEW_DAYS)
    end_of = time(23, 59, 59)
    return datetime.combine(last, end_of), datetime.combine(today, end_of)


def _interactions_to_read(session: Session, accounts: set[int], today: date) -> int:
    """How many of the latest interactions cover the last year (within the bounds above)."""
    in_year = session.scalar(
        select(func.count())
        .select_from(Interaction)
        .where(
            Interaction.account_id.in_(accounts),
            Interaction.occurred_on >= today - YEAR_OF_INTERACTIONS,
        )
    )
    return max(RECENT_INTERACTIONS, min(in_year or 0, MOST_INTERACTIONS))


def _account_and_affiliates(session: Session, account_id: int) -> set[int]:
    """The account and every affiliate below it (not its parents or siblings)."""
    family = umbrella_account_ids(session, account_id)
    parents = dict(
        session.execute(select(Account.id, Account.parent_id).where(Account.id.in_(family))).all()
    )
    below = {account_id}
    changed = True
    while changed:
        grown = below | {child for child, parent in parents.items() if parent in below}
        changed, below = grown != below, grown
    return below


def _affiliates(session: Session, ids: Collection[int]) -> tuple[AffiliateRow, ...]:
    statement = (
        select(Account.id, Account.name, Account.country)
        .where(Account.id.in_(ids))
        .order_by(Account.name)
    )
    return tuple(AffiliateRow(*row) for row in session.execute(statement))


def _influence_lines(session: Session, person_ids: set[int]) -> tuple[InfluenceRow, ...]:
    line = InfluenceLine
    statement = select(
        line.from_stakeholder_id, line.to_stakeholder_id, line.kind, line.strength, line.note
    ).where(line.from_stakeholder_id.in_(person_ids), line.to_stakeholder_id.in_(person_ids))
    return tuple(InfluenceRow(*row) for row in session.execute(statement.order_by(line.id)))


def _team(session: Session, accounts: set[int], person_ids: set[int]) -> tuple[TeamRow, ...]:
    """Our people on this account: assigned to it, owning a relationship, or owning work."""
    ids = set(session.scalars(select(TeamMember.id).where(TeamMember.account_id.in_(accounts))))
    ids |= set(
        session.scalars(
            select(RelationshipOwner.team_member_id).where(
                RelationshipOwner.stakeholder_id.in_(person_ids)
            )
        )
    )
    for column, owner in (
        (Action.account_id, Action.owner_id),
        (Risk.account_id, Risk.owner_id),
        (Commitment.account_id, Commitment.by_team_member_id),
    ):
        ids |= set(session.scalars(select(owner).where(column.in_(accounts))))
    ids.discard(None)
    statement = (
        select(TeamMember.id, TeamMember.name, TeamMember.role, TeamMember.email)
        .where(TeamMember.id.in_(ids))
        .order_by(TeamMember.name)
    )
    return tuple(TeamRow(*row) for row in session.execute(statement))


def _owners(session: Session, person_ids: set[int]) -> tuple[OwnerRow, ...]:
    statement = (
        select(
            RelationshipOwner.stakeholder_id,
            Stakeholder.full_name,
            TeamMember.name,
            TeamMember.role,
            RelationshipOwner.rule,
        )
        .join(Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id)
        .join(TeamMember, TeamMember.id == RelationshipOwner.team_member_id)
        .where(RelationshipOwner.stakeholder_id.in_(person_ids))
        .order_by(TeamMember.name, Stakeholder.full_name)
    )
    return tuple(OwnerRow(*row) for row in session.execute(statement))


def recent_interactions(
    session: Session,
    accounts: Collection[int],
    limit: int,
    person_ids: Collection[int] | None = None,
) -> tuple[InteractionRow, ...]:
    """The latest interactions of some accounts (optionally only those with some people)."""
    statement = select(
        Interaction.id,
        Interaction.occurred_on,
        Interaction.channel,
        Interaction.summary,
        Interaction.next_step,
    ).where(Interaction.account_id.in_(accounts))
    if person_ids is not None:
        with_people = select(InteractionStakeholder.interaction_id).where(
            InteractionStakeholder.stakeholder_id.in_(person_ids)
        )
        statement = statement.where(Interaction.id.in_(with_people))
    rows = session.execute(
        statement.order_by(Interaction.occurred_on.desc(), Interaction.id.desc()).limit(limit)
    ).all()
    ids = [row.id for row in rows]
    people_of: dict[int, list[int]] = defaultdict(list)
    for interaction_id, person_id in session.execute(
        select(InteractionStakeholder.interaction_id, InteractionStakeholder.stakeholder_id)
        .where(InteractionStakeholder.interaction_id.in_(ids))
        .order_by(InteractionStakeholder.id)
    ):
        people_of[interaction_id].append(person_id)
    member = aliased(TeamMember)
    team_of: dict[int, list[str]] = defaultdict(list)
    for interaction_id, name in session.execute(
        select(InteractionTeamMember.interaction_id, member.name)
        .join(member, member.id == InteractionTeamMember.team_member_id)
        .where(InteractionTeamMember.interaction_id.in_(ids))
        .order_by(member.name)
    ):
        team_of[interaction_id].append(name)
    return tuple(
        InteractionRow(
            occurred_on=row.occurred_on,
            channel=row.channel,
            summary=row.summary,
            next_step=row.next_step,
            person_ids=tuple(people_of[row.id]),
            team=tuple(team_of[row.id]),
        )
        for row in rows
    )


def interactions_with(
    db: Database, account_id: int, person_ids: Collection[int], limit: int = 20
) -> tuple[InteractionRow, ...]:
    """The latest interactions of an umbrella that involved any of the given people."""
    with db.read() as session:
        family = umbrella_account_ids(session, account_id)
        return recent_interactions(session, family, limit, person_ids=person_ids)


def record_export(db: Database, account_id: int, variant: str, file_name: str) -> None:
    """Remember that a document of this account left the laptop, and under which name."""
    with db.transaction() as session:
        session.add(ExportRecord(account_id=account_id, variant=variant, file_name=file_name))
