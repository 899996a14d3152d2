"""The edits a user makes to accounts and people, each one short transaction.

Every function validates through the domain (field specs, rules) before it writes, and returns
what an undo needs: the old value, the new id, or a snapshot of what a delete removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS, FieldSpec
from keyplan.domain.rules import check_reports_to, family_below, umbrella_of
from keyplan.store.database import Database
from keyplan.store.map.rows import hand_placed
from keyplan.store.models import ACCOUNT_OWNED, Account, Base, Stakeholder
from keyplan.store.snapshots import (
    RowSnapshot,
    delete_snapshot_rows,
    restore_snapshot,
    snapshot_delete,
)

_Row = TypeVar("_Row", bound=Base)

# ---- accounts -----------------------------------------------------------------------------


def add_account(db: Database, name: str, parent_id: int | None = None, **fields: Any) -> int:
    """Create an account (an affiliate when ``parent_id`` is given); return its id."""
    values = _parsed(ACCOUNT_FIELDS, {"name": name, **fields})
    with db.transaction() as session:
        if parent_id is not None:
            _get(session, Account, parent_id)
        _require_unique_account_name(session, values["name"], parent_id, exclude_id=None)
        account = Account(parent_id=parent_id, **values)
        session.add(account)
        session.flush()
        return account.id


def set_account_field(db: Database, account_id: int, field: str, value: Any) -> Any:
    """Change one field of an account; return the value it had before."""
    spec = _spec(ACCOUNT_FIELDS, field)
    new_value = spec.parse(value)
    with db.transaction() as session:
        account = _get(session, Account, account_id)
        old_value = getattr(account, field)
        if field == "name":
            _require_unique_account_name(session, new_value, account.parent_id, account.id)
        setattr(account, field, new_value)
        return old_value


def delete_account(db: Database, account_id: int, *, cascade: bool = False) -> RowSnapshot:
    """Delete an account; return a snapshot that ``restore_rows`` puts back.

    Raises:
        RuleViolation: the account has affiliates or data and ``cascade`` is False.
    """
    with db.transaction() as session:
        account = _get(session, Account, account_id)
        if not cascade:
            _refuse_if_account_has_content(session, account)
        snapshot = snapshot_delete(session, Account.__table__, {account_id})
        delete_snapshot_rows(session, snapshot)
        return snapshot


def account_content(db: Database, account_id: int) -> str | None:
    """Why deleting this account needs a cascade (what it holds), or None when it is empty."""
    with db.read() as session:
        try:
            _refuse_if_account_has_content(session, _get(session, Account, account_id))
        except RuleViolation as reason:
            return str(reason)
    return None


def _refuse_if_account_has_content(session: Session, account: Account) -> None:
    affiliates = session.scalar(
        select(func.count()).select_from(Account).where(Account.parent_id == account.id)
    )
    if affiliates:
        raise RuleViolation(
            f"{account.name} has {affiliates} affiliate account(s). Delete them first, "
            f"or confirm deleting the account with everything in it."
        )
    for model in ACCOUNT_OWNED:
        count = session.scalar(
            select(func.count()).select_from(model).where(model.account_id == account.id)
        )
        if count:
            raise RuleViolation(
                f"{account.name} still holds {count} {model.__tablename__.replace('_', ' ')}. "
                f"Confirm deleting the account with everything in it."
            )


def _require_unique_account_name(
    session: Session, name: str, parent_id: int | None, exclude_id: int | None
) -> None:
    clash = session.scalar(
        select(Account.id).where(
            func.lower(Account.name) == name.lower(),
            Account.parent_id.is_(None) if parent_id is None else Account.parent_id == parent_id,
            Account.id != (exclude_id or -1),
        )
    )
    if clash is not None:
        where = "at the top level" if parent_id is None else "under the same umbrella"
        raise RuleViolation(f"There is already an account named '{name}' {where}.")


# ---- people -------------------------------------------------------------------------------


def add_stakeholder(
    db: Database,
    account_id: int,
    full_name: str,
    *,
    map_position: tuple[float, float] | None = None,
    **fields: Any,
) -> int:
    """Add a person to an account (their card hand-placed at ``map_position``); return their id."""
    values = _parsed(STAKEHOLDER_FIELDS, {"full_name": full_name, **fields})
    values.setdefault("buying_role", "none")
    values.setdefault("stance", "unknown")
    values.setdefault("strength", 0)
    with db.transaction() as session:
        _get(session, Account, account_id)
        person = Stakeholder(account_id=account_id, **values)
        if map_position is not None:
            person.map_x, person.map_y = map_position
        session.add(person)
        session.flush()
        if person.reports_to_id is not None:
            _check_manager(session, person, person.reports_to_id)
        return person.id


def set_stakeholder_field(db: Database, person_id: int, field: str, value: Any) -> Any:
    """Change one field of a person; return the value it had before.

    Raises:
        RuleViolation: the value is not valid, or the new manager would close a cycle.
    """
    spec = _spec(STAKEHOLDER_FIELDS, field)
    new_value = spec.parse(value)
    with db.transaction() as session:
        person = _get(session, Stakeholder, person_id)
        old_value = getattr(person, field)
        if field == "reports_to_id":
            _check_manager(session, person, new_value)
        setattr(person, field, new_value)
        return old_value


def set_stakeholder_fields(db: Database, person_id: int, values: dict[str, Any]) -> dict:
    """Change several fields of a person at once; return their old values."""
    parsed = {name: _spec(STAKEHOLDER_FIELDS, name).parse(v) for name, v in values.items()}
    with db.transaction() as session:
        return set_fields_in(session, person_id, parsed)


def set_fields_in(session: Session, person_id: int, parsed: dict[str, Any]) -> dict[str, Any]:
    """Set parsed fields of a person inside a caller's transaction; return the old values."""
    person = _get(session, Stakeholder, person_id)
    old = {name: getattr(person, name) for name in parsed}
    if "reports_to_id" in parsed:
        _check_manager(session, person, parsed["reports_to_id"])
    for name, value in parsed.items():
        setattr(person, name, value)
    return old


