"""Tables that split across pages with their header repeated, and never clip their cells.

A cell whose text fits on one line in our Latin font is passed to the table as a plain string
(ten times cheaper than a Paragraph: it matters for a 500-row stakeholder table); any other
cell becomes a wrapping Paragraph with per-script fonts. Column widths are shares of the frame
width, or fixed for dates, and the header row repeats on each page a long table runs on to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.tables import CellStyle

from keyplan.reports.fonts import SANS, SANS_BOLD, markup, single_font_text, text_width
from keyplan.reports.styles import ACCENT, INK, RULE, WHITE, ZEBRA, styles
from keyplan.reports.table_cells import CellParagraph, HeaderParagraph, PlainCellTable
from keyplan.reports.text import cell, display, escape, plain_frags, user_markup

PADDING = 3


DATE_WIDTH = 58.0  # "2026-11-23" at 8 pt with padding: date columns never wrap


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header and its share of the width left after fixed columns."""

    header: str
    share: float = 0.0
    fixed: float | None = None  # a width in points instead of a share
    bold: bool = False
    align: str = "LEFT"  # or "RIGHT" for amounts


def date_column(header: str) -> Column:
    """A column of ISO dates, wide enough that a date never wraps."""
    return Column(header, fixed=DATE_WIDTH)


def fitted_column(header: str, texts: Sequence[str], align: str = "RIGHT") -> Column:
    """A column exactly as wide as its widest one-line text (amounts): it never wraps."""
    size = styles().cell.fontSize
    widest = max((stringWidth(text, SANS, size) for text in texts), default=0.0)
    header_room = stringWidth(header, SANS_BOLD, styles().header_cell.fontSize)
    return Column(header, fixed=max(widest, header_room) + 2 * (PADDING + 1) + 1, align=align)


def column_widths(columns: Sequence[Column], width: float) -> list[float]:
    """Fixed columns get their width; the rest share what is left by their shares."""
    left = width - sum(c.fixed for c in columns if c.fixed is not None)
    shares = sum(c.share for c in columns if c.fixed is None) or 1.0
    return [c.fixed if c.fixed is not None else left * c.share / shares for c in columns]


def data_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    width: float,
    *,
    highlights: Sequence[tuple[int, Color]] = (),
    cell_colours: Sequence[tuple[int, int, Color]] = (),
    header_style: ParagraphStyle | None = None,
) -> Table:
    """A striped table with a repeated header row.

    Args:
        columns: header and width share of each column (shares are normalised).
        rows: the cell values; Flowables pass through, anything else becomes a wrapping cell.
        width: the table width in points.
        highlights: (row index in ``rows``, colour) for whole rows, e.g. late promises.
        cell_colours: (row index, column index, colour) for single cells.
        header_style: the header row's style (default: ``styles().header_cell``).
    """
    style_set = styles()
    header_style = header_style or style_set.header_cell
    col_widths, header_style = _room_for_header_words(
        columns, column_widths(columns, width), header_style
    )
    cell_styles = [_cell_style(column) for column in columns]
    # The room ReportLab gives a cell's text, computed as it does (so that wrapping at it here
    # is the same float, and the wrapped Paragraph is reused when the table is laid out).
    rooms = [w - (PADDING + 1) - (PADDING + 1) for w in col_widths]
    # Headers may be user values too (offerings, departments): font-split like any cell.
    data: list[list[object]] = [
        [HeaderParagraph(markup(c.header, True), header_style) for c in columns]
    ]
    data.extend(_body_cells(rows, cell_styles, rooms))
    # splitInRow: a cell taller than a page (a very long note) continues on the next page.
    # The cells' styles are made per column once and copied (not set by a command over
    # every cell), and a row of plain one-line strings is given its height: ReportLab would
    # otherwise walk every cell of a 500-row table for both, on every page it splits.
    cell_styles_by_column = _cell_styles(columns)
    table = PlainCellTable(
        data,
        colWidths=col_widths,
        rowHeights=[None] + [_row_height(row, cell_styles_by_column[1], rooms) for row in data[1:]],
        repeatRows=1,
        hAlign="LEFT",
        splitInRow=1,
        cellStyles=[[_copy(style) for style in cell_styles_by_column[0]]]
        + [[_copy(style) for style in cell_styles_by_column[1]] for _row in rows],
    )
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    if len(rows) > 3:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [WHITE, ZEBRA]))
    for index, colour in highlights:
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), colour))
    for index, column, colour in cell_colours:
        commands.append(("BACKGROUND", (column, index + 1), (column, index + 1), colour))
    table.setStyle(TableStyle(commands))
    return table


