"""The map's drawing description (``keyplan.domain.map.shapes``) as native PowerPoint shapes.

Every shape is written as DrawingML text and parsed once per slide (python-pptx's setters cost
milliseconds per shape; a 500-person deck has thousands). What each drawing shape becomes:

- a card: a group holding an editable rounded rectangle with the name, job title and
  department as its text (the shape reporting lines are glued to), the stance band with its
  letter, the note band ("Team of N → slide M"), and the small parts (badges, relationship
  dots, the contact mark) — so that moving the group in PowerPoint moves the whole card;
- a reporting line: an elbow connector (``bentConnectorN``) glued to the manager's and the
  report's rectangles, its bends where the drawing has them;
- an influence line: a freeform along the drawing's route (rounded corners, or its curve), in
  the kind's colour and dash, with an arrowhead at the target or a dot at both ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import (
    BadgeShape,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    InfluenceShape,
    Point,
    ReportingShape,
    TextRun,
    rounded_corners,
)
from keyplan.reports.deck.slides import shorten
from keyplan.reports.map.drawing import NOTE_FILL

NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
FONT = "Arial"
# Connection sites of a rounded rectangle: top, left, bottom, right.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3
_EPSILON = 0.01
_GLUE_TOLERANCE = 0.5  # points: an end this close to a connection site is glued to it
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Ascent share of a line set with exact spacing: where its baseline sits in it.
_ASCENT = 0.8


def emu(points: float) -> int:
    return round(points * 12700)


def hex_colour(colour: str) -> str:
    return colour.lstrip("#").upper()


def text(value: str) -> str:
    """A text escaped for XML, characters XML cannot hold left out."""
    return escape(_NOT_XML.sub("", value))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the drawing lands on the slide: drawing point (x, y) is at ``point(x, y)``."""

    left: float
    top: float
    origin_x: float
    origin_y: float
    scale: float

    def point(self, x: float, y: float) -> Point:
        return (
            self.left + (x - self.origin_x) * self.scale,
            self.top + (y - self.origin_y) * self.scale,
        )


class ShapeIds:
    """Shape ids unique on a slide, handed out in turn."""

    def __init__(self, first: int) -> None:
        self._next = first

    def next(self) -> int:
        self._next += 1
        return self._next - 1


# ---- plain pieces -----------------------------------------------------------------------------


def solid(colour: str, opacity: float = 1.0) -> str:
    alpha = f'<a:alpha val="{round(opacity * 100000)}"/>' if opacity < 1.0 else ""
    return f'<a:solidFill><a:srgbClr val="{hex_colour(colour)}">{alpha}</a:srgbClr></a:solidFill>'


def outline(colour: str | None, width: float, extra: str = "") -> str:
    if colour is None:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{emu(width)}">{solid(colour)}{extra}</a:ln>'


def preset(name: str, adjust: Sequence[tuple[str, float]] = ()) -> str:
    """A preset geometry with its adjust values (guide name, value)."""
    guides = "".join(f'<a:gd name="{guide}" fmla="val {round(value)}"/>' for guide, value in adjust)
    return f'<a:prstGeom prst="{name}"><a:avLst>{guides}</a:avLst></a:prstGeom>'


def freeform(path: str, width: float, height: float, closed: bool = True) -> str:
    """A custom geometry of one path, in EMU of a ``width`` × ``height`` box."""
    fill = "" if closed else ' fill="none"'
    return (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{emu(width)}" h="{emu(height)}"{fill}>{path}</a:path>'
        "</a:pathLst></a:custGeom>"
    )


def _pt(point: Point) -> str:
    return f'<a:pt x="{emu(point[0])}" y="{emu(point[1])}"/>'


def shape(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    geometry: str,
    fill: str,
    line: str,
    body: str = "",
    *,
    transform: str = "",
    description: str = "",
) -> str:
    """A ``p:sp`` at ``box`` (left, top, width, height in points)."""
    x, y, width, height = box
    descr = f' descr="{text(description)}"' if description else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{text(name)}"{descr}/><p:cNvSpPr/>'
        f"<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm{transform}>"
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm>{geometry}{fill}{line}</p:spPr>{body}</p:sp>"
    )


def run(line: TextRun, scale: float, spacing: float | None = None, align: str = "l") -> str:
    """A paragraph of one run: the drawing's text, cut with "…" to its room on the slide."""
    size = line.size * scale
    value = shorten(line.text, line.max_width * scale * 0.97, size, 1, line.bold)
    spaced = f'<a:lnSpc><a:spcPts val="{round(spacing * 100)}"/></a:lnSpc>' if spacing else ""
    properties = (
        f'<a:pPr algn="{align}">{spaced}<a:spcBef><a:spcPts val="0"/></a:spcBef></a:pPr>'
    )
    size_text = str(max(100, round(size * 100)))
    return (
        f'<a:p>{properties}<a:r><a:rPr lang="en-GB" sz="{size_text}" b="{int(line.bold)}">'
        f'{solid(line.colour)}<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>'
        f'<a:t>{text(value)}</a:t></a:r><a:endParaRPr lang="en-GB" sz="{size_text}"/></a:p>'
    )


