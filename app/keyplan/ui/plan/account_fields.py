"""Account fields on the Plan tab: the narrative notes and the few numbers and dates of a plan.

The plan's text (mission, strategy, value proposition, …) and governance dates are fields of
the account, so they are edited through ``document.set_account_field`` (one undo step per
visit to a field) and follow ``account_changed`` like the Overview tab does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import ACCOUNT_FIELDS, FieldSpec, Kind
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets.note_edit import NoteEdit

BULLETS = ("- ", "• ", "* ")
NOTE_HINT = 'Plain text. Start a line with "- " or "• " for a bullet; Enter continues it.'


class PlanNoteEdit(NoteEdit):
    """A note that grows with its text and continues a bullet list when Enter is pressed.

    The text stays plain, exactly as typed: bullets are just lines that start with "- " or
    "• ", which is how the PDF prints them too.
    """

    MIN_LINES, MAX_LINES = 3, 14

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(NOTE_HINT)
        self.setMaximumHeight(16_777_215)  # NoteEdit caps it; here the text decides
        self.document().contentsChanged.connect(self._fit_to_text)
        self._fit_to_text()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        )
        if plain_enter and self._continue_bullet():
            return
        super().keyPressEvent(event)

    def _continue_bullet(self) -> bool:
        """On a bullet line, start the next bullet; on an empty bullet, end the list."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        line = cursor.block().text()
        indent = line[: len(line) - len(line.lstrip())]
        bullet = next((b for b in BULLETS if line.lstrip().startswith(b)), None)
        if bullet is None:
            return False
        if line.strip() == bullet.strip():
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
        else:
            cursor.insertText(f"\n{indent}{bullet}")
        self.setTextCursor(cursor)
        return True

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_to_text()  # a narrower field wraps into more lines

    def _fit_to_text(self) -> None:
        lines = max(self.MIN_LINES, min(self.MAX_LINES, self.document().lineCount()))
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        frame = int(self.document().documentMargin() * 2) + margins + 4
        self.setFixedHeight(lines * self.fontMetrics().lineSpacing() + frame)


class AccountFieldForm(QWidget):
    """Editors for some fields of the shown account, labels above them, stored on leaving.

    Emits ``values_shown`` with the account's values whenever it shows them again, so a
    section can recompute what it derives from them (share of wallet, next review).
    """

    values_shown = Signal(dict)

    def __init__(
        self,
        document: PortfolioDocument,
        fields: Sequence[str],
        parent: QWidget | None = None,
        *,
        labels_above: bool = True,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        if labels_above:
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for field in fields:
            spec = ACCOUNT_FIELDS[field]
            editor = self._make_editor(spec)
            editor.setObjectName(f"plan_{field}")
            self.editors[field] = editor
            form.addRow(spec.label, editor)
        document.account_changed.connect(self._on_account_changed)

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind is Kind.NOTE:
            note = PlanNoteEdit()
            note.committed.connect(lambda text, s=spec: self.commit(s.name, text))
            return note
        line = QLineEdit()
        if spec.kind is Kind.DATE:
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(lambda s=spec, e=line: self.commit(s.name, e.text()))
        return line

    def show_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        if account_id is None:
            for field, editor in self.editors.items():
                _show(editor, ACCOUNT_FIELDS[field], None)
            return
        self._show_values(self.document.account_values(account_id))

    def _show_values(self, values: dict[str, Any]) -> None:
        for field, editor in self.editors.items():
            _show(editor, ACCOUNT_FIELDS[field], values[field])
        self.values_shown.emit(values)

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if account_id == self.account_id and self.account_id is not None:
            values = self.document.account_values(account_id)
            if field in self.editors:
                _show(self.editors[field], ACCOUNT_FIELDS[field], values[field])
            self.values_shown.emit(values)

    def commit(self, field: str, value: Any) -> None:
        """Store an edited value; a refused one is explained and the stored one shown again."""
        if self.account_id is None:
            return
        try:
            self.document.set_account_field(self.account_id, field, value)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            self.show_account(self.account_id)


def _show(editor: QWidget, spec: FieldSpec, value: Any) -> None:
    if isinstance(editor, NoteEdit):
        editor.show_text(value or "")
    elif isinstance(editor, QLineEdit):
        editor.setText(spec.display(value) if spec.kind is not Kind.TEXT else value or "")
        editor.setCursorPosition(0)
