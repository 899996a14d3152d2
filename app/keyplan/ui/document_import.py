"""The document's import of people from contact files, as one undo step.

Mixed into ``PortfolioDocument`` (``ui/document.py``), whose signals and undo stack it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from keyplan.store.database import Database

if TYPE_CHECKING:
    pass


class ImportEditing:
    # Provided by PortfolioDocument, which this part is mixed into.
    database: Database
    undo_stack: QUndoStack

    # ---- importing people (issue 6) ---------------------------------------------------------
    # The import's modules load when an import is first made, never at start-up.

    def import_target(self, account_id: int | None, portfolio: bool = False) -> Any:
        """What an import is planned against (``ImportTarget``).

        Into one account: its people and its family's. With ``portfolio`` (``account_id``
        is not used): every account and everyone in them, each row going to its company's.
        """
        from keyplan.store.transfer import import_reads

        return import_reads.import_target(self.database, account_id, portfolio=portfolio)

    def import_people(self, plan: Any, file_name: str) -> Any:
        """Write an ``ImportPlan`` in one transaction: one undo step; return the receipt."""
        from keyplan.store.transfer import import_writes

        receipt = import_writes.apply_import(self.database, plan.to_write())
        self.record_import(receipt, file_name)
        return receipt

    def import_people_in_background(
        self,
        plan: Any,
        file_name: str,
        *,
        on_done: Any,
        on_error: Any,
        on_progress: Any = None,
    ) -> Any:
        """``import_people`` on the serial writer thread; the undo step is pushed when done.

        Returns the ``BackgroundTask``; ``on_done(receipt)`` and ``on_error(error)`` run on
        the GUI thread.
        """
        from keyplan.store.transfer import import_writes
        from keyplan.ui.background import run_task

        write = plan.to_write()

        def finished(receipt: Any) -> None:
            self.record_import(receipt, file_name)
            on_done(receipt)

        return run_task(
            lambda report: import_writes.apply_import(self.database, write, report),
            on_success=finished,
            on_error=on_error,
            on_progress=on_progress,
            writes=True,
        )

    def record_import(self, receipt: Any, file_name: str) -> None:
        """Push the undo step of an import already written (and announce what it changed)."""
        from keyplan.ui.transfer.edits import ImportPeople, import_text

        self.undo_stack.push(ImportPeople(self, receipt, import_text(receipt, file_name)))
