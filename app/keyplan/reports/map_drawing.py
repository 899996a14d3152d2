"""Drawing one window of the org chart on a ReportLab canvas: lines, then cards.

The layout has a top-left origin with y growing downwards; ReportLab's origin is bottom-left.
We translate and scale the canvas once so that layout point (x, y) is drawn at (x, -y):
sizes stay in layout units (the card text sizes below are for a scale of 1) and the scale
shrinks everything together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors

from keyplan.domain.layout import Box
from keyplan.domain.vocabulary import InfluenceKind
from keyplan.reports.fonts import SANS, SANS_BOLD, draw_text
from keyplan.reports.styles import ACCENT, INK, MUTED, NEUTRAL_CARD, RULE, STANCE_COLOURS, WHITE

if TYPE_CHECKING:
    from keyplan.reports.stakeholder_map import MapModel

CONNECTOR = colors.HexColor("#7D8F9E")
INFLUENCE_COLOURS = {
    InfluenceKind.ALLY.value: colors.HexColor("#2E8540"),
    InfluenceKind.RIVAL.value: colors.HexColor("#C8382E"),
}
INFLUENCE_DEFAULT = colors.HexColor("#7B5EA7")
BAR = 5.0  # width of the stance bar on a card's left edge
PAD = 9.0
FULL_DOT, EMPTY_DOT = "●", "○"  # relationship strength, 0–4


@dataclass(frozen=True, slots=True)
class MapCard:
    """The texts and marks of one card (stance and badges only on internal maps)."""

    name: str
    title: str
    department: str
    stance: str | None = None
    badges: str = ""
    strength: int = 0


def draw_map_window(
    canvas, model: MapModel, window: Box, scale: float, parts: Sequence[Box] = ()
) -> None:
    """Draw the part of the map inside ``window`` (layout units) at ``scale``.

    With ``parts`` (an overview), cards are plain blocks and the parts are outlined and
    numbered.
    """
    height = window.height * scale
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(0, 0, window.width * scale, height)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.translate(-window.x * scale, height + window.y * scale)
    canvas.scale(scale, scale)
    boxes = model.layout.boxes
    visible = {i for i, box in boxes.items() if _overlaps(box, window)}
    _draw_connectors(canvas, model, window, 0.9 if not parts else 0.5 / scale)
    if parts:
        for person_id in visible:
            _draw_block(canvas, boxes[person_id], model.cards[person_id], model.internal)
        _draw_parts(canvas, parts, window, scale)
    else:
        _draw_influence(canvas, model, visible)
        for person_id in visible:
            _draw_card(canvas, boxes[person_id], model.cards[person_id], model.internal)
    canvas.restoreState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    canvas.rect(0, 0, window.width * scale, height, stroke=1, fill=0)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def _draw_connectors(canvas, model: MapModel, window: Box, line_width: float) -> None:
    canvas.setStrokeColor(CONNECTOR)
    canvas.setLineWidth(line_width)
    canvas.setLineJoin(0)
    for connector in model.layout.connectors:
        points = connector.points
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        if max(xs) < window.x or min(xs) > window.right:
            continue
        if max(ys) < window.y or min(ys) > window.bottom:
            continue
        path = canvas.beginPath()
        path.moveTo(points[0][0], -points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, -y)
        canvas.drawPath(path, stroke=1, fill=0)


def _draw_influence(canvas, model: MapModel, visible: set[int]) -> None:
    """Informal lines, dashed, centre to centre: drawn before the cards, which hide their ends."""
    boxes = model.layout.boxes
    canvas.setLineWidth(1.1)
    canvas.setDash(4, 3)
    for source, target, kind in model.influence:
        if source not in visible and target not in visible:
            continue
        a, b = boxes[source], boxes[target]
        canvas.setStrokeColor(INFLUENCE_COLOURS.get(kind, INFLUENCE_DEFAULT))
        canvas.line(a.center_x, -a.center_y, b.center_x, -b.center_y)
    canvas.setDash()


def _draw_block(canvas, box: Box, card: MapCard, internal: bool) -> None:
    """A card on the overview: a block in its stance colour, no text."""
    colour = STANCE_COLOURS.get(card.stance or "", NEUTRAL_CARD) if internal else NEUTRAL_CARD
    canvas.setFillColor(colour)
    canvas.rect(box.x, -box.bottom, box.width, box.height, stroke=0, fill=1)


def _draw_parts(canvas, parts: Sequence[Box], window: Box, scale: float) -> None:
    """Outline and number the parts that print on the following pages."""
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8 / scale)
    canvas.setDash(3 / scale, 2 / scale)
    size = 7 / scale
    for number, part in enumerate(parts, start=1):
        if not _overlaps(part, window):
            continue
        canvas.rect(part.x, -part.bottom, part.width, part.height, stroke=1, fill=0)
        left = max(part.x, window.x) + 3 / scale
        canvas.setFillColor(ACCENT)
        canvas.setFont(SANS_BOLD, size)
        canvas.drawString(left, -part.y - size * 1.1, str(number))
    canvas.setDash()


def _draw_card(canvas, box: Box, card: MapCard, internal: bool) -> None:
    # Square corners and text glyphs for the dots: a 500-card map draws in a fraction of the
    # time rounded paths and circles take (each curve is many numbers to format).
    left, top, bottom = box.x, -box.y, -box.bottom
    canvas.setStrokeColor(RULE)
    canvas.setFillColor(WHITE)
    canvas.setLineWidth(0.7)
    canvas.rect(left, bottom, box.width, box.height, stroke=1, fill=1)
    canvas.setFillColor(
        STANCE_COLOURS.get(card.stance or "", NEUTRAL_CARD) if internal else NEUTRAL_CARD
    )
    canvas.rect(left, bottom, BAR, box.height, stroke=0, fill=1)
    text_left, room = left + BAR + PAD - 2, box.width - BAR - PAD - 4
    canvas.setFillColor(INK)
    draw_text(canvas, text_left, top - 15, card.name, 9.5, bold=True, max_width=room)
    draw_text(canvas, text_left, top - 27, card.title, 7.5, max_width=room)
    canvas.setFillColor(MUTED)
    draw_text(canvas, text_left, top - 38, card.department, 7, max_width=room)
    if internal:
        _draw_badges(canvas, box, card, text_left)


def _draw_badges(canvas, box: Box, card: MapCard, text_left: float) -> None:
    baseline = -box.bottom + 8
    canvas.setFillColor(ACCENT)
    draw_text(canvas, text_left, baseline, card.badges, 7, bold=True, max_width=box.width * 0.55)
    strength = max(0, min(4, card.strength))
    dots = FULL_DOT * strength + EMPTY_DOT * (4 - strength)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(box.right - 6, baseline, dots)
