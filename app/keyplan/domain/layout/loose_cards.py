"""People who report to nobody and have nobody reporting to them: a grid, not one long row.

A new account often starts as a list of names with no reporting lines yet. Laid out as trees,
each of them is a tree of one, and the trees stand side by side: eleven people made a row eleven
cards wide, and a window fitted to it showed five. Set out in rows of a sensible width instead,
they fit a window at a size where names read, and under any real trees they stay out of the way.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from keyplan.domain.layout.forest import Forest
from keyplan.domain.layout.model import Box, CardSpec, LayoutOptions

#: A grid of loose cards is about twice as wide as it is tall (in cards), like a window.
_COLUMNS_PER_ROW = 2.0


def loose_cards(cards: Sequence[CardSpec], forest: Forest, options: LayoutOptions) -> list[int]:
    """The input positions of the cards to grid: lone roots, when there are at least
    ``options.loose_threshold`` of them (a few stay beside the trees). Hand-placed ones count
    and keep their cell, so placing one by hand moves nobody else."""
    loose = [root for root in forest.roots if not forest.children[root]]
    return loose if len(loose) >= options.loose_threshold else []


def grid_columns(count: int, card_width: float, room: float, gap: float) -> int:
    """How many cards a grid row holds: about twice as many as it has rows, or as many as fit
    under the trees (``room`` wide) when that is more, never more than there are cards."""
    balanced = math.ceil(math.sqrt(_COLUMNS_PER_ROW * count))
    under_trees = int((room + gap) // (card_width + gap)) if room > 0 else 0
    return max(1, min(count, max(balanced, under_trees)))


def place_in_grid(
    boxes: list[Box], loose: Sequence[int], cards: Sequence[CardSpec], options: LayoutOptions
) -> None:
    """Moves the loose cards' boxes, in place, into rows under everything else.

    The grid starts one row gap below the lowest laid-out card (at the top when there is no
    tree), centred under the trees when it is narrower than they are, left-aligned otherwise.
    Cells are as large as the largest loose card; rows keep the input order. Called before
    hand-placed cards take their places, so every box here is where the layout puts it.
    """
    if not loose:
        return
    taken = set(loose)
    others = [box for i, box in enumerate(boxes) if i not in taken]
    cell_width = max(cards[i].width for i in loose)
    cell_height = max(cards[i].height for i in loose)
    gap = options.sibling_gap
    left = min((box.x for box in others), default=0.0)
    right = max((box.right for box in others), default=0.0)
    top = max((box.bottom for box in others), default=-options.level_gap) + options.level_gap
    columns = grid_columns(len(loose), cell_width, right - left, gap)
    width = columns * cell_width + (columns - 1) * gap
    start = left + max(0.0, (right - left - width) / 2)
    for slot, i in enumerate(loose):
        row, column = divmod(slot, columns)
        x = start + column * (cell_width + gap)
        y = top + row * (cell_height + gap)
        boxes[i] = Box(x, y, cards[i].width, cards[i].height)
