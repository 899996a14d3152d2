"""A window on a database another Keyplan edits: everything can be read, nothing typed into."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGraphicsView,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

#: Object names of the fields that edit the database: the Overview's and the plan's.
EDITING_FIELDS = ("account_", "plan_")
#: The Interactions tab's form (by name: importing its module would slow start-up).
INTERACTION_FORM = "interaction_form"


def make_read_only(widget: QWidget) -> None:
    """Let a tab be read but not typed into: tables open no editors, fields are read-only,
    the map's cards do not move, the interaction log's form is greyed out (search and filter
    boxes still work)."""
    for view in widget.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    for field in widget.findChildren(QLineEdit) + widget.findChildren(QPlainTextEdit):
        if field.objectName().startswith(EDITING_FIELDS):
            field.setReadOnly(True)
    for choice in widget.findChildren(QComboBox):
        if choice.objectName().startswith(EDITING_FIELDS):
            choice.setEnabled(False)
    for view in widget.findChildren(QGraphicsView):
        if hasattr(view, "read_only"):  # the map: cards are looked at, not moved
            view.read_only = True
    for form in widget.findChildren(QGroupBox, INTERACTION_FORM):
        form.setEnabled(False)
        form.setToolTip("Read-only: this database is open for editing in another window")
