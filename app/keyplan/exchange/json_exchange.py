"""Keyplan's JSON export of an account (with its affiliates) or of a whole database, and its
import into another database.

The file names its format, the format's version and the schema revision of the database it
came from, then lists every table's rows (see ``store/json_rows.py`` for which rows and how
ids are numbered). The same content always gives the same bytes: no export time, no ids of
the source database, a fixed order. So export → import into an empty file → export gives
a byte-identical file; the tests hold us to that.

A file of a newer format, or from a newer schema than this Keyplan knows, is refused with a
message. A file from an older schema is read: columns it lacks take their defaults.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from keyplan.store.atomic_files import write_file_atomically
from keyplan.store.database import Database
from keyplan.store.json_rows import ImportReceipt, ImportRefused, export_rows, import_rows
from keyplan.store.schema import KNOWN_REVISIONS

FORMAT = "keyplan-export"
FORMAT_VERSION = 1
SCOPE_ACCOUNT = "account"
SCOPE_DATABASE = "database"

Progress = Callable[[float], None]


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
    report = progress or (lambda _fraction: None)
    rows = export_rows(db, account_id)
    report(0.5)
    data = export_bytes(rows, _revision(db), _account_name(rows, account_id))
    path = write_file_atomically(out_path, data)
    report(1.0)
    return JsonExportSummary(path, len(rows["accounts"]), len(rows["stakeholders"]))


def export_bytes(
    rows: Mapping[str, list[dict[str, Any]]], schema_revision: str, account: str | None
) -> bytes:
    """The file's bytes: a header, then one line per row, so that it diffs and reads well."""
    header = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": schema_revision,
        "scope": SCOPE_DATABASE if account is None else SCOPE_ACCOUNT,
        "account": account,
    }
    lines = ["{"]
    lines += [f"  {_dump(key)}: {_dump(value)}," for key, value in header.items()]
    lines.append('  "tables": {')
    table_blocks = []
    for table, table_rows in rows.items():
        if not table_rows:
            table_blocks.append(f"    {_dump(table)}: []")
            continue
        body = ",\n".join(f"      {_dump(row)}" for row in table_rows)
        table_blocks.append(f"    {_dump(table)}: [\n{body}\n    ]")
    lines.append(",\n".join(table_blocks))
    lines += ["  }", "}", ""]
    return "\n".join(lines).encode("utf-8")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _revision(db: Database) -> str:
    (row,) = db.rows("SELECT version_num FROM alembic_version")
    return row[0]


def _account_name(rows: Mapping[str, list[dict[str, Any]]], account_id: int | None) -> str | None:
    if account_id is None:
        return None
    # The chosen account is the one top-level row of the export (its parent is left out).
    return next(row["name"] for row in rows["accounts"] if row["parent_id"] is None)


# ---- import -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportFile:
    """A Keyplan JSON export, read and checked, ready to import."""

    path: Path
    scope: str
    account: str | None
    schema_revision: str
    tables: dict[str, list[dict[str, Any]]]

    @property
    def accounts(self) -> int:
        return len(self.tables.get("accounts", []))

    @property
    def people(self) -> int:
        return len(self.tables.get("stakeholders", []))


def read_export(path: str | os.PathLike[str]) -> ExportFile:
    """Read and check a Keyplan JSON export.

    Raises:
        NotAKeyplanExport: the file cannot be read, is not JSON, not a Keyplan export, or was
            written by a newer Keyplan.
    """
    source = Path(path).expanduser()
    try:
        text = source.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise NotAKeyplanExport(f"Cannot read {source}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise NotAKeyplanExport(
            f"{source.name} is not a Keyplan export (not UTF-8 text)."
        ) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise NotAKeyplanExport(
            f"{source.name} is not a Keyplan export (not valid JSON: line {error.lineno})."
        ) from error
    return _checked(source, data)


def _checked(source: Path, data: Any) -> ExportFile:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise NotAKeyplanExport(f"{source.name} is not a Keyplan export.")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise NotAKeyplanExport(f"{source.name} has no format version; it is damaged.")
    revision = data.get("schema_revision")
    if version > FORMAT_VERSION or revision not in KNOWN_REVISIONS:
        raise NotAKeyplanExport(
            f"{source.name} was written by a newer version of Keyplan (format {version}, "
            f"schema {revision}). Update Keyplan to import it; nothing was changed."
        )
    tables = data.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(v, list) for v in tables.values()):
        raise NotAKeyplanExport(f"{source.name} has no tables of rows; it is damaged.")
    account = data.get("account")
    return ExportFile(source, str(data.get("scope")), account, revision, tables)


def import_json(db: Database, path: str | os.PathLike[str]) -> ImportReceipt:
    """Import a Keyplan JSON export into a database, all or nothing.

    A top-level account whose name is taken comes in as "Name (2)" (the receipt lists the
    renames); offerings and team members already there are reused.

    Raises:
        NotAKeyplanExport, ImportRefused: the file is refused; nothing was written.
    """
    return import_export_file(db, read_export(path))


def import_export_file(db: Database, export: ExportFile) -> ImportReceipt:
    """Import an export already read by ``read_export``."""
    try:
        return import_rows(db, export.tables)
    except ImportRefused as error:
        raise ImportRefused(f"{export.path.name}: {error}") from error


def import_summary(receipt: ImportReceipt) -> str:
    """One line for the user: what came in, and which accounts were renamed."""
    accounts, people = receipt.count("accounts"), receipt.count("stakeholders")
    text = f"Imported {_plural(accounts, 'account')}, {_plural(people, 'person', 'people')}"
    other = sum(len(rows) for rows in receipt.inserted.values()) - accounts - people
    if other:
        text += f" and {_plural(other, 'other row')}"
    text += "."
    for original, new in receipt.renamed:
        text += f" {original} was already there: imported as {new}."
    return text


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"
