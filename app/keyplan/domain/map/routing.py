"""Routes for the influence lines: orthogonal paths around the cards, never through one.

Each line leaves its source card perpendicular to one of its edges and enters the target card
the same way, keeping ``CLEARANCE`` away from every other card. The search is an A* over the
Hanan grid of the cards near the two ends (the lines through every card edge, pushed out by
the clearance): a path along those lines that crosses no card is the shortest way around
them, and a penalty per bend prefers simple routes. In a tidy tree the cards of a row share
their top and bottom, so the grid stays small even with many cards near the line. A card
sticking out of the window takes the grid beyond it, where cards were not looked up: a route
that goes there is checked against every card, and searched again with those it came near.

Ports avoid the middle of the top and bottom edges, where the reporting lines attach; lines
going out leave from the right half, lines coming in arrive in the left half. Two cards side
by side never get the short hop between their facing edges: such a line would be a stub hidden
between the cards, so it goes round over their tops or bottoms instead, where it can be seen.

Overlapping parallel pieces of different lines are then spread apart (``line_spread``), so two
lines sharing a corridor stay two lines. A line the search cannot route (far apart on a crowded
chart) comes back as None, and the caller draws it as a curve.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import NamedTuple

from keyplan.domain.layout import Box

Point = tuple[float, float]

CLEARANCE = 11.0  # how far a route keeps from a card (the layout's sibling gap is 28)
WINDOW = 140.0  # how far beyond the two cards the search may go round, at first
# Grid points, and search steps: beyond these the line is left to the caller (a curve). A line
# across a chart of thousands would otherwise cost a good part of a second, for a route
# nobody can follow on paper anyway.
MAX_GRID = 3_000
MAX_STEPS = 4_000
#: Search steps for all the lines of one drawing: the shortest lines are routed first, and
#: when the steps run out the rest are curves. A map of thousands stays quick to export.
DRAWING_STEPS = 6_000
BEND_COST = 40.0  # one bend costs as much as this much length
MIN_HOP = 60.0  # facing edges closer than this do not take the direct hop

_RIGHT, _DOWN, _LEFT, _UP = 0, 1, 2, 3
_STEPS = {_RIGHT: (1, 0), _DOWN: (0, 1), _LEFT: (-1, 0), _UP: (0, -1)}


class _Port(NamedTuple):
    point: Point  # on the card's edge
    stub: Point  # CLEARANCE out from the edge
    heading: int  # the direction from the card outwards


class CardIndex:
    """The cards of one drawing sorted by their left edge, to find those near a line quickly.

    A search looks at a few windows of a chart of thousands: sorting the cards (in C) and
    cutting out the run whose left edges can reach a window costs far less than filing every
    card into a grid of cells first. Which cards come back decides the route, not their order.
    """

    def __init__(self, boxes: Mapping[int, Box]) -> None:
        self.boxes = boxes
        self._by_left = sorted(boxes.values(), key=_left_edge)
        self._lefts = [box.x for box in self._by_left]
        # No card reaches further right than this past its left edge (1 more: round-off).
        self._reach = max((box.width for box in self._by_left), default=0.0) + 1.0

    def near(self, left: float, top: float, right: float, bottom: float) -> list[Box]:
        """The cards that overlap a rectangle."""
        first = bisect_left(self._lefts, left - self._reach)
        last = bisect_left(self._lefts, right)  # cards starting at ``right`` or beyond miss it
        return [
            box
            for box in self._by_left[first:last]
            if box.right > left and box.y < bottom and box.bottom > top
        ]


def _left_edge(box: Box) -> float:
    return box.x


class Budget:
    """The search steps left for one drawing (``DRAWING_STEPS``)."""

    def __init__(self, steps: int = DRAWING_STEPS) -> None:
        self.steps = steps


def route(
    index: CardIndex, source: Box, target: Box, budget: Budget | None = None
) -> tuple[Point, ...] | None:
    """An orthogonal route from the edge of ``source`` to the edge of ``target``.

    Returns:
        The corner points, first on the source's edge, last on the target's; None when no
        route was found near the two cards (or the drawing's budget of steps is spent).
    """
    budget = budget if budget is not None else Budget()
    for pad in (WINDOW, 3 * WINDOW):
        if budget.steps <= 0:
            return None
        points = _search(index, source, target, pad, budget)
        if points is not None:
            return points
    return None


def _ports(box: Box, outgoing: bool, other: Box) -> list[_Port]:
    """Where a line may leave (or enter) a card: off-centre on top and bottom, and the sides."""
    c = CLEARANCE
    x = box.x + box.width * (0.75 if outgoing else 0.25)
    y = box.y + box.height * (0.35 if outgoing else 0.65)
    ports = [
        _Port((x, box.y), (x, box.y - c), _UP),
        _Port((x, box.bottom), (x, box.bottom + c), _DOWN),
    ]
    side_by_side = box.y < other.bottom and other.y < box.bottom
    if not side_by_side or _facing_gap(box, other) >= MIN_HOP:
        ports.append(_Port((box.right, y), (box.right + c, y), _RIGHT))
        ports.append(_Port((box.x, y), (box.x - c, y), _LEFT))
    return ports


def _facing_gap(a: Box, b: Box) -> float:
    return max(b.x - a.right, a.x - b.right)


def _search(
    index: CardIndex, source: Box, target: Box, pad: float, budget: Budget
) -> tuple[Point, ...] | None:
    left = min(source.x, target.x) - pad
    top = min(source.y, target.y) - pad
    right = max(source.right, target.right) + pad
    bottom = max(source.bottom, target.bottom) + pad
    starts, goals = _ports(source, True, target), _ports(target, False, source)
    cards = index.near(left, top, right, bottom)
    while True:
        points = _search_among(cards, starts, goals, (left, top, right, bottom), budget)
        if points is None:
            return None
        if _well_inside(points, (left, top, right, bottom)):
            return points  # every card near it overlaps the window: the search knew them all
        missed = _cards_too_near(index, points, cards)
        if not missed:
            return points
        # The path left the window along the edges of a card sticking out of it, and came
        # near cards the search did not know of: search again with them in the way.
        if budget.steps <= 0:
            return None
        cards = [*cards, *missed]


def _search_among(
    cards: Sequence[Box],
    starts: Sequence[_Port],
    goals: Sequence[_Port],
    window: tuple[float, float, float, float],
    budget: Budget,
) -> tuple[Point, ...] | None:
    """The route on the Hanan grid of the window and the clearances of ``cards``."""
    c = CLEARANCE
    obstacles = [(b.x - c, b.y - c, b.right + c, b.bottom + c) for b in cards]
    left, top, right, bottom = window
    xs = {left, right}
    ys = {top, bottom}
    for x0, y0, x1, y1 in obstacles:
        xs.update((x0, x1))
        ys.update((y0, y1))
    for port in (*starts, *goals):
        xs.add(port.stub[0])
        ys.add(port.stub[1])
    grid = _Grid(sorted(xs), sorted(ys))
    if grid.width * grid.height > MAX_GRID:
        return None
    grid.cover(obstacles)
    found = grid.a_star(starts, goals, budget)
    if found is None:
        return None
    start, path, goal = found
    points = [start.point, *path, goal.point]
    return tuple(_without_straight_joints(points))


def _well_inside(points: Sequence[Point], window: tuple[float, float, float, float]) -> bool:
    """Whether a path keeps ``CLEARANCE`` inside the window (the common case, and quick)."""
    left, top, right, bottom = window
    c = CLEARANCE
    return all(left + c <= x <= right - c and top + c <= y <= bottom - c for x, y in points)


def _cards_too_near(index: CardIndex, points: Sequence[Point], known: Sequence[Box]) -> list[Box]:
    """The cards not in ``known`` that a path comes closer to than ``CLEARANCE``.

    The grid reaches beyond the search window wherever a card sticks out of it, so a path
    can run past cards that were never looked up (and, before this check, through them).
    """
    reach = CLEARANCE - 1e-6  # a path along the edge of a clearance keeps its distance
    known_ids = {id(box) for box in known}
    missed: dict[int, Box] = {}
    for (x0, y0), (x1, y1) in pairwise(points):
        left, right = min(x0, x1) - reach, max(x0, x1) + reach
        top, bottom = min(y0, y1) - reach, max(y0, y1) + reach
        for box in index.near(left, top, right, bottom):
            if id(box) not in known_ids:
                missed[id(box)] = box
    return list(missed.values())


class _Grid:
    """The Hanan grid of one search, with flat arrays of what is blocked (fast in Python).

    Point (i, j) is number ``i * height + j``; cell (i, j) spans columns i to i + 1 and rows
    j to j + 1. A state of the search is a point and the heading it was reached with:
    ``point * 4 + heading``.
    """

    def __init__(self, grid_x: list[float], grid_y: list[float]) -> None:
        self.xs, self.ys = grid_x, grid_y
        self.width, self.height = len(grid_x), len(grid_y)
        self.column = {x: i for i, x in enumerate(grid_x)}
        self.row = {y: j for j, y in enumerate(grid_y)}

    def cover(self, obstacles: Sequence[tuple[float, float, float, float]]) -> None:
        """Mark the cells inside a card's clearance, then the points and steps they block.

        The cells are kept with an empty row and column in front (cell (i, j) at
        ``(i + 1) * (h + 1) + j + 1``), so the cells before the first line read as free; a
        column of the grid is then worked out at once, its bytes (0 or 1) read as one integer
        and combined with ``&``.
        """
        w, h = self.width, self.height
        stride = h + 1
        cells = bytearray((w + 1) * stride)
        for x0, y0, x1, y1 in obstacles:
            low, high = self.row[y0], self.row[y1]
            if high > low:
                ones = b"\x01" * (high - low)
                for i in range(self.column[x0], self.column[x1]):
                    base = (i + 1) * stride + 1
                    cells[base + low : base + high] = ones
        # A point strictly inside (all four cells around it covered); a step along a grid
        # line through a card (the cells on both of its sides covered).
        self.blocked = bytearray(w * h)
        self.right_blocked = bytearray(w * h)  # the step from (i, j) to (i + 1, j)
        self.down_blocked = bytearray(w * h)  # the step from (i, j) to (i, j + 1)
        for i in range(w):
            here = (i + 1) * stride + 1  # cell (i, 0)
            before = here - stride  # cell (i - 1, 0)
            cell = int.from_bytes(cells[here : here + h], "big")
            left = int.from_bytes(cells[before : before + h], "big")
            if not cell and not left:
                continue  # the common case: nothing around
            up = int.from_bytes(cells[here - 1 : here - 1 + h], "big")
            left_up = int.from_bytes(cells[before - 1 : before - 1 + h], "big")
            k = i * h
            self.blocked[k : k + h] = (cell & left & up & left_up).to_bytes(h, "big")
            self.right_blocked[k : k + h] = (up & cell).to_bytes(h, "big")
            self.down_blocked[k : k + h] = (left & cell).to_bytes(h, "big")

    def a_star(
        self, starts: Sequence[_Port], goals: Sequence[_Port], budget: Budget
    ) -> tuple[_Port, list[Point], _Port] | None:
        """The cheapest path from a start port's stub to a goal port's stub (bends cost more).

        The four neighbours are written out one by one, not gathered in a list first: at
        5,000 people the drawing spends its whole budget of steps, and this loop was a tenth
        of the export. The states are searched in the same order as ever."""
        xs, ys, h, w = self.xs, self.ys, self.height, self.width
        blocked, right_blocked, down_blocked = self.blocked, self.right_blocked, self.down_blocked
        goal_at = {self.column[p.stub[0]] * h + self.row[p.stub[1]]: p for p in goals}
        goal_xs, goal_ys = [p.stub[0] for p in goals], [p.stub[1] for p in goals]
        low_x, high_x, low_y, high_y = min(goal_xs), max(goal_xs), min(goal_ys), max(goal_ys)
        best: dict[int, float] = {}
        came: dict[int, int] = {}
        origin: dict[int, _Port] = {}  # the start port of each first state
        queue: list[tuple[float, float, int]] = []
        push, pop, far = heapq.heappush, heapq.heappop, 1e18
        for port in starts:
            point = self.column[port.stub[0]] * h + self.row[port.stub[1]]
            if blocked[point]:
                continue
            state = point * 4 + port.heading
            best[state], came[state], origin[state] = 0.0, -1, port
            push(queue, (0.0, 0.0, state))
        steps, limit = 0, min(MAX_STEPS, budget.steps)
        while queue and steps < limit:
            steps += 1
            _, cost, state = pop(queue)
            if cost > best[state]:
                continue
            point, heading = state >> 2, state & 3
            goal = goal_at.get(point)
            if goal is not None and heading != goal.heading:  # arrive head on, not from inside
                budget.steps -= steps
                return self._unwind(state, came, origin, goal)
            i, j = divmod(point, h)
            x, y = xs[i], ys[j]
            # How far the point is from the goals' box, across and down: a step right or
            # left keeps the second, a step down or up the first.
            gap_x = low_x - x if x < low_x else (x - high_x if x > high_x else 0.0)
            gap_y = low_y - y if y < low_y else (y - high_y if y > high_y else 0.0)
            # The neighbours right, down, left and up, never straight back (the grid is
            # sorted, so each step's length is a plain difference; a bend costs more).
            if heading != _LEFT and i + 1 < w and not right_blocked[point]:
                nxt = point + h
                if not blocked[nxt]:
                    nx = xs[i + 1]
                    length = nx - x
                    new_cost = cost + length if heading == _RIGHT else cost + length + BEND_COST
                    new_state = nxt * 4 + _RIGHT
                    if new_cost < best.get(new_state, far):
                        best[new_state], came[new_state] = new_cost, state
                        dx = low_x - nx if nx < low_x else (nx - high_x if nx > high_x else 0.0)
                        push(queue, (new_cost + dx + gap_y, new_cost, new_state))
            if heading != _UP and j + 1 < h and not down_blocked[point]:
                nxt = point + 1
                if not blocked[nxt]:
                    ny = ys[j + 1]
                    length = ny - y
                    new_cost = cost + length if heading == _DOWN else cost + length + BEND_COST
                    new_state = nxt * 4 + _DOWN
                    if new_cost < best.get(new_state, far):
                        best[new_state], came[new_state] = new_cost, state
                        dy = low_y - ny if ny < low_y else (ny - high_y if ny > high_y else 0.0)
                        push(queue, (new_cost + gap_x + dy, new_cost, new_state))
            if heading != _RIGHT and i > 0 and not right_blocked[point - h]:
                nxt = point - h
                if not blocked[nxt]:
                    nx = xs[i - 1]
                    length = x - nx
                    new_cost = cost + length if heading == _LEFT else cost + length + BEND_COST
                    new_state = nxt * 4 + _LEFT
                    if new_cost < best.get(new_state, far):
                        best[new_state], came[new_state] = new_cost, state
                        dx = low_x - nx if nx < low_x else (nx - high_x if nx > high_x else 0.0)
                        push(queue, (new_cost + dx + gap_y, new_cost, new_state))
            if heading != _DOWN and j > 0 and not down_blocked[point - 1]:
                nxt = point - 1
                if not blocked[nxt]:
                    ny = ys[j - 1]
                    length = y - ny
                    new_cost = cost + length if heading == _UP else cost + length + BEND_COST
                    new_state = nxt * 4 + _UP
                    if new_cost < best.get(new_state, far):
                        best[new_state], came[new_state] = new_cost, state
                        dy = low_y - ny if ny < low_y else (ny - high_y if ny > high_y else 0.0)
                        push(queue, (new_cost + gap_x + dy, new_cost, new_state))
        budget.steps -= steps
        return None

    def _unwind(
        self, state: int, came: Mapping[int, int], origin: Mapping[int, _Port], goal: _Port
    ) -> tuple[_Port, list[Point], _Port]:
        """The path back from ``state`` to the first state, whose start port it took."""
        path: list[Point] = []
        first = state
        while state >= 0:
            i, j = divmod(state // 4, self.height)
            path.append((self.xs[i], self.ys[j]))
            first, state = state, came[state]
        path.reverse()
        return origin[first], path, goal


def _without_straight_joints(points: Sequence[Point]) -> list[Point]:
    """The corners only: a point in the middle of a straight run is dropped."""
    kept: list[Point] = []
    for point in points:
        if kept and _same(kept[-1], point):
            continue
        if len(kept) >= 2 and _collinear(kept[-2], kept[-1], point):
            kept[-1] = point
        else:
            kept.append(point)
    return kept


def _same(a: Point, b: Point) -> bool:
    return abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return (abs(a[0] - b[0]) < 1e-6 and abs(b[0] - c[0]) < 1e-6) or (
        abs(a[1] - b[1]) < 1e-6 and abs(b[1] - c[1]) < 1e-6
    )
