"""Drawing the map's one drawing description (``keyplan.domain.map``) on a ReportLab canvas.

The drawing has a top-left origin with y growing downwards; ReportLab's origin is bottom-left.
We translate and scale the canvas once so that drawing point (x, y) is drawn at (x, -y):
sizes stay in drawing units and the page's scale shrinks everything together.

Speed: the parts many cards share (a stance's band, a row of badges, an owner's initials) are
each drawn once into a PDF form and placed by reference on every card that wears them, so a
500-card map costs little more than its names.
"""

from __future__ import annotations

from reportlab.lib import colors

from keyplan.domain.map import looks
from keyplan.domain.map.drawing import NAME_SIZE
from keyplan.domain.map.shapes import (
    BadgeShape,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    DottedShape,
    InfluenceShape,
    MapDrawing,
    TextRun,
    rounded_corners,
)
from keyplan.reports.fonts import draw_text
from keyplan.reports.text_ops import set_fill_colour, set_stroke_colour

NOTE_FILL = "#e3ecf5"
OVERVIEW_NAME_SIZE = 4.0  # points: smaller names are left off an overview (unreadable)
_COLOURS: dict[str, colors.Color] = {}


def colour(value: str) -> colors.Color:
    """A ``#rrggbb`` colour as ReportLab's (made once per value)."""
    found = _COLOURS.get(value)
    if found is None:
        found = _COLOURS[value] = colors.HexColor(value)
    return found


def draw_map_page(canvas, drawing: MapDrawing, scale: float, *, detail: bool = True) -> None:
    """Draw a map drawing with its top-left corner at the flowable's origin.

    Args:
        canvas: the ReportLab canvas, origin at the bottom left of the drawing.
        drawing: what to draw (the whole map, or one page of it).
        scale: points per drawing unit.
        detail: False draws cards with their band and name only (the overview of a large map).
    """
    window = drawing.bounds
    # An overview of hundreds prints names too small to read: it shows the shape only.
    canvas._keyplan_names_readable = scale * NAME_SIZE >= OVERVIEW_NAME_SIZE
    canvas.saveState()
    canvas.translate(-window.x * scale, (window.height + window.y) * scale)
    canvas.scale(scale, scale)
    _draw_reporting(canvas, drawing)
    if drawing.dotted:
        draw_dotted(canvas, drawing.dotted)
    for line in drawing.influence:
        draw_influence(canvas, line)
    forms = _forms_of(canvas)
    for card in drawing.cards:
        _draw_card(canvas, card, forms, detail)
    canvas.restoreState()


def _forms_of(canvas) -> dict[tuple[int, ...], str]:
    """The card parts already drawn into forms of this document (a form is defined once per
    file, and the parts are shared objects: ``id`` names them)."""
    forms = getattr(canvas, "_keyplan_map_forms", None)
    if forms is None:
        forms = {}
        canvas._keyplan_map_forms = forms
    return forms


def _draw_reporting(canvas, drawing: MapDrawing) -> None:
    canvas.setStrokeColor(colour(looks.CONNECTOR_COLOUR))
    canvas.setLineWidth(1.4)
    canvas.setLineJoin(0)
    path = canvas.beginPath()
    for line in drawing.reporting:
        (x0, y0), *rest = line.points
        path.moveTo(x0, -y0)
        for x, y in rest:
            path.lineTo(x, -y)
    canvas.drawPath(path, stroke=1, fill=0)


def draw_dotted(canvas, lines: tuple[DottedShape, ...]) -> None:
    """The dotted (matrix) reporting lines: round dots, straight from edge to edge."""
    first = lines[0]
    canvas.setStrokeColor(colour(first.colour))
    canvas.setLineWidth(first.width)
    canvas.setLineCap(1)  # round caps make the short dashes dots
    canvas.setDash(list(first.dash_lengths), 0)
    path = canvas.beginPath()
    for line in lines:
        (sx, sy), (ex, ey) = line.points
        path.moveTo(sx, -sy)
        path.lineTo(ex, -ey)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    canvas.setLineCap(0)


def draw_influence(canvas, line: InfluenceShape) -> None:
    """One influence line: dashed by kind, with its arrow head or end dots."""
    ink = colour(line.colour)
    canvas.setStrokeColor(ink)
    canvas.setFillColor(ink)
    canvas.setLineWidth(line.width)
    canvas.setDash(list(line.dash_lengths), 0)
    path = canvas.beginPath()
    x0, y0 = line.points[0]
    path.moveTo(x0, -y0)
    if line.curved:
        (cx, cy), (ex, ey) = line.points[1], line.points[2]
        # The quadratic curve as a cubic one (PDF has only cubic curves).
        c1 = (x0 + 2 / 3 * (cx - x0), y0 + 2 / 3 * (cy - y0))
        c2 = (ex + 2 / 3 * (cx - ex), ey + 2 / 3 * (cy - ey))
        path.curveTo(c1[0], -c1[1], c2[0], -c2[1], ex, -ey)
    else:
        for (ax, ay), (cx, cy), (bx, by) in rounded_corners(line.points, line.corner_radius):
            path.lineTo(ax, -ay)
            path.curveTo(
                ax + 2 / 3 * (cx - ax), -(ay + 2 / 3 * (cy - ay)),
                bx + 2 / 3 * (cx - bx), -(by + 2 / 3 * (cy - by)),
                bx, -by,
            )  # fmt: skip
        ex, ey = line.points[-1]
        path.lineTo(ex, -ey)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setDash()
    if line.head:
        head = canvas.beginPath()
        (tx, ty), *rest = line.head
        head.moveTo(tx, -ty)
        for x, y in rest:
            head.lineTo(x, -y)
        head.close()
        canvas.drawPath(head, stroke=0, fill=1)
    for x, y in line.end_dots:
        canvas.circle(x, -y, looks.END_DOT_RADIUS, stroke=0, fill=1)


