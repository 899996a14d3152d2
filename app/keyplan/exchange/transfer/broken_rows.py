"""Rows of a CSV file that cannot be right, and why: they are skipped, never imported.

A quote typed by hand or a cell cut short by an export makes the reader run cells together:
one row of a semicolon file came out as a "person" called ``Bernd Lehmann;Aldermark
Antriebstechnik GmbH"`` with nothing else. Such a row is recognised by what no real row has:
a name holding the character between cells, a line break or an odd number of quotes, or far
fewer or more cells than the header has. The checks look at one row's cells only, so they
cost next to nothing on a file of ten thousand rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from keyplan.exchange.transfer.csv_table import SEPARATOR_NAMES

NAME_FIELDS = frozenset({"full_name", "first_name", "middle_name", "last_name"})
# Below this many columns a short row is ordinary (a name and an e-mail address, say).
_WIDE_HEADER = 4


def row_problem(
    cells: list[str], mapping: Mapping[int, str], header_width: int | None, separator: str
) -> str:
    """Why this row of the file cannot be right, in words for the user, or "" when it can.

    Args:
        cells: the row as the reader gave it.
        mapping: column position -> import field.
        header_width: how many columns the header names (None: not known, not checked).
        separator: the character between cells.
    """
    for position, field in mapping.items():
        if field in NAME_FIELDS and position < len(cells):
            problem = _name_problem(cells[position], separator)
            if problem:
                return problem
    return _width_problem(cells, header_width)


def _name_problem(name: str, separator: str) -> str:
    faults = []
    # "Olsen, Ingrid" is a name as CRMs write it; a semicolon or tab in a name never is.
    if separator != "," and separator in name:
        word = SEPARATOR_NAMES[separator]
        faults.append(f"a {word}" if separator == "\t" else f"a {word} ({separator})")
    if "\n" in name or "\r" in name:
        faults.append("a line break")
    if name.count('"') % 2:  # Robert "Bob" Smith is fine; one quote alone is not
        faults.append('a stray quote (")')
    if not faults:
        return ""
    shown = " ".join(name.split())
    return (
        f"the name '{shown}' holds {' and '.join(faults)}, so cells ran together; "
        f"correct the row in the file and import again"
    )


def _width_problem(cells: list[str], header_width: int | None) -> str:
    if not header_width or header_width < _WIDE_HEADER:
        return ""
    count = len(cells)
    too_many = count > header_width and any(cell.strip() for cell in cells[header_width:])
    # Excel may drop empty cells at the end of a row, but not half of them.
    too_few = count <= header_width // 2
    if not (too_many or too_few):
        return ""
    return (
        f"it has {count} {'cell' if count == 1 else 'cells'} where the header has "
        f"{header_width}, so its values would land in the wrong fields; correct the row in "
        f"the file and import again"
    )
