"""A multi-line text field that commits when the user leaves it, like a line edit does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

if TYPE_CHECKING:  # QEvent's hundreds of types are made ready when a first event arrives
    from PySide6.QtGui import QFocusEvent


class NoteEdit(QPlainTextEdit):
    """Plain text with line breaks and bullet lines kept as typed; one undo step per visit."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setMinimumHeight(56)
        self.setMaximumHeight(110)
        self._shown = ""

    def show_text(self, text: str) -> None:
        """Show stored text without announcing it as an edit."""
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        text = self.toPlainText()
        if text != self._shown:
            self._shown = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)
