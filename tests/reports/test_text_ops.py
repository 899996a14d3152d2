"""The lightweight text and fill writers write exactly what ReportLab's own methods write.

Plain table cells, map-card runs and repeated header rows skip ReportLab's per-call
machinery; the pages must stay the same, so each fast path is compared byte for byte with
the method it stands in for, on canvases in the same state.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table

from keyplan.reports.fonts import SANS, SANS_BOLD, ensure_fonts, markup
from keyplan.reports.styles import styles
from keyplan.reports.table_cells import CellParagraph, HeaderParagraph, PlainCellTable
from keyplan.reports.tables import Column, data_table
from keyplan.reports.text import plain_frags
from keyplan.reports.text_ops import (
    draw_centred_string,
    draw_right_string,
    draw_string,
    set_fill_colour,
)

TEXTS = ["Ann Lee", "Zoë Öberg-García", "R&D <b>(bold)</b> \\ 100%", "", " two  spaces "]


def _canvas(font: str = SANS, size: float = 8.0) -> Canvas:
    ensure_fonts()
    canvas = Canvas(io.BytesIO())
    canvas.setFont(font, size, size * 1.25)
    return canvas


@pytest.mark.parametrize(
    ("fast", "reportlab"),
    [
        (draw_string, Canvas.drawString),
        (draw_right_string, Canvas.drawRightString),
        (draw_centred_string, Canvas.drawCentredString),
    ],
)
@pytest.mark.parametrize("font", [SANS, SANS_BOLD])
def test_each_text_is_written_as_reportlab_writes_it(fast, reportlab, font) -> None:
    ours, theirs = _canvas(font), _canvas(font)
    for number, text in enumerate(TEXTS * 2):  # the second time from the kept operators
        fast(ours, 10.5 + number, 700.25 - number, text)
        reportlab(theirs, 10.5 + number, 700.25 - number, text)
    assert ours._code == theirs._code


def test_a_changed_font_or_size_is_not_confused_with_the_last_one() -> None:
    ours, theirs = _canvas(), _canvas()
    for canvas, draw in ((ours, draw_string), (theirs, Canvas.drawString)):
        draw(canvas, 0, 0, "Same text")
        canvas.setFont(SANS_BOLD, 11, 13)
        draw(canvas, 0, 20, "Same text")
    assert ours._code == theirs._code
    assert ours._code[0] != ours._code[-1]


def test_a_fill_colour_is_set_as_reportlab_sets_it() -> None:
    ours, theirs = _canvas(), _canvas()
    faded = colors.Color(0.2, 0.4, 0.6, alpha=0.5)
    for colour in (colors.HexColor("#123456"), faded, colors.HexColor("#123456")):
        set_fill_colour(ours, colour)
        theirs.setFillColor(colour)
    assert ours._code == theirs._code
    assert ours._fillColorObj is theirs._fillColorObj
    assert ours._doc._pdfVersion == theirs._doc._pdfVersion


COLUMNS = [
    Column("Name", 2.0, bold=True),
    Column("Notes", 3.0),
    Column("Value", 1.0, align="RIGHT"),
]
ROWS = [
    ["Ann Lee", "short", "1,000"],
    ["Bo Chen", "a note long enough to wrap over several lines of its narrow column " * 3, "2"],
    ["Multi\nline", "Zoë Öberg 北京", "3"],
    ["Dee <b>&amp;</b> Park", None, "4"],
]


def _drawn(table: Table) -> list[str]:
    canvas = _canvas()
    table.wrapOn(canvas, 400, 10_000)
    table.drawOn(canvas, 20, 100)
    table.drawOn(canvas, 20, 400)  # a second time: a repeated header replays its operators
    return canvas._code


def test_a_table_is_drawn_as_reportlabs_own_table_draws_it() -> None:
    ensure_fonts()
    ours, theirs = data_table(COLUMNS, ROWS, 400), data_table(COLUMNS, ROWS, 400)
    assert isinstance(ours, PlainCellTable)
    assert all(isinstance(cell, HeaderParagraph) for cell in ours._cellvalues[0])
    # The same table drawn by ReportLab's own code: its cells, its header paragraphs.
    theirs.__class__ = Table
    for cell in theirs._cellvalues[0]:
        cell.__class__ = CellParagraph
    assert _drawn(ours) == _drawn(theirs)


def test_a_long_plain_cell_wraps_as_the_parsed_paragraph_did() -> None:
    ensure_fonts()
    style = styles().cell
    text = "Integration of the new ERP system across all plants, " * 4
    ours = CellParagraph(text, style, frags=plain_frags(text, style))
    theirs = Paragraph(markup(text), style)
    assert ours.wrap(120, 10_000) == theirs.wrap(120, 10_000)
    assert [line[1] for line in ours.blPara.lines] == [line[1] for line in theirs.blPara.lines]
    assert len(ours.blPara.lines) > 1


def test_a_text_that_markup_would_change_is_parsed_as_before() -> None:
    style = styles().cell
    assert plain_frags("R&D <b>x</b>", style) is None
    assert plain_frags("two\nlines", style) is None
    assert plain_frags("   ", style) is None
    assert plain_frags("plain words", style)[0].text == "plain words"


def test_cells_with_markup_characters_print_literally(tmp_path) -> None:
    from reportlab.platypus import SimpleDocTemplate

    ensure_fonts()
    long_tail = " and more words to make it wrap" * 4
    rows = [["<b>&amp; Co", "A & B <i>" + long_tail, "1"]]
    path = tmp_path / "cells.pdf"
    SimpleDocTemplate(str(path)).build([data_table(COLUMNS, rows, 400)])
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "<b>&amp; Co" in text
    assert "A & B <i>" in text


@pytest.mark.parametrize("align", ["left", "centre"])
def test_a_map_line_of_several_fonts_is_drawn_as_drawstring_per_run_draws_it(align) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from keyplan.reports.fonts import draw_text, fit_text, font_runs

    text, size, room = "Zoë  Öberg 北京 Holding <b>& Partners</b> International", 7.5, 120.0
    expected = _canvas()
    runs = font_runs(fit_text(" ".join(text.split()), size, room), False)
    widths = [stringWidth(chunk, font, size) for font, chunk in runs]
    x = 50.0 - (sum(widths) / 2 if align == "centre" else 0.0)
    for (font, chunk), width in zip(runs, widths, strict=True):
        expected.setFont(font, size)
        expected.drawString(x, 80.0, chunk)
        x += width
    for _time in range(2):  # the second time from the kept measures
        ours = _canvas()
        draw_text(ours, 50.0, 80.0, text, size, max_width=room, align=align)
        assert ours._code == expected._code
    assert len(runs) > 1 and runs[-1][1].endswith("…")


def test_a_stroke_colour_is_set_as_reportlab_sets_it() -> None:
    from keyplan.reports.text_ops import set_stroke_colour

    ours, theirs = _canvas(), _canvas()
    faded = colors.Color(0.2, 0.4, 0.6, alpha=0.5)
    for colour in (colors.HexColor("#654321"), faded, colors.HexColor("#654321")):
        set_stroke_colour(ours, colour)
        set_fill_colour(ours, colour)
        theirs.setStrokeColor(colour)
        theirs.setFillColor(colour)
    assert ours._code == theirs._code
    assert ours._strokeColorObj is theirs._strokeColorObj
