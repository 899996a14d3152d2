"""Undo commands of accounts and people: add, change fields, delete.

Each takes back or re-does one edit through the store; announcing what changed is the
``DocumentCommand`` base's and the hub's job (``ui/document/command.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.store.people import edits
from keyplan.store.snapshots import RowSnapshot
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class SetAccountField(DocumentCommand):
    def __init__(
        self, document: PortfolioDocument, account_id: int, field: str, old: Any, new: Any
    ) -> None:
        super().__init__(document, f"Change {ACCOUNT_FIELDS[field].label.lower()}")
        self.account_id, self.field, self.old, self.new = account_id, field, old, new

    def apply(self) -> None:
        edits.set_account_field(self.document.database, self.account_id, self.field, self.new)

    def revert(self) -> None:
        edits.set_account_field(self.document.database, self.account_id, self.field, self.old)

    def announce(self) -> None:
        self.document.account_changed.emit(self.account_id, self.field)


class AddAccount(DocumentCommand):
    def __init__(self, document: PortfolioDocument, account_id: int, name: str) -> None:
        super().__init__(document, f"Add account {name}")
        self.account_id = account_id
        self.snapshot: RowSnapshot | None = None

    def revert(self) -> None:
        self.snapshot = edits.delete_account(self.document.database, self.account_id)

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)

    def announce(self) -> None:
        self.document.accounts_changed.emit()


class DeleteAccount(DocumentCommand):
    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int,
        name: str,
        snapshot: RowSnapshot,
        cascade: bool,
    ) -> None:
        super().__init__(document, f"Delete account {name}")
        self.account_id, self.snapshot, self.cascade = account_id, snapshot, cascade

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = edits.delete_account(
            self.document.database, self.account_id, cascade=self.cascade
        )

    def announce(self) -> None:
        self.document.accounts_changed.emit()


class SetPersonFields(DocumentCommand):
    def __init__(
        self,
        document: PortfolioDocument,
        person_id: int,
        name: str,
        old: dict[str, Any],
        new: dict[str, Any],
    ) -> None:
        what = ", ".join(STAKEHOLDER_FIELDS[field].label.lower() for field in new)
        super().__init__(document, f"Change {what} of {name}")
        self.person_id, self.old, self.new = person_id, old, new

    def apply(self) -> None:
        edits.set_stakeholder_fields(self.document.database, self.person_id, self.new)

    def revert(self) -> None:
        edits.set_stakeholder_fields(self.document.database, self.person_id, self.old)

    def announce(self) -> None:
        self.document.announce_person_fields(self.person_id, list(self.new))


class AddPerson(DocumentCommand):
    def __init__(
        self, document: PortfolioDocument, account_id: int, person_id: int, name: str
    ) -> None:
        super().__init__(document, f"Add {name}")
        self.account_id, self.person_id = account_id, person_id
        self.snapshot: RowSnapshot | None = None

    def revert(self) -> None:
        self.snapshot = edits.delete_stakeholder(self.document.database, self.person_id)

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)

    def announce(self) -> None:
        self.document.people_changed.emit(self.account_id)


class DeletePeople(DocumentCommand):
    """People deleted together (their reports moved up): one step, undone row for row."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_ids: tuple[int, ...],
        person_ids: list[int],
        text: str,
        snapshot: RowSnapshot,
    ) -> None:
        super().__init__(document, text)
        self.account_ids, self.person_ids, self.snapshot = account_ids, person_ids, snapshot

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = edits.delete_stakeholders(self.document.database, self.person_ids)

    def announce(self) -> None:
        for account_id in self.account_ids:
            self.document.people_changed.emit(account_id)
