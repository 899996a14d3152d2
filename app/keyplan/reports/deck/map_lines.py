"""The map's lines on a slide (see ``map_shapes`` for the cards).

- a reporting line: an elbow connector (``bentConnectorN``) glued to the manager's and the
  report's rectangles, its bends where the drawing has them (PowerPoint draws a connector as
  stored until a card moves; LibreOffice too, unless both ends are glued, when it routes the
  line anew from the sites);
- an influence line: a freeform along the drawing's route (rounded corners, or its curve), in
  the kind's colour and dash, with an arrowhead at the target or a dot at both ends.
"""

from __future__ import annotations

from collections.abc import Sequence

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import (
    DottedShape,
    InfluenceShape,
    Point,
    ReportingShape,
    rounded_corners,
)
from keyplan.reports.deck.map_shapes import Placement, emu, freeform, outline, preset, pt, shape

# Connection sites of a rounded rectangle: top, left, bottom, right.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
_EPSILON = 0.01
_GLUE_TOLERANCE = 0.5  # points: an end this close to a connection site is glued to it


def site_of(rect: tuple[float, float, float, float], point: Point) -> int:
    """The connection site of a rectangle on whose side ``point`` lies."""
    x, y, width, height = rect
    distances = {
        TOP: abs(point[1] - y),
        BOTTOM: abs(point[1] - (y + height)),
        LEFT: abs(point[0] - x),
        RIGHT: abs(point[0] - (x + width)),
    }
    return min(distances, key=lambda site: distances[site])


def reporting_connector(
    shape_id: int,
    line: ReportingShape,
    at: Placement,
    begin: tuple[int, tuple[float, float, float, float]],
    end: tuple[int, tuple[float, float, float, float]],
) -> str:
    """An elbow connector glued to both cards, bending where the drawing's line bends."""
    points = _corners([at.point(*p) for p in line.points])
    (begin_id, begin_rect), (end_id, end_rect) = begin, end
    glue = _glue("stCxn", begin_id, begin_rect, points[0])
    glue += _glue("endCxn", end_id, end_rect, points[-1])
    geometry, transform, box = _connector_geometry(points)
    x, y, width, height = box
    return (
        f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Reporting line {shape_id}"/>'
        f"<p:cNvCxnSpPr>{glue}</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm{transform}>"
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm>{geometry}{outline(looks.CONNECTOR_COLOUR, max(0.75, 1.4 * at.scale))}"
        f"</p:spPr></p:cxnSp>"
    )


def _glue(tag: str, card_id: int, rect: tuple[float, float, float, float], point: Point) -> str:
    """The end's glue to a card's connection site, when the line ends on one (the middle of
    a side). A line of team columns starts off the middle of its manager's bottom: gluing it
    there would make LibreOffice (and PowerPoint, once a card moves) route it anew from the
    site, and the column's spine would turn into a chain of cards. That end stays free; the
    report's end is always glued."""
    site = site_of(rect, point)
    x, y, width, height = rect
    where = {
        TOP: (x + width / 2, y),
        LEFT: (x, y + height / 2),
        BOTTOM: (x + width / 2, y + height),
        RIGHT: (x + width, y + height / 2),
    }[site]
    if not _same(where, point, _GLUE_TOLERANCE):
        return ""
    return f'<a:{tag} id="{card_id}" idx="{site}"/>'


def _corners(points: Sequence[Point]) -> list[Point]:
    """The polyline without repeated points and without points in the middle of a straight
    run (an elbow connector has one bend per corner)."""
    kept: list[Point] = []
    for point in points:
        if kept and _same(point, kept[-1]):
            continue
        if len(kept) >= 2 and _in_line(kept[-2], kept[-1], point):
            kept[-1] = point
            continue
        kept.append(point)
    return kept if len(kept) >= 2 else [points[0], points[-1]]


def _same(a: Point, b: Point, tolerance: float = _EPSILON) -> bool:
    return abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance


def _in_line(a: Point, b: Point, c: Point) -> bool:
    """Whether ``b`` is on the straight (horizontal or vertical) run from ``a`` to ``c``."""
    vertical = abs(a[0] - b[0]) < _EPSILON and abs(b[0] - c[0]) < _EPSILON
    return vertical or (abs(a[1] - b[1]) < _EPSILON and abs(b[1] - c[1]) < _EPSILON)


