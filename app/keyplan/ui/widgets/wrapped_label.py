"""A word-wrapped label that lays its text out once per width, not once per question."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class WrappedLabel(QLabel):
    """A ``QLabel`` with word wrap whose height for a width is remembered.

    Qt's layouts ask a wrapped label its height for a width many times while a window is
    laid out (the first window asked its three wrapped labels a hundred times, at some twenty
    widths), and ``QLabel`` lays the whole text out again for each question.

    A height is remembered with the label's size hint, which ``QLabel`` keeps and measures
    again when its font or style changes: a new font is asked about afresh. No
    ``changeEvent`` for that: a Python event handler has PySide6 make QEvent and its
    hundreds of types ready, dearer than the layouts it would save.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setWordWrap(True)
        self._heights: dict[tuple[int, int, int], int] = {}

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def heightForWidth(self, width: int) -> int:
        hint = self.sizeHint()
        key = (width, hint.width(), hint.height())
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 100:  # widths the user dragged through: start again
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height
