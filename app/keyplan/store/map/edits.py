"""The edits the stakeholder map makes: reporting lines, influence lines, hand-placed cards.

Like ``edits``, every function is one short transaction that validates before it writes and
returns what an undo needs. Re-parenting reads only the new manager's reporting chain (one
recursive query), so dropping a card stays fast on a map of thousands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Select, bindparam, select, update
from sqlalchemy.orm import Session, aliased

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.rules import check_reports_to
from keyplan.store.database import Database
from keyplan.store.map.rows import hand_placed
from keyplan.store.models import InfluenceLine, Stakeholder
from keyplan.store.people.edits import delete_people_in, umbrella_account_ids
from keyplan.store.snapshots import RowSnapshot, delete_snapshot_rows, snapshot_delete

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a person stood before a re-parent: their manager and their hand-placed spot."""

    manager_id: int | None
    position: Point | None


@dataclass(frozen=True, slots=True)
class Reparented:
    """What ``move_people_under`` changed, for the undo step and its name.

    Attributes:
        before: each moved person's placement before the move.
        names: the names of the moved people and of the new manager, by id.
    """

    before: dict[int, Placement]
    names: dict[int, str]


# ---- reporting lines ------------------------------------------------------------------------


def move_people_under(
    db: Database, person_ids: Sequence[int], manager_id: int | None
) -> Reparented:
    """Make people report to a manager (or to nobody), all of them or none.

    Their hand-placed positions are cleared, so each card goes where the layout puts it under
    the new manager: that is what a user who drops a card on a person expects to see.

    Args:
        db: the database.
        person_ids: the people who move, in order.
        manager_id: their new manager, or None for "reports to nobody".

    Raises:
        NotFound: a person or the manager no longer exists.
        RuleViolation: the move would close a reporting cycle, or cross customers.
    """
    with db.transaction() as session:
        return _move_people_under_in(session, person_ids, manager_id)


def detach_from_managers(db: Database, positions: dict[int, Point]) -> Reparented:
    """Make people report to nobody and hand-place their cards, in one transaction.

    What an Alt+drop on empty space does: one edit, refused (and then nothing changes) when a
    person no longer exists. ``before`` holds each one's manager and spot from before.
    """
    with db.transaction() as session:
        result = _move_people_under_in(session, list(positions), None)
        for person_id, (x, y) in positions.items():
            person = _person(session, person_id)
            person.map_x, person.map_y = x, y
        return result


def _move_people_under_in(
    session: Session, person_ids: Sequence[int], manager_id: int | None
) -> Reparented:
    people = [_person(session, person_id) for person_id in person_ids]
    # The manager is read with their chain, not as a whole row: only their account and name
    # are needed, and the store's hooks look only at the rows that change.
    lines, names, accounts = _chain_above(session, manager_id)
    if manager_id is not None and manager_id not in accounts:
        raise _no_longer_exists(manager_id)
    if not people:
        return Reparented({}, {})
    if manager_id is None:
        other_account, other_name = people[0].account_id, people[0].full_name
    else:
        other_account, other_name = accounts[manager_id], names[manager_id]
    family: set[int] | None = None  # read only for someone of another account than ``other``
    names.update((person.id, person.full_name) for person in people)
    before: dict[int, Placement] = {}
    for person in people:
        if person.account_id != other_account and family is None:
            family = umbrella_account_ids(session, other_account)
        if family is not None and person.account_id not in family:
            raise RuleViolation(
                f"{person.full_name} cannot report to {other_name}: "
                f"they work for different customers."
            )
        check_reports_to(person.id, manager_id, lines, lambda pid: names.get(pid, "?"))
        position = hand_placed(person.map_x, person.map_y)
        before[person.id] = Placement(person.reports_to_id, position)
        person.reports_to_id = manager_id
        person.map_x = person.map_y = None
    wanted = {*person_ids, manager_id} - {None}
    return Reparented(before, {pid: names[pid] for pid in wanted if pid in names})


def restore_placements(db: Database, placements: dict[int, Placement]) -> None:
    """Put people back under their old managers at their old spots (the undo of a move).

    No cycle check: the placements were valid together when they were read.
    """
    with db.transaction() as session:
        for person_id, placement in placements.items():
            x, y = placement.position if placement.position else (None, None)
            session.execute(
                update(Stakeholder)
                .where(Stakeholder.id == person_id)
                .values(reports_to_id=placement.manager_id, map_x=x, map_y=y)
            )


