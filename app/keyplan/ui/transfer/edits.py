"""The undo steps of imports: a contact file's people, a JSON export's accounts.

Loaded when an import is first made, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.domain.wording import count_of
from keyplan.store.transfer import import_writes, json_rows
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class ImportPeople(DocumentCommand):
    """Undo removes the people the import added and restores the changed ones exactly."""

    def __init__(
        self, document: PortfolioDocument, receipt: import_writes.ImportReceipt, text: str
    ) -> None:
        super().__init__(document, text)
        self.receipt = receipt

    def revert(self) -> None:
        import_writes.revert_import(self.document.database, self.receipt)

    def apply(self) -> None:
        import_writes.reapply_import(self.document.database, self.receipt)

    def announce(self) -> None:
        # One signal for the whole account: views reload it once, not once per person.
        if self.receipt.account_created:
            self.document.accounts_changed.emit()
        for account_id in sorted(self.receipt.account_ids):
            self.document.people_changed.emit(account_id)


class ImportJson(DocumentCommand):
    """A JSON import already written; undo deletes exactly its rows, redo writes them again."""

    def __init__(self, document: PortfolioDocument, receipt: json_rows.ImportReceipt) -> None:
        accounts = receipt.count("accounts")
        super().__init__(document, f"Import {count_of(accounts, 'account')}")
        self.receipt = receipt

    def apply(self) -> None:
        json_rows.reapply_import(self.document.database, self.receipt)

    def revert(self) -> None:
        json_rows.remove_imported(self.document.database, self.receipt)

    def announce(self) -> None:
        self.document.accounts_changed.emit()


def import_text(receipt: import_writes.ImportReceipt, file_name: str) -> str:
    """How the Edit menu names an import: "Import 12 people from contacts.csv"."""
    count = len(receipt.added_ids) + len(receipt.updated_ids)
    return f"Import {count} {'person' if count == 1 else 'people'} from {file_name}"
