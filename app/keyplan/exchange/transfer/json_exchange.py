"""Keyplan's JSON export of an account (with its affiliates) or of a whole database, and its
import into another database.

The file names its format, the format's version and the schema revision of the database it
came from, then lists every table's rows (see ``store/transfer/json_rows.py`` for which rows and how
ids are numbered). The same content always gives the same bytes: no export time, no ids of
the source database, a fixed order. So export → import into an empty file → export gives
a byte-identical file; the tests hold us to that.

Both ways stream, so a whole database goes out and comes in without being held in memory:
the export writes table by table, a few thousand rows at a time, into a temporary file that
takes the file's name only once complete; the import reads the file twice, piece by piece
(``json_stream.py``): once to check it and count what it holds (``read_export``), once to
write its rows in one transaction (``import_export_file``).

A file of a newer format, or from a newer schema than this Keyplan knows, is refused with a
message. A file from an older schema is read: columns it lacks take their defaults.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from keyplan.domain.wording import count_of
from keyplan.exchange.transfer.json_stream import Event, JsonSyntaxError, read_events
from keyplan.store.database import Database
from keyplan.store.safety.atomic_files import file_written_atomically
from keyplan.store.safety.output_paths import check_output_path
from keyplan.store.schema import KNOWN_REVISIONS
from keyplan.store.transfer.json_rows import (
    HISTORY_TABLE,
    ImportReceipt,
    ImportRefused,
    RowExport,
    import_rows,
    open_export,
    tables,
)

FORMAT = "keyplan-export"
FORMAT_VERSION = 1
SCOPE_ACCOUNT = "account"
SCOPE_DATABASE = "database"
TABLES = "tables"

Progress = Callable[[float], None]

_ENCODER = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(…, ensure_ascii=False) uses


class NotAKeyplanExport(ImportRefused):
    """The file is not a Keyplan JSON export, or is one this version cannot read."""


@dataclass(frozen=True, slots=True)
class JsonExportSummary:
    path: Path
    accounts: int
    people: int


def export_json(
    db: Database,
    out_path: str | os.PathLike[str],
    account_id: int | None = None,
    progress: Progress | None = None,
) -> JsonExportSummary:
    """Write one account and its affiliates (or, with None, the whole database) as JSON.

    Raises:
        FileWriteFailed: the file cannot be written; an older file of that name is intact.
        NotFound: the account does not exist.
    """
    out_path = check_output_path(out_path, db.path)
    report = progress or (lambda _fraction: None)
    revision = _revision(db)
    with open_export(db, account_id) as export, file_written_atomically(out_path) as handle:
        _write_export(handle, export, revision, report)
    report(1.0)
    path = Path(out_path).expanduser()
    return JsonExportSummary(path, export.counts["accounts"], export.counts["stakeholders"])


def _write_export(handle: BinaryIO, export: RowExport, revision: str, report: Progress) -> None:
    """The file: a header, then one line per row, so that it diffs and reads well."""
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision,
        "scope": SCOPE_DATABASE if export.account_name is None else SCOPE_ACCOUNT,
        "account": export.account_name,
    }
    head = ["{\n", *(f"  {_dump(key)}: {_dump(value)},\n" for key, value in header.items())]
    _write_text(handle, "".join([*head, f"  {_dump(TABLES)}: {{\n"]))
    total, written = max(1, sum(export.counts.values())), 0
    encode = _ENCODER.encode
    current, has_rows = None, False
    for table, chunk in export.chunks():
        parts = []
        if table != current:
            if current is not None:
                parts.append(_table_end(has_rows) + ",\n")
            parts.append(f"    {_dump(table)}: [")
            current, has_rows = table, False
        for row in chunk:
            parts.append(",\n      " if has_rows else "\n      ")
            parts.append(encode(row))
            has_rows = True
        _write_text(handle, "".join(parts))
        written += len(chunk)
        report(min(written / total, 0.99))
    _write_text(handle, _table_end(has_rows) + "\n  }\n}\n")


def _table_end(has_rows: bool) -> str:
    return "\n    ]" if has_rows else "]"


def _write_text(handle: BinaryIO, text: str) -> None:
    # One seam for the tests, which make it fail as a full disk does.
    handle.write(text.encode("utf-8"))


def _dump(value: Any) -> str:
    return _ENCODER.encode(value)


def _revision(db: Database) -> str:
    (row,) = db.rows("SELECT version_num FROM alembic_version")
    return row[0]


# ---- import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A Keyplan JSON export, read through and checked, ready to import (rows not kept)."""

    path: Path
    scope: str
    account: str | None
    schema_revision: str
    row_counts: dict[str, int]  # table name -> rows in the file
    stamp: tuple[int, int]  # size and modification time when read: changed since?

    @property
    def accounts(self) -> int:
        return self.row_counts.get("accounts", 0)

    @property
    def people(self) -> int:
        return self.row_counts.get("stakeholders", 0)


