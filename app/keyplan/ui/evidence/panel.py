"""The person dialog's evidence: one small editable list per rating, in tabs.

Each row is one piece of evidence: when, what was seen or said, the source, how sure, who of
ours, and the logged meeting it came from. A row keeps the value its rating had when it was
recorded (``rated_as``); a new row takes the value the dialog shows when OK is pressed, so a
changed stance and its evidence go in together. The panel only collects rows; the document
writes them (``document.edit_person``) with the person's fields as one undo step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.evidence import value_label
from keyplan.domain.evidence_fields import EVIDENCE_FIELDS
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.ui.widgets.field_editors import choice_items, make_choice_box

NOBODY = "—"
#: The columns of a list, by evidence field.
COLUMNS = ("observed_on", "observed", "source", "confidence", "team_member_id", "interaction_id")
_HEADERS = ("When", "What was seen or said", "Source", "Confidence", "By", "Meeting")
_COMBOS = {"source", "confidence", "team_member_id", "interaction_id"}
_ROW_DATA = 0x0100 + 7  # Qt.UserRole + 7 on the first cell: (id, rated_as) of the row


class EvidenceTable(QTableWidget):
    """The evidence of one rating, edited in place."""

    def __init__(
        self,
        rating: RatedField,
        choices: dict[str, list[tuple[Any, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.rating = rating
        self.choices = choices
        self.setObjectName(f"evidence_{rating.value}")
        self.setAccessibleName(f"Evidence for the {rating.label.lower()} rating")
        self.setHorizontalHeaderLabels(_HEADERS)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # A meeting's label is long: a fixed column, its full text in the tooltip.
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(len(COLUMNS) - 1, 170)
        self.verticalHeader().setVisible(False)
        self.setMinimumHeight(110)
        self.edited = False  # True once the user changed, added or removed a row
        self.itemChanged.connect(self._mark_edited)

    def _mark_edited(self, *_args: object) -> None:
        self.edited = True

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        """Append a row (a new piece of evidence: today, from a meeting, likely); its index."""
        values = {"observed_on": date.today(), "source": "meeting", "confidence": "likely",
                  **(values or {})}  # fmt: skip
        row = self.rowCount()
        self.insertRow(row)
        for column, name in enumerate(COLUMNS):
            value = values.get(name)
            if name in _COMBOS:
                box = make_choice_box(self, self._items(name), value)
                box.setToolTip(box.currentText())
                box.currentIndexChanged.connect(self._mark_edited)
                self.setCellWidget(row, column, box)
            else:
                text = EVIDENCE_FIELDS[name].display(value) if value is not None else ""
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        first = self.item(row, 0)
        first.setData(_ROW_DATA, (values.get("id"), values.get("rated_as")))
        if values.get("rated_as"):
            first.setToolTip(f"Recorded for {value_label(self.rating.value, values['rated_as'])}")
        return row

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.selectedIndexes()}, reverse=True)
        for row in rows or ([self.rowCount() - 1] if self.rowCount() else []):
            self.removeRow(row)
            self.edited = True

    def set_cell(self, row: int, name: str, value: Any) -> None:
        """Put a value in a cell as a user would (tests and scripts)."""
        column = COLUMNS.index(name)
        widget = self.cellWidget(row, column)
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        else:
            self.item(row, column).setText("" if value is None else str(value))

    def rows(self, current_value: str | None) -> list[dict[str, Any]]:
        """Every row as typed (not yet parsed), with its id and the value it supports."""
        found = []
        for row in range(self.rowCount()):
            row_id, rated_as = self.item(row, 0).data(_ROW_DATA) or (None, None)
            values: dict[str, Any] = {"rating": self.rating.value,
                                      "rated_as": rated_as or current_value}  # fmt: skip
            if row_id is not None:
                values["id"] = row_id
            for column, name in enumerate(COLUMNS):
                widget = self.cellWidget(row, column)
                if isinstance(widget, QComboBox):
                    values[name] = widget.currentData()
                else:
                    item = self.item(row, column)
                    values[name] = item.text() if item is not None else ""
            found.append(values)
        return found

    def _items(self, name: str) -> list[tuple[Any, str]]:
        if name in ("team_member_id", "interaction_id"):
            return [(None, NOBODY), *self.choices.get(name, [])]
        return choice_items(EVIDENCE_FIELDS[name])


class EvidencePanel(QTabWidget):
    """One tab per rating, each with its list and Add / Remove buttons."""

    def __init__(
        self,
        rows: list[dict[str, Any]],
        choices: dict[str, list[tuple[Any, str]]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("person_evidence")
        self.tables: dict[str, EvidenceTable] = {}
        for rating in RatedField:
            table = EvidenceTable(rating, choices, self)
            for row in rows:
                if row["rating"] == rating.value:
                    table.add_row(row)
            self.tables[rating.value] = table
            table.model().rowsInserted.connect(self._show_counts)
            table.model().rowsRemoved.connect(self._show_counts)
            self.addTab(_with_buttons(table), f"Evidence: {rating.label.lower()}")
        self._show_counts()

    def _show_counts(self, *_changed: object) -> None:
        for index, (rating, table) in enumerate(self.tables.items()):
            count = table.rowCount()
            self.setTabText(index, f"{RatedField(rating).label} ({count})")

    @property
    def edited(self) -> bool:
        """True when any list was changed: the evidence must be written."""
        return any(table.edited for table in self.tables.values())

    def rows(self, current: dict[str, Any]) -> list[dict[str, Any]]:
        """Every piece of evidence; new ones take the rating's value in ``current``."""
        found = []
        for rating, table in self.tables.items():
            value = current.get(rating)
            found += table.rows(None if value is None else str(value))
        return found


def _add_new(table: EvidenceTable) -> None:
    table.add_row()
    table.edited = True


def _with_buttons(table: EvidenceTable) -> QWidget:
    page = QWidget()
    add = QPushButton("Add evidence")
    add.setObjectName(f"add_{table.objectName()}")
    add.clicked.connect(lambda: _add_new(table))
    remove = QPushButton("Remove")
    remove.setObjectName(f"remove_{table.objectName()}")
    remove.clicked.connect(table.remove_selected)
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(table)
    layout.addLayout(buttons)
    return page