def _cell_styles(columns: Sequence[Column]) -> tuple[list[CellStyle], list[CellStyle]]:
    """The header row's cell style and each column's body cell style: top-aligned, padded;
    the body in our sans (bold in a bold column) and ink, aligned as the column says."""
    body = styles().cell
    header = CellStyle("keyplan-header")
    _pad(header)
    header.valign = "TOP"
    column_styles = []
    for index, column in enumerate(columns):
        style = CellStyle(f"keyplan-column-{index}")
        _pad(style)
        style.valign = "TOP"
        style.fontname = SANS_BOLD if column.bold else SANS
        style.fontsize = body.fontSize
        style.leading = body.leading
        style.color = INK
        style.alignment = column.align
        column_styles.append(style)
    return [header] * len(columns), column_styles


def _pad(style: CellStyle) -> None:
    style.topPadding = style.bottomPadding = PADDING
    style.leftPadding = style.rightPadding = PADDING + 1


def _copy(style: CellStyle) -> CellStyle:
    """A cell's own copy of its column's style (a later command may change one cell)."""
    copied = CellStyle.__new__(CellStyle)
    copied.__dict__.update(style.__dict__)
    return copied


def _row_height(
    row: Sequence[object], column_styles: Sequence[CellStyle], rooms: Sequence[float]
) -> float | None:
    """The height ReportLab gives a row of strings and cell Paragraphs (lines × leading, or
    the wrapped height, and the padding), so that it need not measure the row again on each
    page it splits the table over; None for a row with another flowable (measured by it)."""
    height = 0.0
    for value, style, room in zip(row, column_styles, rooms, strict=True):
        if isinstance(value, str):
            text_height = style.leading * (value.count("\n") + 1)
        elif isinstance(value, CellParagraph):
            text_height = value.wrap(room, _ANY_HEIGHT)[1]
        else:
            return None
        height = max(height, text_height + style.topPadding + style.bottomPadding)
    return height


_ANY_HEIGHT = 72000.0  # a cell's Paragraph is wrapped to its width; its height is unbounded


SMALLEST_HEADER = 6.0  # points: a header never shrinks below this to keep its words whole


def _room_for_header_words(
    columns: Sequence[Column], widths: list[float], style: ParagraphStyle
) -> tuple[list[float], ParagraphStyle]:
    """Widths (and, if need be, a smaller header font) in which no header word is split.

    A header wraps only between words ("Last / contact"), never inside one ("Departme / nt"):
    a column too narrow for its longest header word takes the room from columns that have
    more than their own longest word needs; if the table is too narrow even so, the header
    font shrinks (never below ``SMALLEST_HEADER``) until every word fits.
    """
    need = [_longest_word(c.header, style.fontSize) + 2 * (PADDING + 1) + 0.5 for c in columns]
    widths = _widen_to(widths, need)
    ratio = min(w / n for w, n in zip(widths, need, strict=True))
    if ratio >= 1.0:
        return widths, style
    size = max(SMALLEST_HEADER, style.fontSize * ratio * 0.98)
    smaller = ParagraphStyle(f"{style.name}-fitted", parent=style, fontSize=size,
                             leading=style.leading * size / style.fontSize)  # fmt: skip
    need = [_longest_word(c.header, size) + 2 * (PADDING + 1) + 0.5 for c in columns]
    return _widen_to(widths, need), smaller


def _longest_word(text: str, size: float) -> float:
    return max((text_width(word, size, bold=True) for word in text.split()), default=0.0)


def _widen_to(widths: list[float], need: list[float]) -> list[float]:
    """Give columns narrower than they need the room others have beyond what they need."""
    short = sum(max(0.0, n - w) for w, n in zip(widths, need, strict=True))
    spare = sum(max(0.0, w - n) for w, n in zip(widths, need, strict=True))
    if short <= 0.0 or spare <= 0.0:
        return widths
    give = min(1.0, short / spare)  # the share of each column's spare room handed over
    take = min(1.0, spare / short)  # the share of each shortfall that is made good
    return [
        w + (n - w) * take if w < n else w - (w - n) * give
        for w, n in zip(widths, need, strict=True)
    ]


