"""How big a contacts file Keyplan reads: a cap on its size and on its rows (or cards).

Well above real exports: LinkedIn lets a member have 30,000 connections (its CSV is about
5 MB), a CRM export of a whole region is a few tens of thousands of rows. A file far beyond
that is a mistake (the wrong file, a log, a database dump) or an attack, and reading it would
keep the user waiting and fill the memory before anything could be said. ``--max-rows``
raises both caps: the size allowed grows with the rows (2,000 bytes a row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keyplan.exchange.transfer.contacts import ImportRefused

DEFAULT_MAX_ROWS = 100_000
BYTES_PER_ROW = 2_000  # a generous row: Outlook's 90 columns, filled, are about 1 KB
_CARD_START = re.compile(rb"^[ \t]*begin[ \t]*:[ \t]*vcard", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """The caps of one import: rows (or cards) and bytes."""

    max_rows: int = DEFAULT_MAX_ROWS

    @property
    def max_bytes(self) -> int:
        return self.max_rows * BYTES_PER_ROW

    def check_size(self, name: str, size: int) -> None:
        """Refuse a file bigger than the cap, before it is read.

        Raises:
            ImportRefused: the file is too big; the message says the numbers.
        """
        if size > self.max_bytes:
            raise ImportRefused(
                f"{name} is {_megabytes(size)}; Keyplan reads contacts files up to "
                f"{_megabytes(self.max_bytes)} ({self.max_rows:,} rows). "
                f"{self._way_out(-(-size // BYTES_PER_ROW))}"
            )

    def check_rows(self, name: str, rows: int, unit: str = "rows") -> None:
        """Refuse a file with more rows (or cards) than the cap.

        Raises:
            ImportRefused: too many rows; the message says the numbers.
        """
        if rows > self.max_rows:
            raise ImportRefused(
                f"{name} has {rows:,} {unit}; Keyplan imports at most {self.max_rows:,} "
                f"{unit} from one file. {self._way_out(rows)}"
            )

    @staticmethod
    def _way_out(rows_needed: int) -> str:
        return f"Split the file, or import it with: keyplan import --max-rows {rows_needed} …"


DEFAULT_LIMITS = ImportLimits()


def count_vcards(data: bytes) -> int:
    """How many cards a vCard file starts, counted before any is parsed."""
    return sum(1 for _match in _CARD_START.finditer(data))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.0f} MB" if size >= 10_000_000 else f"{size / 1_000_000:.1f} MB"
