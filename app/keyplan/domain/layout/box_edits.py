"""The boxes of an edited chart, kept in step as cards move (``incremental``).

Each function touches the cards that moved, never every card, except where the chart's edge
itself may have moved inwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from keyplan.domain.layout.model import Box, CardSpec, edges_of

Edges = tuple[float, float, float, float]


def put_box(
    i: int, card: CardSpec, left: float, top: float, boxes: list[Box], moved: dict[int, Box]
) -> None:
    """Puts card ``i`` at (``left``, ``top``); when its box changes, ``moved`` keeps the box
    it had before the edit (the first one, if it moves twice)."""
    box = boxes[i]
    if box.x != left or box.y != top or box.width != card.width or box.height != card.height:
        boxes[i] = Box(left, top, card.width, card.height)
        moved.setdefault(i, box)


def edges_after_moves(edges: Edges, moved: Mapping[int, Box], boxes: Sequence[Box]) -> Edges:
    """The chart's edges (left, top, right, bottom) once the ``moved`` cards (their boxes from
    before, by position) are where ``boxes`` has them now.

    From the last edges when no moved card was on one of them (the edges can then only grow,
    to hold where the moved cards are now); from every box when one was (the chart may have
    shrunk there)."""
    left, top, right, bottom = edges
    if any(
        box.x <= left or box.y <= top or box.right >= right or box.bottom >= bottom
        for box in moved.values()
    ):
        return edges_of(boxes)
    for i in moved:
        box = boxes[i]
        left, top = min(left, box.x), min(top, box.y)
        right, bottom = max(right, box.right), max(bottom, box.bottom)
    return left, top, right, bottom
