"""What the stakeholder map reads: its people, its influence lines and its accounts, as plain data.

The map of a large account has thousands of cards, so everything here is a handful of Core
queries over just the columns the cards show (no ORM objects are built), and a single person
can be re-read alone when one field changes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.store.database import Database
from keyplan.store.evidence.queries import newest_dates
from keyplan.store.map.dotted import dotted_links
from keyplan.store.map.rows import (
    DottedLink,
    MapAccount,
    MapData,
    MapLine,
    MapPerson,
    hand_placed,
)
from keyplan.store.meetings.facts import last_contacts
from keyplan.store.models import (
    Account,
    InfluenceLine,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.moves import moved_contexts
from keyplan.store.people.queries import umbrella_family_below

__all__ = [
    "DottedLink",
    "MapAccount",
    "MapData",
    "MapLine",
    "MapPerson",
    "map_data",
    "map_dotted",
    "map_lines",
    "map_people",
]

_PERSON_COLUMNS = (
    Stakeholder.id,
    Stakeholder.account_id,
    Stakeholder.full_name,
    Stakeholder.job_title,
    Stakeholder.department,
    Stakeholder.level,
    Stakeholder.reports_to_id,
    Stakeholder.buying_role,
    Stakeholder.influence,
    Stakeholder.stance,
    Stakeholder.strength,
    Stakeholder.has_left,
    Stakeholder.contact_frequency_days,
    Stakeholder.map_x,
    Stakeholder.map_y,
    Stakeholder.profile_url,
    Stakeholder.is_vacancy,
    Stakeholder.vacancy_note,
    Stakeholder.previous_record_id,
    Stakeholder.left_for,
)


def map_data(db: Database, account_id: int, *, with_affiliates: bool) -> MapData:
    """Read the map of an account, optionally with every affiliate below it.

    Args:
        db: the database.
        account_id: the account to show.
        with_affiliates: include the people of the affiliates below the account.

    Raises:
        NotFound: the account no longer exists.
    """
    with db.read() as session:
        family = umbrella_family_below(session, account_id) if with_affiliates else {account_id}
        accounts = _accounts(session, family)
        if account_id not in accounts:
            raise NotFound(f"That account no longer exists (id {account_id}).")
        people = _people(session, Stakeholder.account_id.in_(family))
        lines = _lines(session, Stakeholder.account_id.in_(family))
        dotted = dotted_links(session, Stakeholder.account_id.in_(family))
    return MapData(
        account_id=account_id, accounts=accounts, people=people, lines=lines, dotted=dotted
    )


def map_people(db: Database, person_ids: Collection[int]) -> list[MapPerson]:
    """Re-read a few cards (after an edit); people who no longer exist are left out."""
    if not person_ids:
        return []
    with db.read() as session:
        return _people(session, Stakeholder.id.in_(list(person_ids)))


def map_placements(
    db: Database, person_ids: Collection[int]
) -> dict[int, tuple[int | None, tuple[float, float] | None]]:
    """Where a few cards hang and stand now: each one's manager and hand-placed position.

    All a re-parent or a hand placement changes: one small query instead of re-reading the
    whole cards (owners, contacts, evidence) while the user waits for the map to follow.
    """
    if not person_ids:
        return {}
    statement = select(
        Stakeholder.id, Stakeholder.reports_to_id, Stakeholder.map_x, Stakeholder.map_y
    ).where(Stakeholder.id.in_(list(person_ids)))
    with db.read() as session:
        return {
            row.id: (row.reports_to_id, hand_placed(row.map_x, row.map_y))
            for row in session.execute(statement)
        }


def map_lines(db: Database, account_ids: Collection[int]) -> list[MapLine]:
    """The influence lines between people of the given accounts."""
    with db.read() as session:
        return _lines(session, Stakeholder.account_id.in_(list(account_ids)))


def map_dotted(db: Database, account_ids: Collection[int]) -> list[DottedLink]:
    """The dotted reporting lines between people of the given accounts."""
    with db.read() as session:
        return dotted_links(session, Stakeholder.account_id.in_(list(account_ids)))


def _accounts(session: Session, family: Iterable[int]) -> dict[int, MapAccount]:
    statement = select(Account.id, Account.name, Account.country, Account.parent_id).where(
        Account.id.in_(list(family))
    )
    return {row.id: MapAccount(*row) for row in session.execute(statement)}


def _people(session: Session, condition: Any) -> list[MapPerson]:
    owners = _owners(session, condition)
    contacts = last_contacts(session, condition)
    evidence = newest_dates(session, condition)
    # Core rows unpacked as tuples: reading a row's columns by name costs about a microsecond
    # each, a third of the whole read for a map of 10,000 cards. The account's review cadence
    # comes in the same rows (one join, not a query of its own).
    statement = (
        select(*_PERSON_COLUMNS, Account.review_cadence_days)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(condition)
        .order_by(Stakeholder.id)
    )
    rows = session.connection().execute(statement).all()
    came_from = moved_contexts(session, {row[18] for row in rows} - {None})
    no_owners: tuple[str, ...] = ()
    no_evidence: tuple[tuple[str, str, date], ...] = ()
    return [
        MapPerson(
            person_id,
            account_id,
            full_name,
            job_title,
            department,
            level,
            reports_to_id,
            buying_role,
            influence,
            stance,
            strength,
            bool(has_left),
            contact_frequency_days,
            None if map_x is None or map_y is None else (map_x, map_y),  # as hand_placed
            owners.get(person_id, no_owners),
            contacts.get(person_id),
            profile_url,
            bool(is_vacancy),
            vacancy_note,
            came_from.get(previous_record_id),
            left_for,
            evidence.get(person_id, no_evidence),
            cadence,
        )
        for (
            person_id,
            account_id,
            full_name,
            job_title,
            department,
            level,
            reports_to_id,
            buying_role,
            influence,
            stance,
            strength,
            has_left,
            contact_frequency_days,
            map_x,
            map_y,
            profile_url,
            is_vacancy,
            vacancy_note,
            previous_record_id,
            left_for,
            cadence,
        ) in rows
    ]


def _owners(session: Session, condition: Any) -> dict[int, tuple[str, ...]]:
    statement = (
        select(RelationshipOwner.stakeholder_id, TeamMember.name)
        .join(TeamMember, TeamMember.id == RelationshipOwner.team_member_id)
        .join(Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id)
        .where(condition)
        .order_by(RelationshipOwner.id)  # the first owner recorded is the main one
    )
    owners: dict[int, tuple[str, ...]] = {}
    for person_id, name in session.execute(statement):
        owners[person_id] = (*owners.get(person_id, ()), name)
    return owners


def _lines(session: Session, condition: Any) -> list[MapLine]:
    shown = select(Stakeholder.id).where(condition)
    statement = (
        select(
            InfluenceLine.id,
            InfluenceLine.from_stakeholder_id,
            InfluenceLine.to_stakeholder_id,
            InfluenceLine.kind,
            InfluenceLine.strength,
            InfluenceLine.note,
        )
        .where(
            InfluenceLine.from_stakeholder_id.in_(shown),
            InfluenceLine.to_stakeholder_id.in_(shown),
        )
        .order_by(InfluenceLine.id)
    )
    return [MapLine(*row) for row in session.execute(statement)]