def _draw_card(canvas, card: CardShape, forms: dict, detail: bool) -> None:
    # A translation there and back instead of saving the whole graphics state per card: the
    # state's save and restore cost a 500-card map more than its boxes.
    canvas.translate(card.x, -card.y)
    if card.faded:
        canvas.setFillAlpha(looks.LEFT_OPACITY)
        canvas.setStrokeAlpha(looks.LEFT_OPACITY)
    _draw_frame(canvas, card, detail)
    runs = card.texts if detail else card.texts[:1]
    if detail or canvas._keyplan_names_readable:
        for run in runs:
            draw_run(canvas, run)
    if detail and card.parts:
        # All of a card's small parts in one form, shared by every card wearing the same set.
        key = tuple(id(part) for part in card.parts)
        name = forms.get(key)
        if name is None:
            name = forms[key] = _parts_form(canvas, card.parts, len(forms))
        canvas.doForm(name)
    if card.note is not None:
        set_fill_colour(canvas, colour(NOTE_FILL))
        band = card.band.width
        canvas.rect(band, -card.height, card.width - band, card.note_height, stroke=0, fill=1)
        draw_run(canvas, card.note)
    if card.faded:
        canvas.setFillAlpha(1.0)
        canvas.setStrokeAlpha(1.0)
    canvas.translate(-card.x, card.y)


def _draw_frame(canvas, card: CardShape, detail: bool) -> None:
    """The card's box, and its band with the stance letter. Square corners: rounded ones cost
    a 500-card map a good part of its time, and nobody sees them at print size."""
    set_stroke_colour(canvas, colour(card.edge))
    set_fill_colour(canvas, colour(card.fill))
    canvas.setLineWidth(1.0)
    dashed = bool(card.edge_dashes)
    canvas.rect(0, -card.height, card.width, card.height, stroke=0 if dashed else 1, fill=1)
    set_fill_colour(canvas, colour(card.band.colour))
    canvas.rect(0, -card.height, card.band.width, card.height, stroke=0, fill=1)
    if dashed:  # a rating without recent evidence: dashed and dark, round the band too
        canvas.setLineWidth(card.edge_width)
        canvas.setDash(list(card.edge_dash_lengths), 0)
        canvas.rect(0, -card.height, card.width, card.height, stroke=1, fill=0)
        canvas.setDash()
    if detail and card.band.letter is not None:
        draw_run(canvas, card.band.letter)


def draw_run(canvas, run: TextRun) -> None:
    """A text run at its place in a card (y already flipped by the caller's translate)."""
    set_fill_colour(canvas, colour(run.colour))
    align = "centre" if run.anchor == "middle" else "left"
    draw_text(canvas, run.x, -run.baseline, run.text, run.size, bold=run.bold,
              max_width=run.max_width, align=align)  # fmt: skip


def _parts_form(canvas, parts: tuple[CardPart, ...], number: int) -> str:
    """Draw a card's parts once into a PDF form (card coordinates) and return its name."""
    name = f"keyplan-map-parts-{number}"
    canvas.beginForm(name, lowerx=0, lowery=-looks.CARD_HEIGHT * 2, upperx=looks.CARD_WIDTH,
                     uppery=looks.CARD_HEIGHT)  # fmt: skip
    for part in parts:
        _draw_part(canvas, part)
    canvas.endForm()
    return name


def _draw_part(canvas, part: CardPart) -> None:
    if isinstance(part, BadgeShape):
        canvas.setFillColor(colour(part.fill))
        if part.border:
            canvas.setStrokeColor(colour(part.border))
            canvas.setLineWidth(0.8)
        canvas.roundRect(part.x, -part.y - part.height, part.width, part.height, part.radius,
                         stroke=1 if part.border else 0, fill=1)  # fmt: skip
        draw_run(canvas, part.label)
    elif isinstance(part, DotShape):
        canvas.setStrokeColor(colour(part.stroke))
        canvas.setLineWidth(0.8)
        if part.fill:
            canvas.setFillColor(colour(part.fill))
        canvas.circle(part.cx, -part.cy, part.r, stroke=1, fill=1 if part.fill else 0)
    else:
        _clock(canvas, part)


def _clock(canvas, mark: ClockShape) -> None:
    canvas.setStrokeColor(colour(mark.colour))
    canvas.setFillColor(colors.white)
    canvas.setLineWidth(1.4)
    if not mark.overdue:
        canvas.setDash([1.6, 1.6], 0)
    canvas.circle(mark.cx, -mark.cy, mark.r, stroke=1, fill=1)
    canvas.setDash()
    if mark.overdue:
        canvas.line(mark.cx, -mark.cy, mark.cx, -mark.cy + 4.5)
        canvas.line(mark.cx, -mark.cy, mark.cx + 3.5, -mark.cy)