def _connector_geometry(points: list[Point]) -> tuple[str, str, tuple[float, float, float, float]]:
    """The preset connector that draws an orthogonal polyline, its transform and its box.

    The ``bentConnectorN`` presets run horizontally first, from their box's top-left to its
    bottom-right corner, bending at fractions of the box (``adj``). A line that starts
    vertically is the preset turned a quarter and mirrored; flips send the end to the other
    corners.
    """
    (x0, y0), (xn, yn) = points[0], points[-1]
    segments = len(points) - 1
    if segments == 1 or segments > 4:
        flips = (' flipH="1"' if xn < x0 else "") + (' flipV="1"' if yn < y0 else "")
        box = (min(x0, xn), min(y0, yn), abs(xn - x0), abs(yn - y0))
        return preset("straightConnector1"), flips, box
    sx = -1.0 if xn < x0 - _EPSILON else 1.0
    sy = -1.0 if yn < y0 - _EPSILON else 1.0
    vertical_first = abs(points[1][0] - x0) < _EPSILON
    if vertical_first:
        width, height = abs(yn - y0), abs(xn - x0)

        def along(p: Point) -> float:
            return (p[1] - y0) * sy

        def across(p: Point) -> float:
            return (p[0] - x0) * sx

        transform = {
            (1.0, 1.0): ' rot="16200000" flipH="1"',
            (-1.0, 1.0): ' rot="5400000"',
            (1.0, -1.0): ' rot="16200000"',
            (-1.0, -1.0): ' rot="5400000" flipH="1"',
        }[(sx, sy)]
    else:
        width, height = abs(xn - x0), abs(yn - y0)

        def along(p: Point) -> float:
            return (p[0] - x0) * sx

        def across(p: Point) -> float:
            return (p[1] - y0) * sy

        transform = (' flipH="1"' if sx < 0 else "") + (' flipV="1"' if sy < 0 else "")
    adjust = [
        (
            f"adj{k}",
            (along(points[k]) / width if k % 2 else across(points[k]) / height) * 100000
            if (width if k % 2 else height) > _EPSILON
            else 50000,
        )
        for k in range(1, segments - 1)
    ]
    centre = ((x0 + xn) / 2, (y0 + yn) / 2)
    box = (centre[0] - width / 2, centre[1] - height / 2, width, height)
    return preset(f"bentConnector{segments}", adjust), transform, box


def influence_line(shape_id: int, line: InfluenceShape, at: Placement, description: str) -> str:
    """A freeform along the drawing's route, dashed by kind, with its arrowhead or end dots;
    ``description`` is its alternative text (who and whom)."""
    points = [at.point(*p) for p in line.points]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, top = min(xs), min(ys)
    width, height = max(max(xs) - left, 0.01), max(max(ys) - top, 0.01)

    def local(p: Point) -> str:
        return pt((p[0] - left, p[1] - top))

    path = f"<a:moveTo>{local(points[0])}</a:moveTo>"
    if line.curved:
        path += f"<a:quadBezTo>{local(points[1])}{local(points[2])}</a:quadBezTo>"
    else:
        for before, corner, after in rounded_corners(tuple(points), line.corner_radius * at.scale):
            path += f"<a:lnTo>{local(before)}</a:lnTo>"
            path += f"<a:quadBezTo>{local(corner)}{local(after)}</a:quadBezTo>"
        path += f"<a:lnTo>{local(points[-1])}</a:lnTo>"
    width_pt = line.width * at.scale
    dashes = "".join(
        f'<a:ds d="{round(on * 100000)}" sp="{round(off * 100000)}"/>'
        for on, off in zip(line.dashes[::2], line.dashes[1::2], strict=False)
    )
    ends = _line_ends(line)
    stroke = outline(line.colour, width_pt, f"<a:custDash>{dashes}</a:custDash>{ends}")
    return shape(shape_id, f"{line.label} line {shape_id}", (left, top, width, height),
                 freeform(path, width, height, closed=False), "<a:noFill/>", stroke,
                 description=description)  # fmt: skip


def dotted_line(shape_id: int, line: DottedShape, at: Placement, description: str) -> str:
    """A dotted (matrix) reporting line: straight from card edge to card edge, in round dots
    (PowerPoint's system dots), no ends; ``description`` is its alternative text."""
    (sx, sy), (ex, ey) = (at.point(*p) for p in line.points)
    left, top = min(sx, ex), min(sy, ey)
    width, height = max(abs(ex - sx), 0.01), max(abs(ey - sy), 0.01)
    path = (
        f"<a:moveTo>{pt((sx - left, sy - top))}</a:moveTo>"
        f"<a:lnTo>{pt((ex - left, ey - top))}</a:lnTo>"
    )
    stroke = outline(line.colour, line.width * at.scale, '<a:prstDash val="sysDot"/>')
    return shape(shape_id, f"{looks.DOTTED_LABEL} {shape_id}", (left, top, width, height),
                 freeform(path, width, height, closed=False), "<a:noFill/>", stroke,
                 description=description)  # fmt: skip


def _line_ends(line: InfluenceShape) -> str:
    """The arrowhead at the target (directed kinds) or a dot at both ends (alliances and
    rivalries), sized like the drawing's: line ends are multiples of the line's width."""
    if line.head:
        size = _end_size(looks.ARROW_LENGTH / line.width)
        return f'<a:tailEnd type="triangle" w="{size}" len="{size}"/>'
    if line.end_dots:
        size = _end_size(2 * looks.END_DOT_RADIUS / line.width)
        dot = f'type="oval" w="{size}" len="{size}"'
        return f"<a:headEnd {dot}/><a:tailEnd {dot}/>"
    return ""


def _end_size(times_width: float) -> str:
    """The nearest of DrawingML's line-end sizes: small 2, medium 3, large 5 line widths."""
    return min((("sm", 2.0), ("med", 3.0), ("lg", 5.0)), key=lambda s: abs(s[1] - times_width))[0]
