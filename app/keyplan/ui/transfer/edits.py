"""The undo step of an import: every person it added or changed, taken back at once.

Loaded when an import is first made, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.store.transfer import import_writes
from keyplan.ui.edits import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document import PortfolioDocument


class ImportPeople(DocumentCommand):
    """Undo removes the people the import added and restores the changed ones exactly."""

    def __init__(
        self, document: PortfolioDocument, receipt: import_writes.ImportReceipt, text: str
    ) -> None:
        super().__init__(document, text)
        self.receipt = receipt
        self._announce()

    def revert(self) -> None:
        import_writes.revert_import(self.document.database, self.receipt)
        self._announce()

    def apply(self) -> None:
        import_writes.reapply_import(self.document.database, self.receipt)
        self._announce()

    def _announce(self) -> None:
        # One signal for the whole account: views reload it once, not once per person.
        if self.receipt.account_created:
            self.document.accounts_changed.emit()
        for account_id in sorted(self.receipt.account_ids):
            self.document.people_changed.emit(account_id)


def import_text(receipt: import_writes.ImportReceipt, file_name: str) -> str:
    """How the Edit menu names an import: "Import 12 people from contacts.csv"."""
    count = len(receipt.added_ids) + len(receipt.updated_ids)
    return f"Import {count} {'person' if count == 1 else 'people'} from {file_name}"
