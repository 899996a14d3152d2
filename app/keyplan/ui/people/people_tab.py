"""The People tab: a sortable, filterable table of an account's people, edited in place."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.store.people.queries import department_choices, manager_choices
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.people.people_model import (
    COLUMN_OF_FIELD,
    OWNER_SPEC,
    FieldSpecRole,
    PeopleTableModel,
    PersonIdRole,
    SearchRole,
    SortRole,
)
from keyplan.ui.widgets.field_editors import FieldDelegate

LEFT_COLUMN = COLUMN_OF_FIELD["has_left"]


class PeopleTab(QWidget):
    """People of the selected account: filter, sort, add, edit in place, delete."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = PeopleTableModel(document, self)
        self.model.error_handler = lambda message: dialogs.show_error(self, message)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)  # a filter matches any column
        self.proxy.setFilterRole(SearchRole)
        self._build()
        self.model.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

    def _build(self) -> None:
        self.filter_box = QLineEdit(placeholderText="Filter people (Ctrl+F): name, title, stance…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter people")
        self.filter_box.textChanged.connect(self._apply_filter)
        self.affiliates_box = QCheckBox("Include affiliates")
        self.affiliates_box.toggled.connect(self._toggle_affiliates)
        self.add_button = QPushButton("Add person")
        self.add_button.clicked.connect(self.add_person)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()

        self.table = QTableView()
        self.table.setAccessibleName("People")
        self.table.setAccessibleDescription(
            "The account's people; F2 or typing edits a cell, Delete deletes the selected"
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setDragEnabled(True)  # a row dropped on a card of the Map tab
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setItemDelegate(
            FieldDelegate(FieldSpecRole, self._manager_choices, self, self._text_choices)
        )

        delete_action = QAction("Delete person", self.table)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(delete_action)

        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.affiliates_box)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    # ---- showing ------------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self.model.account_id

    def show_account(self, account_id: int | None) -> None:
        self.model.show_account(account_id, with_affiliates=self.affiliates_box.isChecked())
        self.table.resizeColumnsToContents()

    def focus_filter(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def _toggle_affiliates(self, checked: bool) -> None:
        self.model.show_account(self.model.account_id, with_affiliates=checked)

    def _apply_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        left = sum(
            1
            for row in range(total)
            if self.model.index(row, LEFT_COLUMN).data(Qt.ItemDataRole.EditRole)
        )
        text = f"{total} people" if shown == total else f"{shown} of {total} people shown"
        self.count_label.setText(text + (f" · {left} have left" if left else ""))

    def _manager_choices(self, index: QModelIndex | QPersistentModelIndex) -> list[tuple[int, str]]:
        """The choices of a reference cell: our team for the owner, else the managers."""
        if index.data(FieldSpecRole) is OWNER_SPEC:
            return self.document.team_members()
        person_id = index.data(PersonIdRole)
        return manager_choices(self.document.database, person_id)

    def _text_choices(self, index: QModelIndex | QPersistentModelIndex, field: str) -> list[str]:
        if field != "department":
            return []
        return department_choices(self.document.database, index.data(PersonIdRole))

    # ---- editing ------------------------------------------------------------------------

    def selected_person_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return [row.data(PersonIdRole) for row in rows]

    def add_person(self) -> None:
        if self.model.account_id is None:
            return
        name = dialogs.ask_text(self, "Add person", "Full name of the new person:")
        if not name:
            return
        try:
            person_id = self.document.add_person(self.model.account_id, name)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        self.select_person(person_id)

    def select_person(self, person_id: int) -> None:
        row = self.model.row_of(person_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def delete_selected(self) -> None:
        person_ids = self.selected_person_ids()
        if not person_ids:
            return
        names = [self.document.person(pid)["full_name"] for pid in person_ids]
        question = (
            f"Delete {names[0]}?" if len(names) == 1 else f"Delete {len(names)} people?"
        ) + " Their reports move up to their manager. You can undo this."
        if not dialogs.confirm(self, question, "Delete people"):
            return
        try:
            self.document.delete_people(person_ids)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
