"""The table's own cells: a Table that draws plain-string cells lightly, and the Paragraphs of
wrapping cells and headers that keep their work (line breaks, a header's drawing) for reuse.

Each writes what ReportLab's own code writes (tests/reports/test_text_ops.py compares them).
"""

from __future__ import annotations

from reportlab.platypus import Paragraph, Table

from keyplan.reports.text_ops import (
    draw_centred_string,
    draw_right_string,
    draw_string,
    set_fill_colour,
)

_PLAIN_ALIGNMENTS = frozenset({"LEFT", "RIGHT", "CENTER", "CENTRE"})


class PlainCellTable(Table):
    """A Table that draws its plain-string cells with ``text_ops`` (same bytes, less work).

    A 500-person plan has ~10,000 plain cells; ReportLab's ``drawString`` per cell is most of
    the time a table takes to draw. Other cells (Paragraphs, flowables, other alignments or
    links) are drawn by ReportLab as before.
    """

    def _drawCell(self, cellval, cellstyle, pos, size):
        if (
            type(cellval) is not str
            or cellstyle.valign != "TOP"
            or cellstyle.alignment not in _PLAIN_ALIGNMENTS
            or cellstyle.href
            or cellstyle.destination
            or cellstyle.direction
            or cellstyle.shaping
        ):
            return super()._drawCell(cellval, cellstyle, pos, size)
        canvas = self.canv
        current = self._curcellstyle
        if current is not cellstyle:  # the font and colour switch as ReportLab's own
            colour = cellstyle.color
            # Each cell has its own copy of its column's style, but they share the colour
            # object: the same colour is seen without Color.__eq__ (a Python call per cell).
            if current is None or (colour is not current.color and colour != current.color):
                set_fill_colour(canvas, colour)
            if (
                current is None
                or cellstyle.leading != current.leading
                or cellstyle.fontname != current.fontname
                or cellstyle.fontsize != current.fontsize
            ):
                canvas.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        left, bottom = pos
        y = bottom + size[1] - cellstyle.topPadding - cellstyle.fontsize
        alignment = cellstyle.alignment
        if alignment == "LEFT":
            draw, x = draw_string, left + cellstyle.leftPadding
        elif alignment == "RIGHT":
            draw, x = draw_right_string, left + size[0] - cellstyle.rightPadding
        else:  # centred, as ReportLab computes the centre
            x = left + (size[0] + cellstyle.leftPadding - cellstyle.rightPadding) * 0.5
            draw = draw_centred_string
        for line in cellval.split("\n"):
            draw(canvas, x, y, line)
            y -= cellstyle.leading
        return None


class CellParagraph(Paragraph):
    """A table cell's wrapping Paragraph that breaks its lines once per width.

    ReportLab wraps every cell when it measures a table, again for each page a long table
    is split over (the part that fits and the rest are new tables) and again when it draws
    it: four times the same line breaking, at the same width, for a 500-row table's cells.
    The breaking depends on the width alone, so the last one is kept and reused.
    """

    _wrapped_at: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._wrapped_at is not None and self._wrapped_at[0] == availWidth:
            return self._wrapped_at[1]
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = (availWidth, size)
        return size


class HeaderParagraph(CellParagraph):
    """A header cell, drawn again at the top of every page a long table runs on.

    ``drawOn`` moves the origin to the cell first, so what the paragraph writes is the same
    each time on one canvas (at one width, with the same opacity in force): the operators of
    its first drawing are kept and written again, without breaking and encoding its text anew.
    """

    _recorded: tuple[tuple[object, ...], list[str]] | None = None

    def draw(self) -> None:
        canvas = self.canv
        key = (canvas, self._wrapped_at, canvas._extgstate.getValue("ca"))
        recorded = self._recorded
        if recorded is not None and recorded[0] == key:
            canvas._code.extend(recorded[1])
            return
        start = len(canvas._code)
        super().draw()
        self._recorded = (key, canvas._code[start:])
