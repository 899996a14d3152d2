"""Writing an import of people: one transaction for all of it, and its exact undo.

The matching happens above (``exchange/transfer/import_plan.py``) on plain data this module reads
(``import_target``); what comes back down is an ``ImportWrite``: people to add and fields to
change, with managers named by id or by their place among the new people. New people go in
with one multi-row INSERT … RETURNING, their managers with one executemany UPDATE: ten
thousand rows take a fraction of a second. The reporting rules are checked again inside the
transaction, on the data as it is then, so nothing the database holds can end up in a cycle.
``keyplan import`` writes new people alone into a file's account through ``import_driver``
instead (no SQLAlchemy loaded); the rows, the log entries and the rules are shared with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.database import Database
from keyplan.store.history.log import record_created
from keyplan.store.models import USER_INFO_KEY, Account, DottedLine, Stakeholder, utc_now
from keyplan.store.snapshots import (
    RowSnapshot,
    delete_snapshot_rows,
    restore_snapshot,
    snapshot_delete,
)
from keyplan.store.transfer.import_data import IMPORTED_FIELDS, ImportWrite, PersonWrite
from keyplan.store.transfer.import_driver import (
    INSERT_NEW_PERSON,
    NEW_PERSON,
    new_person_rows,
)
from keyplan.store.transfer.import_rules import check_lines

_BATCH = 2000  # rows per INSERT: well under SQLite's limit of bound parameters

Progress = Callable[[float], None]


@dataclass
class ImportReceipt:
    """What an import wrote, so that it can be taken back exactly and done again.

    ``before`` holds the changed people's rows as they were; ``after`` is filled by
    ``revert_import`` with every row it removed or reset, for ``reapply_import``.
    ``account_id`` is the import's own account (None for an import into the portfolio that
    created none); ``account_ids`` every account it changed.
    """

    account_id: int | None
    account_created: bool
    added_ids: list[int]
    updated_ids: list[int]
    before: RowSnapshot
    after: RowSnapshot | None = None
    account_ids: set[int] = field(default_factory=set)
    dotted_ids: list[int] = field(default_factory=list)  # dotted lines the import drew


# ---- writing ------------------------------------------------------------------------------


def apply_import(db: Database, plan: ImportWrite, report: Progress | None = None) -> ImportReceipt:
    """Write an import in one transaction: every person of it, or (on any error) none.

    Creates the account first when ``plan.account_id`` is None.

    Raises:
        RuleViolation: a reporting line would now close a cycle or cross customers; a person
            to update is gone. Nothing is written.
    """
    step = report or (lambda _fraction: None)
    with db.transaction() as session:
        account_id, created = _account(session, plan)
        step(0.05)
        before, updated_accounts = _snapshot_updated(session, plan.updates)
        added_ids = _insert_new(session, account_id, plan.new, step)
        _log_new(session, account_id, plan.new, added_ids)
        _write_updates(session, plan.updates, added_ids)
        new_accounts = {write.account_id or account_id for write in plan.new}
        changed = {a for a in {*new_accounts, *updated_accounts} if a is not None}
        check_lines(session, changed, plan, added_ids, into=account_id)
        dotted_ids = _draw_dotted_lines(session, plan, added_ids)
        step(1.0)
    updated_ids = [write.person_id for write in plan.updates if write.person_id is not None]
    return ImportReceipt(
        account_id, created, added_ids, updated_ids, before, None, changed, dotted_ids
    )


def revert_import(db: Database, receipt: ImportReceipt) -> None:
    """Take an import back exactly: the added people go, the changed ones are as they were."""
    with db.transaction() as session:
        after = snapshot_delete(session, Stakeholder.__table__, set(receipt.added_ids))
        after.merge(snapshot_delete(session, DottedLine.__table__, set(receipt.dotted_ids)))
        for row in _rows(session, receipt.updated_ids):
            after.add(Stakeholder.__table__, row, deleted=False)
        delete_snapshot_rows(session, after)
        restore_snapshot(session, receipt.before)
        if receipt.account_created and receipt.account_id is not None:  # created: it has an id
            account = snapshot_delete(session, Account.__table__, {receipt.account_id})
            after.rows.update(account.rows)
            delete_snapshot_rows(session, account)
    receipt.after = after


def reapply_import(db: Database, receipt: ImportReceipt) -> None:
    """Do an import again after ``revert_import``, to the same ids and values."""
    assert receipt.after is not None, "reapply_import follows revert_import"
    with db.transaction() as session:
        restore_snapshot(session, receipt.after)


def _draw_dotted_lines(session: Session, plan: ImportWrite, added_ids: list[int]) -> list[int]:
    """Draw the "dotted line to" lines the file gives (none twice); return their ids.

    The file's lines were checked by the plan (not to oneself, not the solid manager); a
    pair already drawn is left as it is.
    """
    pairs: dict[tuple[int, int], None] = {}
    for position, write in enumerate(plan.new):
        manager = _dotted_manager(write, added_ids)
        if manager is not None:
            pairs[(added_ids[position], manager)] = None
    for write in plan.updates:
        manager = _dotted_manager(write, added_ids)
        if manager is not None and write.person_id is not None:
            pairs[(write.person_id, manager)] = None
    wanted = [(person, manager) for person, manager in pairs if person != manager]
    if not wanted:
        return []
    people = {person for person, _manager in wanted}
    existing = set(
        session.execute(
            select(DottedLine.stakeholder_id, DottedLine.manager_id).where(
                DottedLine.stakeholder_id.in_(people)
            )
        ).all()
    )
    lines = [
        DottedLine(stakeholder_id=person, manager_id=manager)
        for person, manager in wanted
        if (person, manager) not in existing
    ]
    session.add_all(lines)
    session.flush()
    return [line.id for line in lines]


def _dotted_manager(write: PersonWrite, added_ids: list[int]) -> int | None:
    if write.dotted_new is not None:
        return added_ids[write.dotted_new]
    return write.dotted_id


def _account(session: Session, plan: ImportWrite) -> tuple[int | None, bool]:
    if plan.account_id is None and not plan.needs_own_account():
        return None, False  # into the portfolio: every person has their account
    if plan.account_id is not None:
        if session.get(Account, plan.account_id) is None:
            raise NotFound(f"That account no longer exists (id {plan.account_id}).")
        return plan.account_id, False
    name = plan.account_name.strip()
    if not name:
        raise RuleViolation("Name the account to import into.")
    clash = session.scalar(
        select(Account.id).where(
            func.lower(Account.name) == name.lower(), Account.parent_id.is_(None)
        )
    )
    if clash is not None:
        return clash, False
    account = Account(name=name)
    session.add(account)
    session.flush()
    return account.id, True


def _snapshot_updated(session: Session, updates: list[PersonWrite]) -> tuple[RowSnapshot, set[int]]:
    """The people to update as they are now, and their accounts; each where the plan saw them."""
    ids = [write.person_id for write in updates if write.person_id is not None]
    expected = {write.person_id: write.account_id for write in updates}
    rows = _rows(session, ids)
    if len(rows) != len(set(ids)):
        raise RuleViolation("Someone the import would update was deleted meanwhile; try again.")
    snapshot = RowSnapshot()
    accounts: set[int] = set()
    for row in rows:
        wanted = expected.get(row["id"])
        if wanted is not None and row["account_id"] != wanted:
            raise RuleViolation(f"{row['full_name']} is not in this account any more.")
        accounts.add(row["account_id"])
        snapshot.add(Stakeholder.__table__, row, deleted=False)
    return snapshot, accounts


def _rows(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    table = Stakeholder.__table__
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        statement = select(table).where(table.c.id.in_(chunk))
        rows.extend(dict(row) for row in session.execute(statement).mappings())
    return rows


def _insert_new(
    session: Session, account_id: int | None, new: list[PersonWrite], step: Progress
) -> list[int]:
    """Add the new people; return their ids in the order of ``new``."""
    if not new:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _insert_new_sqlite(session, account_id, new, step)
    added = _insert_returning_ids(session, account_id, new, step)
    _link_new_managers(session, new, added)
    return added


def _new_row(write: PersonWrite, account_id: int | None, now: Any) -> dict[str, Any]:
    return {
        **dict.fromkeys(IMPORTED_FIELDS),
        "level": None,  # guessed from the title by the import plan, when the title says it
        **write.values,
        **NEW_PERSON,
        "account_id": write.account_id or account_id,
        "reports_to_id": write.manager_id,
        "created_at": now,
        "updated_at": now,
    }


def _insert_new_sqlite(
    session: Session, account_id: int | None, new: list[PersonWrite], step: Progress
) -> list[int]:
    """Give the new people their ids here, so one plain executemany writes them, managers too.

    SQLite numbers a row max(id) + 1 itself; taking those numbers first is safe because a
    writer that slipped in between makes this transaction fail (a busy snapshot, or the
    primary key refusing a taken id): it cannot collide silently. Foreign keys are checked at
    commit (``defer_foreign_keys``), so a person may come before the new manager they report to.
    """
    first = (session.scalar(select(func.max(Stakeholder.id))) or 0) + 1
    ids = list(range(first, first + len(new)))
    session.execute(text("PRAGMA defer_foreign_keys = ON"))  # ends with the transaction
    connection = session.connection()
    # Every column is given here, in the stored form (the timestamp as the dialect writes it),
    # so the rows go to sqlite3's own executemany: through Core the same insert took about
    # three times as long at 10,000 rows, most of it in per-row parameter processing.
    table = Stakeholder.__table__
    stored_time = table.c.created_at.type.dialect_impl(connection.dialect)
    to_stored = stored_time.bind_processor(connection.dialect)  # SQLite's: datetime to text
    now: Any = to_stored(utc_now()) if to_stored is not None else utc_now()
    who = connection.info.get(USER_INFO_KEY)
    for start in range(0, len(new), _BATCH):
        rows = new_person_rows(new, ids, start, account_id, now, who)
        connection.exec_driver_sql(INSERT_NEW_PERSON, rows)
        step(0.1 + 0.7 * (start + len(rows)) / len(new))
    return ids


def _insert_returning_ids(
    session: Session, account_id: int | None, new: list[PersonWrite], step: Progress
) -> list[int]:
    """Other databases number rows from a sequence: let them, and read the numbers back."""
    now = utc_now()
    added: list[int] = []
    table = Stakeholder.__table__
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    for start in range(0, len(new), _BATCH):
        rows = [_new_row(write, account_id, now) for write in new[start : start + _BATCH]]
        for row in rows:
            row["reports_to_id"] = None  # new managers get their ids only now
        added.extend(session.scalars(statement, rows).all())
        step(0.1 + 0.7 * (start + len(rows)) / len(new))
    return added


def _log_new(
    session: Session, account_id: int | None, new: list[PersonWrite], added_ids: list[int]
) -> None:
    """The change log's "created" entries: the bulk insert goes around the session's hooks."""
    rows = zip(added_ids, new, strict=True)
    record_created(
        session,
        "person",
        (
            (pid, write.account_id or account_id, write.values.get("full_name"))
            for pid, write in rows
        ),
    )


def _write_updates(session: Session, updates: list[PersonWrite], added_ids: list[int]) -> None:
    now = utc_now()
    for write in updates:
        values = dict(write.values)
        if write.manager_new is not None:
            values["reports_to_id"] = added_ids[write.manager_new]
        elif write.manager_id is not None:
            values["reports_to_id"] = write.manager_id
        if values:
            table = Stakeholder.__table__
            session.execute(
                update(table)
                .where(table.c.id == write.person_id)
                .values({**values, "updated_at": now})
            )


def _link_new_managers(session: Session, new: list[PersonWrite], added_ids: list[int]) -> None:
    links = [
        {
            "person": added_ids[position],
            "manager": added_ids[write.manager_new]
            if write.manager_new is not None
            else write.manager_id,
        }
        for position, write in enumerate(new)
        if write.manager_new is not None or write.manager_id is not None
    ]
    if not links:
        return
    table = Stakeholder.__table__
    statement = (
        update(table)
        .where(table.c.id == bindparam("person"))
        .values(reports_to_id=bindparam("manager"))
    )
    session.connection().execute(statement, links)
