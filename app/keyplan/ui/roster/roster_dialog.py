"""Account › Our team and offerings: the people on our side and what we sell, edited in place.

A non-modal window with two tables. Every edit goes through the document (one undo step each,
stored at once); the tables follow ``roster_changed``, so an undo from the main window shows
here too. Relationship owners, the whitespace grid and every list of owners read what is
managed here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.domain.titles import with_article
from keyplan.domain.wording import plural
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.roster.edits import OFFERINGS, TEAM, RosterKind
from keyplan.ui.roster.roster_models import (
    FieldSpecRole,
    OfferingTableModel,
    RosterTableModel,
    RowIdRole,
    SortRole,
    TeamTableModel,
)
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.column_table import set_up_row_table
from keyplan.ui.widgets.field_editors import RowFieldDelegate
from keyplan.ui.widgets.shortcuts import redo_shortcuts


class RosterPage(QWidget):
    """One table of the roster with its Add and Delete buttons."""

    noun = "row"
    kind: RosterKind  # which rows the page edits (team members or offerings)

    def __init__(self, document: PortfolioDocument, model: RosterTableModel, hint: str) -> None:
        super().__init__()
        self.document = document
        self.model = model
        self.model.error_handler = lambda message: dialogs.show_error(self, message)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SortRole)
        self._build(hint)
        self.model.refresh()
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._fit_columns()

    def _build(self, hint: str) -> None:
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style(theme.HINT))
        self.add_button = QPushButton("Add…")
        self.add_button.setToolTip(f"Add {with_article(self.noun)}")
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip(f"Delete the selected {self.noun} (Delete key)")
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self._build_table(), 1)

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setAccessibleName(plural(self.noun).capitalize())
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(RowFieldDelegate(self.model, FieldSpecRole, self.table))
        self.table.setSortingEnabled(True)
        set_up_row_table(
            self.table,
            [column.width for column in self.model.columns],
            f"Delete {self.noun}",
            self.delete_selected,
        )
        return self.table

    def _fit_columns(self) -> None:
        # As wide as the content, up to each column's share; the last one takes what is left.
        self.table.resizeColumnsToContents()
        for position, column in enumerate(self.model.columns):
            width = self.table.columnWidth(position) + 12
            self.table.setColumnWidth(position, min(max(width, 80), column.width))

    # ---- selection ----------------------------------------------------------------------

    def index_of(self, row_id: int, field: str = "name") -> QModelIndex:
        """The table's (sorted) index of a row's field, invalid when the row is gone."""
        row = self.model.row_of(row_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, self.model.column_of(field)))

    def select_row(self, row_id: int, field: str = "name") -> None:
        index = self.index_of(row_id, field)
        if index.isValid():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def selected_row_ids(self) -> list[int]:
        selection = self.table.selectionModel()
        return [index.data(RowIdRole) for index in selection.selectedRows()] if selection else []

    # ---- editing ------------------------------------------------------------------------

    def add_row(self) -> None:
        """Ask for the name, add the row, and select it for the rest of its fields."""
        name = dialogs.ask_text(self, f"Add {self.noun}", self.name_question)
        if not name:
            return
        try:
            row_id = self.add(name)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        self.select_row(row_id, self.first_field_after_name)
        self.table.setFocus()

    def delete_selected(self) -> None:
        """Delete the selected rows after a question that says what else goes; one undo step."""
        row_ids = self.selected_row_ids()
        if not row_ids:
            return
        try:
            ties = [self.ties(row_id) for row_id in row_ids]
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        if not dialogs.confirm(self, self.delete_question(ties), f"Delete {self.noun}"):
            return
        try:
            self.document.delete_roster_rows(self.kind, row_ids, cascade=True)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    def delete_question(self, ties: list[Any]) -> str:
        """The question before a delete: who goes, and what goes or changes with them."""
        names = [tie.name for tie in ties]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        consequences = [
            f"• {tie.name + ': ' if len(ties) > 1 else ''}{consequence}"
            for tie in ties
            for consequence in tie.consequences()
        ]
        parts = [self.delete_headline(who, len(names))]
        if consequences:
            parts.append("\n".join(consequences))
        parts.append("You can undo this.")
        return "\n\n".join(parts)

    # ---- what differs between the two tables -------------------------------------------

    name_question = "Name:"
    first_field_after_name = "name"

    def add(self, name: str) -> int:
        raise NotImplementedError

    def ties(self, row_id: int) -> Any:
        raise NotImplementedError

    def delete_headline(self, who: str, count: int) -> str:
        raise NotImplementedError


class TeamPage(RosterPage):
    noun = "team member"
    kind = TEAM
    name_question = "Name of the colleague:"
    first_field_after_name = "role"

    def __init__(self, document: PortfolioDocument) -> None:
        super().__init__(
            document,
            TeamTableModel(document),
            "Colleagues who own relationships, make promises and meet customers. "
            "Double-click a cell to change it.",
        )

    def add(self, name: str) -> int:
        return self.document.add_team_member(name)

    def ties(self, row_id: int) -> Any:
        return self.document.team_member_ties(row_id)

    def delete_headline(self, who: str, count: int) -> str:
        return f"Delete {who} from our team?"


class OfferingsPage(RosterPage):
    noun = "offering"
    kind = OFFERINGS
    name_question = "Name of the offering:"
    first_field_after_name = "description"

    def __init__(self, document: PortfolioDocument) -> None:
        super().__init__(
            document,
            OfferingTableModel(document),
            "What we sell: the columns of every account's whitespace grid. "
            "Double-click a cell to change it.",
        )

    def add(self, name: str) -> int:
        return self.document.add_offering(name)

    def ties(self, row_id: int) -> Any:
        return self.document.offering_ties(row_id)

    def delete_headline(self, who: str, count: int) -> str:
        return f"Delete the offering {who}?" if count == 1 else f"Delete the offerings {who}?"


class RosterDialog(QDialog):
    """Our team and our offerings, side by side in tabs; stays open beside the main window."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.setWindowTitle("Our team and offerings")
        self.setModal(False)
        self.team = TeamPage(document)
        self.offerings = OfferingsPage(document)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.team, "")
        self.tabs.addTab(self.offerings, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(self._build_buttons())
        for page in (self.team, self.offerings):
            for signal in (page.model.rowsInserted, page.model.rowsRemoved):
                signal.connect(self._update_tab_titles)
        self._update_tab_titles()
        # The window belongs to one open database: it goes when that document does.
        document.destroyed.connect(self.close)
        self.resize(1000, 500)

    def _build_buttons(self) -> QHBoxLayout:
        # The main window's Undo shortcuts do not reach this window: it has its own.
        stack = self.document.undo_stack
        undo = stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = stack.createRedoAction(self, "Redo")
        redo.setShortcuts(redo_shortcuts())
        self.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo
        buttons = QHBoxLayout()
        for action in (undo, redo):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QPushButton("Close")
        close.setAutoDefault(False)  # Enter in a cell editor must not close the window
        close.clicked.connect(self.close)
        buttons.addWidget(close)
        return buttons

    def _update_tab_titles(self, *_args: object) -> None:
        self.tabs.setTabText(0, f"Our team ({self.team.model.rowCount()})")
        self.tabs.setTabText(1, f"Our offerings ({self.offerings.model.rowCount()})")


def open_roster(parent: QWidget, document: PortfolioDocument) -> RosterDialog:
    """Show the roster window of this document, reusing the one already open."""
    dialog = next(
        (d for d in parent.findChildren(RosterDialog) if d.document is document and d.isVisible()),
        None,
    )
    if dialog is None:
        dialog = RosterDialog(document, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
