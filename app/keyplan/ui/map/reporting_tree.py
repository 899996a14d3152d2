"""Questions about the reporting tree the map shows: who heads it, and which re-parent the map
refuses at once (it would close a loop).

Fit centres on the head, the arrow keys start from them, and the first look hangs from their row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from keyplan.domain.errors import RuleViolation
from keyplan.domain.layout import Box
from keyplan.domain.rules import check_reports_to
from keyplan.store.map.queries import MapPerson


def head_of_largest_tree(people: Mapping[int, MapPerson], shown: Mapping[int, Box]) -> int:
    """The top of the tree with the most shown cards; of equal trees, the leftmost one's.

    Args:
        people: the map's people, by id (their managers).
        shown: the cards laid out, by person id (not empty).
    """
    sizes: dict[int, int] = {}
    for person_id in shown:
        root = _top_of(people, person_id, shown)
        sizes[root] = sizes.get(root, 0) + 1
    return max(sizes, key=lambda root: (sizes[root], -shown[root].x))


def _top_of(people: Mapping[int, MapPerson], person_id: int, shown: Mapping[int, Box]) -> int:
    """The highest shown manager above a person (a loop in bad data stops where it closes)."""
    seen = {person_id}
    manager = people[person_id].reports_to_id
    while manager is not None and manager in shown and manager not in seen:
        person_id = manager
        seen.add(manager)
        manager = people[manager].reports_to_id
    return person_id


def refusal(
    people: Mapping[int, MapPerson], person_ids: Iterable[int], manager_id: int
) -> str | None:
    """Why making these people report to a manager is refused (a cycle), or None."""
    managers = {pid: person.reports_to_id for pid, person in people.items()}

    def name_of(person_id: int) -> str:
        person = people.get(person_id)
        return person.full_name if person else "?"

    try:
        for person_id in person_ids:
            check_reports_to(person_id, manager_id, managers, name_of)
            managers[person_id] = manager_id
    except RuleViolation as refused:
        return str(refused)
    return None
