"""A list of findings whose lines lead somewhere: to a person, to a promise, or nowhere.

Headings group the lines; a line about a person or a promise carries its id, and activating it
(double-click or Enter) announces it so the main window can show that person or promise.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.ui.insights import palette
from keyplan.ui.widgets import theme

TargetRole = Qt.ItemDataRole.UserRole + 1  # ("person" | "commitment", id) or None

PERSON = "person"
COMMITMENT = "commitment"


class InsightList(QListWidget):
    """Findings under headings; lines about a person or promise can be opened."""

    person_activated = Signal(int)
    commitment_activated = Signal(int)
    log_requested = Signal(int)  # "log a meeting with this person" from the context menu

    def __init__(self, parent: QWidget | None = None, *, rows: int = 8) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Wrapped lines run together without a band to tell one finding from the next.
        self.setAlternatingRowColors(True)
        self.setSpacing(1)
        self.itemActivated.connect(self._on_activated)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    @override
    def sizeHint(self) -> QSize:
        # Tall enough for ``rows`` lines, so a short list does not collapse to nothing.
        line = self.fontMetrics().height() + 8
        return QSize(320, line * self.rows)

    # ---- adding lines ---------------------------------------------------------------------

    def add_heading(self, text: str, colour: QColor | None = None) -> QListWidgetItem:
        """A bold line that groups the lines below it; it leads nowhere."""
        item = QListWidgetItem(text)
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if colour is not None:
            item.setForeground(QBrush(theme.readable(colour)))
        self.addItem(item)
        return item

    def add_person(
        self, text: str, person_id: int, *, colour: QColor | None = None, tooltip: str = ""
    ) -> QListWidgetItem:
        """A line about one person: activating it opens the person."""
        return self._add_target(text, (PERSON, person_id), colour, tooltip or _OPEN_PERSON)

    def add_commitment(
        self, text: str, commitment_id: int, *, colour: QColor | None = None
    ) -> QListWidgetItem:
        """A line about one promise: activating it opens the promise."""
        return self._add_target(text, (COMMITMENT, commitment_id), colour, _OPEN_PROMISE)

    def add_note(self, text: str) -> QListWidgetItem:
        """A muted line that only informs ("nothing to worry about here")."""
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setForeground(QBrush(theme.readable(palette.MUTED)))
        self.addItem(item)
        return item

    def _add_target(
        self, text: str, target: tuple[str, int], colour: QColor | None, tooltip: str
    ) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(TargetRole, target)
        item.setToolTip(tooltip)
        if colour is not None:
            item.setForeground(QBrush(theme.readable(colour)))
        self.addItem(item)
        return item

    # ---- finding lines --------------------------------------------------------------------

    def targets(self) -> list[tuple[str, int]]:
        """The (kind, id) of every line that leads somewhere, in order."""
        found = []
        for row in range(self.count()):
            target = self.item(row).data(TargetRole)
            if target is not None:
                found.append(tuple(target))
        return found

    def item_for(self, kind: str, target_id: int) -> QListWidgetItem | None:
        """The first line about a person or promise, or None."""
        for row in range(self.count()):
            target = self.item(row).data(TargetRole)
            if target is not None and tuple(target) == (kind, target_id):
                return self.item(row)
        return None

    def texts(self) -> list[str]:
        """Every line as shown, headings included."""
        return [self.item(row).text() for row in range(self.count())]

    def _on_activated(self, item: QListWidgetItem) -> None:
        target = item.data(TargetRole)
        if target is None:
            return
        kind, target_id = target
        if kind == PERSON:
            self.person_activated.emit(int(target_id))
        elif kind == COMMITMENT:
            self.commitment_activated.emit(int(target_id))

    def _show_menu(self, point: QPoint) -> None:
        item = self.itemAt(point)
        target = item.data(TargetRole) if item is not None else None
        if target is None:
            return
        kind, target_id = target
        menu = QMenu(self)
        if kind == PERSON:
            menu.addAction("Show in People", lambda: self.person_activated.emit(target_id))
            menu.addAction("Log a meeting or call…", lambda: self.log_requested.emit(target_id))
        else:
            menu.addAction("Show in Commitments", lambda: self.commitment_activated.emit(target_id))
        menu.exec(self.viewport().mapToGlobal(point))


_OPEN_PERSON = "Double-click to show this person in the People tab; right-click to log a meeting"
_OPEN_PROMISE = "Double-click to show this promise in the Commitments tab"
