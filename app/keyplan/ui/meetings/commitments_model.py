"""The promises of an account family as a table: open ones first, overdue ones in red.

Every cell but the account's is edited in place; an edit goes through the document (the plan's
own edits: promises are plan rows), so each is one undo step. Changing the status also sets or
clears the delivery date, in the same step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import FieldSpec
from keyplan.domain.plan_fields import COMMITMENT_FIELDS, PlanTable
from keyplan.domain.rules import is_commitment_late
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.store.meetings.queries import CommitmentRow
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.insights import palette
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.row_list_model import RowListModel

CommitmentIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FieldSpecRole = Qt.ItemDataRole.UserRole + 3
OverdueRole = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex


class CommitmentColumn:
    """The columns, by name, and the stored field each one edits."""

    DUE = 0
    PROMISE = 1
    TO = 2
    BY = 3
    STATUS = 4
    DELIVERED = 5
    MADE = 6
    TITLES = ("Due", "Promise", "To", "By", "Status", "Delivered", "Made on")
    FIELDS = ("due_on", "promise", "to_stakeholder_id", "by_team_member_id", "status",
              "delivered_on", "made_on")  # fmt: skip


class CommitmentsTableModel(RowListModel):
    """Rows of ``CommitmentRow`` for one account family."""

    TITLES = CommitmentColumn.TITLES

    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: list[CommitmentRow] = []
        self.today = date.today()
        self.error_handler: Callable[[str], None] | None = None  # set by the view

    def set_rows(self, rows: list[CommitmentRow], today: date) -> None:
        self.beginResetModel()
        self._rows, self.today = list(rows), today
        self.endResetModel()

    def row(self, number: int) -> CommitmentRow:
        return self._rows[number]

    def row_of(self, commitment_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == commitment_id), None)

    def is_overdue(self, row: CommitmentRow) -> bool:
        """Open and past its due date (kept-late promises are history, not overdue)."""
        return row.status == CommitmentStatus.OPEN.value and is_commitment_late(
            row.status, row.due_on, row.delivered_on, self.today
        )

    def overdue_count(self) -> int:
        return sum(1 for row in self._rows if self.is_overdue(row))

    # ---- QAbstractTableModel ------------------------------------------------------------

    @override
    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(row, _ROW_ATTRIBUTES[column])
            # Dates are edited as text (YYYY-MM-DD), which the field spec parses and checks.
            return value.isoformat() if isinstance(value, date) else value
        if role == CommitmentIdRole:
            return row.id
        if role == FieldSpecRole:
            return _spec(column)
        if role == OverdueRole:
            return self.is_overdue(row)
        if role == SortRole:
            return _sort_key(row, column, self._display(row, column))
        return self._decoration(row, column, role)

    def _display(self, row: CommitmentRow, column: int) -> str:
        if column == CommitmentColumn.TO:
            return row.to_name or ""
        if column == CommitmentColumn.BY:
            return row.by_name or ""
        if column == CommitmentColumn.STATUS:
            label = _spec(column).display(row.status)
            if self.is_overdue(row) and row.due_on is not None:
                label += f" — {(self.today - row.due_on).days} days overdue"
            return label
        value = getattr(row, _ROW_ATTRIBUTES[column])
        return _spec(column).display(value)

    def _decoration(self, row: CommitmentRow, column: int, role: int) -> Any:
        overdue = self.is_overdue(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return palette.RED
            if row.status != CommitmentStatus.OPEN.value:
                return theme.colour(theme.MUTED)  # settled: history
        if role == Qt.ItemDataRole.FontRole and overdue and column == CommitmentColumn.STATUS:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == CommitmentColumn.PROMISE:
            return row.promise
        return None

    @override
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        field = CommitmentColumn.FIELDS[index.column()]
        try:
            if field == "status":
                self.document.set_commitment_status(row.id, value, self.today)
            else:
                self.document.set_plan_field(PlanTable.COMMITMENTS.value, row.id, field, value)
        except KeyplanError as error:
            if self.error_handler is not None:
                self.error_handler(str(error))
            return False
        return True


# CommitmentRow attribute shown in each column (names differ from the stored fields for the
# two references, which the row carries as ids beside their names).
_ROW_ATTRIBUTES = ("due_on", "promise", "to_person_id", "by_team_member_id", "status",
                   "delivered_on", "made_on")  # fmt: skip


def _spec(column: int) -> FieldSpec:
    return COMMITMENT_FIELDS[CommitmentColumn.FIELDS[column]]


def _sort_key(row: CommitmentRow, column: int, shown: str) -> Any:
    """Dates sort as dates (undated last), everything else as the words shown."""
    if column in (CommitmentColumn.DUE, CommitmentColumn.DELIVERED, CommitmentColumn.MADE):
        value = getattr(row, _ROW_ATTRIBUTES[column])
        return value.toordinal() if value else 10**7
    return shown.casefold()
