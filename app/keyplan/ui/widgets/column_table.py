"""A table of plain rows whose columns are either stored fields or values worked out from a row.

The plan tables and the roster window share this: the row and column counts, the headers (a
worked-out column says so in its tooltip), which cells are editable, and re-reading rows in
place so the user's selection and scroll position survive an undo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

ModelIndex = QModelIndex | QPersistentModelIndex


class Column(Protocol):
    title: str
    field: str | None  # None: worked out from the row, not edited


class ColumnTableModel(QAbstractTableModel):
    """Subclasses set ``columns`` and ``DERIVED_TIP`` and keep their rows in ``self._rows``."""

    DERIVED_TIP: ClassVar[str] = "Worked out from the row; not edited directly."
    columns: Sequence[Column]
    _rows: list[Any]

    def _id_of(self, row: Any) -> int:
        return row["id"] if isinstance(row, dict) else row.id

    def replace_rows(self, new_rows: list[Any]) -> None:
        """Take fresh rows (in id order, as the old ones): remove, insert and update only
        what changed, so views keep their selection."""
        new_ids = {self._id_of(row) for row in new_rows}
        for position in reversed(range(len(self._rows))):
            if self._id_of(self._rows[position]) not in new_ids:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()
        old_ids = {self._id_of(row) for row in self._rows}
        for position, row in enumerate(new_rows):
            if self._id_of(row) not in old_ids:
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, row)
                self.endInsertRows()
            elif self._rows[position] != row:
                self._rows[position] = row
                last = self.index(position, len(self.columns) - 1)
                self.dataChanged.emit(self.index(position, 0), last)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.columns[section].field is None:
            return self.DERIVED_TIP
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and self.columns[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


TYPING_EDITS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def set_up_row_table(
    table: QTableView,
    widths: Sequence[int],
    delete_text: str,
    on_delete: Callable[[], object],
    *,
    edit_triggers: QAbstractItemView.EditTrigger = TYPING_EDITS,
    word_wrap: bool = False,
) -> None:
    """How a table of rows behaves: whole-row selection, typing starts an edit (by default),
    columns the user can widen, and Delete removes the selected rows (through ``on_delete``)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(edit_triggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(word_wrap)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for position, width in enumerate(widths):
        table.setColumnWidth(position, width)
    delete_action = QAction(delete_text, table)
    delete_action.setShortcut(QKeySequence.StandardKey.Delete)
    delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    delete_action.triggered.connect(lambda _checked=False: on_delete())
    table.addAction(delete_action)
