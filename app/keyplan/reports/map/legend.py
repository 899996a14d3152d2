"""The map's legend on paper, drawn from the drawing description's ``Legend``.

A row of stance swatches (colour *and* letter, as on the cards), a row of line samples (dash
pattern, colour, arrow head or end dots, as on the map), then the notes. ``compact`` keeps the
two sample rows only, on one line when they fit: every team page of a split map carries it.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import Legend, LegendLine, LegendSeat
from keyplan.reports.fonts import SANS, draw_text, text_width
from keyplan.reports.map.drawing import colour
from keyplan.reports.styles import styles
from keyplan.reports.text import escape

ROW = 14.0
SIZE = 8.0
SWATCH = 22.0  # a stance swatch's width (its letter in the band's half)
SAMPLE = 34.0  # a line sample's length
SEAT = 16.0  # the open position's dashed seat
GAP = 10.0


class MapLegend(Flowable):
    """What the letters, colours, dashes and marks of the map mean."""

    def __init__(self, legend: Legend, width: float, *, compact: bool = False) -> None:
        super().__init__()
        self.legend, self.compact = legend, compact
        self.notes = [] if compact else [Paragraph(escape(n), styles().muted) for n in legend.notes]
        self.available = width

    def _items(self) -> list[tuple[str, object, float]]:
        items: list[tuple[str, object, float]] = []
        for stance in self.legend.stances:
            items.append(("stance", stance, SWATCH + 4 + text_width(stance.label, SIZE)))
        for line in self.legend.lines:
            items.append(("line", line, SAMPLE + 4 + text_width(line.label, SIZE)))
        if self.legend.seat is not None:
            items.append(
                ("seat", self.legend.seat, SEAT + 4 + text_width(self.legend.seat.label, SIZE))
            )
        return items

    def _rows(self) -> list[list[tuple[str, object, float]]]:
        """The samples in rows: stances, then lines; in one row when compact and they fit."""
        items = self._items()
        if not items:
            return []
        if self.compact and sum(w + GAP for *_x, w in items) <= self.available:
            return [items]
        rows = [[i for i in items if i[0] == "stance"], [i for i in items if i[0] != "stance"]]
        return [part for row in rows if row for part in self._fitted(row)]

    def _fitted(
        self, row: list[tuple[str, object, float]]
    ) -> list[list[tuple[str, object, float]]]:
        """A row broken where it would run past the frame (a portrait page's line samples)."""
        rows: list[list[tuple[str, object, float]]] = [[]]
        used = 0.0
        for item in row:
            if rows[-1] and used + item[2] > self.available:
                rows.append([])
                used = 0.0
            rows[-1].append(item)
            used += item[2] + GAP
        return rows

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.available = available_width
        self.note_heights = [n.wrap(available_width, 10_000)[1] for n in self.notes]
        self.height = len(self._rows()) * ROW + sum(self.note_heights) + 2
        self.width = available_width
        return self.width, self.height

    def draw(self) -> None:
        if not self.compact:
            self._draw_rows()
            return
        # The compact legend repeats on every team page: drawn once, placed by reference.
        canvas, name = self.canv, f"keyplan-map-legend-{int(self.width)}-{int(self.height)}"
        known = getattr(canvas, "_keyplan_legend_forms", None)
        if known is None:
            known = canvas._keyplan_legend_forms = set()
        if name not in known:
            canvas.beginForm(name, lowerx=0, lowery=0, upperx=self.width, uppery=self.height)
            self._draw_rows()
            canvas.endForm()
            known.add(name)
        canvas.doForm(name)

    def _draw_rows(self) -> None:
        canvas = self.canv
        y = self.height
        for row in self._rows():
            y -= ROW
            x = 0.0
            for kind, item, width in row:
                if kind == "stance":
                    _stance(canvas, item, x, y)
                elif kind == "seat":
                    _seat(canvas, item, x, y)  # type: ignore[arg-type]
                else:
                    _line(canvas, item, x, y)  # type: ignore[arg-type]
                x += width + GAP
        for note, height in zip(self.notes, self.note_heights, strict=True):
            y -= height
            note.drawOn(canvas, 0, y)


def _stance(canvas, stance, x: float, y: float) -> None:
    canvas.setStrokeColor(colour(stance.edge))
    canvas.setFillColor(colour(stance.fill))
    canvas.setLineWidth(0.7)
    canvas.rect(x, y + 2, SWATCH, ROW - 4, stroke=1, fill=1)
    canvas.setFillColor(colour(stance.edge))
    canvas.rect(x, y + 2, SWATCH / 2, ROW - 4, stroke=0, fill=1)
    canvas.setFillColor(colour("#ffffff" if looks.is_dark(stance.edge) else looks.INK))
    draw_text(canvas, x + SWATCH / 4, y + 4.5, stance.letter, SIZE, bold=True, align="centre")
    canvas.setFillColor(colour(looks.INK))
    canvas.setFont(SANS, SIZE)
    draw_text(canvas, x + SWATCH + 4, y + 4.5, stance.label, SIZE)


def _line(canvas, line: LegendLine, x: float, y: float) -> None:
    middle, width = y + ROW / 2, 1.6
    ink = colour(line.colour)
    canvas.setStrokeColor(ink)
    canvas.setFillColor(ink)
    canvas.setLineWidth(width)
    canvas.setDash([d * width for d in line.dashes], 0)
    end = x + SAMPLE
    if line.plain:
        canvas.setLineCap(1)  # round dots
    canvas.line(x + 2, middle, end - (7 if line.arrow else 2), middle)
    canvas.setDash()
    canvas.setLineCap(0)
    if line.arrow:
        head = canvas.beginPath()
        head.moveTo(end, middle)
        head.lineTo(end - 8, middle + 3.5)
        head.lineTo(end - 8, middle - 3.5)
        head.close()
        canvas.drawPath(head, stroke=0, fill=1)
    elif not line.plain:  # a dot at both ends; a dotted reporting line has neither
        canvas.circle(x + 2, middle, 2.4, stroke=0, fill=1)
        canvas.circle(end - 2, middle, 2.4, stroke=0, fill=1)
    canvas.setFillColor(colour(looks.INK))
    draw_text(canvas, end + 4, y + 4.5, line.label, SIZE)


def _seat(canvas, seat: LegendSeat, x: float, y: float) -> None:
    """The open position's sample: a small white card with a dashed edge."""
    canvas.setStrokeColor(colour(seat.edge))
    canvas.setFillColor(colour(seat.fill))
    canvas.setLineWidth(0.8)
    canvas.setDash([2.5, 1.5], 0)
    canvas.rect(x, y + 2.5, SEAT, ROW - 5, stroke=1, fill=1)
    canvas.setDash()
    canvas.setFillColor(colour(looks.INK))
    draw_text(canvas, x + SEAT + 4, y + 4.5, seat.label, SIZE)
