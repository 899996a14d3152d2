"""The Commitments tab: what we promised the customer, to whom, by whom and by when.

Open promises come first, soonest due first, the overdue ones in red. The status is changed in
place (kept, late, broken, open) as one undo step with the delivery date; promises are added
from the line above the table and deleted with the Delete key. Promises are plan rows, so the
Plan tab and the PDF show the same ones.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.domain.interaction_fields import promise_record
from keyplan.domain.plan_fields import PlanTable
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.meetings.commitments_model import (
    CommitmentColumn,
    CommitmentIdRole,
    CommitmentsTableModel,
    FieldSpecRole,
    SortRole,
)
from keyplan.ui.roster.roster_watch import TeamWatch
from keyplan.ui.widgets.column_table import set_up_row_table
from keyplan.ui.widgets.field_editors import FieldDelegate

#: A new promise is due in two weeks unless the user says otherwise.
DEFAULT_DUE_DAYS = 14
COMMITMENTS = PlanTable.COMMITMENTS.value


class CommitmentsTab(QWidget):
    """The promises of the selected account and its affiliates."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.today_provider = date.today  # tests pin the day
        self.model = CommitmentsTableModel(document, self)
        self.model.error_handler = lambda message: dialogs.show_error(self, message)
        self.proxy = _SettledFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self._build()
        plan_changed = getattr(document, "plan_changed", None)
        if plan_changed is not None:
            plan_changed.connect(self._on_plan_changed)
        document.people_changed.connect(lambda _account: self.reload())
        document.person_changed.connect(self._on_person_changed)
        document.roster_changed.connect(self._on_roster_changed)
        self.team_watch = TeamWatch(document.team_members)

    def _build(self) -> None:
        self.promise_edit = QLineEdit(placeholderText="New promise: what we will do…")
        self.promise_edit.returnPressed.connect(self.add_from_line)
        self.promise_edit.setAccessibleName("New promise")
        self.to_box = QComboBox()
        self.to_box.setToolTip("Promised to")
        self.to_box.setAccessibleName("Promised to")
        self.by_box = QComboBox()
        self.by_box.setToolTip("Promised by")
        self.by_box.setAccessibleName("Promised by")
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setToolTip("Due")
        self.due_edit.setAccessibleName("Due")
        self.add_button = QPushButton("Add promise")
        self.add_button.clicked.connect(self.add_from_line)
        self.settled_box = QCheckBox("Show kept and broken")
        self.settled_box.setChecked(True)
        self.settled_box.toggled.connect(self.proxy.show_settled)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.summary = QLabel()

        self.table = QTableView()
        self.table.setAccessibleName("Promises")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(FieldDelegate(FieldSpecRole, self._reference_choices, self))
        self.table.setSortingEnabled(False)  # the model's order: open first, soonest due first
        set_up_row_table(
            self.table,
            [],
            "Delete promise",
            self.delete_selected,
            edit_triggers=QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked,
            word_wrap=True,
        )

        add_bar = QHBoxLayout()
        add_bar.addWidget(self.promise_edit, 3)
        add_bar.addWidget(QLabel("to"))
        add_bar.addWidget(self.to_box, 1)
        add_bar.addWidget(QLabel("by"))
        add_bar.addWidget(self.by_box, 1)
        add_bar.addWidget(QLabel("due"))
        add_bar.addWidget(self.due_edit)
        add_bar.addWidget(self.add_button)
        lower_bar = QHBoxLayout()
        lower_bar.addWidget(self.summary, 1)
        lower_bar.addWidget(self.settled_box)
        lower_bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(add_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(lower_bar)

    # ---- showing ------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        """Show the promises of an account and its affiliates."""
        self.account_id = account_id
        self.setEnabled(account_id is not None)
        self._fill_choices()
        self.team_watch.start()
        self._reset_line()
        self.reload()

    def reload(self) -> None:
        today = self.today_provider()
        rows = [] if self.account_id is None else self.document.commitments(self.account_id)
        self.model.set_rows(rows, today)
        self.table.resizeColumnsToContents()
        promise_width = self.table.columnWidth(CommitmentColumn.PROMISE)
        self.table.setColumnWidth(CommitmentColumn.PROMISE, min(promise_width, 420))
        self.summary.setText(_summary(self.model, rows))

    def select_commitment(self, commitment_id: int) -> None:
        """Select a promise (showing settled ones if it is one) and scroll to it."""
        row = self.model.row_of(commitment_id)
        if row is None:
            return
        self.settled_box.setChecked(True)
        index = self.proxy.mapFromSource(self.model.index(row, CommitmentColumn.PROMISE))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def _fill_choices(self) -> None:
        self.to_box.clear()
        self.to_box.addItem("— nobody in particular —", None)
        self.by_box.clear()
        self.by_box.addItem("— nobody yet —", None)
        if self.account_id is None:
            return
        for person_id, name, _title in self.document.family_people(self.account_id):
            self.to_box.addItem(name, person_id)
        for member_id, name in self.document.team_members():
            self.by_box.addItem(name, member_id)

    def _on_roster_changed(self) -> None:
        # "By" is chosen from our team, and the table names who made each promise.
        change = self.team_watch.change()
        if self.account_id is None:
            return
        if change.choices:
            chosen = self.to_box.currentData(), self.by_box.currentData()
            self._fill_choices()
            for box, value in zip((self.to_box, self.by_box), chosen, strict=True):
                box.setCurrentIndex(max(box.findData(value), 0))
        if change.rows:
            self.reload()

    def _reset_line(self) -> None:
        due = self.today_provider() + timedelta(days=DEFAULT_DUE_DAYS)
        self.due_edit.setDate(QDate(due.year, due.month, due.day))
        self.promise_edit.clear()

    def _reference_choices(self, index: QModelIndex | QPersistentModelIndex) -> list:
        if self.account_id is None:
            return []
        choices = self.document.plan_choices(COMMITMENTS, self.account_id)
        field = CommitmentColumn.FIELDS[index.column()]
        return choices.get(field, [])

    # ---- editing ------------------------------------------------------------------------

    def add_from_line(self) -> int | None:
        """Add the promise typed in the line above the table; return its id."""
        promise = self.promise_edit.text().strip()
        if self.account_id is None or not promise:
            return None
        values = {
            "promise": promise,
            "to_stakeholder_id": self.to_box.currentData(),
            "by_team_member_id": self.by_box.currentData(),
            "made_on": self.today_provider(),
            "due_on": self.due_edit.date().toPython(),
            "status": CommitmentStatus.OPEN.value,
        }
        try:
            commitment_id = self.document.add_plan_row(COMMITMENTS, self.account_id, values)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return None
        self._reset_line()
        self.select_commitment(commitment_id)
        return commitment_id

    def set_status(self, commitment_id: int, status: str) -> None:
        """Mark a promise kept, late, broken or open (what the status cell's editor does)."""
        row = self.model.row_of(commitment_id)
        if row is not None:
            index = self.model.index(row, CommitmentColumn.STATUS)
            self.model.setData(index, status)

    def selected_ids(self) -> list[int]:
        model = self.table.selectionModel()
        return [row.data(CommitmentIdRole) for row in (model.selectedRows() if model else [])]

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        what = "this promise" if len(ids) == 1 else f"{len(ids)} promises"
        if not dialogs.confirm(self, f"Delete {what}? You can undo this.", "Delete promises"):
            return
        try:
            self.document.delete_commitments(ids)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    # ---- following the document ---------------------------------------------------------

    def _on_plan_changed(self, table: str, _account_id: int) -> None:
        if table == COMMITMENTS and self.account_id is not None:
            self.reload()

    def _on_person_changed(self, _person_id: int, field: str) -> None:
        if field == "full_name" and self.account_id is not None:
            self._fill_choices()
            self.reload()


class _SettledFilter(QSortFilterProxyModel):
    """Hides kept and broken promises when the user wants only what is still to do."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.settled_shown = True

    def show_settled(self, shown: bool) -> None:
        self.settled_shown = shown
        self.invalidateFilter()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self.settled_shown:
            return True
        model = self.sourceModel()
        assert isinstance(model, CommitmentsTableModel)
        return model.row(source_row).status == CommitmentStatus.OPEN.value


def _summary(model: CommitmentsTableModel, rows: list) -> str:
    """``7 promises: 3 open (2 overdue), 3 kept, 1 broken``."""
    if not rows:
        return "No promises recorded for this account yet."
    return promise_record((row.status for row in rows), model.overdue_count())
