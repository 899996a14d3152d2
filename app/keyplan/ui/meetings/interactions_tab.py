"""The Interactions tab: log a meeting or call in seconds, and see the past ones, newest first.

A past one opens for correction with a double-click or the Edit button (the same form, in a
dialog); the change is one undo step, like the logging was.

Logging goes through the document, so it is one undo step and everything that reads contact
(the insights, the People tab's "Last contact", the dashboard) follows at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.wording import count_of
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.meetings.edit_dialog import InteractionEditDialog
from keyplan.ui.meetings.interactions_model import (
    InteractionColumn,
    InteractionIdRole,
    InteractionsTableModel,
    SortRole,
)
from keyplan.ui.meetings.log_form import InteractionForm, LoggedInteraction
from keyplan.ui.roster.roster_watch import TeamWatch
from keyplan.ui.widgets.column_table import set_up_row_table


class InteractionsTab(QWidget):
    """Log interactions with the selected account's people; list and delete past ones."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.today_provider = date.today  # tests pin the day
        self.model = InteractionsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self._build()
        document.interactions_changed.connect(self._on_interactions_changed)
        document.people_changed.connect(self._on_people_changed)
        document.person_changed.connect(self._on_person_changed)
        document.roster_changed.connect(self._on_roster_changed)
        self.team_watch = TeamWatch(document.team_members)
        self._history_stale = False  # a roster change while hidden: re-read when shown

    def _build(self) -> None:
        self.form = InteractionForm()
        self.form.submitted.connect(self.log)
        self.filter_box = QLineEdit(placeholderText="Filter interactions: a name, a topic…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter interactions")
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the selected interaction (or double-click it)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_dialog: InteractionEditDialog | None = None
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        self.count_label = QLabel()
        self.table = QTableView()
        self.table.setAccessibleName("Interactions")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(InteractionColumn.DATE, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        set_up_row_table(
            self.table,
            [],
            "Delete interaction",
            self.delete_selected,
            edit_triggers=QAbstractItemView.EditTrigger.NoEditTriggers,
        )

        bar = QHBoxLayout()
        bar.addWidget(self.filter_box, 1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.delete_button)
        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.setContentsMargins(0, 0, 0, 0)
        history_layout.addLayout(bar)
        history_layout.addWidget(self.table, 1)
        history_layout.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form)
        splitter.addWidget(history)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ---- showing ------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        """Show an account's interactions and offer its people in the form."""
        changed = account_id != self.account_id
        self.account_id = account_id
        self.setEnabled(account_id is not None)
        if changed:
            self.form.reset(self.today_provider())
        self._reload_people()
        self.form.set_team(self.document.team_members())
        self.team_watch.start()
        self._reload_history()

    def start_logging(self, person_ids: list[int]) -> None:
        """Open the form with these people ticked (from a card's or a finding's context menu)."""
        self.form.reset(self.today_provider())
        self.form.tick_people(person_ids)
        self.form.summary_edit.setFocus()

    def _reload_people(self) -> None:
        people = [] if self.account_id is None else self.document.family_people(self.account_id)
        ticked = self.form.checked(self.form.people_list)
        self.form.set_people(people)
        self.form.tick_people(ticked)

    def _reload_history(self) -> None:
        self._history_stale = False
        rows = [] if self.account_id is None else self.document.interactions(self.account_id)
        self.model.set_rows(rows, self.today_provider())
        self.table.resizeColumnsToContents()
        widths = {InteractionColumn.PEOPLE: 240, InteractionColumn.SUMMARY: 420,
                  InteractionColumn.NEXT_STEP: 300}  # fmt: skip
        for column, most in widths.items():
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), most))
        count = self.model.rowCount()
        self.count_label.setText(count_of(count, "interaction"))

    # ---- editing ------------------------------------------------------------------------

    def log(self, entry: LoggedInteraction) -> int | None:
        """Log the filled form; return the new interaction's id (None when refused)."""
        if self.account_id is None:
            return None
        if not entry.person_ids:
            dialogs.show_error(self, "Tick at least one of their people who took part.")
            return None
        try:
            interaction_id = self.document.log_interaction(
                self.account_id,
                entry.occurred_on,
                entry.person_ids,
                entry.team_member_ids,
                channel=entry.channel,
                summary=entry.summary,
                next_step=entry.next_step,
            )
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return None
        self.form.reset(self.today_provider())
        self._offer_follow_up(interaction_id, entry)
        return interaction_id

    def _offer_follow_up(self, interaction_id: int, entry: LoggedInteraction) -> None:
        """Offer what the meeting implies (relationships, evidence, next step): ui/evidence."""
        from keyplan.ui.evidence import follow_up

        assert self.account_id is not None
        meeting = follow_up.logged_meeting(
            self.document,
            self.account_id,
            interaction_id,
            entry.occurred_on,
            entry.person_ids,
            entry.team_member_ids,
            entry.summary,
            entry.next_step,
        )
        follow_up.offer_follow_up(self, self.document, meeting)

    def selected_ids(self) -> list[int]:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return [row.data(InteractionIdRole) for row in rows]

    def edit_selected(self) -> InteractionEditDialog | None:
        """Open the first selected interaction for correction (window-modal, not blocking)."""
        ids = self.selected_ids()
        if not ids or self.account_id is None:
            return None
        try:
            row = self.document.interaction(ids[0])
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return None
        people = self.document.family_people(self.account_id)
        self.edit_dialog = InteractionEditDialog(self.document, row, people, self)
        self.edit_dialog.open()
        return self.edit_dialog

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        what = "this interaction" if len(ids) == 1 else f"{len(ids)} interactions"
        if not dialogs.confirm(self, f"Delete {what}? You can undo this.", "Delete interactions"):
            return
        try:
            self.document.delete_interactions(ids)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    # ---- following the document ---------------------------------------------------------

    def _on_interactions_changed(self, *_args: Any) -> None:
        if self.account_id is not None:
            self._reload_history()

    def _on_people_changed(self, _account_id: int) -> None:
        if self.account_id is not None:
            self._reload_people()
            self._reload_history()

    def _on_roster_changed(self) -> None:
        # Our side of the form, and the names in the history, come from our team.
        change = self.team_watch.change()
        if self.account_id is None:
            return
        if change.choices:
            self.form.set_team(self.document.team_members())
        if change.rows and self.isVisible():
            self._reload_history()
        elif change.rows:
            self._history_stale = True  # a large account's history takes seconds to read

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._history_stale and self.account_id is not None:
            self._history_stale = False
            self._reload_history()

    def _on_person_changed(self, _person_id: int, field: str) -> None:
        if self.account_id is not None and field in ("full_name", "job_title", "has_left"):
            self._reload_people()
            self._reload_history()
