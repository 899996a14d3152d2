"""The editor of imports: what an import is planned against, and its writing as one undo step.

Reached through the document (``document.transfer_editor``), which loads it when an import is
first made, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from keyplan.store.transfer import import_reads, import_writes, json_rows
from keyplan.ui.background import BackgroundTask, run_task
from keyplan.ui.transfer import edits as transfer_commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class TransferEditor:
    """Imports of people from contact files, and of accounts from a JSON export."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    def import_target(self, account_id: int | None, portfolio: bool = False) -> Any:
        """What an import is planned against (``ImportTarget``).

        Into one account: its people and its family's. With ``portfolio`` (``account_id``
        is not used): every account and everyone in them, each row going to its company's.
        """
        return import_reads.import_target(self.database, account_id, portfolio=portfolio)

    def import_people(self, plan: Any, file_name: str) -> Any:
        """Write an ``ImportPlan`` in one transaction: one undo step; return the receipt."""
        receipt = import_writes.apply_import(self.database, plan.to_write())
        self.record_import(receipt, file_name)
        return receipt

    def import_people_in_background(
        self,
        plan: Any,
        file_name: str,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Any = None,
    ) -> BackgroundTask:
        """``import_people`` on the serial writer thread; the undo step is pushed when done.

        Returns the ``BackgroundTask``; ``on_done(receipt)`` and ``on_error(error)`` run on
        the GUI thread.
        """
        write = plan.to_write()
        database = self.database

        def finished(receipt: Any) -> None:
            self.record_import(receipt, file_name)
            on_done(receipt)

        return run_task(
            lambda report: import_writes.apply_import(database, write, report),
            on_success=finished,
            on_error=on_error,
            on_progress=on_progress,
            writes=True,
        )

    def record_import(self, receipt: import_writes.ImportReceipt, file_name: str) -> None:
        """Push the undo step of an import of people already written."""
        self.document.push(
            transfer_commands.ImportPeople(
                self.document, receipt, transfer_commands.import_text(receipt, file_name)
            )
        )

    def import_calendar_in_background(
        self,
        preview: Any,
        file_name: str,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> BackgroundTask:
        """Write a calendar's previewed meetings on the writer thread: one transaction, one
        undo step pushed when done; ``on_done(receipt)`` runs on the GUI thread."""
        from keyplan.exchange.transfer.calendar_import import import_calendar

        database = self.database

        def finished(receipt: Any) -> None:
            if receipt.interaction_ids or receipt.added_person_ids:
                self.document.push(
                    transfer_commands.ImportCalendar(
                        self.document, receipt, transfer_commands.calendar_text(receipt, file_name)
                    )
                )
            on_done(receipt)

        return run_task(
            lambda _report: import_calendar(database, preview),
            on_success=finished,
            on_error=on_error,
            writes=True,
        )

    def record_json_import(self, receipt: json_rows.ImportReceipt) -> None:
        """Push the undo step of a JSON import already written (on the writer thread)."""
        self.document.push(transfer_commands.ImportJson(self.document, receipt))
