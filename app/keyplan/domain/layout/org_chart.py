"""The org-chart layout: cards and reporting lines in, rectangles and connectors out.

The steps, each linear in the number of cards:

1. the forest: roots, reports in input order, depths; damaged data repaired (``forest``);
2. which teams are stacked in leaf columns, and how (``stacking``);
3. the rows: every depth is one row across the whole forest, as tall as its tallest card;
4. the layout tree: cards, with each stack standing in for its leaves as one node, plus a chain
   of placeholder nodes under each stack for the rows it hangs down into, so neighbours keep
   clear of it on those rows too;
5. x positions by the tidy-tree algorithm, trees side by side (``tidy_tree``);
6. boxes, with hand-placed cards where the user put them, then connectors and bounds;
7. people with no reporting line at all, when there are several, in a grid under the trees
   (``loose_cards``) rather than a long row beside them.

Hand-placed cards take part in steps 1–5 as if they were not hand-placed: they keep their
position, and everything else (their own reports included) stays where it would be without them,
so moving one card by hand never reshuffles the rest of the chart.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import NamedTuple

from keyplan.domain.layout import connectors
from keyplan.domain.layout.forest import NO_PARENT, Forest, build_forest
from keyplan.domain.layout.loose_cards import loose_cards, place_in_grid
from keyplan.domain.layout.model import (
    DEFAULT_OPTIONS,
    Box,
    CardSpec,
    Connector,
    LayoutOptions,
    OrgChartLayout,
    bounds_of,
)
from keyplan.domain.layout.stacking import LeafStack, plan_leaf_stacks
from keyplan.domain.layout.tidy_tree import place_forest


def layout_org_chart(
    cards: Sequence[CardSpec], options: LayoutOptions = DEFAULT_OPTIONS
) -> OrgChartLayout:
    """Lays out an org chart as a forest of tidy trees.

    Parents are centred over their reports, no two cards overlap, subtrees are as compact as
    the tidy-tree algorithm makes them, and siblings and trees keep the input order. Rows line
    up across the whole forest. Large teams of leaves are stacked in columns (see
    ``keyplan.domain.layout.stacking``). The result is the same for the same input.

    Args:
        cards: the cards, in the order siblings and trees should appear. A card whose manager
            is None or not among the cards is a root; so is the card that comes first in the
            input of any reporting cycle (damaged data).
        options: gaps and stacking rules.

    Returns:
        The boxes, connectors and bounds. The automatically placed cards start at x = 0 and
        y = 0; hand-placed cards are wherever their ``manual_position`` says.

    Raises:
        ValueError: when two cards share an id.
    """
    if not cards:
        return OrgChartLayout(boxes={}, connectors=(), bounds=Box(0.0, 0.0, 0.0, 0.0))
    forest = build_forest(cards)
    stacks = plan_leaf_stacks(cards, forest, options)
    tops = row_tops(cards, forest.depth, options.level_gap)
    tree = build_layout_tree(cards, forest, stacks, tops, options)
    loose = loose_cards(cards, forest, options)
    gridded = set(loose)
    x = place_forest(
        tree.children,
        [root for root in forest.roots if root not in gridded],
        tree.left_extent,
        tree.right_extent,
        options.sibling_gap,
        options.root_gap,
    )
    spines = {manager: card_centre(x[manager], cards[manager].width) for manager in stacks}
    boxes = boxes_of(cards, forest, stacks, spines, x, tops, loose, options)
    lines = _connectors(cards, forest, stacks, spines, boxes, tops, options)
    return OrgChartLayout(
        boxes={card.id: box for card, box in zip(cards, boxes, strict=True)},
        connectors=lines,
        bounds=bounds_of(boxes),
    )


def row_tops(cards: Sequence[CardSpec], depth: Sequence[int], level_gap: float) -> list[float]:
    """The y of each row: the previous row's y, plus its tallest card, plus the level gap.

    Args:
        cards: the cards, by input position.
        depth: each card's depth.
        level_gap: the vertical gap between rows.

    Returns:
        One y per depth, starting at 0.
    """
    tallest = [0.0] * (max(depth, default=-1) + 1)
    for card, row in zip(cards, depth, strict=True):
        tallest[row] = max(tallest[row], card.height)
    tops = [0.0] * len(tallest)
    for row in range(1, len(tallest)):
        tops[row] = tops[row - 1] + tallest[row - 1] + level_gap
    return tops


class LayoutTree(NamedTuple):
    """What the tidy tree lays out: cards by input position, then stack and placeholder nodes."""

    children: list[list[int]]
    left_extent: list[float]
    right_extent: list[float]


def build_layout_tree(
    cards: Sequence[CardSpec],
    forest: Forest,
    stacks: dict[int, LeafStack],
    tops: Sequence[float],
    options: LayoutOptions,
) -> LayoutTree:
    children = list(forest.children)  # shallow: stacking managers get a new list below
    left_extent = [card.width / 2 for card in cards]
    right_extent = list(left_extent)

    def add_node(left: float, right: float) -> int:
        children.append([])
        left_extent.append(left)
        right_extent.append(right)
        return len(children) - 1

    for manager, stack in stacks.items():
        chain = stack_chain(stack, forest.depth[manager], tops, options, add_node)
        children[manager] = [chain[0]]
        for upper, lower in itertools.pairwise(chain):
            children[upper] = [lower]
    return LayoutTree(children=children, left_extent=left_extent, right_extent=right_extent)


def stack_chain(
    stack: LeafStack,
    manager_depth: int,
    tops: Sequence[float],
    options: LayoutOptions,
    add_node: Callable[[float, float], int],
) -> list[int]:
    """The layout-tree nodes standing in for a stack: the stack, then one placeholder per row
    below its first that it hangs down into, so neighbours keep clear of it there too.

    Args:
        stack: the stack.
        manager_depth: the depth of its manager.
        tops: the y of each row.
        options: the level gap.
        add_node: makes a node of these left and right extents and returns it.

    Returns:
        The nodes from the top down; each is to be the only child of the one before.
    """
    chain = [add_node(stack.left_extent, stack.right_extent)]
    first_row = manager_depth + 1
    bottom = tops[first_row] + stack.height
    for row in range(first_row + 1, len(tops)):
        # A row is in the stack's way when the stack reaches down into the gap above it,
        # where that row's connectors run, or lower.
        if bottom <= tops[row] - options.level_gap:
            break
        chain.append(add_node(stack.left_extent, stack.right_extent))
    return chain


def boxes_of(
    cards: Sequence[CardSpec],
    forest: Forest,
    stacks: dict[int, LeafStack],
    spines: dict[int, float],
    x: Sequence[float],
    tops: Sequence[float],
    loose: Sequence[int],
    options: LayoutOptions,
) -> list[Box]:
    boxes = [
        Box(x[i] - card.width / 2, tops[forest.depth[i]], card.width, card.height)
        for i, card in enumerate(cards)
    ]
    for manager, stack in stacks.items():
        spine_x = spines[manager]
        top = tops[forest.depth[manager] + 1]
        for leaf, (dx, dy) in zip(stack.leaves, stack.offsets, strict=True):
            boxes[leaf] = Box(spine_x + dx, top + dy, cards[leaf].width, cards[leaf].height)
    # Before the hand-placed cards: where they were put moves nothing else.
    place_in_grid(boxes, loose, cards, options)
    for i, card in enumerate(cards):
        if card.manual_position is not None:
            left, top = card.manual_position
            boxes[i] = Box(left, top, card.width, card.height)
    return boxes


def card_centre(anchor: float, width: float) -> float:
    # A stack's spine runs down the middle of its manager's card. Computed as Box.center_x
    # computes it (left + width / 2), to the last bit, so the line leaves the card's exact middle.
    return (anchor - width / 2) + width / 2


def _connectors(
    cards: Sequence[CardSpec],
    forest: Forest,
    stacks: dict[int, LeafStack],
    spines: dict[int, float],
    boxes: Sequence[Box],
    tops: Sequence[float],
    options: LayoutOptions,
) -> tuple[Connector, ...]:
    stacked_side = stacked_sides(stacks)
    return tuple(
        connector(report, manager, cards, forest.depth, stacked_side, spines, boxes, tops, options)
        for report, manager in enumerate(forest.parent)
        if manager != NO_PARENT
    )


def stacked_sides(stacks: dict[int, LeafStack]) -> dict[int, bool]:
    """Each stacked leaf -> whether it hangs left of its spine."""
    return {
        leaf: on_left
        for stack in stacks.values()
        for leaf, on_left in zip(stack.leaves, stack.on_left, strict=True)
    }


def connector(
    report: int,
    manager: int,
    cards: Sequence[CardSpec],
    depth: Sequence[int],
    stacked_side: dict[int, bool],
    spines: dict[int, float],
    boxes: Sequence[Box],
    tops: Sequence[float],
    options: LayoutOptions,
) -> Connector:
    """The reporting line from a manager down to one report (by input positions)."""
    manager_box, report_box = boxes[manager], boxes[report]
    by_hand = (
        cards[manager].manual_position is not None or cards[report].manual_position is not None
    )
    if report in stacked_side and cards[report].manual_position is None:
        bus_y = (manager_box.bottom + tops[depth[report]]) / 2
        points = connectors.spine(
            manager_box, report_box, spines[manager], bus_y, on_left=stacked_side[report]
        )
    elif by_hand:
        bus_y = connectors.midway(manager_box, report_box)
        points = connectors.elbow(manager_box, report_box, bus_y)
    else:
        bus_y = tops[depth[report]] - options.level_gap / 2
        points = connectors.elbow(manager_box, report_box, bus_y)
    return Connector(cards[manager].id, cards[report].id, points)