def _chain_above(
    session: Session, manager_id: int | None
) -> tuple[dict[int, int | None], dict[int, str], dict[int, int]]:
    """The reporting chain from a manager up to the top: each one's manager, name and account
    (empty when the manager no longer exists).

    One recursive query, however deep the chain: only this chain can close a cycle when people
    move under the manager. UNION (not UNION ALL) ends the walk even in a damaged, cyclic chain.
    """
    if manager_id is None:
        return {}, {}, {}
    rows = session.execute(_chain_query(), {"manager_id": manager_id}).all()
    return (
        {row.id: row.reports_to_id for row in rows},
        {row.id: row.full_name for row in rows},
        {row.id: row.account_id for row in rows},
    )


@cache
def _chain_query() -> Select[tuple[int, int | None, str, int]]:
    # Built once: making the recursive statement costs more than running it, and a re-parent
    # must fit in one frame.
    start = (
        select(
            Stakeholder.id, Stakeholder.reports_to_id, Stakeholder.full_name, Stakeholder.account_id
        )
        .where(Stakeholder.id == bindparam("manager_id"))
        .cte("chain", recursive=True)
    )
    above = aliased(Stakeholder)
    chain = start.union(
        select(above.id, above.reports_to_id, above.full_name, above.account_id).join(
            start, above.id == start.c.reports_to_id
        )
    )
    return select(chain)


# ---- influence lines ------------------------------------------------------------------------


def add_influence_line(
    db: Database,
    from_id: int,
    to_id: int,
    kind: str = InfluenceKind.INFLUENCES.value,
    strength: int = 2,
    note: str | None = None,
) -> int:
    """Draw an influence line from one person to another; return its id.

    Raises:
        NotFound: either person no longer exists.
        RuleViolation: a line to oneself, across customers, of an unknown kind or strength.
    """
    try:
        kind_value = InfluenceKind.from_text(str(kind)).value
    except ValueError as error:
        raise RuleViolation(f"Kind of influence: {error}") from error
    if not 1 <= int(strength) <= 3:
        raise RuleViolation("The strength of an influence line is 1 (weak) to 3 (strong).")
    with db.transaction() as session:
        source, target = _person(session, from_id), _person(session, to_id)
        if source.id == target.id:
            raise RuleViolation(f"{source.full_name} cannot influence themselves.")
        if target.account_id not in umbrella_account_ids(session, source.account_id):
            raise RuleViolation(
                f"{source.full_name} and {target.full_name} work for different customers."
            )
        line = InfluenceLine(
            from_stakeholder_id=source.id,
            to_stakeholder_id=target.id,
            kind=kind_value,
            strength=int(strength),
            note=note or None,
        )
        session.add(line)
        session.flush()
        return line.id


def delete_influence_line(db: Database, line_id: int) -> RowSnapshot:
    """Delete an influence line; return the snapshot that ``edits.restore_rows`` puts back."""
    return delete_map_items(db, [], [line_id])


def delete_map_items(
    db: Database, person_ids: Sequence[int], line_ids: Sequence[int]
) -> RowSnapshot:
    """Delete people and influence lines from the map in one transaction: all, or none.

    The people's reports move up as in ``edits.delete_stakeholders``; their own lines go
    with them. Returns the snapshot that ``edits.restore_rows`` puts back exactly.

    Raises:
        NotFound: a person or a line no longer exists (nothing is deleted).
        EditConflict: a teammate changed one of them since this window read it.
    """
    with db.transaction() as session:
        for line_id in line_ids:
            if session.get(InfluenceLine, line_id) is None:
                raise NotFound(f"That influence line no longer exists (id {line_id}).")
        session.expunge_all()  # the rows go by SQL below; no stale object may be flushed after
        lines = snapshot_delete(session, InfluenceLine.__table__, set(line_ids))
        if person_ids:
            return delete_people_in(session, person_ids, also=lines)
        delete_snapshot_rows(session, lines)
        return lines


def influence_line_account(db: Database, line_id: int) -> int:
    """The account of the person a line starts from (the account whose map shows it)."""
    with db.read() as session:
        account_id = session.scalar(
            select(Stakeholder.account_id)
            .join(InfluenceLine, InfluenceLine.from_stakeholder_id == Stakeholder.id)
            .where(InfluenceLine.id == line_id)
        )
    if account_id is None:
        raise NotFound(f"That influence line no longer exists (id {line_id}).")
    return account_id


def person_account(db: Database, person_id: int) -> int:
    """The account a person works for."""
    with db.read() as session:
        account_id = session.scalar(
            select(Stakeholder.account_id).where(Stakeholder.id == person_id)
        )
    if account_id is None:
        raise _no_longer_exists(person_id)
    return account_id


def _person(session: Session, person_id: int) -> Stakeholder:
    person = session.get(Stakeholder, person_id)
    if person is None:
        raise _no_longer_exists(person_id)
    return person


def _no_longer_exists(person_id: int) -> NotFound:
    """What an edit is told when someone in it was deleted meanwhile (by another window)."""
    return NotFound(f"That person no longer exists (id {person_id}).")
