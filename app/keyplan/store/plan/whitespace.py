"""The account plan's whitespace grid: departments × offerings, and what we sell where.

Read for the account's family (departments of its people and its affiliates' people); a cell is
set on the account itself, each edit one short transaction that returns the old status for undo.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from keyplan.domain.errors import RuleViolation
from keyplan.domain.plan_fields import WHITESPACE_STATUS_FIELD
from keyplan.store.database import Database
from keyplan.store.models import Account, Offering, Stakeholder, WhitespaceCell
from keyplan.store.people.queries import umbrella_family_below
from keyplan.store.plan.edits import get_row, offering_choices


@dataclass(frozen=True, slots=True)
class WhitespaceGrid:
    """Departments × offerings of one account, and the status of every cell that has one."""

    departments: tuple[str, ...]
    offerings: tuple[tuple[int, str], ...]
    cells: dict[tuple[str, int], str]  # (department, offering id) -> status


def whitespace(db: Database, account_id: int) -> WhitespaceGrid:
    """The account's whitespace grid.

    Departments are those of the people of the account and its affiliates, plus any the grid
    already has a cell for; offerings are all of ours.
    """
    with db.read() as session:
        family = umbrella_family_below(session, account_id)
        people_departments = session.scalars(
            select(Stakeholder.department)
            .where(Stakeholder.account_id.in_(family), Stakeholder.department.is_not(None))
            .distinct()
        )
        cells = {
            (department, offering_id): status
            for department, offering_id, status in session.execute(
                select(
                    WhitespaceCell.department, WhitespaceCell.offering_id, WhitespaceCell.status
                ).where(WhitespaceCell.account_id == account_id)
            )
        }
        # "name and": the query has left out NULL already; this tells the type checker.
        departments = {name.strip() for name in people_departments if name and name.strip()}
        departments |= {department for department, _offering in cells}
        return WhitespaceGrid(
            departments=tuple(sorted(departments, key=str.casefold)),
            offerings=tuple(offering_choices(session)),
            cells=cells,
        )


def set_whitespace(
    db: Database, account_id: int, department: str, offering_id: int, status: str | None
) -> str | None:
    """Set one cell of the account's whitespace grid; return its old status.

    None as the status clears the cell (None comes back when the cell had no status).
    """
    department = (department or "").strip()
    if not department:
        raise RuleViolation("A whitespace cell needs a department.")
    new_status = WHITESPACE_STATUS_FIELD.parse(status)
    with db.transaction() as session:
        get_row(session, Account, account_id)
        get_row(session, Offering, offering_id)
        cell = session.scalar(
            select(WhitespaceCell).where(
                WhitespaceCell.account_id == account_id,
                WhitespaceCell.department == department,
                WhitespaceCell.offering_id == offering_id,
            )
        )
        old_status = cell.status if cell is not None else None
        if cell is None and new_status is not None:
            session.add(
                WhitespaceCell(
                    account_id=account_id,
                    department=department,
                    offering_id=offering_id,
                    status=new_status,
                )
            )
        elif cell is not None and new_status is None:
            session.delete(cell)
        elif cell is not None:
            cell.status = new_status
        return old_status
