"""Who reports to whom, as positions in the input: roots, children in input order, depths.

Everything here works on input positions (indices) rather than ids, so the layout can keep its
per-card data in flat lists. Damaged data is repaired here, deterministically: unknown managers
and reporting cycles turn cards into roots, so the rest of the layout always sees a forest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from keyplan.domain.layout.model import CardSpec

NO_PARENT = -1

_UNSEEN, _ON_PATH, _SETTLED = 0, 1, 2


class Forest(NamedTuple):
    """The reporting forest over the input positions of the cards.

    Attributes:
        parent: input position of each card's manager, or NO_PARENT for a root.
        children: each card's reports, in input order.
        roots: the roots, in input order.
        depth: 0 for roots, the manager's depth + 1 otherwise.
    """

    parent: list[int]
    children: list[list[int]]
    roots: list[int]
    depth: list[int]


def build_forest(cards: Sequence[CardSpec]) -> Forest:
    """Turns the cards' manager ids into a forest, repairing unknown managers and cycles.

    Args:
        cards: the cards, in the order siblings and trees should appear.

    Returns:
        The forest. A card whose manager is None or unknown is a root; in each reporting cycle
        the card that comes first in the input becomes a root.

    Raises:
        ValueError: when two cards share an id.
    """
    position = _positions_by_id(cards)
    parent = [
        position.get(card.manager_id, NO_PARENT) if card.manager_id is not None else NO_PARENT
        for card in cards
    ]
    _break_cycles(parent)
    children, roots = _children_and_roots(parent)
    return Forest(parent=parent, children=children, roots=roots, depth=_depths(children, roots))


def _positions_by_id(cards: Sequence[CardSpec]) -> dict[int, int]:
    position: dict[int, int] = {}
    for index, card in enumerate(cards):
        if card.id in position:
            raise ValueError(f"Two cards have the same id {card.id}; each person needs one card.")
        position[card.id] = index
    return position


def _break_cycles(parent: list[int]) -> None:
    """Cuts every reporting cycle at its earliest card in the input, in place.

    Each card is walked over at most twice (once on a path up, once when settled), so this is
    linear however long the chains are.
    """
    state = [_UNSEEN] * len(parent)
    for start in range(len(parent)):
        path: list[int] = []
        node = start
        while node != NO_PARENT and state[node] == _UNSEEN:
            state[node] = _ON_PATH
            path.append(node)
            node = parent[node]
        if node != NO_PARENT and state[node] == _ON_PATH:
            # The walk came back to its own path: the nodes from there on form a cycle.
            cycle = path[path.index(node) :]
            parent[min(cycle)] = NO_PARENT
        for visited in path:
            state[visited] = _SETTLED


def _children_and_roots(parent: list[int]) -> tuple[list[list[int]], list[int]]:
    children: list[list[int]] = [[] for _ in parent]
    roots: list[int] = []
    for node, manager in enumerate(parent):
        if manager == NO_PARENT:
            roots.append(node)
        else:
            children[manager].append(node)
    return children, roots


def _depths(children: list[list[int]], roots: list[int]) -> list[int]:
    depth = [0] * len(children)
    # An explicit stack, not recursion: chains can be thousands of cards deep.
    stack = list(roots)
    while stack:
        node = stack.pop()
        below = depth[node] + 1
        for child in children[node]:
            depth[child] = below
            stack.append(child)
    return depth
