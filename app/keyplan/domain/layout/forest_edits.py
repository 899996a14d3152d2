"""The forest of an edited chart, kept in step as cards change manager (``incremental``).

Small walks over ``Forest``'s lists that the incremental layout makes after a re-parent: each
touches the moved cards and their chains, never every card.
"""

from __future__ import annotations

import bisect

from keyplan.domain.layout.forest import NO_PARENT, Forest


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


def moved_depths(
    reparented: list[int], forest: Forest, row_sizes: list[int], *, uniform: bool
) -> set[int] | None:
    """Re-counts the depth of every card under the ``reparented`` ones (and how many cards
    each row holds); returns those cards' positions, or None when the rows change (then only
    a fresh layout will do). ``uniform``: every card is of one height."""
    depth, children, parent = forest.depth, forest.children, forest.parent
    subtrees: set[int] = set()
    for top in reparented:
        nodes = subtree(top, children)
        subtrees.update(nodes)
        shift = (depth[parent[top]] + 1 if parent[top] != NO_PARENT else 0) - depth[top]
        if not shift:
            continue
        if not uniform:
            return None  # a taller card in another row would move every row below
        for node in nodes:
            row_sizes[depth[node]] -= 1
            depth[node] += shift
            if depth[node] >= len(row_sizes):
                return None
            row_sizes[depth[node]] += 1
    if not row_sizes[-1]:
        return None  # the bottom row emptied: rows and stacks' placeholders change
    return subtrees
