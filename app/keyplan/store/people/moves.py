"""People who leave (and where they go), open positions, and filling them.

Each edit is one transaction, validated before it writes, that returns a ``RowStates``: the
rows it touched as they were before and as they are after. Undo writes ``before`` back (and
removes what the edit created); redo writes ``after`` back (and removes what it deleted), so
the ids stay the same through any number of undos and redos.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.matrix import check_fills_vacancy, moved_context, stance_label
from keyplan.domain.vocabulary import Stance
from keyplan.store.database import Database
from keyplan.store.models import Account, Base, DottedLine, Stakeholder
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.snapshots import RowSnapshot, restore_snapshot, snapshot_delete

# What a person who moves to another of our accounts takes along: who they are, and what we
# know of them. Their title, role and manager there are not known yet.
_TRAVELLING_FIELDS = (
    "full_name",
    "email",
    "phone",
    "profile_url",
    "location",
    "stance",
    "strength",
    "influence",
    "contact_frequency_days",
    "preferred_channel",
    "preferred_team_member_id",
    "personality_notes",
    "personal_interests",
)


@dataclass(frozen=True)
class RowStates:
    """The rows an edit touched, before and after it (a row missing on one side: created
    or deleted by the edit).

    Attributes:
        before: the rows before the edit.
        after: the rows after the edit.
        person_ids: the people (and positions) whose cards changed, for the views.
        account_ids: the accounts that gained or lost a card.
    """

    before: RowSnapshot
    after: RowSnapshot
    person_ids: tuple[int, ...]
    account_ids: tuple[int, ...]
    new_id: int | None = None  # the vacancy or the person the edit created, if any


def put_back(db: Database, states: RowStates, *, undo: bool) -> None:
    """Write one side of an edit back: ``before`` for an undo, ``after`` for a redo."""
    wanted, other = (states.before, states.after) if undo else (states.after, states.before)
    with db.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            extra = other.ids(table) - wanted.ids(table)
            if extra:
                session.execute(delete(table).where(table.c.id.in_(extra)))
        restore_snapshot(session, wanted)


# ---- reading ----------------------------------------------------------------------------------


def moved_contexts(session: Session, record_ids: Collection[int]) -> dict[int, str]:
    """For old records of people who moved: "was our champion at Aldermark", by old record id.

    A record since deleted has no line (the link leads nowhere).
    """
    if not record_ids:
        return {}
    statement = (
        select(Stakeholder.id, Stakeholder.stance, Account.name)
        .join(Account, Account.id == Stakeholder.account_id)
        .where(Stakeholder.id.in_(list(record_ids)))
    )
    return {
        row.id: moved_context(stance_label(row.stance), row.name)
        for row in session.execute(statement)
    }


def person_story(db: Database, person_id: int) -> dict[str, str | None]:
    """Where a person went (``left_for``) and where they came from (``came_from``)."""
    with db.read() as session:
        person = _person(session, person_id)
        previous = person.previous_record_id
        came = moved_contexts(session, [previous] if previous is not None else [])
        return {
            "left_for": person.left_for,
            "came_from": came.get(previous) if previous is not None else None,
            "vacancy_note": person.vacancy_note,
        }


def vacancies(db: Database, account_id: int) -> list[tuple[int, str]]:
    """The open positions of an account's whole customer: (id, title)."""
    with db.read() as session:
        family = umbrella_account_ids(session, account_id)
        rows = session.execute(
            select(Stakeholder.id, Stakeholder.full_name)
            .where(Stakeholder.account_id.in_(family), Stakeholder.is_vacancy.is_(True))
            .order_by(Stakeholder.full_name)
        ).all()
    return [(row.id, row.full_name) for row in rows]


# ---- leaving ------------------------------------------------------------------------------------


