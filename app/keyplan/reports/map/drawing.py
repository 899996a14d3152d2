"""Drawing one window of the org chart on a ReportLab canvas: lines, then cards.

The layout has a top-left origin with y growing downwards; ReportLab's origin is bottom-left.
We translate and scale the canvas once so that layout point (x, y) is drawn at (x, -y):
sizes stay in layout units (the card text sizes below are for a scale of 1) and the scale
shrinks everything together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.lib import colors

from keyplan.domain.layout import Box, OrgChartLayout
from keyplan.domain.vocabulary import InfluenceKind
from keyplan.reports.fonts import SANS, draw_text
from keyplan.reports.styles import (
    ACCENT,
    ACCENT_LIGHT,
    INK,
    MUTED,
    NEUTRAL_CARD,
    RULE,
    STANCE_COLOURS,
    WHITE,
)

if TYPE_CHECKING:
    from keyplan.reports.map.stakeholder_map import MapModel

CONNECTOR = colors.HexColor("#7D8F9E")
INFLUENCE_COLOURS = {
    InfluenceKind.ALLY.value: colors.HexColor("#2E8540"),
    InfluenceKind.RIVAL.value: colors.HexColor("#C8382E"),
}
INFLUENCE_DEFAULT = colors.HexColor("#7B5EA7")
BAR = 5.0  # width of the stance bar on a card's left edge
PAD = 9.0
NAME_SIZE = 9.5  # points at scale 1; the PDF never prints a page below 0.8 of it
NOTE_BAND = 15.0  # height of the "continues on page" band (the map adds it to the card)
NOTE_SIZE = 8.0
UNCERTAIN_DASH = (5.0, 3.0)  # the dash of an uncertain card, as on screen and in the SVG
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
    uncertain: bool = False  # a rating without recent evidence: a dashed, darker outline


def draw_map_page(
    canvas,
    model: MapModel,
    layout: OrgChartLayout,
    scale: float,
    notes: Mapping[int, str],
) -> None:
    """Draw a laid-out page of the map with its top-left corner at the flowable's origin.

    Args:
        canvas: the ReportLab canvas, origin at the bottom left of the drawing.
        model: the cards' texts and the informal lines.
        layout: the cards on this page (a page may hold only part of the chart).
        scale: points per layout unit.
        notes: person id -> the note printed in a band at the foot of their card.
    """
    window = layout.bounds
    height = window.height * scale
    canvas.saveState()
    canvas.translate(-window.x * scale, height + window.y * scale)
    canvas.scale(scale, scale)
    boxes = layout.boxes
    _draw_connectors(canvas, layout, 0.9)
    _draw_influence(canvas, model, boxes)
    for person_id, box in boxes.items():
        card = model.cards[person_id]
        _draw_card(canvas, box, card, model.internal, notes.get(person_id, ""))
    canvas.restoreState()


def _draw_connectors(canvas, layout: OrgChartLayout, line_width: float) -> None:
    canvas.setStrokeColor(CONNECTOR)
    canvas.setLineWidth(line_width)
    canvas.setLineJoin(0)
    for connector in layout.connectors:
        points = connector.points
        path = canvas.beginPath()
        path.moveTo(points[0][0], -points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, -y)
        canvas.drawPath(path, stroke=1, fill=0)


def _draw_influence(canvas, model: MapModel, boxes: Mapping[int, Box]) -> None:
    """Informal lines, dashed, centre to centre: drawn before the cards, which hide their ends.

    Only lines between two cards of the same page: a line to another page would lead nowhere.
    """
    canvas.setLineWidth(1.1)
    canvas.setDash(4, 3)
    for source, target, kind in model.influence:
        if source not in boxes or target not in boxes:
            continue
        a, b = boxes[source], boxes[target]
        canvas.setStrokeColor(INFLUENCE_COLOURS.get(kind, INFLUENCE_DEFAULT))
        canvas.line(a.center_x, -a.center_y, b.center_x, -b.center_y)
    canvas.setDash()


def _draw_card(canvas, box: Box, card: MapCard, internal: bool, note: str) -> None:
    # Square corners and text glyphs for the dots: a 500-card map draws in a fraction of the
    # time rounded paths and circles take (each curve is many numbers to format).
    left, top, bottom = box.x, -box.y, -box.bottom
    canvas.setStrokeColor(RULE)
    canvas.setFillColor(WHITE)
    canvas.setLineWidth(0.7)
    canvas.rect(left, bottom, box.width, box.height, stroke=1, fill=1)
    if card.uncertain:
        _draw_uncertain_outline(canvas, box)
    canvas.setFillColor(
        STANCE_COLOURS.get(card.stance or "", NEUTRAL_CARD) if internal else NEUTRAL_CARD
    )
    canvas.rect(left, bottom, BAR, box.height, stroke=0, fill=1)
    text_left, room = left + BAR + PAD - 2, box.width - BAR - PAD - 4
    canvas.setFillColor(INK)
    draw_text(canvas, text_left, top - 15, card.name, NAME_SIZE, bold=True, max_width=room)
    draw_text(canvas, text_left, top - 27, card.title, 7.5, max_width=room)
    canvas.setFillColor(MUTED)
    draw_text(canvas, text_left, top - 38, card.department, 7, max_width=room)
    band = NOTE_BAND if note else 0.0
    if note:
        _draw_note(canvas, box, note, text_left)
    if internal:
        _draw_badges(canvas, box, card, text_left, -box.bottom + band + 8)


def _draw_uncertain_outline(canvas, box: Box) -> None:
    """A dashed dark outline: the card rests on no recent evidence (reads in grey print)."""
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1.3)
    canvas.setDash(*UNCERTAIN_DASH)
    canvas.rect(box.x, -box.bottom, box.width, box.height, stroke=1, fill=0)
    canvas.restoreState()


def _draw_note(canvas, box: Box, note: str, text_left: float) -> None:
    """The "team continues on page N" band across the foot of a card."""
    canvas.setFillColor(ACCENT_LIGHT)
    canvas.rect(box.x + BAR, -box.bottom, box.width - BAR, NOTE_BAND, stroke=0, fill=1)
    canvas.setFillColor(ACCENT)
    room = box.right - text_left - 4
    draw_text(canvas, text_left, -box.bottom + 4.5, note, NOTE_SIZE, bold=True, max_width=room)


def _draw_badges(canvas, box: Box, card: MapCard, text_left: float, baseline: float) -> None:
    canvas.setFillColor(ACCENT)
    draw_text(canvas, text_left, baseline, card.badges, 7, bold=True, max_width=box.width * 0.55)
    strength = max(0, min(4, card.strength))
    dots = FULL_DOT * strength + EMPTY_DOT * (4 - strength)
    canvas.setFont(SANS, 7.5)
    canvas.drawRightString(box.right - 6, baseline, dots)
