"""File menu: export an account as CSV or JSON, import a JSON export (loaded on first use).

Exports only read, so they run in the background without blocking edits. A JSON import
writes: it goes through the serial writer queue, and lands on the undo stack as one step that
takes the whole import back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.background import BackgroundTask, run_task

if TYPE_CHECKING:
    from keyplan.store.transfer.json_rows import ImportReceipt
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.main_window import MainWindow

_CSV_WHAT = {"people": "people", "commitments": "commitments", "actions": "actions"}


def export_csv(window: MainWindow, table: str) -> BackgroundTask | None:
    """Export the selected account's people, commitments or actions as a CSV file."""
    from keyplan.exchange.transfer.csv_export import default_file_name
    from keyplan.exchange.transfer.csv_export import export_csv as write_csv

    chosen = _selected_account(window)
    if chosen is None:
        return None
    document, account_id, name = chosen
    family = document.plan_family(account_id)
    with_affiliates = len(family) > 1 and dialogs.confirm(
        window,
        f"{name} has {len(family) - 1} affiliate(s) below it. "
        f"Include their {_CSV_WHAT[table]} too?",
        f"Export {_CSV_WHAT[table]} as CSV",
    )
    suggested = str(Path.home() / default_file_name(name, table))
    target = dialogs.ask_save_file(
        window, f"Export {_CSV_WHAT[table]} as CSV", suggested, dialogs.CSV_FILTER, ".csv"
    )
    if not target:
        return None
    database = document.database
    if dialogs.refuse_output(window, target, database.path):
        return None
    return run_task(
        lambda _report: write_csv(
            database, account_id, table, target, with_affiliates=with_affiliates
        ),
        on_success=lambda summary: dialogs.show_info(
            window, f"Exported {summary.rows} {_CSV_WHAT[table]} to {summary.path}.", "Exported"
        ),
        on_error=lambda error: _show_failure(window, error, "Export failed"),
    )


def export_json(window: MainWindow, whole_database: bool = False) -> BackgroundTask | None:
    """Export the selected account and its affiliates (or the whole database) as JSON."""
    from keyplan.exchange.transfer.json_exchange import export_json as write_json

    document = window.document
    if document is None:
        return None
    if whole_database:
        account_id, name = None, (document.database.path or Path("keyplan")).stem
    else:
        chosen = _selected_account(window)
        if chosen is None:
            return None
        _document, account_id, name = chosen
    suggested = str(Path.home() / f"{_safe_name(name)}.json")
    title = "Export database as JSON" if whole_database else "Export account as JSON"
    target = dialogs.ask_save_file(window, title, suggested, dialogs.JSON_FILTER, ".json")
    if not target:
        return None
    database = document.database
    if dialogs.refuse_output(window, target, database.path):
        return None
    return run_task(
        lambda report: write_json(database, target, account_id, progress=report),
        on_success=lambda summary: dialogs.show_info(
            window,
            f"Exported {summary.accounts} account(s) with {summary.people} people "
            f"to {summary.path}.",
            "Exported",
        ),
        on_error=lambda error: _show_failure(window, error, "Export failed"),
    )


def import_json(window: MainWindow) -> BackgroundTask | None:
    """Read a JSON export, confirm what it holds, import it as one undoable step."""
    from keyplan.exchange.transfer.json_exchange import import_export_file, read_export

    document = window.document
    if document is None:
        return None
    chosen = dialogs.ask_open_file(window, "Import JSON", dialogs.JSON_FILTER)
    if not chosen:
        return None
    try:
        export = read_export(chosen)
    except KeyplanError as error:
        dialogs.show_error(window, str(error), "Cannot import")
        return None
    question = (
        f"Import {export.accounts} account(s) with {export.people} people from "
        f"{export.path.name} into this database?"
    )
    if not dialogs.confirm(window, question, "Import JSON"):
        return None
    database = document.database
    return run_task(
        lambda _report: import_export_file(database, export),
        on_success=lambda receipt: _imported(window, document, receipt),
        on_error=lambda error: _show_failure(window, error, "Import failed"),
        writes=True,
    )


def _imported(window: MainWindow, document: PortfolioDocument, receipt: ImportReceipt) -> None:
    from keyplan.exchange.transfer.json_exchange import import_summary

    document.transfer_editor.record_json_import(receipt)
    if window.document is document and receipt.top_account_ids:
        window.select_account(receipt.top_account_ids[0])
    dialogs.show_info(window, import_summary(receipt), "Import JSON")


def _selected_account(window: MainWindow) -> tuple[PortfolioDocument, int, str] | None:
    document = window.document
    if document is None:
        return None
    if window.account_id is None:
        dialogs.show_error(window, "Choose an account in the list first.")
        return None
    name = document.account_values(window.account_id)["name"]
    return document, window.account_id, name


def _safe_name(name: str) -> str:
    import re

    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", name).strip() or "keyplan"


def _show_failure(window: MainWindow, error: BaseException, title: str) -> None:
    if not isinstance(error, KeyplanError | OSError):
        raise error  # a bug: let the excepthook report it
    dialogs.show_error(window, str(error), title)
