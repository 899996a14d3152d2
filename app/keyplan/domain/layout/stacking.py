"""Stacked leaf columns: how printed org charts keep a wide team from making a very wide page.

A manager whose reports are all leaves (nobody reports to them) and number at least
``stack_threshold`` gets them stacked under them along a vertical spine dropped from the middle
of the manager's card, each card joined to the spine by a short horizontal stub:

- fewer than ``2 * stack_threshold`` leaves: one column hanging to the right of the spine;
- ``2 * stack_threshold`` or more (and ``stack_columns_max >= 2``): two columns, one each side
  of the spine, the first half of the reports (rounded up) on the left, top to bottom, then the
  rest on the right, so they read in input order down one column and then the next.

A manager with a mix of leaf and non-leaf reports keeps one ordinary row: stacking only part of
a team would break the input order of the siblings and crowd the connectors.

To the tidy tree a stack is one node whose anchor is the spine, and which reaches as far left
and right as its columns do.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from keyplan.domain.layout.forest import Forest
from keyplan.domain.layout.model import CardSpec, LayoutOptions, Point


class LeafStack(NamedTuple):
    """A manager's leaf reports stacked in one or two columns.

    Attributes:
        manager: input position of the manager.
        leaves: input positions of the stacked reports, in input order.
        offsets: top-left of each leaf's card relative to (spine x, top of the stack).
        on_left: whether each leaf hangs left of the spine (its stub enters its right side).
        left_extent: how far the stack reaches left of the spine.
        right_extent: how far the stack reaches right of the spine.
        height: from the top of the first card to the bottom of the longest column.
    """

    manager: int
    leaves: tuple[int, ...]
    offsets: tuple[Point, ...]
    on_left: tuple[bool, ...]
    left_extent: float
    right_extent: float
    height: float


def plan_leaf_stacks(
    cards: Sequence[CardSpec], forest: Forest, options: LayoutOptions
) -> dict[int, LeafStack]:
    """Finds the managers whose reports get stacked, and arranges each stack.

    Args:
        cards: the cards, by input position.
        forest: the reporting forest over the cards.
        options: the stacking threshold, columns and gaps.

    Returns:
        Input position of each stacking manager -> their stack.
    """
    stacks: dict[int, LeafStack] = {}
    for manager, reports in enumerate(forest.children):
        if _stacks_reports(reports, forest.children, options):
            stacks[manager] = _arrange(manager, reports, cards, options)
    return stacks


def leaf_stack(
    manager: int,
    cards: Sequence[CardSpec],
    children: Sequence[Sequence[int]],
    options: LayoutOptions,
) -> LeafStack | None:
    """One manager's stack, or None when their reports stay in a row (see the module).

    Args:
        manager: input position of the manager.
        cards: the cards, by input position.
        children: each card's reports, in input order.
        options: the stacking threshold, columns and gaps.
    """
    reports = children[manager]
    if not _stacks_reports(reports, children, options):
        return None
    return _arrange(manager, reports, cards, options)


def column_count(leaves: int, options: LayoutOptions) -> int:
    """How many columns a stack of this many leaves gets: 1, or 2 for long stacks.

    Args:
        leaves: the number of stacked leaves.
        options: the threshold and the most columns allowed.

    Returns:
        1 or 2.
    """
    two_allowed = options.stack_columns_max >= 2
    return 2 if two_allowed and leaves >= 2 * max(options.stack_threshold, 1) else 1


def _stacks_reports(
    reports: Sequence[int], children: Sequence[Sequence[int]], options: LayoutOptions
) -> bool:
    if not reports or len(reports) < options.stack_threshold:
        return False
    return all(not children[report] for report in reports)


def _arrange(
    manager: int, reports: Sequence[int], cards: Sequence[CardSpec], options: LayoutOptions
) -> LeafStack:
    indent = options.stack_indent
    if column_count(len(reports), options) == 1:
        left_column: Sequence[int] = ()
        right_column = reports
    else:
        half = math.ceil(len(reports) / 2)
        left_column, right_column = reports[:half], reports[half:]
    placed: dict[int, tuple[Point, bool]] = {}
    left_height = _stack_column(left_column, cards, options, placed, on_left=True)
    right_height = _stack_column(right_column, cards, options, placed, on_left=False)
    widest_left = max((cards[leaf].width for leaf in left_column), default=0.0)
    widest_right = max((cards[leaf].width for leaf in right_column), default=0.0)
    return LeafStack(
        manager=manager,
        leaves=tuple(reports),
        offsets=tuple(placed[leaf][0] for leaf in reports),
        on_left=tuple(placed[leaf][1] for leaf in reports),
        left_extent=indent + widest_left if left_column else 0.0,
        right_extent=indent + widest_right,
        height=max(left_height, right_height),
    )


def _stack_column(
    column: Sequence[int],
    cards: Sequence[CardSpec],
    options: LayoutOptions,
    placed: dict[int, tuple[Point, bool]],
    *,
    on_left: bool,
) -> float:
    """Stacks one column top to bottom, recording offsets in ``placed``; returns its height."""
    y = 0.0
    for leaf in column:
        card = cards[leaf]
        # Left-column cards are right-aligned on the spine, right-column cards left-aligned,
        # so every stub has the same length whatever the card widths.
        x = -options.stack_indent - card.width if on_left else options.stack_indent
        placed[leaf] = ((x, y), on_left)
        y += card.height + options.stack_gap
    return y - options.stack_gap if column else 0.0
