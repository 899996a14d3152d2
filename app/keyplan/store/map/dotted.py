"""Dotted-line (matrix) reporting: a person's secondary managers, read and edited.

Every edit is one short transaction that validates before it writes (``domain/matrix``) and
returns what an undo needs. Dotted lines never enter the layout: they only join two cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, aliased

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.matrix import check_dotted_manager
from keyplan.store.database import Database
from keyplan.store.map.rows import DottedLink
from keyplan.store.models import DottedLine, Stakeholder
from keyplan.store.people.edits import umbrella_account_ids


def dotted_links(session: Session, condition: Any) -> list[DottedLink]:
    """The dotted lines whose both people meet a condition on ``Stakeholder``."""
    shown = select(Stakeholder.id).where(condition)
    statement = (
        select(DottedLine.stakeholder_id, DottedLine.manager_id)
        .where(DottedLine.stakeholder_id.in_(shown), DottedLine.manager_id.in_(shown))
        .order_by(DottedLine.id)
    )
    return [DottedLink(*row) for row in session.execute(statement)]


def dotted_managers(db: Database, person_id: int) -> list[tuple[int, str]]:
    """A person's dotted-line managers: (id, name), in the order they were added."""
    manager = aliased(Stakeholder)
    with db.read() as session:
        rows = session.execute(
            select(manager.id, manager.full_name)
            .join(DottedLine, DottedLine.manager_id == manager.id)
            .where(DottedLine.stakeholder_id == person_id)
            .order_by(DottedLine.id)
        ).all()
    return [(row.id, row.full_name) for row in rows]


def set_dotted_managers(db: Database, person_id: int, manager_ids: Sequence[int]) -> list[int]:
    """Make these people (and only these) a person's dotted-line managers; all or nothing.

    Returns:
        The dotted-line managers the person had before (what an undo puts back).

    Raises:
        NotFound: the person or a manager no longer exists.
        RuleViolation: the person themselves, their solid manager, or someone of another
            customer among the managers.
    """
    with db.transaction() as session:
        person = _person(session, person_id)
        before = list(
            session.scalars(
                select(DottedLine.manager_id)
                .where(DottedLine.stakeholder_id == person_id)
                .order_by(DottedLine.id)
            )
        )
        wanted = list(dict.fromkeys(manager_ids))
        family = umbrella_account_ids(session, person.account_id) if wanted else set()
        for manager_id in wanted:
            manager = _person(session, manager_id)
            check_dotted_manager(
                person.full_name,
                manager.full_name,
                same_person=manager.id == person.id,
                is_solid_manager=manager.id == person.reports_to_id,
            )
            if manager.account_id not in family:
                raise RuleViolation(
                    f"{person.full_name} cannot have a dotted line to {manager.full_name}: "
                    f"they work for different customers."
                )
        gone = [m for m in before if m not in wanted]
        if gone:
            session.execute(
                delete(DottedLine).where(
                    DottedLine.stakeholder_id == person_id, DottedLine.manager_id.in_(gone)
                )
            )
        for manager_id in wanted:
            if manager_id not in before:
                session.add(DottedLine(stakeholder_id=person_id, manager_id=manager_id))
        return before


def add_dotted_manager(db: Database, person_id: int, manager_id: int) -> list[int]:
    """Add one dotted-line manager to a person; return their dotted managers from before."""
    current = [mid for mid, _name in dotted_managers(db, person_id)]
    if manager_id in current:
        return current
    return set_dotted_managers(db, person_id, [*current, manager_id])


def _person(session: Session, person_id: int) -> Stakeholder:
    person = session.get(Stakeholder, person_id)
    if person is None:
        raise NotFound(f"That person no longer exists (id {person_id}).")
    return person
