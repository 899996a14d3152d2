"""The team × stakeholder matrix on screen: their people down, our team across.

A cell says "recent / year · last day" (interactions in 90 days and 12 months, the latest);
the last column names a gap or over-coverage in words, and those rows are tinted.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.views.team_matrix import CROWD, TeamMatrix
from keyplan.ui.widgets import theme

PersonIdRole = Qt.ItemDataRole.UserRole
GAP_TINT = theme.GAP_TINT
CROWD_TINT = theme.CROWD_TINT
GAP, CROWDED = "Gap", f"{CROWD}+ of us"
FLAG_COLUMN, FIRST_MEMBER_COLUMN = 1, 2


class TeamMatrixView(QWidget):
    """The matrix with a line above it naming the gaps and the over-covered."""

    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        legend = QLabel(
            "Each cell: interactions in the last 90 days / 12 months · the latest. "
            f"{GAP}: a key person none of us met in 12 months. {CROWDED}: {CROWD} or more of "
            "our team contacted them in 90 days."
        )
        legend.setWordWrap(True)
        legend.setStyleSheet(theme.text_style(theme.HINT))
        self.table = QTableWidget()
        self.table.setAccessibleName("Team × stakeholders: who of us met whom")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.itemActivated.connect(self._activated)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(legend)
        column.addWidget(self.table, 1)

    def show_matrix(self, matrix: TeamMatrix) -> None:
        self.matrix = matrix
        self.summary.setText(_summary(matrix))
        table = self.table
        table.clear()
        # The flag next to the name: it is the point of the matrix, and stays in sight when
        # a large team scrolls the table sideways.
        table.setColumnCount(len(matrix.team) + 2)
        table.setHorizontalHeaderLabels(["Stakeholder", "Flag", *matrix.team])
        table.setRowCount(len(matrix.people))
        gaps = {p.id for p in matrix.gaps}
        crowded = {p.id for p in matrix.crowded}
        for row, person in enumerate(matrix.people):
            name = QTableWidgetItem(person.name)
            name.setData(PersonIdRole, person.id)
            name.setToolTip(person.job_title or "")
            table.setItem(row, 0, name)
            for column, member in enumerate(matrix.team, start=FIRST_MEMBER_COLUMN):
                found = matrix.cell(person.id, member)
                text = f"{found.recent} / {found.year} · {found.last.isoformat()}" if found else ""
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, column, item)
            flag = GAP if person.id in gaps else CROWDED if person.id in crowded else ""
            table.setItem(row, FLAG_COLUMN, QTableWidgetItem(flag))
            tint = GAP_TINT if person.id in gaps else CROWD_TINT if person.id in crowded else None
            if tint is not None:
                for column in range(table.columnCount()):
                    table.item(row, column).setBackground(QBrush(theme.colour(tint)))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.resizeColumnsToContents()

    def flag_of(self, person_id: int) -> str:
        """The flag shown on a person's row ("" for none, or not shown)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(PersonIdRole) == person_id:
                return self.table.item(row, FLAG_COLUMN).text()
        return ""

    def _activated(self, item: QTableWidgetItem) -> None:
        person_id = self.table.item(item.row(), 0).data(PersonIdRole)
        if person_id is not None:
            self.person_activated.emit(person_id)


def _summary(matrix: TeamMatrix) -> str:
    lines = []
    if matrix.gaps:
        lines.append(f"Gaps ({len(matrix.gaps)}): " + ", ".join(p.name for p in matrix.gaps))
    if matrix.crowded:
        names = ", ".join(p.name for p in matrix.crowded)
        lines.append(f"Over-covered ({len(matrix.crowded)}): {names}")
    if not matrix.people:
        return "No contacts logged in the last 12 months."
    return "\n".join(lines) or "No gaps and no over-coverage."
