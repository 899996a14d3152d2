"""The slide basics every deck shares: 16:9 geometry, fonts, text that fits, tables, notes.

Text is never left to overflow: a table is split over slides by the height its rows will take
(estimated with the font's metrics, the way PowerPoint wraps), and a cell too long for a slide
is shortened with "…", its whole text going into the speaker notes. Arial is the declared font:
it is on every Windows and macOS machine, and LibreOffice substitutes a metric twin for it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu
from reportlab.pdfbase.pdfmetrics import stringWidth

from keyplan.reports.deck import xml

FONT = "Arial"
SLIDE_WIDTH, SLIDE_HEIGHT = 960.0, 540.0  # points: 13.333 × 7.5 in, 16:9
MARGIN = 30.0
TITLE_TOP, TITLE_HEIGHT = 18.0, 40.0
BODY_TOP = 70.0
BODY_BOTTOM = SLIDE_HEIGHT - 26.0  # the footer line sits below
BODY_WIDTH = SLIDE_WIDTH - 2 * MARGIN
TABLE_SIZE = 11.0  # points; 10 on wide tables
CELL_MARGIN_X, CELL_MARGIN_Y = 5.0, 3.0
LINE_SPACING = 1.2
MAX_CELL_LINES = 6  # a longer cell is cut with "…" and given whole in the notes

INK = RGBColor(0x22, 0x2B, 0x33)
MUTED = RGBColor(0x5F, 0x6B, 0x76)
ACCENT = RGBColor(0x1F, 0x5F, 0x8B)
HEADER_FILL = RGBColor(0xE4, 0xEB, 0xF1)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
BLANK_LAYOUT = 6  # "Blank" in python-pptx's default template
_ANCHORS = {MSO_ANCHOR.TOP: "t", MSO_ANCHOR.MIDDLE: "ctr", MSO_ANCHOR.BOTTOM: "b"}
_ALIGNS = {PP_ALIGN.LEFT: "l", PP_ALIGN.CENTER: "ctr", PP_ALIGN.RIGHT: "r"}


def emu(points: float) -> Emu:
    return Emu(round(points * 12700))


@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line of text in Arial (Helvetica's metrics, which Arial matches).

    Characters outside Latin, Greek and Cyrillic are counted a full em: CJK glyphs are square.
    """
    font = "Helvetica-Bold" if bold else "Helvetica"
    narrow = "".join(c for c in text if ord(c) < 0x0600)
    wide = len(text) - len(narrow)
    return stringWidth(narrow, font, size) + wide * size