def mark_left(
    db: Database,
    person_id: int,
    *,
    left_for: str | None = None,
    to_account_id: int | None = None,
    keep_position: bool = False,
) -> RowStates:
    """Mark a person as having left, saying where they went; all of it or nothing.

    Args:
        db: the database.
        person_id: who left.
        left_for: where they went, in words (a company, "retired").
        to_account_id: another account of ours they went to: they become a person there,
            linked to this record ("was our champion at …").
        keep_position: their seat stays as an open position, taking their reports.

    Raises:
        NotFound: the person or the account no longer exists.
        RuleViolation: an open position cannot leave; they already left; they would move to
            the account they are at.
    """
    with db.transaction() as session:
        person = _person(session, person_id)
        if person.is_vacancy:
            raise RuleViolation(f"{person.full_name} is an open position, not a person.")
        if person.has_left:
            raise RuleViolation(f"{person.full_name} is already marked as having left.")
        target = _move_target(session, person, to_account_id)
        reports = list(session.scalars(select(Stakeholder.id).where(
            Stakeholder.reports_to_id == person_id)))  # fmt: skip
        before = _read(session, {"stakeholders": {person_id, *reports}})
        created: list[int] = []
        if keep_position:
            created.append(_open_position_for(session, person, reports))
        if target is not None:
            created.append(_copy_to(session, person, target))
        person.has_left = True
        person.left_for = (target.name if target is not None else None) or (left_for or None)
        session.flush()
        touched = {person_id, *reports, *created}
        after = _read(session, {"stakeholders": touched})
        accounts = {person.account_id} | ({target.id} if target is not None else set())
        return RowStates(
            before, after, tuple(touched), tuple(accounts), created[0] if created else None
        )


def _move_target(session: Session, person: Stakeholder, account_id: int | None) -> Account | None:
    if account_id is None:
        return None
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    if account.id == person.account_id:
        raise RuleViolation(f"{person.full_name} already works at {account.name}.")
    return account


def _open_position_for(session: Session, person: Stakeholder, reports: list[int]) -> int:
    """The seat a leaver leaves: an open position under their manager, with their reports."""
    seat = Stakeholder(
        account_id=person.account_id,
        full_name=person.job_title or f"{person.full_name}'s position",
        job_title=person.job_title,
        department=person.department,
        level=person.level,
        reports_to_id=person.reports_to_id,
        buying_role=person.buying_role,
        influence=person.influence,
        stance=Stance.UNKNOWN.value,
        strength=0,
        is_vacancy=True,
        vacancy_note=f"{person.full_name} left",
        map_x=person.map_x,
        map_y=person.map_y,
    )
    session.add(seat)
    session.flush()
    if reports:
        session.execute(
            update(Stakeholder).where(Stakeholder.id.in_(reports)).values(reports_to_id=seat.id)
        )
    person.map_x = person.map_y = None
    return seat.id


def _copy_to(session: Session, person: Stakeholder, account: Account) -> int:
    """The person as they now are at another account of ours, linked to their old record."""
    values = {field: getattr(person, field) for field in _TRAVELLING_FIELDS}
    copy = Stakeholder(account_id=account.id, previous_record_id=person.id, **values)
    session.add(copy)
    session.flush()
    return copy.id


# ---- filling an open position -----------------------------------------------------------------


def fill_vacancy(db: Database, vacancy_id: int, person_id: int) -> RowStates:
    """A person takes an open position: its reports now report to them, they to its manager,
    and the position is gone. Their title (and department) become the seat's where they had
    none.

    Raises:
        NotFound: the position or the person no longer exists.
        RuleViolation: not an open position; the person is one, has left, or works for
            another customer.
    """
    with db.transaction() as session:
        return _fill_in(session, vacancy_id, person_id)


def _fill_in(session: Session, vacancy_id: int, person_id: int) -> RowStates:
    seat, person = _person(session, vacancy_id), _person(session, person_id)
    _check_filling(session, seat, person)
    # Everything the position's going touches: its reports, its lines, any row naming it.
    before = snapshot_delete(session, Stakeholder.__table__, {vacancy_id})
    before.merge(_read(session, {"stakeholders": {person_id}}))
    reports = [
        rid
        for rid in session.scalars(
            select(Stakeholder.id).where(Stakeholder.reports_to_id == vacancy_id)
        )
        if rid != person_id
    ]
    manager_id = seat.reports_to_id if seat.reports_to_id != person_id else None
    title, department, level = seat.job_title or seat.full_name, seat.department, seat.level
    place = (seat.map_x, seat.map_y)
    session.expunge(seat)  # removed by SQL below
    if reports:
        session.execute(
            update(Stakeholder).where(Stakeholder.id.in_(reports)).values(reports_to_id=person_id)
        )
    # The seat's dotted reports now have the person as dotted manager (unless that is the
    # person themselves); its own dotted lines go with it.
    session.execute(
        update(DottedLine)
        .where(DottedLine.manager_id == vacancy_id, DottedLine.stakeholder_id != person_id)
        .values(manager_id=person_id)
    )
    person.reports_to_id = manager_id
    person.job_title = person.job_title or title
    person.department = person.department or department
    person.level = person.level or level
    if person.map_x is None and place[0] is not None:
        person.map_x, person.map_y = place
    session.flush()
    session.execute(delete(Stakeholder).where(Stakeholder.id == vacancy_id))
    after = _read(session, _ids_of(before))
    return RowStates(before, after, (person_id, *reports), (seat.account_id, person.account_id))


