"""Undo commands: each takes back or re-does one edit through the store, then announces it.

The document performs an edit once before it pushes the command, so ``redo`` skips its first
call. An undo or redo the store refuses (a damaged or locked file) cannot raise through Qt's
C++ frames, so it is reported through the document's ``edit_failed`` signal instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.store.people import edits
from keyplan.store.snapshots import RowSnapshot

if TYPE_CHECKING:
    from keyplan.ui.document import PortfolioDocument


class DocumentCommand(QUndoCommand):
    """A command whose first redo has already happened in the document method."""

    def __init__(self, document: PortfolioDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Any) -> None:
        try:
            step()
        except KeyplanError as error:
            self.document.report_failure(str(error))

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class SetAccountField(DocumentCommand):
    def __init__(
        self, document: PortfolioDocument, account_id: int, field: str, old: Any, new: Any
    ) -> None:
        super().__init__(document, f"Change {ACCOUNT_FIELDS[field].label.lower()}")
        self.account_id, self.field, self.old, self.new = account_id, field, old, new
        document.account_changed.emit(account_id, field)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def _set(self, value: Any) -> None:
        edits.set_account_field(self.document.database, self.account_id, self.field, value)
        self.document.account_changed.emit(self.account_id, self.field)


class AddAccount(DocumentCommand):
    def __init__(self, document: PortfolioDocument, account_id: int, name: str) -> None:
        super().__init__(document, f"Add account {name}")
        self.account_id = account_id
        self.snapshot: RowSnapshot | None = None
        document.accounts_changed.emit()

    def revert(self) -> None:
        self.snapshot = edits.delete_account(self.document.database, self.account_id)
        self.document.accounts_changed.emit()

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)
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
        document.accounts_changed.emit()

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)
        self.document.accounts_changed.emit()

    def apply(self) -> None:
        self.snapshot = edits.delete_account(
            self.document.database, self.account_id, cascade=self.cascade
        )
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
        document.announce_person_fields(person_id, list(new))

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def _set(self, values: dict[str, Any]) -> None:
        edits.set_stakeholder_fields(self.document.database, self.person_id, values)
        self.document.announce_person_fields(self.person_id, list(values))


class AddPerson(DocumentCommand):
    def __init__(
        self, document: PortfolioDocument, account_id: int, person_id: int, name: str
    ) -> None:
        super().__init__(document, f"Add {name}")
        self.account_id, self.person_id = account_id, person_id
        self.snapshot: RowSnapshot | None = None
        document.people_changed.emit(account_id)

    def revert(self) -> None:
        self.snapshot = edits.delete_stakeholder(self.document.database, self.person_id)
        self.document.people_changed.emit(self.account_id)

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)
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
        self._announce()

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)
        self._announce()

    def apply(self) -> None:
        self.snapshot = edits.delete_stakeholders(self.document.database, self.person_ids)
        self._announce()

    def _announce(self) -> None:
        for account_id in self.account_ids:
            self.document.people_changed.emit(account_id)