def line_count(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` wraps to in a box ``width`` points wide (word wrap)."""
    total = 0
    for paragraph in text.split("\n") or [""]:
        lines, current = 1, 0.0
        space = text_width(" ", size, bold)
        for word in paragraph.split(" "):
            w = text_width(word, size, bold)
            if current and current + space + w > width:
                lines += 1
                current = 0.0
            if w > width:  # a word longer than the line breaks inside itself
                extra = math.ceil(w / width) - 1
                lines += extra
                current = w - extra * width
            else:
                current += (space if current else 0.0) + w
        total += lines
    return total


def shorten(text: str, width: float, size: float, lines: int, bold: bool = False) -> str:
    """``text`` cut with "…" so that it wraps to at most ``lines`` lines."""
    if line_count(text, width, size, bold) <= lines:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits, found by halving
        middle = (low + high + 1) // 2
        if line_count(text[:middle].rstrip() + "…", width, size, bold) <= lines:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def fitted_size(text: str, width: float, largest: float, smallest: float, lines: int = 1) -> float:
    """The largest size from ``largest`` down to ``smallest`` at which ``text`` fits the lines."""
    size = largest
    while size > smallest and line_count(text, width, size, bold=True) > lines:
        size -= 0.5
    return size


def new_presentation() -> Presentation:
    """An empty 16:9 deck."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = emu(SLIDE_WIDTH), emu(SLIDE_HEIGHT)
    return deck


def add_text(
    slide: Slide,
    box: tuple[float, float, float, float],
    text: str,
    size: float,
    *,
    bold: bool = False,
    colour: RGBColor = INK,
    align: PP_ALIGN = PP_ALIGN.LEFT,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
):
    """A text box at (left, top, width, height) in points; lines of ``text`` are paragraphs."""
    left, top, width, height = box
    shape = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
    text_body = shape.text_frame._txBody
    xml.body_properties(text_body, 0, 0, _ANCHORS[anchor])
    lines = [xml.Line(line, size, bold, str(colour)) for line in text.split("\n")]
    xml.set_paragraphs(text_body, lines, _ALIGNS[align])
    return shape


@dataclass
class DeckFrame:
    """What every content slide carries: the title, a footer line, and the speaker notes."""

    footer: str

    def slide(self, deck: Presentation, title: str, notes: str = "") -> Slide:
        slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
        size = fitted_size(title, BODY_WIDTH, 26, 16)
        add_text(
            slide,
            (MARGIN, TITLE_TOP, BODY_WIDTH, TITLE_HEIGHT),
            shorten(title, BODY_WIDTH, size, 1, bold=True),
            size,
            bold=True,
            colour=ACCENT,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        footer_top = SLIDE_HEIGHT - 20.0
        add_text(slide, (MARGIN, footer_top, BODY_WIDTH, 14), self.footer, 8, colour=MUTED)
        set_notes(slide, notes)
        return slide


def set_notes(slide: Slide, notes: str) -> None:
    """The speaker notes of a slide, a paragraph per line."""
    if notes.strip():
        text_body = slide.notes_slide.notes_text_frame._txBody
        lines = [xml.Line(line, 12) for line in notes.strip().split("\n")]
        xml.set_paragraphs(text_body, lines)


def add_title_slide(
    deck: Presentation, title: str, kind: str, facts: Sequence[tuple[str, str]], label: str
) -> Slide:
    """The first slide: the account's name, what the deck is, a few facts, and its label."""
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    band = slide.shapes.add_shape(1, emu(0), emu(150), emu(SLIDE_WIDTH), emu(6))  # rectangle
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    size = fitted_size(title, BODY_WIDTH, 40, 22, lines=2)
    add_text(
        slide,
        (MARGIN * 2, 170, SLIDE_WIDTH - 4 * MARGIN, 110),
        shorten(title, SLIDE_WIDTH - 4 * MARGIN, size, 2, bold=True),
        size,
        bold=True,
        anchor=MSO_ANCHOR.TOP,
    )
    add_text(slide, (MARGIN * 2, 285, SLIDE_WIDTH - 4 * MARGIN, 34), kind, 22, colour=ACCENT)
    lines = "\n".join(f"{name}: {value}" for name, value in facts if value)
    add_text(slide, (MARGIN * 2, 335, SLIDE_WIDTH - 4 * MARGIN, 110), lines, 14, colour=MUTED)
    add_text(slide, (MARGIN * 2, 470, SLIDE_WIDTH - 4 * MARGIN, 24), label, 12, bold=True)
    return slide


@dataclass(frozen=True)
class Column:
    header: str
    weight: float = 1.0


@dataclass
class TableSlides:
    """A table to put on as many slides as its rows need, with a line below it on the last.

    Attributes:
        title: the slides' title ("(continued)" is added after the first).
        columns: the headers and their share of the width.
        rows: the cells as text.
        notes: the speaker notes of every slide; each slide adds the ``row_notes`` of its
            rows and the whole text of its cells that were cut for room.
        caption: a line under the table on its last slide.
        intro: a line above the table on its first slide.
    """

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    notes: str = ""
    caption: str = ""
    intro: str = ""
    size: float = field(default=TABLE_SIZE)
    row_notes: Sequence[str] = ()  # a note per row, given on the slide that shows the row


def add_table_slides(deck: Presentation, frame: DeckFrame, table: TableSlides) -> list[Slide]:
    """Put the table on slides: as many rows on each as fit, the header on every one."""
    widths = _column_widths(table.columns)
    size = table.size
    header_height = _row_height([c.header for c in table.columns], widths, size, bold=True)
    cut_notes: list[list[str]] = [[] for _row in table.rows]
    fitted = [
        _fit_row(row, widths, size, table.columns, cut)
        for row, cut in zip(table.rows, cut_notes, strict=True)
    ]
    heights = [_row_height(row, widths, size) for row in fitted]
    intro_height = line_count(table.intro, BODY_WIDTH, 12) * 12 * LINE_SPACING if table.intro else 0
    pages = _paginate(heights, header_height + 0.0, intro_height, bool(table.caption))
    slides = []
    for index, (start, end) in enumerate(pages):
        title = table.title if index == 0 else f"{table.title} (continued)"
        slide = frame.slide(deck, title, _page_notes(table, cut_notes, start, end))
        top = BODY_TOP
        if table.intro and index == 0:
            add_text(slide, (MARGIN, top, BODY_WIDTH, intro_height), table.intro, 12, colour=MUTED)
            top += intro_height + 6
        rows = fitted[start:end]
        _draw_table(
            slide, top, widths, table.columns, rows, heights[start:end], header_height, size
        )
        if table.caption and index == len(pages) - 1:
            below = top + header_height + sum(heights[start:end]) + 8
            add_text(slide, (MARGIN, below, BODY_WIDTH, 18), table.caption, 11, colour=MUTED)
        slides.append(slide)
    return slides


def _page_notes(table: TableSlides, cut_notes: list[list[str]], start: int, end: int) -> str:
    rows = [note for note in table.row_notes[start:end] if note]
    cut = [note for notes in cut_notes[start:end] for note in notes]
    return "\n".join(filter(None, [table.notes, *rows, *(["In full:", *cut] if cut else [])]))


def _column_widths(columns: Sequence[Column]) -> list[float]:
    total = sum(c.weight for c in columns)
    return [BODY_WIDTH * c.weight / total for c in columns]


def _room(width: float) -> float:
    return width - 2 * CELL_MARGIN_X - 2  # a little slack for the renderer's rounding


def _row_height(row: Sequence[str], widths: Sequence[float], size: float, bold=False) -> float:
    lines = max(
        (line_count(text, _room(w), size, bold) for text, w in zip(row, widths, strict=True)),
        default=1,
    )
    return lines * size * LINE_SPACING + 2 * CELL_MARGIN_Y + 2


def _fit_row(row, widths, size, columns, cut_notes: list[str]) -> list[str]:
    fitted = []
    for text, width, column in zip(row, widths, columns, strict=True):
        short = shorten(text, _room(width), size, MAX_CELL_LINES)
        if short != text:
            cut_notes.append(f"{column.header}: {text}")
        fitted.append(short)
    return fitted


def _paginate(
    heights: Sequence[float], header: float, intro: float, caption: bool
) -> list[tuple[int, int]]:
    """Row ranges per slide: each slide takes rows while they fit under the header."""
    pages: list[tuple[int, int]] = []
    start = 0
    while True:
        room = BODY_BOTTOM - BODY_TOP - header - (intro + 6 if intro and not pages else 0)
        room *= 0.97  # renderers' line heights differ by a few per cent
        end, used = start, 0.0
        while end < len(heights) and (used + heights[end] <= room or end == start):
            used += heights[end]
            end += 1
        if caption and end == len(heights) and used + 26 > room and end - start > 1:
            end -= 1  # leave the last row for a slide with room for the caption
        pages.append((start, end))
        if end >= len(heights):
            return pages
        start = end


def _draw_table(slide, top, widths, columns, rows, heights, header_height, size) -> None:
    total = header_height + sum(heights)
    shape = slide.shapes.add_table(
        len(rows) + 1, len(columns), emu(MARGIN), emu(top), emu(BODY_WIDTH), emu(total)
    )
    table = shape.table
    # Widths and heights straight into the XML: python-pptx's setters re-add every row's
    # height to the frame's on each call, which is quadratic in the rows.
    for grid_column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_column.set("w", str(emu(width)))
    table_rows = table._tbl.tr_lst
    for tr, height in zip(table_rows, [header_height, *heights], strict=True):
        tr.set("h", str(emu(height)))
    header_fill, body_fill = str(HEADER_FILL), str(WHITE)
    for tc, column in zip(table_rows[0].tc_lst, columns, strict=True):
        _fill_cell(tc, column.header, size, True, header_fill)
    for tr, row in zip(table_rows[1:], rows, strict=True):
        for tc, text in zip(tr.tc_lst, row, strict=True):
            _fill_cell(tc, text, size, False, body_fill)


def _fill_cell(tc, text: str, size: float, bold: bool, fill: str) -> None:
    lines = [xml.Line(part, size, bold, str(INK)) for part in text.split("\n")]
    xml.set_cell(tc, lines, fill, CELL_MARGIN_X, CELL_MARGIN_Y)


def labelled_slides(
    deck: Presentation,
    frame: DeckFrame,
    title: str,
    items: Sequence[tuple[str, str | None]],
    headers: tuple[str, str],
    notes: str = "",
) -> list[Slide]:
    """Labelled texts (a topic and what we know) as a two-column table over slides.

    Items without text are left out; nothing to show makes no slide.
    """
    rows = [[label, text.strip()] for label, text in items if text and text.strip()]
    if not rows:
        return []
    columns = [Column(headers[0], 1.0), Column(headers[1], 3.6)]
    table = TableSlides(title, columns, rows, notes=notes)
    return add_table_slides(deck, frame, table)
