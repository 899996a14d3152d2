"""A combo box of a vocabulary field's choices.

Apart from the table editors (``field_editors.py``) so that a form, the first window's
Overview among them, loads only the combo box: the delegates' Qt classes cost start-up time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from keyplan.domain.fields import FieldSpec


def choice_items(spec: FieldSpec) -> list[tuple[Any, str]]:
    """(stored value, label) pairs for a vocabulary field, with 'not set' first if optional."""
    assert spec.choices is not None
    items = [(member.value, member.label) for member in spec.choices]
    return items if spec.required else [(None, "—"), *items]


def make_choice_box(parent: QWidget, items: list[tuple[Any, str]], current: Any) -> QComboBox:
    box = QComboBox(parent)
    for value, label in items:
        box.addItem(label, value)
    position = box.findData(current)
    box.setCurrentIndex(max(position, 0))
    return box
