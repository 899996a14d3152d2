"""A plan table on screen: heading, summary line, add and delete, and the rows edited in place."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError, NotFound
from keyplan.domain.plan_fields import PlanTable
from keyplan.domain.titles import with_article
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.plan.table_model import FieldSpecRole, PlanTableModel, RowIdRole
from keyplan.ui.plan.tables import PlanTableLayout
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.column_table import set_up_row_table
from keyplan.ui.widgets.field_editors import RowFieldDelegate

ModelIndex = QModelIndex | QPersistentModelIndex


class PlanTableBox(QWidget):
    """One plan table of the selected account: add a row, edit it in place, delete it."""

    def __init__(
        self, document: PortfolioDocument, layout: PlanTableLayout, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.layout_spec = layout
        self.model = PlanTableModel(document, layout.table, layout.columns, self)
        self.model.error_handler = lambda message: dialogs.show_error(self, message)
        self._build()
        for signal in (
            self.model.modelReset,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.dataChanged,
        ):
            signal.connect(self._update_summary)

    def _build(self) -> None:
        self.title = QLabel(self.layout_spec.title)
        self.title.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.summary = QLabel()
        self.summary.setStyleSheet(theme.text_style(theme.HINT))
        self.summary.setWordWrap(True)  # a long summary wraps rather than widen the window
        noun = self.model.spec.noun
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip(f"Add {with_article(noun)}")
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip(f"Delete the selected {noun} (Delete key)")
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        # Under the title, the whole width: squeezed between the title and the buttons, a
        # pipeline in three currencies wrapped into a narrow column and was cut off.
        layout.addWidget(self.summary)
        layout.addWidget(self._build_table(), 1)

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName(f"plan_{self.layout_spec.table.value}")
        self.table.setAccessibleName(self.title.text())
        self.table.setModel(self.model)
        self.table.setItemDelegate(RowFieldDelegate(self.model, FieldSpecRole, self.table))
        set_up_row_table(
            self.table,
            [column.width for column in self.layout_spec.columns],
            f"Delete {self.model.spec.noun}",
            self.delete_selected,
        )
        self.table.setMinimumHeight(120)
        return self.table

    # ---- showing ------------------------------------------------------------------------

    @property
    def account_id(self) -> int | None:
        return self.model.account_id

    def show_account(self, account_id: int | None) -> None:
        self.model.show_account(account_id)
        self.setEnabled(account_id is not None)

    def _update_summary(self, *_args: object) -> None:
        rows = self.model.rows()
        text = self.layout_spec.summary(rows, self._account_currency())
        if any(row["account_id"] != self.account_id for row in rows):
            text += " · grey rows: from affiliates"
        self.summary.setText(text)

    def _account_currency(self) -> str:
        """The currency of the account whose plan this is: its amounts are named first."""
        if self.account_id is None:
            return ""
        try:
            return self.document.account_values(self.account_id).get("currency") or ""
        except NotFound:  # deleted under us: the tab is about to show another account
            return ""

    def select_row(self, row_id: int, field: str | None = None) -> None:
        """Select a row (and make one of its cells current) and scroll to it."""
        row = self.model.row_of(row_id)
        if row is None:
            return
        column = self.model.column_of(field) if field else 0
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index)

    def selected_row_ids(self) -> list[int]:
        selection = self.table.selectionModel()
        return [index.data(RowIdRole) for index in selection.selectedRows()] if selection else []

    # ---- editing ------------------------------------------------------------------------

    def add_row(self) -> None:
        """Ask for what names the new row, add it, and select it for editing."""
        if self.account_id is None:
            return
        values = self._ask_new_row()
        if values is None:
            return
        try:
            row_id = self.document.add_plan_row(self.layout_spec.table, self.account_id, values)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        self.select_row(row_id)
        self.table.setFocus()

    def _ask_new_row(self) -> dict[str, Any] | None:
        spec = self.model.spec
        if self.layout_spec.table is PlanTable.RELATIONSHIP_OWNERS:
            return self._ask_new_owner()
        assert self.layout_spec.add_question is not None
        text = dialogs.ask_text(self, f"Add {spec.noun}", self.layout_spec.add_question)
        return {spec.title_field: text} if text else None

    def _ask_new_owner(self) -> dict[str, Any] | None:
        """A relationship owner names two people, so "Add" asks for both from lists."""
        person = dialogs.ask_choice(
            self,
            "Add relationship owner",
            "Whose relationship is owned?",
            self.model.reference_choices("stakeholder_id"),
        )
        if person is None:
            return None
        member = dialogs.ask_choice(
            self,
            "Add relationship owner",
            "Who from our team owns it?",
            self.model.reference_choices("team_member_id"),
        )
        if member is None:
            return None
        return {"stakeholder_id": person, "team_member_id": member}

    def delete_selected(self) -> None:
        """Delete the selected rows after asking; one undo step brings them all back."""
        row_ids = self.selected_row_ids()
        if not row_ids:
            return
        noun = self.model.spec.noun
        what = (
            f"the {noun} '{self._title_of(row_ids[0])}'"
            if len(row_ids) == 1
            else f"{len(row_ids)} rows ({noun}s)"
        )
        if not dialogs.confirm(self, f"Delete {what}? You can undo this.", f"Delete {noun}"):
            return
        try:
            self.document.delete_plan_rows(self.layout_spec.table, row_ids)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    def _title_of(self, row_id: int) -> str:
        row = self.model.row_of(row_id)
        column = self.model.column_of(self.model.spec.title_field)
        return self.model.index(row, column).data() if row is not None else ""
