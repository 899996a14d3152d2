""" "Export plan (PDF or PowerPoint)…": ask what and where, write it off the GUI thread, offer
to open it.

The PDF itself is ``keyplan.reports.export.export_pdf`` (ReportLab, no Qt), the deck
``keyplan.reports.deck.export.export_pptx`` (python-pptx). It runs through the
background helper with a progress dialog whose Cancel stops it at its next progress report;
the exporter writes atomically, so a cancelled or failed export leaves no half-written file.
"""

from __future__ import annotations

import re
import sys
import traceback
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from keyplan.domain.errors import KeyplanError
from keyplan.domain.plan_vocabulary import ExportVariant
from keyplan.ui import dialogs
from keyplan.ui.background import BackgroundTask, Report, run_task
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.plan.export_dialog import ExportOptions

FILE_NAME_WORDS = {
    ExportVariant.INTERNAL: "account plan (internal)",
    ExportVariant.CUSTOMER: "account plan",
    ExportVariant.BRIEF: "meeting brief",
}


def export_pdf(*args: Any, **kwargs: Any) -> Any:
    """The reports floor's exporter, looked up at call time (ReportLab loads only when used)."""
    return import_module("keyplan.reports.export").export_pdf(*args, **kwargs)


def export_pptx(*args: Any, **kwargs: Any) -> Any:
    """The deck exporter, looked up at call time (python-pptx loads only when used)."""
    return import_module("keyplan.reports.deck.export").export_pptx(*args, **kwargs)


def suggested_file_name(
    account_name: str, variant: ExportVariant, today: date, extension: str = "pdf"
) -> str:
    """ "Aldermark Group - meeting brief - 2026-03-05.pdf", safe on every file system."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", account_name).strip(" .") or "Account"
    return f"{safe} - {FILE_NAME_WORDS[variant]} - {today.isoformat()}.{extension}"


class PlanExport(QObject):
    """Runs one export at a time for a window; ``finished`` carries the path written."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.task: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None

    @property
    def is_running(self) -> bool:
        return self.task is not None

    def start(self, document: PortfolioDocument, account_id: int) -> None:
        """Ask for the document, paper and file, then export; returns at once."""
        if self.is_running:
            dialogs.show_info(self.window, "An export is still running. Wait for it to finish.")
            return
        options = dialogs.ask_export_options(self.window, _people(document, account_id))
        if not isinstance(options, ExportOptions):
            return
        name = document.account_values(account_id)["name"]
        # The dialog starts in the folder the last PDF went to (ui/shell/file_folders.py).
        suggested = suggested_file_name(name, options.variant, date.today(), options.format)
        ask = dialogs.ask_save_pptx if options.format == "pptx" else dialogs.ask_save_pdf
        path = ask(self.window, suggested)
        if not path or dialogs.refuse_output(self.window, path, document.database.path):
            return
        self._run(document, account_id, options, path, name)

    # ---- running ------------------------------------------------------------------------

    def _run(
        self,
        document: PortfolioDocument,
        account_id: int,
        options: ExportOptions,
        path: str,
        account_name: str,
    ) -> None:
        database = document.database  # the worker gets plain values, never a widget

        def work(report: Report) -> Any:
            if options.format == "pptx":
                return export_pptx(
                    database,
                    account_id,
                    options.variant,
                    path,
                    people=list(options.people) or None,
                    people_shown=options.people_shown.value,
                    progress=report,
                )
            return export_pdf(
                database,
                account_id,
                options.variant,
                path,
                page_size=options.page_size,
                people=list(options.people) or None,
                progress=report,
                people_shown=options.people_shown.value,
            )

        self._show_progress(f"Writing the {options.variant.label.lower()} of {account_name}…")
        self.task = run_task(
            work,
            on_success=lambda _result: self._succeeded(path),
            on_error=self._failed,
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
            writes=True,  # the exporter records the export in the database
        )

    def _show_progress(self, text: str) -> None:
        progress = QProgressDialog(text, "Cancel", 0, 100, self.window)
        progress.setWindowTitle("Export plan")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)  # a quick export never flashes a dialog
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        progress.canceled.connect(self.cancel)
        self.progress = progress

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.progress is not None:
            self.progress.setLabelText("Cancelling…")

    def _progressed(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress.setValue(round(fraction * 100))

    def _end(self) -> None:
        self.task = None
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _succeeded(self, path: str) -> None:
        self._end()
        self.finished.emit(path)
        choice = dialogs.ask_open_export(self.window, path)
        if choice == "file":
            dialogs.open_in_desktop(path)
        elif choice == "folder":
            dialogs.open_in_desktop(str(Path(path).parent))

    def _failed(self, error: BaseException) -> None:
        self._end()
        if isinstance(error, KeyplanError):
            message = str(error)
        else:  # a bug: keep its traceback for the report, and still tell the user
            traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
            message = f"The export failed unexpectedly ({type(error).__name__}: {error})."
        self.failed.emit(message)
        dialogs.show_error(self.window, message, "Export failed")

    def _cancelled(self) -> None:
        self._end()


def _people(document: PortfolioDocument, account_id: int) -> list[tuple[str, str]]:
    """The people a brief can be about: present ones of the umbrella, by name, with a hint."""
    people = [
        person
        for person in document.people(account_id, with_affiliates=True)
        if not person["has_left"]
    ]
    people.sort(key=lambda person: person["full_name"].casefold())
    return [
        (
            person["full_name"],
            " · ".join(part for part in (person["job_title"], person["department"]) if part),
        )
        for person in people
    ]
