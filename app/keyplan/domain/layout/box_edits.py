"""The boxes of an edited chart, kept in step as cards move (``incremental``).

Each function touches the cards that moved, never every card, except where the chart's edge
itself may have moved inwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from keyplan.domain.layout.model import Box, CardSpec

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

    An edge the moved cards reach now, or pass, is where they reach; one that none of them
    was on stays; only one they were on and all left inwards (the chart may have shrunk
    there) is read from every box. Each side is a pass over the moved cards' boxes, before
    and after, at C speed: a re-parent at 2,000 people moves hundreds of cards."""
    if not moved:
        return edges
    left, top, right, bottom = edges
    before = list(moved.values())
    after = [boxes[i] for i in moved]
    # Right and bottom computed as Box.right and Box.bottom compute them, to the last bit.
    return (
        _low_edge(left, [b.x for b in before], [b.x for b in after], lambda: [b.x for b in boxes]),
        _low_edge(top, [b.y for b in before], [b.y for b in after], lambda: [b.y for b in boxes]),
        _high_edge(
            right,
            [b.x + b.width for b in before],
            [b.x + b.width for b in after],
            lambda: [b.x + b.width for b in boxes],
        ),
        _high_edge(
            bottom,
            [b.y + b.height for b in before],
            [b.y + b.height for b in after],
            lambda: [b.y + b.height for b in boxes],
        ),
    )


def _low_edge(
    edge: float, before: list[float], after: list[float], every: Callable[[], list[float]]
) -> float:
    """The left or top edge after a move (see ``edges_after_moves``)."""
    reach = min(after)
    if reach <= edge:
        return reach
    return min(every()) if min(before) <= edge else edge


def _high_edge(
    edge: float, before: list[float], after: list[float], every: Callable[[], list[float]]
) -> float:
    """The right or bottom edge after a move (see ``edges_after_moves``)."""
    reach = max(after)
    if reach >= edge:
        return reach
    return max(every()) if max(before) >= edge else edge
