"""The forest of an edited chart, kept in step as cards change manager (``incremental``).

Small walks over ``Forest``'s lists that the incremental layout makes after a re-parent: each
touches the moved cards and their chains, never every card.
"""

from __future__ import annotations

import bisect

from keyplan.domain.layout.forest import NO_PARENT


def update_roots(roots: list[int], old_parents: dict[int, int], parent: list[int]) -> None:
    """Keeps ``roots`` (the positions without a manager, in input order) in step with the
    cards whose manager changed from ``old_parents``."""
    for i, old in old_parents.items():
        if old == NO_PARENT and parent[i] != NO_PARENT:
            roots.remove(i)
        elif old != NO_PARENT and parent[i] == NO_PARENT:
            bisect.insort(roots, i)


def in_cycle(start: int, parent: list[int]) -> bool:
    """Whether walking up the managers from ``start`` comes back to it."""
    node, steps = parent[start], 0
    while node != NO_PARENT and steps <= len(parent):
        if node == start:
            return True
        node, steps = parent[node], steps + 1
    return False


def subtree(top: int, children: list[list[int]]) -> list[int]:
    """``top`` and every card under it."""
    found, stack = [], [top]
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children[node])
    return found
