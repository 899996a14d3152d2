"""Undo commands of the account plan: rows of the plan tables and cells of the whitespace grid.

Like every ``DocumentCommand`` (``ui/document/command.py``), each one's first redo has already
happened in the plan's editor, which pushed it; the change is announced through
``plan_changed`` once the command is pushed, and after every later undo and redo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.domain.plan_fields import WHITESPACE
from keyplan.store.plan import edits as plan_edits
from keyplan.store.plan import whitespace as plan_whitespace
from keyplan.store.snapshots import RowSnapshot
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class PlanCommand(DocumentCommand):
    """A change to one plan table, announced for the accounts whose plans it touches."""

    def __init__(
        self, document: PortfolioDocument, text: str, table: str, account_ids: tuple[int, ...]
    ) -> None:
        super().__init__(document, text)
        self.table, self.account_ids = table, account_ids

    def announce(self) -> None:
        for account_id in self.account_ids:
            self.document.plan_changed.emit(self.table, account_id)


class AddPlanRow(PlanCommand):
    def __init__(
        self, document: PortfolioDocument, table: str, account_id: int, row_id: int, text: str
    ) -> None:
        self.row_id = row_id
        self.snapshot: RowSnapshot | None = None
        super().__init__(document, text, table, (account_id,))

    def revert(self) -> None:
        self.snapshot = plan_edits.delete_row(self.document.database, self.table, self.row_id)

    def apply(self) -> None:
        assert self.snapshot is not None
        plan_edits.restore(self.document.database, self.snapshot)  # the same id comes back


class SetPlanField(PlanCommand):
    def __init__(
        self,
        document: PortfolioDocument,
        table: str,
        account_ids: tuple[int, ...],
        row_id: int,
        field: str,
        values: tuple[Any, Any],
        text: str,
    ) -> None:
        self.row_id, self.field = row_id, field
        self.old, self.new = values
        super().__init__(document, text, table, account_ids)

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def _set(self, value: Any) -> None:
        plan_edits.set_field(self.document.database, self.table, self.row_id, self.field, value)


class SetPlanFields(PlanCommand):
    """Several fields of one plan row changed together (a promise's status and its date)."""

    def __init__(
        self,
        document: PortfolioDocument,
        table: str,
        account_ids: tuple[int, ...],
        row_id: int,
        values: tuple[dict[str, Any], dict[str, Any]],
        text: str,
    ) -> None:
        self.row_id = row_id
        self.old, self.new = values
        super().__init__(document, text, table, account_ids)

    def apply(self) -> None:
        plan_edits.set_fields(self.document.database, self.table, self.row_id, self.new)

    def revert(self) -> None:
        plan_edits.set_fields(self.document.database, self.table, self.row_id, self.old)


class DeletePlanRows(PlanCommand):
    """Rows of one plan table deleted together: one step, undone row for row."""

    def __init__(
        self,
        document: PortfolioDocument,
        table: str,
        account_ids: tuple[int, ...],
        row_ids: list[int],
        snapshot: RowSnapshot,
        text: str,
    ) -> None:
        self.row_ids, self.snapshot = row_ids, snapshot
        super().__init__(document, text, table, account_ids)

    def revert(self) -> None:
        plan_edits.restore(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = plan_edits.delete_rows(self.document.database, self.table, self.row_ids)


class SetWhitespace(PlanCommand):
    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int,
        cell: tuple[str, int],
        statuses: tuple[str | None, str | None],
        text: str,
    ) -> None:
        self.account_id, (self.department, self.offering_id) = account_id, cell
        self.old, self.new = statuses
        super().__init__(document, text, WHITESPACE, (account_id,))

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def _set(self, status: str | None) -> None:
        plan_whitespace.set_whitespace(
            self.document.database, self.account_id, self.department, self.offering_id, status
        )