def _cell_style(column: Column) -> ParagraphStyle:
    style_set = styles()
    if column.align == "RIGHT":
        return style_set.number_cell
    return style_set.cell_bold if column.bold else style_set.cell


# Values a column repeats (a stance, an influence, a date, an owner, nothing): how their cell
# is made is decided once per table. Only these types: hashable, equal only when printed alike.
_REPEATED_TYPES = frozenset({str, date, type(None)})


def _body_cells(
    rows: Sequence[Sequence[object]], cell_styles: Sequence[ParagraphStyle], rooms: Sequence[float]
) -> list[list[object]]:
    """The body rows' cells (``_as_cell``), a value that a column repeats measured once.

    A 500-row stakeholder table repeats most of its values down its columns: a plain string
    cell is immutable and stands in every row; a wrapping cell gets a Paragraph of its own.
    """
    decided: dict[tuple[int, type, object], tuple[bool, str | None]] = {}
    result = []
    for row in rows:
        cells: list[object] = []
        for index, value in enumerate(row):
            kind, style = type(value), cell_styles[index]
            if kind not in _REPEATED_TYPES:
                cells.append(_as_cell(value, style, rooms[index]))
                continue
            key = (index, kind, value)
            decision = decided.get(key)
            if decision is None:
                decision = decided[key] = _fits_plainly(value, style, rooms[index])
            fits, plain = decision
            cells.append(plain if fits else _wrapping_cell(value, plain, style))
        result.append(cells)
    return result


def _as_cell(value: object, style: ParagraphStyle, room: float) -> object:
    """A plain string when the value fits one line in one font; else a wrapping Paragraph."""
    if isinstance(value, Flowable):
        return value
    fits, plain = _fits_plainly(value, style, room)
    return plain if fits else _wrapping_cell(value, plain, style)


def _fits_plainly(value: object, style: ParagraphStyle, room: float) -> tuple[bool, str | None]:
    """Whether the value prints as one line in the style's font within ``room``, and its
    text when it is in that one font (else None)."""
    plain = single_font_text(display(value), style.fontName == SANS_BOLD)
    fits = plain is not None and stringWidth(plain, style.fontName, style.fontSize) <= room
    return fits, plain


def _wrapping_cell(value: object, plain: str | None, style: ParagraphStyle) -> CellParagraph:
    """A cell's own wrapping Paragraph; ``plain``: its text when all in the style's font."""
    if plain is not None:
        frags = plain_frags(plain, style)  # one font, one line: no markup to parse
        if frags is not None:
            return CellParagraph(plain, style, frags=frags)
    return CellParagraph(user_markup(value, style), style)


def grid_table(
    corner: str,
    column_headers: Sequence[str],
    row_headers: Sequence[str],
    cells: Sequence[Sequence[tuple[str, Color | None]]],
    width: float,
    first_share: float = 2.0,
) -> Table:
    """A matrix (rows × columns) of short texts on coloured cells, e.g. the whitespace grid.

    Args:
        corner: the top-left header text.
        column_headers: one per column (user values: escaped and font-split).
        row_headers: one per row (user values).
        cells: per row, per column, the text and the background (None for none).
        width: the table width.
        first_share: how many columns' width the row-header column gets.
    """
    style_set = styles()
    columns = [Column(corner, first_share)] + [Column(h, 1.0) for h in column_headers]
    rows = [
        [cell(header, style_set.cell_bold)] + [cell(text or "") for text, _c in row]
        for header, row in zip(row_headers, cells, strict=True)
    ]
    colours = [
        (r, c + 1, colour)
        for r, row in enumerate(cells)
        for c, (_text, colour) in enumerate(row)
        if colour is not None
    ]
    table = data_table(
        columns, rows, width, cell_colours=colours, header_style=style_set.compact_header
    )
    table.setStyle(TableStyle([("GRID", (1, 1), (-1, -1), 0.5, WHITE)]))
    return table


def key_values(pairs: Sequence[tuple[str, object]], width: float) -> Table:
    """A two-column list of labels and values, without a header row."""
    style_set = styles()
    data = [
        [
            Paragraph(escape(label), style_set.label),
            value if isinstance(value, Flowable) else cell(value, style_set.body),
        ]
        for label, value in pairs
    ]
    table = Table(data, colWidths=[width * 0.28, width * 0.72], hAlign="LEFT", splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING + 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
