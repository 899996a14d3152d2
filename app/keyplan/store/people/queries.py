"""What the screens read, as plain data: no live ORM objects leave this module."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.plain_text import require_no_controls_in_account
from keyplan.domain.quick_init import quick_init
from keyplan.domain.rules import family_below
from keyplan.store.database import Database
from keyplan.store.map.rows import hand_placed
from keyplan.store.meetings.facts import last_contacts
from keyplan.store.models import (
    Account,
    RelationshipOwner,
    Stakeholder,
    TeamMember,
)
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.shell.quick_reads import (  # noqa: F401 (the reads the first window needs)
    AccountGlance,
    PortfolioRow,
    account_glance,
    account_values,
    portfolio,
)
from keyplan.store.team.tracking import remember_read


@quick_init  # a plan reads hundreds, the People table thousands: see quick_init
@dataclass(frozen=True, slots=True)
class PersonRow:
    """A person as the People table and the map show them."""

    id: int
    account_id: int
    values: dict[str, Any]  # every field of STAKEHOLDER_FIELDS, by name
    manager_name: str | None
    owners: tuple[str, ...]
    last_contact: date | None
    map_position: tuple[float, float] | None
    is_vacancy: bool = False  # an open position (``open_positions``), never among ``people``
    vacancy_note: str | None = None
    owner_ids: tuple[int, ...] = ()  # the team members of ``owners``, in the same order

    def __getitem__(self, field: str) -> Any:
        return self.values[field]


def find_account(db: Database, name: str) -> int:
    """The id of the account with this name (case-insensitive); NotFound names the choices.

    Raises:
        RuleViolation: the name holds control characters (an ESC sequence typed or pasted
            into ``--account``): no account is called that.
    """
    require_no_controls_in_account(name)
    with db.read() as session:
        rows = session.execute(select(Account.id, Account.name)).all()
    matches = [row.id for row in rows if row.name.lower() == name.strip().lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise NotFound(f"Several accounts are named '{name}'.")
    known = ", ".join(sorted(row.name for row in rows)[:10]) or "none yet"
    raise NotFound(f"There is no account named '{name}'. Accounts: {known}.")


def people(
    db: Database, account_id: int, *, with_affiliates: bool = False, for_print: bool = False
) -> list[PersonRow]:
    """The people of an account (or of its whole umbrella), with owners and last contact.

    Open positions are not people: they are left out (see ``open_positions``).
    ``for_print``: read plain columns, not ORM objects, and remember no versions: a document
    is never saved back, and building 500 ORM objects was most of a meeting brief's read.
    The rows are the same either way.
    """
    with db.read() as session:
        account_ids = umbrella_account_ids(session, account_id) if with_affiliates else {account_id}
        condition = Stakeholder.account_id.in_(account_ids) & Stakeholder.is_vacancy.is_(False)
        return _printed_rows(session, condition) if for_print else _person_rows(session, condition)


def open_positions(
    db: Database, account_id: int, *, with_affiliates: bool = False, for_print: bool = False
) -> list[PersonRow]:
    """The open positions (seats without a person) of an account or of its whole umbrella
    (``for_print`` as for ``people``)."""
    with db.read() as session:
        account_ids = umbrella_account_ids(session, account_id) if with_affiliates else {account_id}
        condition = Stakeholder.account_id.in_(account_ids) & Stakeholder.is_vacancy.is_(True)
        return _printed_rows(session, condition) if for_print else _person_rows(session, condition)


def person(db: Database, person_id: int) -> PersonRow:
    with db.read() as session:
        rows = _person_rows(session, Stakeholder.id == person_id)
    if not rows:
        raise NotFound(f"That person no longer exists (id {person_id}).")
    return rows[0]


def _person_rows(session: Session, condition: Any) -> list[PersonRow]:
    people_rows = session.scalars(
        select(Stakeholder).where(condition).order_by(Stakeholder.id)
    ).all()
    remember_read(session, people_rows)  # team mode: a save of what was shown is checked
    return _rows_of(session, condition, people_rows, _object_values)


def _object_values(row: Stakeholder) -> dict[str, Any]:
    return {name: getattr(row, name) for name in STAKEHOLDER_FIELDS}


# The columns a PersonRow is made of, read as plain rows by ``_printed_rows``.
_ROW_KEYS = ("id", "account_id", "reports_to_id", "map_x", "map_y", "is_vacancy", "vacancy_note")
_ROW_COLUMNS = tuple(dict.fromkeys((*_ROW_KEYS, *STAKEHOLDER_FIELDS)))
_FIELD_NAMES = tuple(STAKEHOLDER_FIELDS)
# A row's field values in STAKEHOLDER_FIELDS order, by position (faster than by name).
_field_values = itemgetter(*(_ROW_COLUMNS.index(name) for name in _FIELD_NAMES))


def _printed_rows(session: Session, condition: Any) -> list[PersonRow]:
    """``_person_rows`` from plain column rows: no ORM objects, no versions remembered."""
    columns = [getattr(Stakeholder, name) for name in _ROW_COLUMNS]
    rows = session.execute(select(*columns).where(condition).order_by(Stakeholder.id)).all()
    return _rows_of(session, condition, rows, _row_values)


def _row_values(row: Row[Any]) -> dict[str, Any]:
    return dict(zip(_FIELD_NAMES, _field_values(row), strict=True))


def _rows_of(
    session: Session,
    condition: Any,
    people_rows: Sequence[Any],
    values_of: Callable[[Any], dict[str, Any]],
) -> list[PersonRow]:
    """PersonRows of people read either as ORM objects or as rows with the same attributes;
    ``values_of`` gives a person's STAKEHOLDER_FIELDS values by name."""
    if not people_rows:  # most accounts have no open position: no owners or contacts to read
        return []
    names = {row.id: row.full_name for row in people_rows}
    missing = {row.reports_to_id for row in people_rows} - set(names) - {None}
    if missing:  # managers in another account of the umbrella
        names.update(
            session.execute(
                select(Stakeholder.id, Stakeholder.full_name).where(Stakeholder.id.in_(missing))
            ).all()
        )
    owners = _owners_by_person(session, condition)
    contacts = last_contacts(session, condition)
    return [
        PersonRow(
            id=row.id,
            account_id=row.account_id,
            values=values_of(row),
            manager_name=names.get(row.reports_to_id) if row.reports_to_id else None,
            owners=tuple(name for _id, name in owners.get(row.id, ())),
            owner_ids=tuple(member_id for member_id, _name in owners.get(row.id, ())),
            last_contact=contacts.get(row.id),
            map_position=hand_placed(row.map_x, row.map_y),
            is_vacancy=row.is_vacancy,
            vacancy_note=row.vacancy_note,
        )
        for row in people_rows
    ]


