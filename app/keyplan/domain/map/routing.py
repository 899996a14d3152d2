"""Routes for the influence lines: orthogonal paths around the cards, never through one.

Each line leaves its source card perpendicular to one of its edges and enters the target card
the same way, keeping ``CLEARANCE`` away from every other card. The search is an A* over the
Hanan grid of the cards near the two ends (the lines through every card edge, pushed out by
the clearance): a path along those lines that crosses no card is the shortest way around
them, and a penalty per bend prefers simple routes. In a tidy tree the cards of a row share
their top and bottom, so the grid stays small even with many cards near the line.

Ports avoid the middle of the top and bottom edges, where the reporting lines attach; lines
going out leave from the right half, lines coming in arrive in the left half. Two cards side
by side never get the short hop between their facing edges: such a line would be a stub hidden
between the cards, so it goes round over their tops or bottoms instead, where it can be seen.

Overlapping parallel pieces of different lines are then spread apart (``spread``), so two
lines sharing a corridor stay two lines. A line the search cannot route (far apart on a crowded
chart) comes back as None, and the caller draws it as a curve.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from keyplan.domain.layout import Box

Point = tuple[float, float]

CLEARANCE = 11.0  # how far a route keeps from a card (the layout's sibling gap is 28)
WINDOW = 140.0  # how far beyond the two cards the search may go round, at first
MAX_GRID = 60_000  # grid points; beyond that the line is left to the caller (a curve)
BEND_COST = 40.0  # one bend costs as much as this much length
MIN_HOP = 60.0  # facing edges closer than this do not take the direct hop
TRACK = 4.0  # distance between parallel lines sharing a corridor
_GRID_CELL = 400.0  # the spatial index's cell size

_RIGHT, _DOWN, _LEFT, _UP = 0, 1, 2, 3
_STEPS = {_RIGHT: (1, 0), _DOWN: (0, 1), _LEFT: (-1, 0), _UP: (0, -1)}


@dataclass(frozen=True, slots=True)
class _Port:
    point: Point  # on the card's edge
    stub: Point  # CLEARANCE out from the edge
    heading: int  # the direction from the card outwards


class CardIndex:
    """The cards of one drawing in a coarse grid, to find those near a line quickly."""

    def __init__(self, boxes: Mapping[int, Box]) -> None:
        self.boxes = boxes
        self._cells: dict[tuple[int, int], list[int]] = {}
        for card_id, box in boxes.items():
            for cell in _cells_of(box.x, box.y, box.right, box.bottom):
                self._cells.setdefault(cell, []).append(card_id)

    def near(self, left: float, top: float, right: float, bottom: float) -> list[Box]:
        """The cards that overlap a rectangle."""
        found: dict[int, Box] = {}
        for cell in _cells_of(left, top, right, bottom):
            for card_id in self._cells.get(cell, ()):
                box = self.boxes[card_id]
                if box.x < right and box.right > left and box.y < bottom and box.bottom > top:
                    found[card_id] = box
        return list(found.values())


def _cells_of(left: float, top: float, right: float, bottom: float) -> Iterable[tuple[int, int]]:
    for i in range(int(left // _GRID_CELL), int(right // _GRID_CELL) + 1):
        for j in range(int(top // _GRID_CELL), int(bottom // _GRID_CELL) + 1):
            yield i, j


def route(index: CardIndex, source: Box, target: Box) -> tuple[Point, ...] | None:
    """An orthogonal route from the edge of ``source`` to the edge of ``target``.

    Returns:
        The corner points, first on the source's edge, last on the target's; None when no
        route was found near the two cards.
    """
    for pad in (WINDOW, 3 * WINDOW):
        points = _search(index, source, target, pad)
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


def _search(index: CardIndex, source: Box, target: Box, pad: float) -> tuple[Point, ...] | None:
    left = min(source.x, target.x) - pad
    top = min(source.y, target.y) - pad
    right = max(source.right, target.right) + pad
    bottom = max(source.bottom, target.bottom) + pad
    c = CLEARANCE
    obstacles = [
        (b.x - c, b.y - c, b.right + c, b.bottom + c) for b in index.near(left, top, right, bottom)
    ]
    starts, goals = _ports(source, True, target), _ports(target, False, source)
    xs = {left, right}
    ys = {top, bottom}
    for x0, y0, x1, y1 in obstacles:
        xs.update((x0, x1))
        ys.update((y0, y1))
    for port in (*starts, *goals):
        xs.add(port.stub[0])
        ys.add(port.stub[1])
    grid_x, grid_y = sorted(xs), sorted(ys)
    if len(grid_x) * len(grid_y) > MAX_GRID:
        return None
    column = {x: i for i, x in enumerate(grid_x)}
    row = {y: j for j, y in enumerate(grid_y)}
    covered = _covered_cells(obstacles, column, row)
    found = _a_star(grid_x, grid_y, covered, column, row, starts, goals)
    if found is None:
        return None
    start, path, goal = found
    points = [start.point, *path, goal.point]
    return tuple(_without_straight_joints(points))


def _covered_cells(
    obstacles: Sequence[tuple[float, float, float, float]],
    column: Mapping[float, int],
    row: Mapping[float, int],
) -> set[tuple[int, int]]:
    """Grid cells inside a card (with its clearance): cell (i, j) spans column i to i + 1."""
    covered: set[tuple[int, int]] = set()
    for x0, y0, x1, y1 in obstacles:
        for i in range(column[x0], column[x1]):
            for j in range(row[y0], row[y1]):
                covered.add((i, j))
    return covered


def _a_star(
    grid_x: Sequence[float],
    grid_y: Sequence[float],
    covered: set[tuple[int, int]],
    column: Mapping[float, int],
    row: Mapping[float, int],
    starts: Sequence[_Port],
    goals: Sequence[_Port],
) -> tuple[_Port, list[Point], _Port] | None:
    """The cheapest grid path from a start port's stub to a goal port's stub."""
    goal_at: dict[tuple[int, int], _Port] = {}
    for port in goals:
        goal_at[(column[port.stub[0]], row[port.stub[1]])] = port
    goal_points = [port.stub for port in goals]

    def estimate(i: int, j: int) -> float:
        x, y = grid_x[i], grid_y[j]
        return min(abs(x - gx) + abs(y - gy) for gx, gy in goal_points)

    width, height = len(grid_x), len(grid_y)
    best: dict[tuple[int, int, int], float] = {}
    came: dict[tuple[int, int, int], tuple[int, int, int] | None] = {}
    origin: dict[tuple[int, int, int], _Port] = {}
    queue: list[tuple[float, float, tuple[int, int, int]]] = []
    for port in starts:
        state = (column[port.stub[0]], row[port.stub[1]], port.heading)
        if _blocked_node(state[0], state[1], covered):
            continue
        best[state], came[state], origin[state] = 0.0, None, port
        heapq.heappush(queue, (estimate(state[0], state[1]), 0.0, state))
    while queue:
        _, cost, state = heapq.heappop(queue)
        if cost > best.get(state, float("inf")):
            continue
        i, j, heading = state
        goal = goal_at.get((i, j))
        if goal is not None and heading != goal.heading:  # arrive head on, not from inside
            return _unwind(state, came, origin, grid_x, grid_y, goal)
        for direction, (di, dj) in _STEPS.items():
            if direction == (heading + 2) % 4:
                continue
            ni, nj = i + di, j + dj
            if not (0 <= ni < width and 0 <= nj < height):
                continue
            if _blocked_edge(i, j, ni, nj, covered) or _blocked_node(ni, nj, covered):
                continue
            step = abs(grid_x[ni] - grid_x[i]) + abs(grid_y[nj] - grid_y[j])
            new_cost = cost + step + (BEND_COST if direction != heading else 0.0)
            new_state = (ni, nj, direction)
            if new_cost < best.get(new_state, float("inf")):
                best[new_state], came[new_state] = new_cost, state
                origin[new_state] = origin[state]
                heapq.heappush(queue, (new_cost + estimate(ni, nj), new_cost, new_state))
    return None


def _blocked_node(i: int, j: int, covered: set[tuple[int, int]]) -> bool:
    """A grid point strictly inside a card's clearance (all four cells around it covered)."""
    return (
        (i, j) in covered
        and (i - 1, j) in covered
        and (i, j - 1) in covered
        and (i - 1, j - 1) in covered
    )


