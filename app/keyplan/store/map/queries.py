"""What the stakeholder map reads: its people, its influence lines and its accounts, as plain data.

The map of a large account has thousands of cards, so everything here is a handful of Core
queries over just the columns the cards show (no ORM objects are built), and a single person
can be re-read alone when one field changes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.store.database import Database
from keyplan.store.evidence.queries import newest_dates
from keyplan.store.history.queries import id_marks
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


@dataclass(frozen=True, slots=True)
class _CardField:
    """How one field of ``MapPerson`` is read.

    Attributes:
        name: the record's field.
        columns: what the SELECT reads for it, in this order (none: another query reads it).
        value: the Python expression that makes the field, over those columns' names and the
            other reads (``owners``, ``contacts``, ``came_from``, ``evidence``).
    """

    name: str
    columns: tuple[Any, ...]
    value: str


def _column(column: Any) -> _CardField:
    """A field read straight from the column of the same name."""
    return _CardField(column.key, (column,), column.key)


#: Every field of a card, in ``MapPerson``'s order: the one place that says which columns the
#: map reads and where each one goes. The SELECT list and the record's positional build are
#: both made from it (``_SELECTED``, ``_build_cards``).
_CARD_FIELDS: tuple[_CardField, ...] = (
    _column(Stakeholder.id),
    _column(Stakeholder.account_id),
    _column(Stakeholder.full_name),
    _column(Stakeholder.job_title),
    _column(Stakeholder.department),
    _column(Stakeholder.level),
    _column(Stakeholder.reports_to_id),
    _column(Stakeholder.buying_role),
    _column(Stakeholder.influence),
    _column(Stakeholder.stance),
    _column(Stakeholder.strength),
    _CardField("has_left", (Stakeholder.has_left,), "bool(has_left)"),
    _column(Stakeholder.contact_frequency_days),
    _CardField(  # as hand_placed
        "map_position",
        (Stakeholder.map_x, Stakeholder.map_y),
        "None if map_x is None or map_y is None else (map_x, map_y)",
    ),
    _CardField("owners", (), "owners.get(id, ())"),
    _CardField("last_contact", (), "contacts.get(id)"),
    _column(Stakeholder.profile_url),
    _CardField("is_vacancy", (Stakeholder.is_vacancy,), "bool(is_vacancy)"),
    _column(Stakeholder.vacancy_note),
    _CardField("came_from", (Stakeholder.previous_record_id,), "came_from.get(previous_record_id)"),
    _column(Stakeholder.left_for),
    _CardField("evidence", (), "evidence.get(id, ())"),
    # The account's review cadence comes in the same rows (one join, not a query of its own).
    _column(Account.review_cadence_days),
)

#: The SELECT list, in the order the rows are unpacked.
_SELECTED: tuple[Any, ...] = tuple(column for f in _CARD_FIELDS for column in f.columns)


def _card_builder(fields: tuple[_CardField, ...]) -> Callable[..., list[MapPerson]]:
    """Compile the function that turns the map's rows into cards, from the fields' spec.

    Core rows unpacked as tuples into local names: reading a row's columns by name, or by
    index in a loop over the spec, costs about a microsecond each, half of the whole read for
    a map of 10,000 cards. So the comprehension is written out once here, as ``dataclasses``
    writes its ``__init__``: the same code a hand would write, from the one spec.
    """
    if tuple(f.name for f in fields) != tuple(f.name for f in dataclasses.fields(MapPerson)):
        raise TypeError("the map's card fields are not MapPerson's fields, in its order")
    names = ", ".join(column.key for f in fields for column in f.columns)
    values = ", ".join(f.value for f in fields)
    source = (
        "def build_cards(rows, owners, contacts, came_from, evidence):\n"
        f"    return [MapPerson({values}) for ({names},) in rows]\n"
    )
    scope: dict[str, Any] = {"MapPerson": MapPerson}
    exec(compile(source, "<map card builder>", "exec"), scope)  # our own spec, no input
    return scope["build_cards"]


_build_cards = _card_builder(_CARD_FIELDS)
_PREVIOUS_RECORD = [column.key for column in _SELECTED].index("previous_record_id")


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
    whole cards (owners, contacts, evidence) while the user waits for the map to follow. Plain
    SQL: building and compiling the statement cost SQLAlchemy ten times the query itself.
    """
    if not person_ids:
        return {}
    marks, params = id_marks(person_ids)
    rows = db.rows(
        f"SELECT id, reports_to_id, map_x, map_y FROM stakeholders WHERE id IN ({marks})", **params
    )
    return {person_id: (manager_id, hand_placed(x, y)) for person_id, manager_id, x, y in rows}


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
    statement = (
        select(*_SELECTED)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(condition)
        .order_by(Stakeholder.id)
    )
    rows = session.connection().execute(statement).all()
    came_from = moved_contexts(session, {row[_PREVIOUS_RECORD] for row in rows} - {None})
    return _build_cards(rows, owners, contacts, came_from, evidence)


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
