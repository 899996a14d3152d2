"""The power / interest grid on screen: nine cells of names, and the people not rated.

Each cell is a list of people that can be dragged to another cell; a drop says "this person
now has the cell's influence and interest" (``person_moved``). The grid only shows: the tab
asks for the note and makes the edit, and the grid is drawn again from the data.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.views.people import ViewPerson
from keyplan.domain.views.power_interest import (
    INFLUENCE_ROWS,
    INTEREST_COLUMNS,
    QUADRANT_ADVICE,
    PowerInterestGrid,
    Quadrant,
    quadrant_of,
)
from keyplan.domain.vocabulary import Influence, Interest
from keyplan.ui.map.person_drag import PERSON_MIME_TYPE, dropped_person_id, person_mime_data
from keyplan.ui.widgets import theme

PersonIdRole = Qt.ItemDataRole.UserRole

#: The quadrant we must manage closely is shaded; the names say the rest (black and white).
CLOSE_SHADE = theme.CLOSE_SHADE


class PeopleList(QListWidget):
    """A list of people one drags from, and (for a grid cell) drops on."""

    person_dropped = Signal(int)
    person_activated = Signal(int)

    def __init__(self, accepts_drops: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accepts_drops = accepts_drops
        self.setDragEnabled(True)
        self.setAcceptDrops(accepts_drops)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # A long name is cut with "…" (its tooltip and the People tab have it whole), never
        # scrolled sideways inside a cell.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemActivated.connect(lambda item: self.person_activated.emit(item.data(PersonIdRole)))

    def show_people(self, people: Sequence[ViewPerson]) -> None:
        self.clear()
        for person in people:
            stance = STAKEHOLDER_FIELDS["stance"].display(person.stance).lower()
            item = QListWidgetItem(f"{person.name} ({stance})")
            item.setData(PersonIdRole, person.id)
            details = [person.name, person.job_title, person.department]
            item.setToolTip(" · ".join(filter(None, details)))
            self.addItem(item)

    def person_ids(self) -> list[int]:
        return [self.item(row).data(PersonIdRole) for row in range(self.count())]

    @override
    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME_TYPE]

    @override
    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        return person_mime_data(items[0].data(PersonIdRole))

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_person(event)

    @override
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_person(event)

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        person_id = dropped_person_id(event.mimeData())
        if not self.accepts_drops or person_id is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)  # the source list is redrawn, not cut
        event.accept()
        self.person_dropped.emit(person_id)

    def _accept_person(self, event: QDragEnterEvent | QDragMoveEvent) -> None:
        if self.accepts_drops and event.mimeData().hasFormat(PERSON_MIME_TYPE):
            event.acceptProposedAction()
        else:
            event.ignore()


class GridCell(QFrame):
    """One of the nine cells: the quadrant's name over the people in it."""

    def __init__(self, influence: str, interest: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.influence, self.interest = influence, interest
        self.quadrant = quadrant_of(influence, interest)
        self.setObjectName("gridCell")
        shade = theme.css(CLOSE_SHADE if self.quadrant is Quadrant.MANAGE_CLOSELY else theme.CELL)
        self.setStyleSheet(
            f"#gridCell {{ background: {shade}; border: 1px solid #9a9a9a; }}"
            "QListWidget { background: transparent; }"
        )
        self.title = QLabel(self.quadrant.value.upper())
        self.title.setStyleSheet(
            theme.text_style(theme.SECONDARY, "font-size: 10px; font-weight: 600;")
        )
        self.title.setToolTip(QUADRANT_ADVICE[self.quadrant].capitalize())
        self.people = PeopleList(accepts_drops=True)
        self.people.setAccessibleName(
            f"{self.quadrant.value.capitalize()}: influence {influence}, interest {interest}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(2)
        column.addWidget(self.title)
        column.addWidget(self.people, 1)


class PowerInterestView(QWidget):
    """The 3 × 3 grid (influence down, interest across) with the unrated listed beside it."""

    person_moved = Signal(int, str, str)  # person id, influence, interest of the cell
    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells: dict[tuple[str, str], GridCell] = {}
        grid = QGridLayout()
        grid.setSpacing(3)
        corner = QLabel("Influence ↓\nInterest →")
        corner.setStyleSheet(theme.text_style(theme.SECONDARY))
        grid.addWidget(corner, 0, 0)
        for c, interest in enumerate(INTEREST_COLUMNS):
            header = QLabel(f"<b>{Interest(interest).label} interest</b>")
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addWidget(header, 0, _grid_column(c))
        for r, influence in enumerate(INFLUENCE_ROWS):
            header = QLabel(f"<b>{Influence(influence).label}<br>influence</b>")
            grid.addWidget(header, _grid_row(r), 0)
            for c, interest in enumerate(INTEREST_COLUMNS):
                cell = GridCell(influence, interest)
                cell.people.person_dropped.connect(
                    lambda pid, i=influence, t=interest: self.person_moved.emit(pid, i, t)
                )
                cell.people.person_activated.connect(self.person_activated)
                self.cells[(influence, interest)] = cell
                grid.addWidget(cell, _grid_row(r), _grid_column(c))
        # The quadrant boundaries (between medium and low) as a wider gap.
        grid.setRowMinimumHeight(3, 10)
        grid.setColumnMinimumWidth(2, 10)
        for row in (1, 2, 4):
            grid.setRowStretch(row, 1)
        for column in (1, 3, 4):
            grid.setColumnStretch(column, 1)
        self.not_rated = PeopleList(accepts_drops=False)
        self.not_rated.setAccessibleName("People not rated yet")
        self.not_rated.person_activated.connect(self.person_activated)
        self.not_rated_box = QGroupBox("Not rated")
        self.not_rated_box.setToolTip("Drag a person onto the grid to rate both at once")
        box_layout = QVBoxLayout(self.not_rated_box)
        box_layout.addWidget(self.not_rated)
        hint = QLabel("Drag a person onto a cell to rate their influence and interest.")
        hint.setWordWrap(True)
        hint.setStyleSheet(theme.text_style(theme.HINT))
        box_layout.addWidget(hint)
        row = QHBoxLayout(self)
        row.addLayout(grid, 4)
        row.addWidget(self.not_rated_box, 1)

    def show_grid(self, grid: PowerInterestGrid) -> None:
        for key, cell in self.cells.items():
            cell.people.show_people(grid.cells[key])
        self.not_rated.show_people(grid.not_rated)
        self.not_rated_box.setTitle(f"Not rated ({len(grid.not_rated)})")

    def set_read_only(self, read_only: bool) -> None:
        """A database another Keyplan edits: people are looked at here, not moved."""
        for cell in self.cells.values():
            cell.people.accepts_drops = not read_only
            cell.people.setAcceptDrops(not read_only)
            cell.people.setDragEnabled(not read_only)
        self.not_rated.setDragEnabled(not read_only)

    def cell_of(self, person_id: int) -> tuple[str, str] | None:
        """The cell a person is shown in (None: not rated, or not shown)."""
        for key, cell in self.cells.items():
            if person_id in cell.people.person_ids():
                return key
        return None


def _grid_row(index: int) -> int:
    """Rows 1-2 are high and medium influence; row 3 is the quadrant gap; row 4 is low."""
    return index + 1 if index < 2 else 4


def _grid_column(index: int) -> int:
    """Column 1 is low interest; column 2 is the quadrant gap; columns 3-4 medium and high."""
    return 1 if index == 0 else index + 2
