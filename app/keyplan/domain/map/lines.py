"""The lines between cards: influence lines routed around the cards, dotted reporting lines.

Influence lines are routed orthogonally around the cards (``routing``), the shortest first;
those the search budget cannot route become curves (``curve_between``). Dotted (matrix)
reporting lines go straight from card edge to card edge (``matrix.dotted_ends``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from keyplan.domain.layout import Box
from keyplan.domain.map import looks
from keyplan.domain.map.line_spread import spread
from keyplan.domain.map.routing import Budget, CardIndex, route
from keyplan.domain.map.shapes import DottedShape, InfluenceShape, Point
from keyplan.domain.matrix import dotted_ends
from keyplan.domain.plan_vocabulary import InfluenceKind


class LineFacts(NamedTuple):
    """One influence line: from whom, to whom, what kind, how strong (0–3)."""

    from_id: int
    to_id: int
    kind: str
    strength: int = 1


def influence_shapes(lines: Sequence[LineFacts], boxes: Mapping[int, Box]) -> tuple:
    drawn = [line for line in lines if line.from_id in boxes and line.to_id in boxes]
    drawn = [line for line in drawn if line.from_id != line.to_id]
    if not drawn:
        return ()
    index, budget = CardIndex(boxes), Budget()
    # The shortest lines first: if the drawing's budget of search steps runs out on a chart
    # of thousands, it is the long lines across the chart that become curves.
    found: dict[int, tuple[Point, ...] | None] = {}
    for number in sorted(range(len(drawn)), key=lambda n: _distance(drawn[n], boxes)):
        line = drawn[number]
        found[number] = route(index, boxes[line.from_id], boxes[line.to_id], budget)
    routes = spread([found[number] for number in range(len(drawn))])
    shapes = []
    for line, points in zip(drawn, routes, strict=True):
        curved = points is None
        if points is None:
            points = curve_between(boxes[line.from_id], boxes[line.to_id])
        if points is None:
            continue
        shapes.append(_influence_shape(line, points, curved))
    return tuple(shapes)


def _distance(line: LineFacts, boxes: Mapping[int, Box]) -> float:
    a, b = boxes[line.from_id], boxes[line.to_id]
    return abs(a.center_x - b.center_x) + abs(a.center_y - b.center_y)


def _influence_shape(line: LineFacts, points: tuple[Point, ...], curved: bool) -> InfluenceShape:
    kind = looks.kind_key(line.kind)
    symmetric = kind in looks.SYMMETRIC_KINDS
    return InfluenceShape(
        source_id=line.from_id,
        target_id=line.to_id,
        kind=kind,
        label=InfluenceKind(kind).label,
        colour=looks.LINE_COLOURS[kind],
        width=looks.line_width(line.strength),
        dashes=looks.LINE_DASHES[kind],
        points=points,
        curved=curved,
        head=() if symmetric else arrow_head(points[-2], points[-1]),
        end_dots=(points[0], points[-1]) if symmetric else (),
    )


def arrow_head(before: Point, tip: Point) -> tuple[Point, ...]:
    """A filled triangle pointing from ``before`` to ``tip``, its tip on ``tip``."""
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    back = (
        tip[0] - math.cos(angle) * looks.ARROW_LENGTH,
        tip[1] - math.sin(angle) * looks.ARROW_LENGTH,
    )
    side = (-math.sin(angle) * looks.ARROW_HALF_WIDTH, math.cos(angle) * looks.ARROW_HALF_WIDTH)
    return (tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1]))


def curve_between(source: Box, target: Box) -> tuple[Point, ...] | None:
    """A quadratic curve from edge to edge (start, control, end), bent to the left of its
    direction so that A→B and B→A stay apart; None when the cards are on top of each other."""
    start_centre = (source.center_x, source.center_y)
    end_centre = (target.center_x, target.center_y)
    if math.dist(start_centre, end_centre) < 1.0:
        return None
    start, end = edge_point(source, end_centre), edge_point(target, start_centre)
    length = max(math.dist(start, end), 1.0)
    bend = min(max(0.18 * length, 16.0), 110.0)
    normal = (-(end[1] - start[1]) / length, (end[0] - start[0]) / length)
    control = (
        (start[0] + end[0]) / 2 + normal[0] * bend,
        (start[1] + end[1]) / 2 + normal[1] * bend,
    )
    return (start, control, end)


def edge_point(box: Box, towards: Point) -> Point:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards[0] - box.center_x, towards[1] - box.center_y
    scale_x = (box.width / 2) / abs(dx) if dx else math.inf
    scale_y = (box.height / 2) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return (box.center_x + dx * scale, box.center_y + dy * scale)


# ---- dotted (matrix) reporting lines --------------------------------------------------------


def dotted_shapes(
    dotted: Sequence[tuple[int, int]], boxes: Mapping[int, Box]
) -> tuple[DottedShape, ...]:
    shapes = []
    for person_id, manager_id in dotted:
        report, manager = boxes.get(person_id), boxes.get(manager_id)
        if report is None or manager is None or person_id == manager_id:
            continue
        ends = dotted_ends(
            (report.x, report.y, report.width, report.height),
            (manager.x, manager.y, manager.width, manager.height),
        )
        if ends is not None:
            shapes.append(
                DottedShape(person_id, manager_id, ends, looks.DOTTED_COLOUR,
                            looks.DOTTED_WIDTH, looks.DOTTED_DASHES)
            )  # fmt: skip
    return tuple(shapes)
