"""The whitespace grid: the customer's departments × our offerings, one coloured cell each.

A double-click (or Space) moves a cell to its next status (opportunity → in pursuit →
installed → competitor holds → not relevant → not assessed); the context menu picks one
directly. A single click only selects: looking through the grid must not change it. Each
change is an undo step through the document; the grid follows ``plan_changed`` like every plan
view.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.domain.plan_fields import WHITESPACE, WHITESPACE_CYCLE, next_whitespace_status
from keyplan.domain.plan_vocabulary import WhitespaceStatus
from keyplan.store.plan.whitespace import WhitespaceGrid
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets import theme

ModelIndex = QModelIndex | QPersistentModelIndex
StatusRole = Qt.ItemDataRole.UserRole + 1

STATUS_COLOURS = {
    WhitespaceStatus.INSTALLED.value: QColor("#81c784"),
    WhitespaceStatus.IN_PURSUIT.value: QColor("#64b5f6"),
    WhitespaceStatus.OPPORTUNITY.value: QColor("#ffe082"),
    WhitespaceStatus.COMPETITOR_HOLDS.value: QColor("#ef9a9a"),
    WhitespaceStatus.NOT_RELEVANT.value: QColor("#e0e0e0"),
}
NOT_ASSESSED = "Not assessed"


def status_label(status: str | None) -> str:
    return WhitespaceStatus(status).label if status else NOT_ASSESSED


class WhitespaceModel(QAbstractTableModel):
    """Departments (rows) × offerings (columns) of one account; a cell holds a status."""

    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.error_handler = None  # set by the view: called with a refused edit's message
        self._grid = WhitespaceGrid((), (), {})
        self._extra_departments: set[str] = set()  # added on screen, not stored until a cell is
        document.plan_changed.connect(self._on_plan_changed)
        document.people_changed.connect(self._on_people_changed)
        document.person_changed.connect(self._on_person_changed)
        document.roster_changed.connect(self._on_roster_changed)

    def show_account(self, account_id: int | None) -> None:
        self._extra_departments = set()
        self.account_id = account_id
        self.beginResetModel()
        self._grid = self._read()
        self.endResetModel()

    @property
    def grid(self) -> WhitespaceGrid:
        return self._grid

    def departments(self) -> list[str]:
        known = set(self._grid.departments)
        extra = sorted(self._extra_departments - known, key=str.casefold)
        return [*self._grid.departments, *extra]

    def add_department(self, name: str) -> None:
        """Show a department no person of the account works in yet (stored with its first cell)."""
        name = name.strip()
        if name and name not in self.departments():
            row = len(self.departments())
            self.beginInsertRows(QModelIndex(), row, row)
            self._extra_departments.add(name)
            self.endInsertRows()

    def cell(self, index: ModelIndex) -> tuple[str, int]:
        """The (department, offering id) a cell stands for."""
        return self.departments()[index.row()], self._grid.offerings[index.column()][0]

    def status(self, index: ModelIndex) -> str | None:
        return self._grid.cells.get(self.cell(index))

    def cycle(self, index: ModelIndex) -> bool:
        """Move a cell to its next status; False when the change was refused."""
        return self.setData(index, next_whitespace_status(self.status(index)))

    # ---- following the document ---------------------------------------------------------

    def _read(self) -> WhitespaceGrid:
        if self.account_id is None:
            return WhitespaceGrid((), (), {})
        return self.document.whitespace(self.account_id)

    def _on_plan_changed(self, table: str, account_id: int) -> None:
        if table == WHITESPACE and account_id == self.account_id:
            self.refresh()

    def _on_people_changed(self, _account_id: int) -> None:
        self.refresh()  # a new person may bring a new department

    def _on_person_changed(self, _person_id: int, field: str) -> None:
        if field == "department":
            self.refresh()

    def _on_roster_changed(self) -> None:
        # Offerings are the columns: a new name, a new or a deleted one re-reads the grid.
        offerings = {row.id: row.name for row in self.document.offering_list()}
        if self.account_id is not None and offerings != dict(self._grid.offerings):
            self.refresh()

    def refresh(self) -> None:
        """Re-read the grid; repaint the cells if only statuses changed, else rebuild."""
        if self.account_id is None:
            return
        before = self.departments(), self._grid.offerings
        grid = self._read()
        self._grid = grid
        if (self.departments(), grid.offerings) != before:
            self.beginResetModel()
            self.endResetModel()
        elif self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # ---- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.departments())

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._grid.offerings)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return wrapped(self._grid.offerings[section][1])
        return self.departments()[section]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        status = self.status(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return WhitespaceStatus(status).label if status else ""
        if role == StatusRole:
            return status
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_COLOURS.get(status or "")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#212121")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            department, _offering = self.cell(index)
            offering = self._grid.offerings[index.column()][1]
            return (
                f"{offering} in {department}: {status_label(status)}.\n"
                "Double-click or Space for the next status; right-click to choose."
            )
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.account_id is None or role != Qt.ItemDataRole.EditRole:
            return False
        department, offering_id = self.cell(index)
        try:
            self.document.set_whitespace(self.account_id, department, offering_id, value)
        except KeyplanError as error:
            if self.error_handler is not None:
                self.error_handler(str(error))
            return False
        return True


def wrapped(name: str, width: int = 14) -> str:
    """A long offering name on two lines, split at the space nearest its middle."""
    spaces = [position for position, char in enumerate(name) if char == " "]
    if len(name) <= width or not spaces:
        return name
    middle = min(spaces, key=lambda position: abs(position - len(name) / 2))
    return f"{name[:middle]}\n{name[middle + 1 :]}"


def whitespace_summary(grid: WhitespaceGrid, departments: int) -> str:
    """One line: how much of the grid we have, pursue, could have, or lost to others."""
    total = departments * len(grid.offerings)
    if not total:
        return "Add offerings and people with departments to see the whitespace."
    counts = {status: 0 for status in STATUS_COLOURS}
    for status in grid.cells.values():
        counts[status] = counts.get(status, 0) + 1
    return (
        f"Installed in {counts['installed']} of {total} cells · "
        f"{counts['in_pursuit']} in pursuit · {counts['opportunity']} open whitespace · "
        f"{counts['competitor_holds']} held by competitors"
    )


class WhitespaceView(QWidget):
    """The grid with its summary, legend and an "Add department" button."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = WhitespaceModel(document, self)
        self.model.error_handler = lambda message: dialogs.show_error(self, message)
        self._build()
        for signal in (self.model.modelReset, self.model.dataChanged, self.model.rowsInserted):
            signal.connect(self._after_change)

    def _build(self) -> None:
        self.summary = QLabel()
        self.summary.setStyleSheet(theme.text_style(theme.HINT))
        self.summary.setWordWrap(True)
        self.add_department_button = QPushButton("Add department…")
        self.add_department_button.clicked.connect(self.ask_department)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.add_department_button)
        self.table = QTableView()
        self.table.setObjectName("whitespace_grid")
        self.table.setAccessibleName("Whitespace: departments by offering")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(96)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_menu)
        self.table.doubleClicked.connect(self.model.cycle)
        cycle_action = QAction("Next status", self.table)
        cycle_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        cycle_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        cycle_action.triggered.connect(lambda: self.model.cycle(self.table.currentIndex()))
        self.table.addAction(cycle_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addLayout(_legend())

    def show_account(self, account_id: int | None) -> None:
        self.model.show_account(account_id)

    def ask_department(self) -> None:
        name = dialogs.ask_text(self, "Add department", "Department or business unit:")
        if name:
            self.model.add_department(name)

    def _after_change(self, *_args: object) -> None:
        self.summary.setText(whitespace_summary(self.model.grid, self.model.rowCount()))
        self._fit_height()

    def _fit_height(self) -> None:
        """Show every department without an inner scroll bar, up to a sensible height."""
        rows = self.model.rowCount()
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(row) for row in range(rows)) or 60
        self.table.setFixedHeight(min(height, 520))

    def _show_menu(self, position: Any) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        menu = QMenu(self.table)
        current = self.model.status(index)
        for status in (*WHITESPACE_CYCLE[1:], None):
            action = menu.addAction(status_label(status))
            action.setCheckable(True)
            action.setChecked(status == current)
            action.triggered.connect(lambda _checked=False, s=status: self.model.setData(index, s))
        menu.popup(self.table.viewport().mapToGlobal(position))


def _legend() -> QHBoxLayout:
    legend = QHBoxLayout()
    for status in (*WHITESPACE_CYCLE[1:], None):
        chip = QLabel(status_label(status))
        colour = STATUS_COLOURS[status].name() if status else "#ffffff"
        chip.setStyleSheet(
            f"background: {colour}; padding: 2px 8px; border-radius: 3px;"
            " border: 1px solid #cfd8dc;"
        )
        legend.addWidget(chip)
    legend.addStretch(1)
    return legend
