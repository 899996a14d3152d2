"""Rules of the data that the store enforces and the UI explains."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from keyplan.domain.errors import RuleViolation
from keyplan.domain.vocabulary import CommitmentStatus


def check_reports_to(
    person_id: int,
    manager_id: int | None,
    managers: Mapping[int, int | None],
    name_of: Callable[[int], str],
) -> None:
    """Refuse a reporting line that would make a person report to themselves or a subordinate.

    Args:
        person_id: the person whose manager changes.
        manager_id: the proposed manager, or None for "reports to nobody".
        managers: the current reporting lines, person id -> manager id.
        name_of: gives a person's name for the message.

    Raises:
        RuleViolation: naming both people, when the line would close a cycle.
    """
    if manager_id is None:
        return
    if manager_id == person_id:
        raise RuleViolation(f"{name_of(person_id)} cannot report to themselves.")
    seen: set[int] = set()
    current: int | None = manager_id
    while current is not None and current not in seen:
        if current == person_id:
            raise RuleViolation(
                f"{name_of(person_id)} cannot report to {name_of(manager_id)}: "
                f"{name_of(manager_id)} is already in {name_of(person_id)}'s reporting chain."
            )
        seen.add(current)
        current = managers.get(current)


def is_commitment_late(status: str, due: date | None, delivered: date | None, today: date) -> bool:
    """True when a promise is past its due date and not delivered, or was delivered late."""
    if due is None or status == CommitmentStatus.BROKEN.value:
        return False
    if delivered is not None:
        return delivered > due
    return (status == CommitmentStatus.OPEN.value and today > due) or status == "late"


def families_below(parents: Mapping[int, int | None]) -> dict[int, set[int]]:
    """Each account with every affiliate below it, at any depth (a cycle cannot loop).

    Args:
        parents: every account's parent id (None for a top-level account).
    """
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    return {account_id: _below(children, account_id) for account_id in parents}


def umbrella_of(parents: Mapping[int, int | None], account_id: int | None) -> int | None:
    """The account at the top of an account's family (itself when top-level; a cycle stops)."""
    seen: set[int] = set()
    current = account_id
    while current is not None and parents.get(current) is not None and current not in seen:
        seen.add(current)
        current = parents[current]
    return current


def family_below(parents: Mapping[int, int | None], account_id: int) -> set[int]:
    """One account with every affiliate below it, at any depth (a cycle cannot loop)."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    return _below(children, account_id)


def _below(children: Mapping[int, list[int]], account_id: int) -> set[int]:
    family, stack = set(), [account_id]
    while stack:
        current = stack.pop()
        if current not in family:
            family.add(current)
            stack.extend(children.get(current, ()))
    return family


Ref = TypeVar("Ref", bound=Hashable)


def reporting_cycles(managers: Mapping[Ref, Ref | None]) -> list[list[Ref]]:
    """Every cycle in the reporting lines, each once, as the people along it (linear time).

    Args:
        managers: person -> their manager (None, or someone not in the mapping, ends a chain).
    """
    state: dict[Ref, int] = {}  # 1: on the current path, 2: finished
    cycles: list[list[Ref]] = []
    for start in managers:
        path: list[Ref] = []
        current: Ref | None = start
        while current is not None and current in managers and current not in state:
            state[current] = 1
            path.append(current)
            current = managers[current]
        if current is not None and state.get(current) == 1:
            cycles.append(path[path.index(current) :])
        for person in path:
            state[person] = 2
    return cycles


def is_worked_with(owners: Sequence[str], last_contact: date | None) -> bool:
    """Whether we work with a person: someone of ours owns the relationship, or we met them.

    The customer-safe documents list only these people by default: a person nobody of ours
    knows would print with no contact on our side, which helps nobody across the table.
    """
    return bool(owners) or last_contact is not None


def line_across_customers(
    lines: list[tuple[int, int]], account_of: dict[int, int], parents: dict[int, int | None]
) -> int | None:
    """The manager of the first line that joins two customers (umbrella families), or None.

    A manager whose account is unknown (gone) counts as another customer's: ``-1`` stands for
    "nobody known".
    """
    umbrellas: dict[int | None, int | None] = {}  # an account's umbrella, found once

    def umbrella(account: int | None) -> int | None:
        if account not in umbrellas:
            umbrellas[account] = umbrella_of(parents, account)
        return umbrellas[account]

    for person, manager in lines:
        if manager not in account_of:
            return -1
        if umbrella(account_of[manager]) != umbrella(account_of.get(person)):
            return manager
    return None
