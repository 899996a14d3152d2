"""Which part of the chart a view frames: all of it when names still read, else its top.

Plain functions over the layout's boxes (no Qt), so the choice is tested without a window.

A director who opens the map, or presses Fit, wants to read names. A wide chart squeezed into
the window shows coloured blocks only, so a *readable* frame never goes below a zoom where names
read (``style.READABLE_ZOOM``). When the whole chart does not fit at that zoom, the frame shows
its top: the head of the organisation near the middle, the rows below it, and edges that fall
between cards, so no card is cut in half at the side of the window or along its bottom.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from keyplan.domain.layout import Box
from keyplan.domain.layout.model import bounds_of

#: Room between the chart and the window's edges, in screen pixels.
PAD = 16.0
#: A readable frame may zoom in a little above the floor (not past this) to keep whole cards.
SEARCH_ZOOM_LIMIT = 0.6
#: The zooms tried, from the floor up: each ~1 % larger than the one before.
_ZOOM_STEP = 1.01


@dataclass(frozen=True, slots=True)
class Frame:
    """A part of the chart to show, in scene units, and the zoom that shows it.

    Attributes:
        zoom: the view's scale.
        left: the scene x at the window's left edge.
        top: the scene y at the window's top edge.
        width: the scene width the window shows at ``zoom``.
        height: the scene height of the window's clear part (above what covers its bottom).
        whole: every card is inside the frame.
        cards_inside: how many cards are entirely inside the frame.
    """

    zoom: float
    left: float
    top: float
    width: float
    height: float
    whole: bool
    cards_inside: int

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


def whole_frame(
    boxes: Sequence[Box], view_width: float, view_height: float, *, ceiling: float = 1.0
) -> Frame | None:
    """The frame showing every card, hung from the top and centred, never above ``ceiling``.

    Args:
        boxes: the shown cards.
        view_width: the window's width in pixels.
        view_height: the height of the window's clear part in pixels.
        ceiling: the largest zoom (a small chart is not blown up past 100 %).

    Returns:
        The frame, or None when there are no cards.
    """
    if not boxes:
        return None
    bounds = bounds_of(boxes)
    zoom = min(
        (view_width - 2 * PAD) / max(bounds.width, 1.0),
        (view_height - 2 * PAD) / max(bounds.height, 1.0),
        ceiling,
    )
    zoom = max(zoom, 1e-3)
    width, height = view_width / zoom, view_height / zoom
    left = bounds.center_x - width / 2
    top = bounds.y - PAD / zoom
    return Frame(zoom, left, top, width, height, True, len(boxes))


def readable_frame(
    boxes: Sequence[Box],
    root: Box | None,
    view_width: float,
    view_height: float,
    *,
    floor: float,
    ceiling: float = 1.0,
) -> Frame | None:
    """The whole chart if it fits at ``floor`` or above; else its top, readable and uncut.

    Otherwise the frame hangs from the root's row, at a zoom from ``floor`` to
    ``SEARCH_ZOOM_LIMIT``, the root near the middle. The frames tried are those whose side
    edges run through the middle of gaps between cards, and the root exactly centred at each
    zoom. Best is a frame that cuts no card; then one whose bottom edge runs between rows (a
    card cut at the side says "scroll for more", one cut at the bottom sits under the legend);
    then one with uncut sides. Among equals, the one showing the most senior people wins: the
    most whole cards on the top row, then the next row, and so on; then the best centred.

    Args:
        boxes: the shown cards.
        root: the card at the top of the largest tree (None: the top of the chart's middle).
        view_width: the window's width in pixels.
        view_height: the height of the window's clear part in pixels.
        floor: the smallest zoom at which names still read.
        ceiling: the largest zoom for a chart that fits whole.

    Returns:
        The frame, or None when there are no cards.
    """
    whole = whole_frame(boxes, view_width, view_height, ceiling=ceiling)
    if whole is None or whole.zoom >= floor:
        return whole
    bounds = bounds_of(boxes)
    anchor = root if root is not None else Box(bounds.center_x, bounds.y, 0.0, 0.0)
    limit = max(floor, min(SEARCH_ZOOM_LIMIT, ceiling))
    # Only cards that some frame tried can reach matter: a few hundred of a 2,000-card chart.
    reach_x, reach_y = view_width / floor, anchor.y + view_height / floor
    near = [
        b for b in boxes if b.y < reach_y and abs(b.center_x - anchor.center_x) < reach_x + b.width
    ]
    rows = {y: row for row, y in enumerate(sorted({box.y for box in near}))}
    edges = _side_edges(near, anchor, view_width, view_height, floor, limit)
    centred = [(z, anchor.center_x - view_width / z / 2) for z in _zooms(floor, limit)]
    tried = [
        _Candidate.at(near, rows, anchor, zoom, left, view_width, view_height)
        for zoom, left in [*edges, *centred]
    ]
    best = max(tried, key=lambda c: c.rank(anchor.center_x))
    frame = best.frame
    if len(near) < len(boxes):  # the cards out of reach are not inside, so not whole
        return replace(frame, whole=False)
    return frame


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A frame tried, and what it cuts and shows."""

    frame: Frame
    bottom_cut: bool
    sides_cut: bool
    seniority: tuple[int, ...]  # whole cards on each row, the top row first

    @staticmethod
    def at(
        boxes: Sequence[Box],
        rows: dict[float, int],
        anchor: Box,
        zoom: float,
        left: float,
        view_width: float,
        view_height: float,
    ) -> _Candidate:
        """The frame at this zoom and left edge, hung from the anchor's row."""
        width, height = view_width / zoom, view_height / zoom
        top = anchor.y - PAD / zoom
        right, bottom = left + width, top + height
        bottom_cut = sides_cut = False
        per_row = [0] * len(rows)
        for b in boxes:
            level = b.y < bottom and b.bottom > top
            if level and (b.x < left < b.right or b.x < right < b.right):
                sides_cut = True
            elif b.x < right and b.right > left and b.y < bottom < b.bottom:
                bottom_cut = True
            elif top <= b.y and b.bottom <= bottom and left <= b.x and b.right <= right:
                per_row[rows[b.y]] += 1
        inside = sum(per_row)
        frame = Frame(zoom, left, top, width, height, inside == len(boxes), inside)
        return _Candidate(frame, bottom_cut, sides_cut, tuple(per_row))

    def rank(self, middle: float) -> tuple:
        """Larger is better: nothing cut, then the bottom uncut, then the sides; then seniority."""
        f = self.frame
        off_centre = abs(f.left + f.width / 2 - middle)
        cuts = (not (self.bottom_cut or self.sides_cut), not self.bottom_cut, not self.sides_cut)
        return (*cuts, self.seniority, -off_centre, -f.zoom)


def _side_edges(
    boxes: Sequence[Box],
    anchor: Box,
    view_width: float,
    view_height: float,
    floor: float,
    limit: float,
) -> list[tuple[float, float]]:
    """(zoom, left edge) pairs whose side edges cut no card, the anchor near the middle.

    The gaps are those between the cards level with the window at ``floor`` (the tallest it
    gets): a larger zoom shows fewer rows, so a gap there is a gap at any zoom tried.
    """
    top = anchor.y - PAD / floor
    bottom = top + view_height / floor
    band = sorted((b for b in boxes if b.y < bottom and b.bottom > top), key=lambda b: b.x)
    if not band:
        return []
    lefts, rights = _blocks(band)
    span = rights[-1] - lefts[0]
    if span <= (view_width - 2 * PAD) / limit:
        # Every card level with the window fits across: centred, at each zoom that holds them.
        middle = (lefts[0] + rights[-1]) / 2
        zooms = [z for z in _zooms(floor, limit) if span <= (view_width - 2 * PAD) / z]
        return [(z, middle - view_width / z / 2) for z in zooms]
    outer = PAD / floor
    edges = [lefts[0] - outer]
    edges += [(right + left) / 2 for right, left in zip(rights, lefts[1:], strict=False)]
    edges.append(rights[-1] + outer)
    narrowest, widest = view_width / limit, view_width / floor
    pairs = []
    for first, left in enumerate(edges):
        if left > anchor.x:
            break
        for right in edges[bisect_left(edges, left + narrowest, lo=first + 1) :]:
            width = right - left
            if width > widest:
                break
            centred = abs(left + width / 2 - anchor.center_x) <= width / 5
            if centred and right >= anchor.right:
                pairs.append((view_width / width, left))
    return pairs


def _zooms(low: float, high: float) -> list[float]:
    zooms = [low]
    while zooms[-1] * _ZOOM_STEP <= high:
        zooms.append(zooms[-1] * _ZOOM_STEP)
    return zooms


def _blocks(band: Sequence[Box]) -> tuple[list[float], list[float]]:
    """Runs of overlapping cards along x (band sorted by left side): their lefts and rights."""
    lefts, rights = [band[0].x], [band[0].right]
    for box in band[1:]:
        if box.x <= rights[-1]:
            rights[-1] = max(rights[-1], box.right)
        else:
            lefts.append(box.x)
            rights.append(box.right)
    return lefts, rights