def _owners_by_person(session: Session, condition: Any) -> dict[int, list[tuple[int, str]]]:
    """Person id -> the (id, name) of the team members who own the relationship, by name."""
    statement = (
        select(RelationshipOwner.stakeholder_id, TeamMember.id, TeamMember.name)
        .join(TeamMember, TeamMember.id == RelationshipOwner.team_member_id)
        .join(Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id)
        .where(condition)
        .order_by(TeamMember.name, TeamMember.id)
    )
    owners: dict[int, list[tuple[int, str]]] = {}
    for person_id, member_id, name in session.execute(statement):
        owners.setdefault(person_id, []).append((member_id, name))
    return owners


def relationship_owner_rows(db: Database, person_id: int) -> list[tuple[int, int]]:
    """The relationship-owner rows of one person as (row id, team member id), by member name.

    The first is the one the person dialog and the People table show as "the" owner.
    """
    with db.read() as session:
        statement = (
            select(RelationshipOwner.id, RelationshipOwner.team_member_id)
            .join(TeamMember, TeamMember.id == RelationshipOwner.team_member_id)
            .where(RelationshipOwner.stakeholder_id == person_id)
            .order_by(TeamMember.name, TeamMember.id)
        )
        return [(row_id, member_id) for row_id, member_id in session.execute(statement)]


def team_members(db: Database) -> list[tuple[int, str]]:
    """Our side: (id, name) of every team member, by name."""
    with db.read() as session:
        statement = select(TeamMember.id, TeamMember.name).order_by(TeamMember.name)
        return list(session.execute(statement).all())


def manager_choices(db: Database, person_id: int) -> list[tuple[int, str]]:
    """Who a person may report to: everyone in the umbrella but themselves, by name."""
    with db.read() as session:
        account_id = session.scalar(
            select(Stakeholder.account_id).where(Stakeholder.id == person_id)
        )
        if account_id is None:
            return []
        statement = (
            select(Stakeholder.id, Stakeholder.full_name)
            .where(
                Stakeholder.account_id.in_(umbrella_account_ids(session, account_id)),
                Stakeholder.id != person_id,
            )
            .order_by(Stakeholder.full_name)
        )
        return list(session.execute(statement).all())


def department_choices(db: Database, person_id: int) -> list[str]:
    """The departments written in a person's umbrella, each once (the spelling most used), by
    name: what a department field completes to, so that a typo does not make a new one."""
    with db.read() as session:
        account_id = session.scalar(
            select(Stakeholder.account_id).where(Stakeholder.id == person_id)
        )
        if account_id is None:
            return []
        statement = select(Stakeholder.department).where(
            Stakeholder.account_id.in_(umbrella_account_ids(session, account_id)),
            Stakeholder.department.is_not(None),
        )
        written = [name.strip() for name in session.scalars(statement) if name and name.strip()]
    return most_used_spellings(written)


def most_used_spellings(names: list[str]) -> list[str]:
    """Names compared without case, each kept in its most used spelling, sorted."""
    counts: dict[str, dict[str, int]] = {}
    for name in names:
        spellings = counts.setdefault(name.casefold(), {})
        spellings[name] = spellings.get(name, 0) + 1
    chosen = [max(spellings, key=lambda s: (spellings[s], s)) for spellings in counts.values()]
    return sorted(chosen, key=str.casefold)


def umbrella_family_below(session: Session, account_id: int) -> set[int]:
    """The account and every affiliate below it (not its parents)."""
    parents = dict(session.execute(select(Account.id, Account.parent_id)).all())
    return family_below(parents, account_id)
