"""Find the controls a screen reader could not name: interactive, shown, and nameless."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, else Qt's own (a
    button's text, a form row's label, a buddy label's text)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (widget.accessibleName() or name or "").strip()


def unnamed_controls(top: QWidget, skip: tuple[type, ...] = ()) -> list[str]:
    """Every visible interactive widget under ``top`` that has no name, described."""
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, skip):
            continue
        if not widget.isVisibleTo(top) or _inside_another_control(widget):
            continue
        if not accessible_name(widget):
            found.append(describe(widget))
    return found


def _inside_another_control(widget: QWidget) -> bool:
    # A combo box's line edit, a spin box's line edit, a scroll bar of a view, a table's
    # corner button: parts of a control that carries the name.
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView)):
            return True
        if isinstance(widget, QScrollBar) and isinstance(parent, QAbstractScrollArea):
            return True  # a scroll area's own bar: it scrolls the named content
        parent = parent.parentWidget()
    return False


def describe(widget: QWidget) -> str:
    """Class, object name and the chain of parents' classes: enough to find it in the code."""
    chain = []
    parent = widget.parentWidget()
    while parent is not None and len(chain) < 4:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return f"{type(widget).__name__}({widget.objectName()!r}) in {' < '.join(chain)}"
