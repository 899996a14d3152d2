"""The past interactions of an account family as a table, newest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.vocabulary import Channel
from keyplan.store.meetings.queries import InteractionRow
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.row_list_model import RowListModel

InteractionIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


class InteractionColumn:
    """The columns, by name."""

    DATE = 0
    CHANNEL = 1
    PEOPLE = 2
    SUMMARY = 3
    NEXT_STEP = 4
    TEAM = 5
    TITLES = ("Date", "Channel", "Their people", "Summary", "Next step", "Our team")


class InteractionsTableModel(RowListModel):
    """Rows of ``InteractionRow``; the tab reloads it when the document says so."""

    TITLES = InteractionColumn.TITLES

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InteractionRow] = []
        self.today = date.today()

    def set_rows(self, rows: list[InteractionRow], today: date) -> None:
        self.beginResetModel()
        self._rows, self.today = list(rows), today
        self.endResetModel()

    def row(self, number: int) -> InteractionRow:
        return self._rows[number]

    def row_of(self, interaction_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == interaction_id), None)

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == InteractionIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, index.column())
        if role == SortRole:
            if index.column() == InteractionColumn.DATE:
                return row.occurred_on.toordinal() * 1_000_000 + row.id
            return (_display(row, index.column()) or "").casefold()
        if role == Qt.ItemDataRole.ToolTipRole and index.column() > InteractionColumn.CHANNEL:
            return _display(row, index.column()) or None
        if role == Qt.ItemDataRole.ForegroundRole and row.occurred_on > self.today:
            return theme.colour(theme.MUTED)  # planned, not yet contact
        return None


def _display(row: InteractionRow, column: int) -> str:
    if column == InteractionColumn.DATE:
        return row.occurred_on.isoformat()
    if column == InteractionColumn.CHANNEL:
        try:
            return Channel(row.channel).label
        except ValueError:
            return row.channel
    if column == InteractionColumn.PEOPLE:
        return ", ".join(name for _, name in row.people)
    if column == InteractionColumn.TEAM:
        return ", ".join(name for _, name in row.team)
    if column == InteractionColumn.SUMMARY:
        return row.summary or ""
    return row.next_step or ""
