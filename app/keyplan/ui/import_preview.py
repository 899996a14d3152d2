"""The import wizard's preview: one line per row of the file, updates tickable.

A thin adapter over an ``ImportPlan``: named columns, a check box on the updates only (a new
person is always added, a skipped row never is), and ``plan()`` gives the plan with the
unticked updates left out.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from typing_extensions import override

from keyplan.exchange.import_plan import Action, ImportPlan, row_details

ModelIndex = QModelIndex | QPersistentModelIndex


class PreviewColumn(IntEnum):
    INCLUDE = 0
    WHERE = 1
    NAME = 2
    ACTION = 3
    DETAILS = 4


TITLES = ("", "Row", "Name", "What happens", "Why, and what changes")
ACTION_WORDS = {Action.NEW: "New", Action.UPDATE: "Update", Action.SKIP: "Skipped"}
_SKIPPED_GREY = QColor(120, 120, 120)
_NOTE_AMBER = QColor(150, 90, 0)


class ImportPreviewModel(QAbstractTableModel):
    """The rows of an ``ImportPlan`` with what happens to each."""

    def __init__(self, plan: ImportPlan | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._left_out: set[int] = set()

    def set_plan(self, plan: ImportPlan) -> None:
        self.beginResetModel()
        self._plan = plan
        self._left_out = set()
        self.endResetModel()

    def plan(self) -> ImportPlan | None:
        """The plan as the user left it: unticked updates are skipped."""
        if self._plan is None:
            return None
        return self._plan.without_updates(self._left_out)

    def set_included(self, position: int, included: bool) -> None:
        self.setData(
            self.index(position, PreviewColumn.INCLUDE),
            Qt.CheckState.Checked if included else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._plan is None else len(self._plan.rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TITLES[section]
        return None

    @override
    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PreviewColumn.INCLUDE and self._is_update(index.row()):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._plan is None:
            return None
        row = self._plan.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == PreviewColumn.INCLUDE:
            if row.action is not Action.UPDATE:
                return None
            ticked = index.row() not in self._left_out
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.action is Action.SKIP or index.row() in self._left_out:
                return _SKIPPED_GREY
            if row.notes and column == PreviewColumn.DETAILS:
                return _NOTE_AMBER
        if role == Qt.ItemDataRole.ToolTipRole and column == PreviewColumn.DETAILS:
            return self._text(index.row(), column)
        return None

    @override
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self._is_update(index.row()):
            return False
        position = index.row()
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._left_out.discard(position)
        else:
            self._left_out.add(position)
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(TITLES) - 1))
        return True

    def _is_update(self, position: int) -> bool:
        return self._plan is not None and self._plan.rows[position].action is Action.UPDATE

    def _text(self, position: int, column: int) -> str:
        assert self._plan is not None
        row = self._plan.rows[position]
        if column == PreviewColumn.WHERE:
            return row.where
        if column == PreviewColumn.NAME:
            return row.name
        if column == PreviewColumn.ACTION:
            return "Left out" if position in self._left_out else ACTION_WORDS[row.action]
        if column == PreviewColumn.DETAILS:
            shown = row if position not in self._left_out else _left_out(row)
            return row_details(shown)
        return ""


def _left_out(row: Any) -> Any:
    from dataclasses import replace

    return replace(row, included=False)