def text_body(paragraphs: str, insets: tuple[float, float, float], anchor: str = "t") -> str:
    """One line per paragraph, never wrapped (the drawing's texts are cut to fit)."""
    left, top, right = (emu(v) for v in insets)
    return (
        f'<p:txBody><a:bodyPr wrap="none" lIns="{left}" tIns="{top}" rIns="{right}" bIns="0" '
        f'anchor="{anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f"{paragraphs}</p:txBody>"
    )


def lines_at_baselines(runs: Sequence[TextRun], scale: float, align: str = "l") -> tuple[str, float]:
    """Paragraphs whose baselines land where the drawing puts them (exact line spacing: a
    line's baseline sits at ``_ASCENT`` of its height), and the top inset they need."""
    paragraphs, top, previous = [], 0.0, 0.0
    for number, line in enumerate(runs):
        if number == 0:
            height = line.size * 1.2 * scale
            top = line.baseline * scale - _ASCENT * height
        else:
            gap = (line.baseline - runs[number - 1].baseline) * scale
            height = max((gap - (1 - _ASCENT) * previous) / _ASCENT, line.size * scale)
        paragraphs.append(run(line, scale, height, align))
        previous = height
    return "".join(paragraphs), max(0.0, top)


# ---- cards ------------------------------------------------------------------------------------


def card_group(ids: ShapeIds, card: CardShape, at: Placement) -> tuple[int, str]:
    """A card as a group of shapes; returns the id of its rectangle (for glued lines)."""
    scale = at.scale
    x, y = at.point(card.x, card.y)
    width, height = card.width * scale, card.height * scale
    group_id, card_id = ids.next(), ids.next()
    radius = card.radius / min(card.width, card.height) * 100000
    first = card.texts[0].x if card.texts else looks.TEXT_LEFT
    paragraphs, top = lines_at_baselines(card.texts, scale)
    body = text_body(paragraphs, (first * scale, top, looks.TEXT_RIGHT * scale))
    name = card.texts[0].text if card.texts else ""
    members = [
        shape(card_id, f"Card: {name}", (x, y, width, height), preset("roundRect", [("adj", radius)]),
              solid(card.fill), outline(card.edge, 1.0 * scale), body)
    ]  # fmt: skip
    members.append(_band(ids.next(), card, x, y, scale))
    if card.note is not None:
        members.append(_note(ids.next(), card, x, y, scale))
    members += [_part(ids, part, x, y, scale) for part in card.parts]
    group = (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{group_id}" name="{text(name)}"/><p:cNvGrpSpPr/>'
        f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f'<a:chOff x="{emu(x)}" y="{emu(y)}"/><a:chExt cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm></p:grpSpPr>{''.join(members)}</p:grpSp>"
    )
    return card_id, group


def _rounded_path(width: float, height: float, radii: tuple[float, float, float, float]) -> str:
    """A rectangle's outline with the corners (top-left, top-right, bottom-right,
    bottom-left) rounded by these radii."""
    tl, tr, br, bl = radii
    return (
        f"<a:moveTo>{_pt((tl, 0))}</a:moveTo><a:lnTo>{_pt((width - tr, 0))}</a:lnTo>"
        f"<a:quadBezTo>{_pt((width, 0))}{_pt((width, tr))}</a:quadBezTo>"
        f"<a:lnTo>{_pt((width, height - br))}</a:lnTo>"
        f"<a:quadBezTo>{_pt((width, height))}{_pt((width - br, height))}</a:quadBezTo>"
        f"<a:lnTo>{_pt((bl, height))}</a:lnTo>"
        f"<a:quadBezTo>{_pt((0, height))}{_pt((0, height - bl))}</a:quadBezTo>"
        f"<a:lnTo>{_pt((0, tl))}</a:lnTo>"
        f"<a:quadBezTo>{_pt((0, 0))}{_pt((tl, 0))}</a:quadBezTo><a:close/>"
    )


def _band(shape_id: int, card: CardShape, x: float, y: float, scale: float) -> str:
    """The stance band on the card's left edge, carrying the stance letter (internal maps)."""
    width, height, radius = card.band.width * scale, card.height * scale, card.radius * scale
    geometry = freeform(_rounded_path(width, height, (radius, 0, 0, radius)), width, height)
    body = ""
    if card.band.letter is not None:
        letter = card.band.letter
        paragraphs, top = lines_at_baselines([letter], scale, "ctr")
        body = text_body(paragraphs, (0, top, 0))
    name = f"Stance {card.band.letter.text}" if card.band.letter else "Band"
    return shape(shape_id, name, (x, y, width, height), geometry, solid(card.band.colour),
                 outline(None, 0), body)  # fmt: skip


