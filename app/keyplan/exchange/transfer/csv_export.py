"""CSV exports of an account's people, commitments and actions, for Excel and LibreOffice.

The file is UTF-8 with a byte-order mark (without it Excel reads accented names as
Windows-1252), comma-separated, with CRLF line ends and quotes where a cell needs them (a
multi-line note stays one cell). Headers are the labels people read on screen, and values
read as on screen too: "Champion / coach", not ``champion_coach``; a manager's name, not an id.

Spreadsheet formula injection is neutralised: a cell that a spreadsheet would run as a formula
(it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a leading
apostrophe, which shows and keeps it as text. A cell that is just a number ("-5", "+3.25")
is left alone: a spreadsheet reads it as that number, never as a formula. A cell that
itself starts with an apostrophe gets one more, so ``unguard_cell`` always gives back the
exact text.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from keyplan.domain.fields import STAKEHOLDER_FIELDS, FieldSpec, Kind
from keyplan.domain.plan_fields import PLAN_TABLE_SPECS, PlanTable
from keyplan.store.database import Database
from keyplan.store.safety.atomic_files import write_file_atomically
from keyplan.store.safety.output_paths import check_output_path

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


class CsvTable(StrEnum):
    """What a CSV export lists."""

    PEOPLE = "people"
    COMMITMENTS = "commitments"
    ACTIONS = "actions"


@dataclass(frozen=True, slots=True)
class CsvExportSummary:
    path: Path
    rows: int


@dataclass(frozen=True, slots=True)
class CsvSheet:
    """The header and the rows of one export, as text cells (not yet guarded)."""

    header: list[str]
    rows: list[list[str]]


# ---- the guard ------------------------------------------------------------------------------


def guard_cell(text: str) -> str:
    """Make a cell inert for spreadsheets (see the module's docstring)."""
    if text.startswith(_GUARD):
        return _GUARD + text
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return _GUARD + text
    return text


def unguard_cell(text: str) -> str:
    """The text a guarded cell stood for (what a program reading our CSV should do)."""
    return text[1:] if text.startswith(_GUARD) else text


def csv_bytes(sheet: CsvSheet) -> bytes:
    """The CSV file: UTF-8 with BOM, CRLF, every cell guarded."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([guard_cell(cell) for cell in sheet.header])
    writer.writerows([guard_cell(cell) for cell in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8-sig")


# ---- what goes in ---------------------------------------------------------------------------


def export_csv(
    db: Database,
    account_id: int,
    table: str | CsvTable,
    out_path: str | os.PathLike[str],
    *,
    with_affiliates: bool = False,
) -> CsvExportSummary:
    """Write one account's people, commitments or actions as CSV.

    Args:
        with_affiliates: also the rows of the affiliates below the account (an "Account"
            column says whose each row is).

    Raises:
        FileWriteFailed: the file cannot be written; an older file of that name is intact.
        NotFound: the account does not exist.
    """
    out_path = check_output_path(out_path, db.path)
    sheet = build_sheet(db, account_id, CsvTable(table), with_affiliates=with_affiliates)
    path = write_file_atomically(out_path, csv_bytes(sheet))
    return CsvExportSummary(path, len(sheet.rows))


def build_sheet(
    db: Database, account_id: int, table: CsvTable, *, with_affiliates: bool
) -> CsvSheet:
    """The header and rows of an export, before guarding and encoding."""
    from keyplan.store.plan import edits as plan_edits

    accounts = plan_edits.family_names(db, account_id)
    if account_id not in accounts:
        from keyplan.domain.errors import NotFound

        raise NotFound(f"That account no longer exists (id {account_id}).")
    if not with_affiliates:
        accounts = {account_id: accounts[account_id]}
    if table is CsvTable.PEOPLE:
        return _people_sheet(db, accounts)
    return _plan_sheet(db, account_id, PlanTable(table.value), accounts)


def _people_sheet(db: Database, accounts: dict[int, str]) -> CsvSheet:
    from keyplan.store.people import queries

    team = dict(queries.team_members(db))
    specs = list(STAKEHOLDER_FIELDS.values())
    header = ["Account", *(spec.label for spec in specs), "Relationship owners", "Last contact"]
    rows = []
    for account_id in sorted(accounts, key=lambda a: (a != min(accounts), accounts[a], a)):
        for person in queries.people(db, account_id):
            references = {
                "reports_to_id": person.manager_name,
                "preferred_team_member_id": team.get(person["preferred_team_member_id"]),
            }
            cells = [_cell(spec, person[spec.name], references) for spec in specs]
            last = person.last_contact.isoformat() if person.last_contact else ""
            rows.append([accounts[account_id], *cells, "; ".join(person.owners), last])
    return CsvSheet(header, rows)


def _plan_sheet(
    db: Database, account_id: int, table: PlanTable, accounts: dict[int, str]
) -> CsvSheet:
    from keyplan.store.plan import edits as plan_edits

    specs = list(PLAN_TABLE_SPECS[table].fields.values())
    choices = plan_edits.reference_choices(db, table.value, account_id)
    names = {field: dict(pairs) for field, pairs in choices.items()}
    header = ["Account", *(spec.label for spec in specs)]
    rows = []
    for row in plan_edits.rows(db, table.value, account_id):
        if row["account_id"] not in accounts:
            continue
        references = {field: names[field].get(row[field]) for field in names}
        rows.append(
            [accounts[row["account_id"]], *(_cell(s, row[s.name], references) for s in specs)]
        )
    return CsvSheet(header, rows)


def _cell(spec: FieldSpec, value: Any, references: dict[str, str | None]) -> str:
    """A value as the screen shows it: labels for choices, names for references."""
    if value is None:
        return ""
    if spec.kind is Kind.REFERENCE:
        return references.get(spec.name) or ""
    if spec.kind is Kind.MONEY:
        return _plain_number(value)  # "1,200,000" would be text in half of Europe
    return spec.display(value)


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def read_csv_cells(data: bytes) -> list[list[str]]:
    """Our CSV read back: the cells as they were before guarding (for tests and tools)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [[unguard_cell(cell) for cell in row] for row in reader]


def default_file_name(account_name: str, table: str | CsvTable) -> str:
    """``Acme Group people.csv``: a file name without characters file systems refuse."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", account_name).strip() or "account"
    return f"{safe} {CsvTable(table).value}.csv"
