"""The reporting rules an import of people must keep, checked inside its transaction.

Every reporting line the import draws joins two people of the same customer (umbrella family)
and closes no cycle, on the data as it is when the import writes (``import_writes``); the
messages are the ones ``import_driver`` gives for the command line.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.errors import RuleViolation
from keyplan.domain.rules import line_across_customers, reporting_cycles
from keyplan.store.models import Account, Stakeholder
from keyplan.store.people.edits import umbrella_account_ids
from keyplan.store.transfer.import_data import ImportWrite, PersonWrite
from keyplan.store.transfer.import_driver import (
    cycle_message,
    new_people_accounts,
    new_people_lines,
    outside_message,
)

_CHUNK = 2000  # ids per IN (…): well under SQLite's limit of bound parameters


def check_lines(
    session: Session,
    account_ids: set[int],
    plan: ImportWrite,
    added_ids: list[int],
    *,
    into: int | None,
) -> None:
    """Every reporting line the import drew stays in its family and closes no cycle.

    New people have nobody reporting to them but other new people, so their lines are
    checked among themselves, in memory; only when the import gives people already there a
    new manager are the families' trees read and walked.
    """
    family: set[int] = set()
    for account_id in account_ids:
        if account_id not in family:
            family |= umbrella_account_ids(session, account_id)
    _require_managers_in_family(session, plan, added_ids, into)
    new_managers = {
        added_ids[i]: added_ids[w.manager_new] if w.manager_new is not None else None
        for i, w in enumerate(plan.new)
    }
    cycle = next(iter(reporting_cycles(new_managers)), None)
    if cycle is None and any(_has_manager(write) for write in plan.updates):
        managers: dict[int, int | None] = dict(
            session.execute(
                select(Stakeholder.id, Stakeholder.reports_to_id).where(
                    Stakeholder.account_id.in_(family)
                )
            ).all()
        )
        cycle = next(iter(reporting_cycles(managers)), None)
    if cycle:
        raise RuleViolation(cycle_message(_names(session, [*cycle, cycle[0]])))


def _require_managers_in_family(
    session: Session, plan: ImportWrite, added_ids: list[int], into: int | None
) -> None:
    """Every reporting line joins two people of the same customer (umbrella family).

    The new people's accounts are the ones they were just written with (``into``, unless the
    write names its own); only the people already there are read back.
    """
    lines = new_people_lines(plan.new, added_ids)
    lines += [
        (w.person_id, w.manager_id)
        for w in plan.updates
        if w.person_id is not None and w.manager_id is not None  # an update names its person
    ]
    if not lines:
        return
    account_of = new_people_accounts(plan.new, added_ids, into)
    stored = list({p for line in lines for p in line if p is not None and p not in account_of})
    for start in range(0, len(stored), _CHUNK):
        chunk = stored[start : start + _CHUNK]
        account_of.update(
            session.execute(
                select(Stakeholder.id, Stakeholder.account_id).where(Stakeholder.id.in_(chunk))
            ).all()
        )
    parents = dict(session.execute(select(Account.id, Account.parent_id)).all())
    outsider = line_across_customers(lines, account_of, parents)
    if outsider is not None:
        raise RuleViolation(outside_message(_names(session, [outsider])[0]))


def _has_manager(write: PersonWrite) -> bool:
    return write.manager_id is not None or write.manager_new is not None


def _names(session: Session, person_ids: list[int]) -> list[str]:
    """People's names, for a message (read only when there is something to say)."""
    rows = session.execute(
        select(Stakeholder.id, Stakeholder.full_name).where(Stakeholder.id.in_(person_ids))
    )
    names = dict(rows.all())
    return [names.get(person_id, "?") for person_id in person_ids]
