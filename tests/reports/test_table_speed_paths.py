"""The data table's fast paths give what ReportLab would have given on its own.

A table's rows are given their heights and its cells their styles up front, and a cell's
Paragraph breaks its lines once per width: each must leave the table laid out exactly as
ReportLab lays it out itself (same row heights, same styles), or cells would be clipped.
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Paragraph, Table

from keyplan.reports import tables
from keyplan.reports.fonts import SANS, SANS_BOLD, ensure_fonts
from keyplan.reports.styles import INK, styles
from keyplan.reports.tables import (
    PADDING,
    CellParagraph,
    Column,
    data_table,
    date_column,
    grid_table,
)
from keyplan.reports.text import blank_cell

COLUMNS = [
    Column("Name", 2.0, bold=True),
    Column("Notes", 3.0),
    Column("Value", 1.0, align="RIGHT"),
]
ROWS = [
    ["Ann Lee", "short", "1,000"],
    ["Bo Chen", "a note long enough to wrap over several lines of its narrow column " * 3, "2"],
    ["Multi\nline", "Zoë Öberg 北京", "3"],
    ["Dee Park", None, "4"],
]


def _measured_by_reportlab(table: Table) -> list[float]:
    """The row heights ReportLab computes for the same cells when given none."""
    again = Table(
        table._cellvalues, colWidths=table._argW, cellStyles=table._cellStyles, splitInRow=1
    )
    again.wrap(400, 10_000)
    return again._rowHeights


def test_given_row_heights_are_those_reportlab_measures() -> None:
    ensure_fonts()
    table = data_table(COLUMNS, ROWS, 400)
    given = table._argH
    assert given[0] is None  # the header row is left to ReportLab
    assert all(height is not None for height in given[1:])
    table.wrap(400, 10_000)
    assert table._rowHeights == _measured_by_reportlab(table)
    assert given[2] > given[1]  # the long note wraps: its row is taller


def test_cells_have_their_columns_styles_each_its_own() -> None:
    ensure_fonts()
    table = data_table(COLUMNS, ROWS, 400)
    name, notes, value = table._cellStyles[1]
    assert (name.fontname, notes.fontname, value.alignment) == (SANS_BOLD, SANS, "RIGHT")
    assert notes.fontsize == styles().cell.fontSize and notes.color == INK
    assert (notes.valign, notes.topPadding, notes.leftPadding) == ("TOP", PADDING, PADDING + 1)
    # A command on one cell (the coverage matrix bolds single cells) changes that cell only.
    table.setStyle([("FONTNAME", (1, 2), (1, 2), SANS_BOLD)])
    assert table._cellStyles[2][1].fontname == SANS_BOLD
    assert table._cellStyles[1][1].fontname == SANS
    assert table._cellStyles[3][1].fontname == SANS


def test_a_cell_paragraph_breaks_its_lines_once_per_width(monkeypatch) -> None:
    ensure_fonts()
    paragraph = CellParagraph("word " * 60, styles().cell)
    breaks = []
    original = CellParagraph.breakLines
    monkeypatch.setattr(
        CellParagraph, "breakLines", lambda self, widths: breaks.append(1) or original(self, widths)
    )
    first = paragraph.wrap(120, 500)
    assert paragraph.wrap(120, 80) == first and len(breaks) == 1
    wider = paragraph.wrap(300, 500)
    assert len(breaks) == 2 and wider[1] < first[1]


def test_grid_cells_break_their_lines_once_however_often_the_table_splits(monkeypatch) -> None:
    ensure_fonts()
    breaks = []
    original = Paragraph.breakLines
    monkeypatch.setattr(
        Paragraph, "breakLines", lambda self, widths: breaks.append(1) or original(self, widths)
    )
    rows = 60
    table = grid_table(
        "Department",
        ["Offering A", "Offering B"],
        [f"Department {number}" for number in range(rows)],
        [[("Installed", None), ("Competitor holds", None)]] * rows,
        400,
    )
    rest = table
    while True:  # split over pages as the document does: each part measured, then split
        rest.wrap(400, 200)
        parts = rest.split(400, 200)
        if len(parts) < 2:
            break
        rest = parts[1]
    assert len(breaks) == 3 * (rows + 1)  # every cell and header once, at its one width


def test_a_blank_cell_is_broken_once_per_width(monkeypatch) -> None:
    ensure_fonts()
    blank = blank_cell()
    breaks = []
    original = Paragraph.breakLines
    monkeypatch.setattr(
        Paragraph, "breakLines", lambda self, widths: breaks.append(1) or original(self, widths)
    )
    assert blank.wrap(120, 500) == blank.wrap(120, 80) and len(breaks) == 1


def test_a_value_repeated_down_a_column_is_measured_once(monkeypatch) -> None:
    ensure_fonts()
    measured = []
    original = tables.stringWidth
    monkeypatch.setattr(
        tables, "stringWidth", lambda *args: measured.append(args[0]) or original(*args)
    )
    long_note = "a note long enough to wrap over several lines of its narrow column " * 3
    rows = [["Supporter", long_note, date(2026, 11, 23)] for _ in range(50)]
    columns = [Column("Stance", 1.0), Column("Notes", 3.0), date_column("Due")]
    table = data_table(columns, rows, 400)
    assert sorted(measured) == sorted(["Supporter", long_note, "2026-11-23"])  # once each
    supporters = [row[0] for row in table._cellvalues[1:]]
    notes = [row[1] for row in table._cellvalues[1:]]
    assert supporters == ["Supporter"] * 50
    # A wrapping cell is a Paragraph of each row's own (it keeps its row's line breaks).
    assert len({id(note) for note in notes}) == 50
    assert all(isinstance(note, CellParagraph) for note in notes)
