"""The main window: portfolio on the left, the selected account in tabs on the right."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell import settings
from keyplan.ui.shell.account_tabs import ACCOUNT_TABS
from keyplan.ui.shell.portfolio_model import (
    PortfolioColumn,
    PortfolioTree,
    PortfolioTreeModel,
    column_titles,
    column_widths,
)
from keyplan.ui.shell.window_commands import DatabaseOpener, WindowCommands
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.shortcuts import key_sequences

if TYPE_CHECKING:  # its module loads when an empty portfolio is first shown
    from keyplan.ui.shell.empty_portfolio import EmptyPortfolioPage


class MainWindow(WindowCommands):
    """One window per open database; ``open_database`` swaps the document it shows."""

    account_selected = Signal(int)

    def __init__(
        self,
        document: PortfolioDocument | None,
        opener: DatabaseOpener,
        *,
        keys_later: bool = False,
    ) -> None:
        """The window, showing ``document``; without one (None) only its widgets and menus,
        until ``set_document``: the start builds them while an encrypted file's key derives.
        With ``keys_later``, its shortcuts work once ``bind_keys`` has run (``main_menus.py``).
        """
        super().__init__()
        self._bind_keys_later(keys_later)
        self.opener = opener
        self.document: PortfolioDocument | None = None
        self.account_id: int | None = None
        # Why the selected account is read-only although the database is not (a viewer's).
        self.account_read_only_reason: str | None = None
        self._build_widgets()
        self._build_menus()
        if document is not None:
            self.set_document(document)
        self._restore_geometry()

    # ---- building -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.tree = PortfolioTree(self._on_selection)  # told of each selection change
        self.tree.setAccessibleName("Accounts")
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # Next and previous tab from anywhere in the window: a table with the focus would
        # otherwise keep Ctrl+Tab to itself.
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):  # fmt: skip
            shortcut = QShortcut(self)  # not QKeySequence(keys): see key_sequences
            self._when_keys_bound(lambda s=shortcut, k=keys: s.setKeys(key_sequences(k)))
            shortcut.activated.connect(lambda step=step: self.step_tab(step))
        self.splitter = QSplitter()  # side by side (Qt's `Qt` enums cost the start 20 ms)
        self.splitter.addWidget(self.tree)
        self.pages = QStackedWidget()  # the account tabs, or the portfolio dashboard
        self.pages.addWidget(self.tabs)
        self._empty_page: EmptyPortfolioPage | None = None  # built when a portfolio is empty
        self.splitter.addWidget(self.pages)
        self.tree.clicked.connect(lambda _index: self.show_account_tabs())
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([360, 1040])
        # Above everything, when another Keyplan process is editing this database (issue 6).
        self.read_only_banner = QLabel()
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            f"background: {theme.css(theme.BANNER_FACE)}; color: {theme.css(theme.BANNER_TEXT)};"
            " padding: 6px;"
        )
        self.read_only_banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.splitter, 1)  # the banner takes only its own line
        self.setCentralWidget(central)
        self.database_label = QLabel()
        self.statusBar().addPermanentWidget(self.database_label)

    def _apply_read_only(self, widget: QWidget | None = None) -> None:
        """A read-only database (another Keyplan edits it): offer no edit that would be refused.

        Editing actions are disabled, tables open no editors and the Overview's fields are
        read-only; browsing, filtering, exporting and the map's view all still work.
        """
        if self.document is None or not (
            self.document.database.read_only_reason or self.account_read_only_reason
        ):
            return
        from keyplan.ui.shell.read_only import make_read_only  # a writable start never needs it

        for action in getattr(self, "writing_actions", []):
            action.setEnabled(False)
        for tab in [widget] if widget is not None else list(self.account_tabs.values()):
            make_read_only(tab)

    def apply_read_only(self) -> None:
        """Make the account tabs read-only now (a viewer's account on a team database)."""
        self._apply_read_only()

    def rebuild_account_tabs(self) -> None:
        """Fresh account tabs for the selected account (after a read-only one)."""
        if self.document is not None:
            current = self.tabs.currentIndex()
            self._rebuild_tabs(self.document)
            self.tabs.setCurrentIndex(max(current, 0))
            self._show_account_in_current_tab()

    # ---- the document -------------------------------------------------------------------

    def set_document(self, document: PortfolioDocument) -> None:
        self._remember_place()
        if self.document is not None:
            if self.document.database.writer_lock is not None:  # others may edit it now
                self.document.database.writer_lock.release()
            self.document.deleteLater()
        self.document = document
        self.account_id = None  # an id of the previous database means nothing in this one
        document.setParent(self)
        document.edit_failed.connect(lambda message: dialogs.show_error(self, message))
        document.edit_conflict.connect(self._offer_reload)
        if document.database.path is None:  # a team database: teammates' changes show live
            from keyplan.ui.team.team_mode import watch_teammates

            self.teammate_changes = watch_teammates(self, document)
        self.account_read_only_reason = None
        self.access_action.setEnabled(False)  # for a team database's owners (ui/access)
        self.account_levels = (  # a viewer reads only; a file's window needs no such module
            import_module("keyplan.ui.access.viewer_mode").follow_account_levels(self, document)
            if document.database.announces_changes
            else None
        )
        document.accounts_changed.connect(self._after_accounts_changed)
        self._install_undo_actions(document)
        self.portfolio_model = PortfolioTreeModel(document, self)
        self.tree.setModel(self.portfolio_model)
        self.tree.header().setModel(column_titles(self.portfolio_model))  # see column_titles
        # After the model has re-read the accounts (its own slot runs after this window's).
        self.portfolio_model.modelReset.connect(self._show_empty_page_if_no_account)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(PortfolioColumn.NAME, QHeaderView.ResizeMode.Stretch)
        # Widths from the longest text the column can hold, not measured row by row: sizing
        # to contents read and laid out every account's cells before the window first showed
        # (30 ms of the start with a hundred accounts).
        for column, width in column_widths(self.tree.fontMetrics()).items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.expandAll()
        self._drop_dashboard()
        self._rebuild_tabs(document)
        self.database_label.setText(document.database.display_name)
        self.setWindowTitle(f"Keyplan — {document.database.display_name}")
        self.read_only_banner.setText(document.database.read_only_reason or "")
        self.read_only_banner.setVisible(bool(document.database.read_only_reason))
        for action in getattr(self, "writing_actions", []):
            action.setEnabled(not document.database.read_only_reason)
        self._apply_read_only()
        if self._empty_page is not None:
            self._empty_page.set_writable(not document.database.read_only_reason)
        self._return_to_last_place(document)
        self._show_empty_page_if_no_account()

    def _offer_reload(self, conflict: object) -> None:
        """Someone else saved a record first: offer to reload it (ui/team/team_mode.py)."""
        from keyplan.ui.team.team_mode import offer_reload

        if self.document is not None:
            offer_reload(self, self.document, conflict)

    def _return_to_last_place(self, document: PortfolioDocument) -> None:
        """Open on the account and tab (or the dashboard) the user was on when they left.

        The Overview is shown first and another tab only once the window is up: a map of
        a thousand people must not hold up the window's first appearance.
        """
        place = ""
        if settings.read(settings.LAST_PLACE_DATABASE) == document.database.display_name:
            place = settings.read(settings.LAST_PLACE)
        kind, _, rest = place.partition(":")
        number, _, tab_title = rest.partition(":")
        account_id = int(number) if kind == "account" and number.isdigit() else None
        if account_id is None or not self.portfolio_model.index_of(account_id).isValid():
            account_id = self.portfolio_model.first_account_id()
        self.select_account(account_id)
        if place == "dashboard":
            self.show_dashboard()
        elif tab_title in {tab.title for tab in ACCOUNT_TABS[1:]}:
            QTimer.singleShot(0, lambda: self._show_tab_if_on(document, tab_title))

    def _show_tab_if_on(self, document: PortfolioDocument, title: str) -> None:
        if self.document is document and self.pages.currentWidget() is self.tabs:
            self.show_tab(title)

    def step_tab(self, step: int) -> None:
        """The next (1) or previous (-1) account tab, round the end."""
        if self.pages.currentWidget() is self.tabs:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _remember_place(self) -> None:
        if self.document is None:
            return
        on_dashboard = self.pages.currentWidget() is getattr(self, "dashboard", None)
        tab = ACCOUNT_TABS[self.tabs.currentIndex()].title if self.tabs.count() else ""
        place = "dashboard" if on_dashboard else f"account:{self.account_id or ''}:{tab}"
        settings.write(settings.LAST_PLACE, place)
        settings.write(settings.LAST_PLACE_DATABASE, self.document.database.display_name)

    def _rebuild_tabs(self, document: PortfolioDocument) -> None:
        self.tabs.blockSignals(True)
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.account_tabs: dict[str, QWidget] = {}
        for tab in ACCOUNT_TABS:
            self.tabs.addTab(QWidget(), tab.title)  # a placeholder until first shown
        self.tabs.blockSignals(False)
        self._ensure_tab_built(self.tabs.currentIndex())

    def _on_tab_changed(self, position: int) -> None:
        self._ensure_tab_built(position)
        self._show_account_in_current_tab()

    def _ensure_tab_built(self, position: int) -> QWidget:
        tab = ACCOUNT_TABS[position]
        if tab.title not in self.account_tabs:
            widget_class = getattr(import_module(tab.module), tab.class_name)
            widget = widget_class(self.document, None)
            self.account_tabs[tab.title] = widget
            if hasattr(widget, "show_account"):  # None too: no form to type into in vain
                widget.show_account(self.account_id)
            self._connect_navigation(widget)
            self._apply_read_only(widget)
            self.tabs.blockSignals(True)
            placeholder = self.tabs.widget(position)
            self.tabs.removeTab(position)
            placeholder.deleteLater()
            self.tabs.insertTab(position, widget, tab.title)
            self.tabs.setCurrentIndex(position)
            self.tabs.blockSignals(False)
        return self.account_tabs[tab.title]

    def current_tab_title(self) -> str:
        """The title of the account tab on show ("" when there is none)."""
        if not self.tabs.count():
            return ""
        return ACCOUNT_TABS[self.tabs.currentIndex()].title

    def print_view(self, preview: bool = False) -> int:
        """File › Print…: what the window shows, through the system print dialog."""
        from keyplan.ui.shell.printing import print_current_view

        return print_current_view(self, preview)

    def show_tab(self, title: str) -> QWidget:
        """Bring an account tab to the front (building it if needed) and return it."""
        position = next(i for i, tab in enumerate(ACCOUNT_TABS) if tab.title == title)
        self.tabs.setCurrentIndex(position)
        return self._ensure_tab_built(position)

    @property
    def overview_tab(self) -> QWidget:
        return self._ensure_tab_built(0)

    @property
    def people_tab(self) -> QWidget | None:
        return self.account_tabs.get("People")

    def show_people_tab(self) -> None:
        self.show_tab("People")

    # ---- selection ----------------------------------------------------------------------

    def select_account(self, account_id: int | None) -> None:
        if account_id is None:
            self.account_id = None
            self._show_account_in_current_tab()
            return
        index = self.portfolio_model.index_of(account_id)
        self.tree.setCurrentIndex(index)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self.account_id = self.portfolio_model.account_id(indexes[0]) if indexes else None
        if indexes:
            self.show_account_tabs()
        self._show_account_in_current_tab()
        if self.account_id is not None:
            self.account_selected.emit(self.account_id)

    def _show_account_in_current_tab(self) -> None:
        current = self.tabs.currentWidget()
        if (
            hasattr(current, "show_account")
            and getattr(current, "account_id", -1) != self.account_id
        ):
            current.show_account(self.account_id)

    def _after_accounts_changed(self) -> None:
        self.tree.expandAll()
        still_there = self.portfolio_model.index_of(self.account_id or -1).isValid()
        self.select_account(
            self.account_id if still_there else self.portfolio_model.first_account_id()
        )
        self._show_empty_page_if_no_account()

    def _show_empty_page_if_no_account(self) -> None:
        """An empty portfolio shows how to begin; its first account brings the tabs back."""
        empty = self.portfolio_model.first_account_id() is None
        if empty and self.pages.currentWidget() is self.tabs:
            self.pages.setCurrentWidget(self.empty_page)
        elif not empty and self.pages.currentWidget() is self._empty_page:
            self.pages.setCurrentWidget(self.tabs)

    @property
    def empty_page(self) -> EmptyPortfolioPage:
        """The page of an empty portfolio, built the first time one is shown: its wrapped text
        is the window's first text layout, which a window with accounts need not wait for."""
        if self._empty_page is None:
            from keyplan.ui.shell.empty_portfolio import EmptyPortfolioPage

            self._empty_page = EmptyPortfolioPage(
                self.new_account, self._import_json, self.open_demo
            )
            self.pages.addWidget(self._empty_page)
            if self.document is not None:
                self._empty_page.set_writable(not self.document.database.read_only_reason)
        return self._empty_page

    def _import_json(self) -> None:
        from keyplan.ui.transfer.exchange_actions import import_json

        import_json(self)

    def open_demo(self) -> None:
        """Open the demo portfolio, made in a file of its own the first time."""
        from keyplan.ui.shell.empty_portfolio import demo_database_file

        self.open_database(str(demo_database_file()), create=False)

    # ---- geometry -----------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = settings.read(settings.WINDOW_GEOMETRY)
        if geometry is None or geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        splitter = settings.read(settings.SPLITTER_STATE)
        if splitter is not None and not splitter.isEmpty():
            self.splitter.restoreState(splitter)

    def setVisible(self, visible: bool) -> None:
        """Where the user was and the window's geometry are remembered as it goes away.

        Every close ends here, the user's and those Qt makes itself (quitting closes all
        windows): a close that is accepted hides the window. Not in ``closeEvent``: a Python
        ``closeEvent`` has PySide6 make QEvent and its hundreds of types ready for the one
        close event (some 14 M instructions, a tenth of what the first window costs above
        Qt's own), while this is handed a plain bool.
        """
        if not visible and self.isVisible():
            self._remember_place()
            settings.write(settings.WINDOW_GEOMETRY, self.saveGeometry())
            settings.write(settings.SPLITTER_STATE, self.splitter.saveState())
        super().setVisible(visible)
