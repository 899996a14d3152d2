"""A CSV file as a header and rows, wherever the header is and whatever separates the cells.

The header decides. Exports often begin with notes (LinkedIn's ``Connections.csv`` does), and
European Excel separates cells with semicolons, so each likely separator is tried and the first
line that a known kind of contacts file would have as its header wins. When no header is
known, the separator that gives the most rows of one same width (more than one cell) is taken
and the first row of that width is the header. Excel's ``sep=;`` first line is obeyed.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from keyplan.exchange.transfer.contacts import ImportRefused

SEPARATORS = (",", ";", "\t", "|")
SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
# How far down a header may sit below notes; LinkedIn's notes take three lines.
_HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True, slots=True)
class CsvTable:
    """The cells of a CSV file below its header.

    Attributes:
        header: the column names as written (padding removed).
        rows: (row number in the file as a spreadsheet counts it, cells) for every row that
            is not blank; a row may have fewer or more cells than the header.
        separator: the character between cells.
    """

    header: list[str]
    rows: list[tuple[int, list[str]]]
    separator: str


def read_table(
    text: str,
    is_known_header: Callable[[list[str]], bool],
    check_rows: Callable[[int], None] | None = None,
) -> CsvTable:
    """Find the header and the rows of a CSV text.

    Args:
        text: the decoded file, line ends as they were.
        is_known_header: tells whether a row is the header of a known kind of contacts file.
        check_rows: given the number of rows below the header as soon as they are counted
            (before they are kept), to refuse a file with too many (``import_limits``).

    Raises:
        ImportRefused: the text is not CSV, or has a header and no rows.
    """
    text, forced = _separator_hint(text)
    separators = (forced,) if forced else SEPARATORS
    heads = {separator: _records(text, separator, _HEADER_SEARCH_ROWS) for separator in separators}
    for separator in separators:
        for index, record in enumerate(heads[separator]):
            if is_known_header(record):
                return _table(text, separator, index, check_rows)
    separator, width = _most_regular(heads)
    index = next(
        i for i, record in enumerate(heads[separator]) if _width(record) == width and any(record)
    )
    return _table(text, separator, index, check_rows)


def _refuse_an_unclosed_quote(text: str, separator: str) -> int | None:
    """A quote that is never closed swallows every later row into one cell: say where it is.

    Python's lenient reader would hand back one "person" made of the rest of the file, so the
    whole text is first read strictly, only to find where a quoted cell runs off its end.

    Returns:
        How many records the text holds (None when the strict reader stopped early), counted
        without keeping them: a file over the row cap is refused before it is held.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    last_complete_line = records = 0
    try:
        for _record in reader:
            last_complete_line = reader.line_num
            records += 1
    except csv.Error as error:
        if "unexpected end of data" not in str(error):
            return None  # other oddities are read leniently, as spreadsheets do
        raise ImportRefused(
            f'Line {last_complete_line + 1} opens a quote (") that is never closed, so every '
            f"line after it would be read as one cell. Close or remove that quote and import "
            f"again; nothing was imported."
        ) from None
    return records


def _separator_hint(text: str) -> tuple[str, str | None]:
    """Excel understands a first line ``sep=;``; so do we (and drop that line)."""
    first, _, rest = text.partition("\n")
    hint = first.strip().strip('"')
    if hint.lower().startswith("sep=") and len(hint) == 5:
        return rest, hint[4]
    return text, None


def _records(text: str, separator: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    except csv.Error as error:
        raise ImportRefused(f"The file cannot be read as CSV: {error}.") from None
    return records


def _width(record: list[str]) -> int:
    """The number of cells, not counting empty ones at the end (Excel pads rows)."""
    width = len(record)
    while width and not record[width - 1].strip():
        width -= 1
    return width


def _most_regular(heads: dict[str, list[list[str]]]) -> tuple[str, int]:
    """The separator under which most rows share one width, and that width."""
    best: tuple[int, str, int] | None = None
    for separator, records in heads.items():
        widths = Counter(_width(record) for record in records if _width(record) > 1)
        if not widths:
            continue
        width, count = max(widths.items(), key=lambda item: (item[1], item[0]))
        if best is None or count * width > best[0]:
            best = (count * width, separator, width)
    if best is None:  # one column at most: a list of names, perhaps
        records = heads[next(iter(heads))]
        if not any(any(cell.strip() for cell in record) for record in records):
            raise ImportRefused("The file holds no rows.")
        return next(iter(heads)), 1
    return best[1], best[2]


def _table(
    text: str, separator: str, header_index: int, check_rows: Callable[[int], None] | None
) -> CsvTable:
    counted = _refuse_an_unclosed_quote(text, separator)
    if counted is not None and check_rows is not None:
        check_rows(counted - header_index - 1)
    records = _records(text, separator)
    header = [cell.strip().lstrip("\ufeff").strip() for cell in records[header_index]]
    rows = [
        (number, record)
        for number, record in enumerate(records[header_index + 1 :], start=header_index + 2)
        if any(cell.strip() for cell in record)
    ]
    if not rows:
        raise ImportRefused("The file has a header line but no rows of people below it.")
    return CsvTable(header, rows, separator)
