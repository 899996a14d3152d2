"""Editors for a field by its kind: a combo box for a vocabulary, a line for text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from keyplan.domain.fields import FieldSpec, Kind
from keyplan.ui.widgets.choice_box import choice_items, make_choice_box

ChoiceSource = Callable[[QModelIndex | QPersistentModelIndex], list[tuple[Any, str]]]
# The words a text field of a row completes to (field name given): departments in use.
TextChoiceSource = Callable[[QModelIndex | QPersistentModelIndex, str], list[str]]


def complete_from(line: QLineEdit, words: list[str]) -> None:
    """Offer the words already in use as the user types (any part of a word, any case)."""
    if not words:
        return
    completer = QCompleter(words, line)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    line.setCompleter(completer)


class FieldDelegate(QStyledItemDelegate):
    """Edits a table cell with the editor its field kind needs.

    ``reference_choices`` supplies the rows a reference field can point at (managers).
    """

    def __init__(
        self,
        spec_role: int,
        reference_choices: ChoiceSource,
        parent: QWidget | None = None,
        text_choices: TextChoiceSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec_role = spec_role
        self.reference_choices = reference_choices
        self.text_choices = text_choices

    def _spec(self, index: QModelIndex | QPersistentModelIndex) -> FieldSpec | None:
        return index.data(self.spec_role)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        spec = self._spec(index)
        current = index.data(Qt.ItemDataRole.EditRole)
        if spec is not None and spec.kind is Kind.CHOICE:
            return make_choice_box(parent, choice_items(spec), current)
        if spec is not None and spec.kind is Kind.REFERENCE:
            items = [(None, "— nobody —"), *self.reference_choices(index)]
            return make_choice_box(parent, items, current)
        if spec is not None and spec.kind is Kind.FLAG:
            return make_choice_box(parent, [(False, "No"), (True, "Yes")], bool(current))
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit) and spec is not None and self.text_choices is not None:
            complete_from(editor, self.text_choices(index, spec.name))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            return  # chosen when the editor was made
        super().setEditorData(editor, index)

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ReferenceSource(Protocol):
    """A table model that knows the rows a reference field of its own can point at."""

    def reference_choices(self, field: str) -> list[tuple[Any, str]]: ...


class RowFieldDelegate(FieldDelegate):
    """The field editors for the rows of a plan table or the roster.

    A pick from a list is stored at once (no extra click elsewhere to commit), an optional
    reference offers "— none —", and a date cell shows the format it expects.
    """

    def __init__(
        self, model: ReferenceSource, spec_role: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(spec_role, self._choices_for, parent)
        self.model = model

    def _choices_for(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[Any, str]]:
        spec = self._spec(index)
        return self.model.reference_choices(spec.name) if spec is not None else []

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        spec = self._spec(index)
        if spec is not None and spec.kind is Kind.REFERENCE:
            items = self._choices_for(index)
            items = items if spec.required else [(None, "— none —"), *items]
            editor: QWidget = make_choice_box(parent, items, index.data(Qt.ItemDataRole.EditRole))
        else:
            editor = super().createEditor(parent, option, index)
        if isinstance(editor, QComboBox):
            editor.activated.connect(lambda _position, box=editor: self._commit_and_close(box))
        elif isinstance(editor, QLineEdit) and spec is not None and spec.kind is Kind.DATE:
            editor.setPlaceholderText("YYYY-MM-DD")
        return editor

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