def fill_vacancy_with_new(db: Database, vacancy_id: int, full_name: str) -> RowStates:
    """Someone new takes an open position: added at its account and seated, all or nothing.

    Raises:
        RuleViolation: no name, or not an open position.
    """
    name = STAKEHOLDER_FIELDS["full_name"].parse(full_name)
    with db.read() as session:
        seat = _person(session, vacancy_id)
        if not seat.is_vacancy:
            raise RuleViolation(f"{seat.full_name} is a person, not an open position.")
        account_id = seat.account_id
    with db.transaction() as session:
        person = Stakeholder(
            account_id=account_id, full_name=name, buying_role="none", stance="unknown", strength=0
        )
        session.add(person)
        session.flush()
        states = _fill_in(session, vacancy_id, person.id)
    # They did not exist before: an undo removes them, a redo brings them back.
    states.before.rows["stakeholders"].pop(person.id, None)
    return RowStates(states.before, states.after, states.person_ids, states.account_ids, person.id)


def created_seat(db: Database, seat_id: int, account_id: int) -> RowStates:
    """The states of a position just opened: nothing before, the seat after."""
    with db.read() as session:
        after = _read(session, {"stakeholders": {seat_id}})
    return RowStates(RowSnapshot(), after, (seat_id,), (account_id,), seat_id)


def _check_filling(session: Session, seat: Stakeholder, person: Stakeholder) -> None:
    if not seat.is_vacancy:
        raise RuleViolation(f"{seat.full_name} is a person, not an open position.")
    if person.is_vacancy:
        raise RuleViolation(f"{person.full_name} is an open position, not a person.")
    if person.has_left:
        raise RuleViolation(f"{person.full_name} has left the company.")
    check_fills_vacancy(
        person.full_name,
        seat.full_name,
        same_customer=person.account_id in umbrella_account_ids(session, seat.account_id),
    )


def add_vacancy(
    db: Database,
    account_id: int,
    title: str,
    *,
    manager_id: int | None = None,
    note: str | None = None,
    department: str | None = None,
) -> int:
    """Open a position (a seat without a person) under a manager; return its id.

    Raises:
        RuleViolation: no title, or a manager at another customer.
    """
    if not title.strip():
        raise RuleViolation("An open position needs a title, such as 'CFO'.")
    with db.transaction() as session:
        if session.get(Account, account_id) is None:
            raise NotFound(f"That account no longer exists (id {account_id}).")
        if manager_id is not None:
            manager = _person(session, manager_id)
            if manager.account_id not in umbrella_account_ids(session, account_id):
                raise RuleViolation(
                    f"An open position at this customer cannot report to {manager.full_name}."
                )
        seat = Stakeholder(
            account_id=account_id,
            full_name=title.strip(),
            job_title=title.strip(),
            department=department,
            reports_to_id=manager_id,
            buying_role="none",
            stance=Stance.UNKNOWN.value,
            strength=0,
            is_vacancy=True,
            vacancy_note=note or None,
        )
        session.add(seat)
        session.flush()
        return seat.id


# ---- helpers ------------------------------------------------------------------------------------


def _ids_of(snapshot: RowSnapshot) -> dict[str, set[int]]:
    return {name: set(rows) for name, rows in snapshot.rows.items()}


def _read(session: Session, ids: dict[str, set[int]]) -> RowSnapshot:
    snapshot = RowSnapshot()
    session.flush()
    for table in Base.metadata.sorted_tables:
        wanted = ids.get(table.name)
        if wanted:
            statement = select(table).where(table.c.id.in_(wanted))
            for row in session.execute(statement).mappings():
                snapshot.add(table, dict(row), deleted=False)
    return snapshot


def _person(session: Session, person_id: int) -> Stakeholder:
    person = session.get(Stakeholder, person_id)
    if person is None:
        raise NotFound(f"That person no longer exists (id {person_id}).")
    return person