def _note(shape_id: int, card: CardShape, x: float, y: float, scale: float) -> str:
    """The band across the card's foot: "Team of N → slide M"."""
    assert card.note is not None
    left = card.band.width * scale
    width, height = card.width * scale - left, card.note_height * scale
    top = y + card.height * scale - height
    radius = card.radius * scale
    geometry = freeform(_rounded_path(width, height, (0, 0, radius, 0)), width, height)
    moved = replace(card.note, x=card.note.x - card.band.width,
                    baseline=card.note.baseline - (card.height - card.note_height))  # fmt: skip
    paragraphs, inset = lines_at_baselines([moved], scale)
    body = text_body(paragraphs, (moved.x * scale, inset, 0))
    return shape(shape_id, "Team continues", (x + left, top, width, height), geometry,
                 solid(NOTE_FILL), outline(None, 0), body)  # fmt: skip


def _part(ids: ShapeIds, part: CardPart, x: float, y: float, scale: float) -> str:
    if isinstance(part, BadgeShape):
        box = (x + part.x * scale, y + part.y * scale, part.width * scale, part.height * scale)
        radius = part.radius / min(part.width, part.height) * 100000
        label = run(part.label, scale, align="ctr")
        body = text_body(label, (0, 0, 0), anchor="ctr")
        line = outline(part.border, 0.8 * scale)
        return shape(ids.next(), f"Badge {part.label.text}", box, preset("roundRect", [("adj", radius)]),
                     solid(part.fill, part.fill_opacity), line, body)  # fmt: skip
    if isinstance(part, DotShape):
        box = (x + (part.cx - part.r) * scale, y + (part.cy - part.r) * scale,
               2 * part.r * scale, 2 * part.r * scale)  # fmt: skip
        fill = solid(part.fill) if part.fill else "<a:noFill/>"
        return shape(ids.next(), "Relationship dot", box, preset("ellipse"), fill,
                     outline(part.stroke, 0.8 * scale))  # fmt: skip
    return _clock(ids, part, x, y, scale)


def _clock(ids: ShapeIds, mark: ClockShape, x: float, y: float, scale: float) -> str:
    """The contact mark: a clock face when overdue, a dashed ring when never contacted."""
    r = mark.r * scale
    cx, cy = x + mark.cx * scale, y + mark.cy * scale
    dash = "" if mark.overdue else '<a:prstDash val="sysDot"/>'
    name = "Contact overdue" if mark.overdue else "Never contacted"
    face = shape(ids.next(), name, (cx - r, cy - r, 2 * r, 2 * r), preset("ellipse"),
                 solid("#ffffff"), outline(mark.colour, 1.4 * scale, dash))  # fmt: skip
    if not mark.overdue:
        return face
    up, across = 4.5 * scale, 3.5 * scale
    path = (
        f"<a:moveTo>{_pt((0, 0))}</a:moveTo><a:lnTo>{_pt((0, up))}</a:lnTo>"
        f"<a:lnTo>{_pt((across, up))}</a:lnTo>"
    )
    hands = shape(ids.next(), "Clock hands", (cx, cy - up, across, up),
                  freeform(path, across, up, closed=False), "<a:noFill/>",
                  outline(mark.colour, 1.4 * scale))  # fmt: skip
    return face + hands


# ---- lines ------------------------------------------------------------------------------------


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
    where = {TOP: (x + width / 2, y), LEFT: (x, y + height / 2),
             BOTTOM: (x + width / 2, y + height), RIGHT: (x + width, y + height / 2)}[site]  # fmt: skip
    if abs(where[0] - point[0]) > _GLUE_TOLERANCE or abs(where[1] - point[1]) > _GLUE_TOLERANCE:
        return ""
    return f'<a:{tag} id="{card_id}" idx="{site}"/>'


def _corners(points: Sequence[Point]) -> list[Point]:
    """The polyline without repeated points and without points in the middle of a straight
    run (an elbow connector has one bend per corner)."""
    kept: list[Point] = []
    for point in points:
        if kept and abs(point[0] - kept[-1][0]) < _EPSILON and abs(point[1] - kept[-1][1]) < _EPSILON:
            continue
        if len(kept) >= 2 and (
            (abs(kept[-2][0] - kept[-1][0]) < _EPSILON and abs(kept[-1][0] - point[0]) < _EPSILON)
            or (abs(kept[-2][1] - kept[-1][1]) < _EPSILON and abs(kept[-1][1] - point[1]) < _EPSILON)
        ):
            kept[-1] = point
            continue
        kept.append(point)
    return kept if len(kept) >= 2 else [points[0], points[-1]]


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


def influence_line(shape_id: int, line: InfluenceShape, at: Placement) -> str:
    """A freeform along the drawing's route, dashed by kind, with its arrowhead or end dots."""
    points = [at.point(*p) for p in line.points]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, top = min(xs), min(ys)
    width, height = max(max(xs) - left, 0.01), max(max(ys) - top, 0.01)

    def local(p: Point) -> str:
        return _pt((p[0] - left, p[1] - top))

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
    source_target = f"{line.label} ({line.source_id} → {line.target_id})"
    return shape(shape_id, f"{line.label} line {shape_id}", (left, top, width, height),
                 freeform(path, width, height, closed=False), "<a:noFill/>", stroke,
                 description=source_target)  # fmt: skip


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
