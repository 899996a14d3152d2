"""The two dialogs of forgetting: the confirmation (type the name) and the report.

Both open window-modal without blocking (``open()``), so the flow reads as a user's steps
and the tests drive them with qtbot as a user would: choose, type, click.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.plain_text import typed_name_key

WHAT_GOES = (
    "This removes them and every trace of them: their card, their attendance at meetings (the "
    "meetings stay), influence and dotted lines, promises to them, relationship owners, "
    "evidence, their history and other people's history naming them, and export records "
    "naming them. Their name in notes and summaries becomes “[removed]”. Their reports will "
    "report to their manager."
)


def same_name(typed: str, name: str) -> bool:
    """Whether what was typed is the name (case, spacing and Unicode form aside)."""
    return bool(typed.strip()) and typed_name_key(typed) == typed_name_key(name)


class ForgetDialog(QDialog):
    """Which person to forget, what goes, that it cannot be undone, and their name typed."""

    def __init__(
        self,
        people: list[tuple[int, str]],
        current: int | None,
        account_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Forget a person")
        self.person_box = QComboBox()
        self.person_box.setAccessibleName("Person to forget")
        for person_id, name in people:
            self.person_box.addItem(name, person_id)
        if current is not None and self.person_box.findData(current) >= 0:
            self.person_box.setCurrentIndex(self.person_box.findData(current))
        self.question = QLabel()
        self.question.setWordWrap(True)
        explanation = QLabel(f"{escape(WHAT_GOES)}<br><br><b>This cannot be undone.</b>")
        explanation.setWordWrap(True)
        self.name_box = QLineEdit()
        self.name_box.setAccessibleName("Type their full name to confirm")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.forget_button = QPushButton("Forget")
        self.forget_button.setAccessibleName("Forget this person")
        self.buttons.addButton(self.forget_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.forget_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"A person at {account_name}:"))
        layout.addWidget(self.person_box)
        layout.addWidget(self.question)
        layout.addWidget(explanation)
        self.prompt = QLabel()
        layout.addWidget(self.prompt)
        layout.addWidget(self.name_box)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.person_box.currentIndexChanged.connect(self._person_chosen)
        self.name_box.textChanged.connect(self._update_button)
        self._person_chosen()

    def person_id(self) -> int:
        return int(self.person_box.currentData())

    def person_name(self) -> str:
        return self.person_box.currentText()

    def _person_chosen(self) -> None:
        name = escape(self.person_name())
        self.question.setText(f"<b>Forget {name}?</b>")
        self.prompt.setText(f"Type “{name}” to confirm:")
        self.name_box.clear()
        self._update_button()

    def _update_button(self) -> None:
        self.forget_button.setEnabled(same_name(self.name_box.text(), self.person_name()))


class ForgetReportDialog(QDialog):
    """What was removed, what is left in older backups, and the offer to rewrite them."""

    rewrite_requested = Signal()

    def __init__(self, heading: str, lines: list[str], notice: str, backups: int,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Forgotten")
        self.report = QLabel(
            f"<b>{escape(heading)}</b><br>" + "<br>".join(escape(line) for line in lines)
        )
        self.report.setWordWrap(True)
        self.notice = QLabel(notice)
        self.notice.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.rewrite_button: QPushButton | None = None
        if backups:
            self.rewrite_button = QPushButton("Rewrite backups without them")
            self.buttons.addButton(self.rewrite_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.rewrite_button.clicked.connect(self._rewrite)
        layout = QVBoxLayout(self)
        layout.addWidget(self.report)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _rewrite(self) -> None:
        self.rewrite_requested.emit()
        self.accept()
