"""Rows of tools that wrap, as words do, when the window is too narrow for them.

The map's tools are groups (edit, find, zoom, export; the filters): a group stays together on
one line, and a group that does not fit on a line starts the next. Every tool then stays on
screen with its whole label in a laptop's window, where one scrolling row hid its ends; and the
tab asks for no more width than its widest group, so it never takes width from the portfolio
list beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

#: Pixels between two groups on a line, and between two lines.
GROUP_GAP = 14
LINE_GAP = 4


class ToolFlow(QLayout):
    """Lays its items out left to right, starting a new line where the next one would not fit.

    Items keep their preferred width (a tool squeezed below it would cut its label); one
    wider than the whole row gets the row's width.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    @override
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    @override
    def count(self) -> int:
        return len(self._items)

    @override
    def itemAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items[index] if 0 <= index < len(self._items) else None

    @override
    def takeAt(self, index: int) -> QLayoutItem | None:  # type: ignore[override]
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    @override
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    @override
    def hasHeightForWidth(self) -> bool:
        return True

    @override
    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    @override
    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    @override
    def sizeHint(self) -> QSize:
        """Every group on one line."""
        hints = [item.sizeHint() for item in self._shown()]
        width = sum(hint.width() for hint in hints) + GROUP_GAP * max(len(hints) - 1, 0)
        height = max((hint.height() for hint in hints), default=0)
        return self._with_margins(QSize(width, height))

    @override
    def minimumSize(self) -> QSize:
        """As narrow as the widest group: the rest wraps."""
        widest = QSize()
        for item in self._shown():
            widest = widest.expandedTo(item.minimumSize()).expandedTo(
                QSize(item.sizeHint().width(), 0)
            )
        return self._with_margins(widest)

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Places the items line by line within ``rect`` (when ``place``); returns the height
        they take."""
        area = rect.marginsRemoved(self.contentsMargins())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            width = min(hint.width(), area.width())
            if x > area.x() and x + width > area.right() + 1:  # full: the next line
                x, y = area.x(), y + line_height + LINE_GAP
                line_height = 0
            if place:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + GROUP_GAP
            line_height = max(line_height, hint.height())
        margins = self.contentsMargins()
        return y + line_height - area.y() + margins.top() + margins.bottom()


def tool_group(widgets: Sequence[QWidget]) -> QWidget:
    """Widgets that belong together (−, Fit, +): they wrap as one, never apart."""
    group = QWidget()
    row = QHBoxLayout(group)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(4)
    for widget in widgets:
        row.addWidget(widget)
    group.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return group


def tool_flow(groups: Sequence[QWidget]) -> QWidget:
    """A row of tool groups that wraps to more lines in a narrow window."""
    holder = QWidget()
    flow = ToolFlow(holder)
    for group in groups:
        flow.addWidget(group)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    return holder