def read_export(path: str | os.PathLike[str]) -> ExportFile:
    """Read and check a Keyplan JSON export, piece by piece; count its rows.

    Raises:
        NotAKeyplanExport: the file cannot be read, is not JSON, not a Keyplan export, or was
            written by a newer Keyplan.
    """
    source = Path(path).expanduser()
    header: dict[str, Any] = {}
    counts: dict[str, int] | None = None  # None: no object of tables
    damaged = False  # a table that is not a list of rows, or the tables twice
    with _events(source) as events:
        stamp = _stamp(source)
        for kind, key, value in events:
            if kind == "document":
                raise NotAKeyplanExport(f"{source.name} is not a Keyplan export.")
            if kind == "member" and key == TABLES:
                damaged = True
            elif kind == "member":
                header[key] = value
            elif kind == "nested":
                damaged = damaged or counts is not None
                counts = {}
            elif kind == "array":
                damaged = damaged or key in counts
                counts[key] = 0
            elif kind == "item":
                counts[key] += 1
            elif kind == "nested_value":
                damaged = True
    return _checked(source, header, None if damaged else counts, stamp)


def _checked(
    source: Path, header: dict[str, Any], counts: dict[str, int] | None, stamp: tuple[int, int]
) -> ExportFile:
    if header.get("format") != FORMAT:
        raise NotAKeyplanExport(f"{source.name} is not a Keyplan export.")
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise NotAKeyplanExport(f"{source.name} has no format version; it is damaged.")
    revision = header.get("schema_revision")
    if version > FORMAT_VERSION or revision not in KNOWN_REVISIONS:
        raise NotAKeyplanExport(
            f"{source.name} was written by a newer version of Keyplan (format {version}, "
            f"schema {revision}). Update Keyplan to import it; nothing was changed."
        )
    if counts is None:
        raise NotAKeyplanExport(f"{source.name} has no tables of rows; it is damaged.")
    unknown = sorted(set(counts) - {table.name for table in tables()})
    if unknown:
        raise NotAKeyplanExport(
            f"{source.name} has tables this version of Keyplan does not know "
            f"({', '.join(unknown)}). Update Keyplan to import it; nothing was changed."
        )
    account = header.get("account")
    return ExportFile(source, str(header.get("scope")), account, revision, counts, stamp)


def import_json(db: Database, path: str | os.PathLike[str]) -> ImportReceipt:
    """Import a Keyplan JSON export into a database, all or nothing.

    A top-level account whose name is taken comes in as "Name (2)" (the receipt lists the
    renames); offerings and team members already there are reused.

    Raises:
        NotAKeyplanExport, ImportRefused: the file is refused; nothing was written.
    """
    return import_export_file(db, read_export(path))


def import_export_file(db: Database, export: ExportFile) -> ImportReceipt:
    """Import an export already read by ``read_export``: its rows are read again, streamed.

    Raises:
        NotAKeyplanExport, ImportRefused: the file is refused (or changed since it was read);
            nothing was written.
    """
    try:
        with _events(export.path) as events:
            if _stamp(export.path) != export.stamp:
                raise NotAKeyplanExport(_changed(export.path))
            history = HISTORY_TABLE in export.row_counts  # files of before 2026-12 have none
            return import_rows(db, _tables_of(events, export.path), history_in_file=history)
    except NotAKeyplanExport:
        raise  # its message names the file
    except ImportRefused as error:
        raise type(error)(f"{export.path.name}: {error}") from error


def _changed(source: Path) -> str:
    return f"{source.name} changed since it was read; nothing was imported. Open it again."


def _tables_of(events: Iterator[Event], source: Path) -> Iterator[tuple[str, Iterator[Any]]]:
    """(table name, its rows) in file order; each table's rows are read before the next."""
    for kind, key, _value in events:
        if kind == "array":
            yield key, _rows_until_end(events)
        elif kind == "nested_value":  # read_export refused such a file: it changed
            raise NotAKeyplanExport(_changed(source))


def _rows_until_end(events: Iterator[Event]) -> Iterator[Any]:
    for kind, _key, value in events:
        if kind != "item":
            return  # the array's end
        yield value


@contextlib.contextmanager
def _events(source: Path) -> Iterator[Iterator[Event]]:
    """The file's JSON events; reading and decoding errors become ``NotAKeyplanExport``."""
    try:
        with source.open("rb") as handle:
            yield read_events(handle, TABLES)
    except OSError as error:
        raise NotAKeyplanExport(f"Cannot read {source}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise NotAKeyplanExport(
            f"{source.name} is not a Keyplan export (not UTF-8 text)."
        ) from error
    except JsonSyntaxError as error:
        raise NotAKeyplanExport(
            f"{source.name} is not a Keyplan export (not valid JSON: line {error.lineno})."
        ) from error


def _stamp(source: Path) -> tuple[int, int]:
    status = source.stat()
    return status.st_size, status.st_mtime_ns


def import_summary(receipt: ImportReceipt) -> str:
    """One line for the user: what came in, and which accounts were renamed."""
    accounts, people = receipt.count("accounts"), receipt.count("stakeholders")
    text = f"Imported {count_of(accounts, 'account')}, {count_of(people, 'person')}"
    other = sum(len(rows) for rows in receipt.inserted.values()) - accounts - people
    if other:
        text += f" and {count_of(other, 'other row')}"
    if receipt.history_entries:  # the accounts' history came with them (the change log)
        text += f", with their history ({count_of(receipt.history_entries, 'change')})"
    text += "."
    for original, new in receipt.renamed:
        text += f" {original} was already there: imported as {new}."
    return text
