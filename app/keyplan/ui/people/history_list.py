"""A person's history as a short list to read: what changed, when, by whom; undone ones grey."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from keyplan.domain.history.wording import HistoryLine

EMPTY = "No changes recorded yet."
_UNDONE = QColor("#80868b")


class HistoryList(QListWidget):
    """Read-only lines, newest first: "Head of IT → CIO on 3 Mar — Sofie"."""

    def __init__(self, lines: Sequence[HistoryLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("person_history")
        self.setAccessibleName("History: what changed, when and by whom")
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        self.setMaximumHeight(130)
        for line in lines:
            text = f"{line.text} — {line.by}" if line.by else line.text
            item = QListWidgetItem(text, self)
            item.setToolTip(line.when.strftime("%Y-%m-%d %H:%M UTC"))
            if line.is_undo or line.undone:
                item.setForeground(_UNDONE)
        if not lines:
            QListWidgetItem(EMPTY, self).setForeground(_UNDONE)

    def texts(self) -> list[str]:
        """The lines as shown (for tests and screen readers alike)."""
        return [self.item(row).text() for row in range(self.count())]
