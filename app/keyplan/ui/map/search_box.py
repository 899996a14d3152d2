"""The map's search box, which says inside itself what the search found.

A search that finds no one must say so where the user is looking: at the box. The answer sits
at the box's right end, before the clear button ("No one matches" in red, or "3 found"), with
the whole sentence in the box's tooltip. Inside the box it never widens the crowded tool row,
which would push Export out of sight or make the box jump while the user types.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

MUTED, ALERT = "#546e7a", "#c62828"  # a count; a search that found no one
PROMPT = "Find a person…"


class SearchBox(QLineEdit):
    """A line edit with the search's answer at its right end.

    Attributes:
        message: the whole answer as a sentence ("No one matches 'xyz'"), or "".
        answer: the short answer shown inside the box.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(PROMPT)
        self.setClearButtonEnabled(True)
        self.message = ""
        self.answer = QLabel(self)
        self.answer.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.answer.hide()

    def show_answer(self, short: str, message: str, *, alert: bool) -> None:
        """Show a search's answer in the box ("" hides it).

        Args:
            short: the few words inside the box.
            message: the whole sentence, for the tooltip.
            alert: the search found no one (red).
        """
        self.message = message
        self.setToolTip(message)
        self.answer.setText(short)
        self.answer.setStyleSheet(f"color: {ALERT if alert else MUTED};")
        self.answer.adjustSize()
        self._place_answer()

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_answer()

    def _place_answer(self) -> None:
        shown = bool(self.answer.text())
        self.answer.setVisible(shown)
        if not shown:
            self.setTextMargins(0, 0, 0, 0)
            return
        # The clear button appears at the right end once there is text; the answer goes before.
        clear = self.findChild(QToolButton)
        room = clear.sizeHint().width() + 4 if clear is not None else 22
        width = self.answer.width()
        x = self.width() - room - width
        self.answer.move(x, (self.height() - self.answer.height()) // 2)
        self.setTextMargins(0, 0, width + 4, 0)  # the typed text stops short of the answer
