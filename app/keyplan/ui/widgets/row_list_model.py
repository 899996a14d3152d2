"""A read-mostly table of plain rows with fixed column titles: what three tabs share."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from typing_extensions import override  # typing.override arrives in 3.12

ModelIndex = QModelIndex | QPersistentModelIndex


class RowListModel(QAbstractTableModel):
    """Subclasses set ``TITLES`` and keep their rows in ``self._rows``."""

    TITLES: ClassVar[tuple[str, ...]] = ()
    _rows: list[Any]

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.TITLES)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.TITLES[section]
        return None
