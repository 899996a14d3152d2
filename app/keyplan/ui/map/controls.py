"""The map tab's controls: two tool rows (edit and view; filters) and the unplaced people list.

Only widgets live here; ``map_tab`` connects them to the scene, the view and the document.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QToolButton,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.store.map.queries import MapPerson
from keyplan.ui.map.person_drag import PERSON_MIME_TYPE, person_mime_data
from keyplan.ui.map.search_box import SearchBox
from keyplan.ui.map.tool_flow import tool_flow, tool_group

ALL_DEPARTMENTS = "All departments"


def tool_button(text: str, tip: str, *, checkable: bool = False) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setCheckable(checkable)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


class MapControls:
    """The widgets above the map, made once and laid out in two rows."""

    def __init__(self, owner: QWidget) -> None:
        self.add_button = tool_button("Add person", "Add a person (or double-click empty space)")
        self.connect_button = tool_button(
            "Connect",
            "Drag from one person to another to draw an influence line or a dotted reporting "
            "line (or hold Shift while dragging)",
            checkable=True,
        )
        self.relayout_button = tool_button(
            "Re-layout", "Put the selected cards (or every hand-placed card) back in the chart"
        )
        self.open_position_button = tool_button(
            "Open position",
            "A seat without a person (e.g. 'CFO — hire expected Q3') under the selected card",
        )
        self.fill_position_button = tool_button(
            "Fill position", "Seat someone (of this customer, or someone new) in the selected "
            "open position: its reports move to them",
        )  # fmt: skip
        self.search_box = SearchBox()
        # Room for a name and the answer beside it; fixed, so that the answer appearing moves
        # no tool and wraps no line.
        self.search_box.setFixedWidth(240)
        self.zoom_out_action = _action(owner, "−", "Zoom out (Ctrl+-)", ["Ctrl+-"])
        self.fit_action = _action(
            owner,
            "Fit",
            "Fit the map to the window, or its top where the whole would be too small to read "
            "(Ctrl+0)",
            ["Ctrl+0"],
        )
        self.whole_tree_action = _action(
            owner, "Whole tree", "Zoom out to every card, however small: the chart's shape", []
        )
        self.zoom_in_action = _action(
            owner, "+", "Zoom in (Ctrl+=)", ["Ctrl+=", QKeySequence.StandardKey.ZoomIn]
        )
        self.actual_size_action = _action(owner, "1:1", "Actual size, 100 % (Ctrl+1)", ["Ctrl+1"])
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setMinimumWidth(44)
        self.export_button = tool_button(
            "Export", "Save the map as SVG or PNG, as a yEd or draw.io diagram, or print it"
        )
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_svg_action = menu.addAction("Export as SVG…")
        self.export_png_action = menu.addAction("Export as PNG…")
        self.export_graphml_action = menu.addAction("Export for yEd (GraphML)…")
        self.export_drawio_action = menu.addAction("Export for draw.io…")
        menu.addSeparator()
        self.print_action = menu.addAction("Print…")
        self.export_button.setMenu(menu)

        self.affiliates_box = QCheckBox("Affiliates")
        self.affiliates_box.setToolTip("Include the affiliates' people in the map")
        self.affiliates_box.setChecked(True)
        # Short labels: the whole row reads in a laptop's window.
        self.lines_box = QCheckBox("Influence lines")
        self.lines_box.setToolTip(
            "Show the influence lines and the dotted (matrix) reporting lines"
        )
        self.lines_box.setChecked(True)
        self.left_box = QCheckBox("Who left")
        self.left_box.setToolTip("Show the people who have left, faded")
        self.left_box.setChecked(True)
        self.decision_makers_box = QCheckBox("Decision makers")
        self.decision_makers_box.setToolTip("Highlight decision makers and economic buyers")
        self.uncovered_box = QCheckBox("Dim if no owner")
        self.uncovered_box.setToolTip("Dim the people no one of ours owns the relationship with")
        self.department_box = QComboBox()
        self.department_box.addItem(ALL_DEPARTMENTS, None)
        self.department_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.legend_box = QCheckBox("Legend")
        self.legend_box.setChecked(True)
        self.unplaced_box = QCheckBox("Unplaced")
        self.unplaced_box.setToolTip("List the people with no manager and no reports, to place")
        self.compare_box = QCheckBox("Compare dates")  # built on first use (comparison.py)
        self.compare_box.setToolTip("Show what changed between two dates or named snapshots")

    def edit_row(self) -> QWidget:
        """The tools: edit, find, zoom, export; each group wraps as one in a narrow window."""
        zoom = [_button_for(action) for action in (
            self.zoom_out_action, self.fit_action, self.zoom_in_action, self.whole_tree_action,
            self.actual_size_action,
        )]  # fmt: skip
        return tool_flow(
            [
                tool_group(
                    [
                        self.add_button,
                        self.connect_button,
                        self.relayout_button,
                        self.open_position_button,
                        self.fill_position_button,
                    ]
                ),
                tool_group([self.search_box]),
                tool_group([*zoom, self.zoom_label]),
                tool_group([self.export_button]),
            ]
        )

    def filter_row(self) -> QWidget:
        """What the map shows: the filters, in groups that wrap as one."""
        return tool_flow(
            [
                tool_group([self.compare_box, self.affiliates_box, self.lines_box, self.left_box]),
                tool_group([self.department_box, self.decision_makers_box, self.uncovered_box]),
                tool_group([self.legend_box, self.unplaced_box]),
            ]
        )

    def show_search_result(self, text: str, found: int, hidden: int) -> None:
        """Say in the search box what a search found; nothing while the box is empty.

        Args:
            text: what was typed.
            found: how many shown people match.
            hidden: how many people match who are not shown (filters), when none shown does.
        """
        wanted = text.strip()
        box = self.search_box
        if not wanted:
            box.show_answer("", "", alert=False)
        elif found:
            more = " · Enter for the next" if found > 1 else ""
            whom = "1 person matches" if found == 1 else f"{found} people match"
            box.show_answer(f"{found} found", f"{whom} '{wanted}'{more}", alert=False)
        elif hidden:
            who = "1 person who matches is" if hidden == 1 else f"{hidden} who match are"
            message = f"No one shown matches '{wanted}': {who} hidden by the filters"
            box.show_answer("Hidden by filters", message, alert=True)
        else:
            box.show_answer("No one matches", f"No one matches '{wanted}'", alert=True)

    def set_departments(self, names: Sequence[str]) -> None:
        """Offer these departments, keeping the current choice when it is still there."""
        current = self.department_box.currentData()
        wanted = [None, *names]
        if [self.department_box.itemData(i) for i in range(self.department_box.count())] == wanted:
            return
        self.department_box.blockSignals(True)
        self.department_box.clear()
        self.department_box.addItem(ALL_DEPARTMENTS, None)
        for name in names:
            self.department_box.addItem(name, name)
        self.department_box.setCurrentIndex(max(self.department_box.findData(current), 0))
        self.department_box.blockSignals(False)


def _action(owner: QWidget, text: str, tip: str, keys: list) -> QAction:
    action = QAction(text, owner)
    action.setToolTip(tip)
    action.setShortcuts([QKeySequence(key) for key in keys])
    # Active while the focus is anywhere in the map tab, and nowhere else.
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    owner.addAction(action)
    return action


def _button_for(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    return button


class UnplacedPeople(QListWidget):
    """People with no manager and no reports, to drag onto the card of their manager."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setToolTip("Drag a person onto the card of the person they report to")

    def show_people(self, people: Sequence[MapPerson]) -> None:
        self.clear()
        for person in people:
            item = QListWidgetItem(person.full_name)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setToolTip(" · ".join(t for t in (person.job_title, person.department) if t))
            self.addItem(item)

    @override
    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME_TYPE]

    @override
    def mimeData(self, items: Sequence[QListWidgetItem]) -> QMimeData:
        if not items:
            return QMimeData()
        return person_mime_data(items[0].data(Qt.ItemDataRole.UserRole))