def _blocked_edge(i: int, j: int, ni: int, nj: int, covered: set[tuple[int, int]]) -> bool:
    """A grid segment through a card's clearance (the cells on both of its sides covered)."""
    if nj == j:  # horizontal: the cells above and below
        low = min(i, ni)
        return (low, j - 1) in covered and (low, j) in covered
    low = min(j, nj)
    return (i - 1, low) in covered and (i, low) in covered


def _unwind(
    state: tuple[int, int, int],
    came: Mapping[tuple[int, int, int], tuple[int, int, int] | None],
    origin: Mapping[tuple[int, int, int], _Port],
    grid_x: Sequence[float],
    grid_y: Sequence[float],
    goal: _Port,
) -> tuple[_Port, list[Point], _Port]:
    start = origin[state]
    path: list[Point] = []
    current: tuple[int, int, int] | None = state
    while current is not None:
        path.append((grid_x[current[0]], grid_y[current[1]]))
        current = came[current]
    path.reverse()
    return start, path, goal


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


def spread(routes: Sequence[tuple[Point, ...] | None]) -> list[tuple[Point, ...] | None]:
    """Move overlapping parallel pieces of different routes ``TRACK`` apart.

    A piece that runs along the same line as another's, over the same stretch, is given its
    own track; the corners at its ends move with it, so the route stays orthogonal. The first
    and last pieces (which touch the cards) move along the card's edge, which is harmless.
    """
    pieces: dict[tuple[bool, float], list[tuple[float, float, int, int]]] = {}
    for number, points in enumerate(routes):
        if points is None:
            continue
        for k in range(len(points) - 1):
            (x0, y0), (x1, y1) = points[k], points[k + 1]
            horizontal = abs(y0 - y1) < 1e-6
            key = (horizontal, round(y0 if horizontal else x0, 3))
            low, high = (min(x0, x1), max(x0, x1)) if horizontal else (min(y0, y1), max(y0, y1))
            pieces.setdefault(key, []).append((low, high, number, k))
    moved = [list(points) if points is not None else None for points in routes]
    for (horizontal, _at), group in pieces.items():
        if len(group) < 2:
            continue
        for (_low, _high, number, k), track in _tracks(group):
            if track == 0:
                continue
            offset = TRACK * ((track + 1) // 2) * (1 if track % 2 else -1)
            corners = moved[number]
            assert corners is not None
            for end in (k, k + 1):
                x, y = corners[end]
                corners[end] = (x, y + offset) if horizontal else (x + offset, y)
    return [tuple(corners) if corners is not None else None for corners in moved]


def _tracks(
    group: list[tuple[float, float, int, int]],
) -> list[tuple[tuple[float, float, int, int], int]]:
    """Interval colouring: overlapping pieces get different tracks, 0 first."""
    ends: list[float] = []  # per track, where its last piece ends
    result = []
    for piece in sorted(group):
        low, high, _number, _k = piece
        for track, end in enumerate(ends):
            if low >= end:
                ends[track] = high
                break
        else:
            track = len(ends)
            ends.append(high)
        result.append((piece, track))
    return result