def set_map_positions(
    db: Database, positions: dict[int, tuple[float, float] | None]
) -> dict[int, tuple[float, float] | None]:
    """Hand-place cards on the map (None = back to the automatic layout); return the old ones."""
    with db.transaction() as session:
        old: dict[int, tuple[float, float] | None] = {}
        for person_id, position in positions.items():
            person = _get(session, Stakeholder, person_id)
            old[person_id] = hand_placed(person.map_x, person.map_y)
            person.map_x, person.map_y = position if position else (None, None)
        return old


def delete_stakeholder(db: Database, person_id: int) -> RowSnapshot:
    """Delete a person; their reports move up to the person's own manager.

    Returns the snapshot of everything changed, for undo.
    """
    return delete_stakeholders(db, [person_id])


def delete_stakeholders(db: Database, person_ids: Sequence[int]) -> RowSnapshot:
    """Delete several people in one transaction: all of them, or (refused) none.

    Each one's reports move up to the nearest manager above who stays, as if the people were
    deleted one after the other. Returns the snapshot of everything changed, for undo.

    Raises:
        NotFound: one of them no longer exists (nothing is deleted).
        EditConflict: a teammate changed one of them since this window read them.
    """
    with db.transaction() as session:
        return delete_people_in(session, person_ids)


def delete_people_in(
    session: Session, person_ids: Sequence[int], also: RowSnapshot | None = None
) -> RowSnapshot:
    """Delete people inside the caller's transaction, with ``also`` (a snapshot the caller read
    before writing anything, such as influence lines going with them); return the whole snapshot.

    Everything is read and checked before the first write, so a refusal leaves no trace.
    """
    ids = list(dict.fromkeys(person_ids))
    for person_id in ids:
        session.expunge(_get(session, Stakeholder, person_id))  # deleted below, not by the ORM
    snapshot = snapshot_delete(session, Stakeholder.__table__, set(ids))
    if also is not None:
        snapshot.merge(also)
    managers = {
        row_id: row["reports_to_id"] for row_id, row in snapshot.rows["stakeholders"].items()
    }
    gone = set(ids)
    for person_id in ids:
        session.execute(
            update(Stakeholder)
            .where(Stakeholder.reports_to_id == person_id, Stakeholder.id.not_in(gone))
            .values(reports_to_id=_manager_who_stays(person_id, managers, gone))
        )
    delete_snapshot_rows(session, snapshot)
    return snapshot


def _manager_who_stays(
    person_id: int, managers: dict[int, int | None], gone: set[int]
) -> int | None:
    """The first manager above a deleted person who is not deleted too (None: nobody)."""
    manager, seen = managers.get(person_id), {person_id}
    while manager in gone and manager not in seen:  # a damaged, cyclic chain still ends
        seen.add(manager)
        manager = managers.get(manager)
    return None if manager in gone else manager


def restore_rows(db: Database, snapshot: RowSnapshot) -> None:
    """Put back everything a delete removed or changed, exactly as it was."""
    with db.transaction() as session:
        try:
            restore_snapshot(session, snapshot)
        except IntegrityError as error:
            raise RuleViolation(f"Cannot restore the deleted rows: {error.orig}") from error


def _check_manager(session: Session, person: Stakeholder, manager_id: int | None) -> None:
    if manager_id is None:
        return
    manager = session.get(Stakeholder, manager_id)
    if manager is None:
        raise NotFound("The chosen manager no longer exists.")
    umbrella = umbrella_account_ids(session, person.account_id)
    if manager.account_id not in umbrella:
        raise RuleViolation(
            f"{person.full_name} cannot report to {manager.full_name}: "
            f"they work for different customers."
        )
    rows = session.execute(
        select(Stakeholder.id, Stakeholder.reports_to_id, Stakeholder.full_name).where(
            Stakeholder.account_id.in_(umbrella)
        )
    ).all()
    managers = {row.id: row.reports_to_id for row in rows}
    names = {row.id: row.full_name for row in rows}
    check_reports_to(person.id, manager_id, managers, lambda pid: names.get(pid, "?"))


def umbrella_account_ids(session: Session, account_id: int) -> set[int]:
    """The ids of the umbrella account above ``account_id`` and all its affiliates."""
    parents = dict(session.execute(select(Account.id, Account.parent_id)).all())
    root = umbrella_of(parents, account_id)
    assert root is not None
    return family_below(parents, root)


# ---- helpers ------------------------------------------------------------------------------


def _spec(specs: dict[str, FieldSpec], field: str) -> FieldSpec:
    try:
        return specs[field]
    except KeyError:
        raise RuleViolation(f"'{field}' is not a field that can be edited.") from None


def _parsed(specs: dict[str, FieldSpec], values: dict[str, Any]) -> dict[str, Any]:
    return {name: _spec(specs, name).parse(value) for name, value in values.items()}


def _get(session: Session, model: type[_Row], row_id: int) -> _Row:
    row = session.get(model, row_id)
    if row is None:
        what = model.__tablename__.rstrip("s").replace("_", " ")
        raise NotFound(f"That {what} no longer exists (id {row_id}).")
    return row
