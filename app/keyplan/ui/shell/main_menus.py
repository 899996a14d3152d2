"""The main window's menus and toolbar: what each command is called, its keys, and whether it
writes (a read-only window disables those).

Mixed into ``MainWindow`` (``ui/shell/main_window.py``), whose slots the commands call.
Modules behind rarely used commands (exports, backups, team mode) load when first used.
The keys are bound by ``bind_keys``: at start-up on the event loop's turn after the window
shows (before any key press reaches it), so that the first window need not make
``QKeySequence`` ready nor parse its shortcuts; any other window binds them at once.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from keyplan.ui.widgets.shortcuts import Shortcut, StandardKey, key_sequences, redo_shortcuts

if TYPE_CHECKING:
    from keyplan.ui.document import PortfolioDocument


class MenuBuilding(QMainWindow):
    """The menus of ``MainWindow``; the slots they call are its own."""

    def _bind_keys_later(self, later: bool) -> None:
        """Keys given before ``bind_keys`` wait for it (``later``), or are bound at once."""
        self._keys_bound = not later
        self._waiting_keys: list[Callable[[], None]] = []

    def _when_keys_bound(self, bind: Callable[[], None]) -> None:
        if self._keys_bound:
            bind()
        else:
            self._waiting_keys.append(bind)

    def bind_keys(self) -> None:
        """Give the actions and shortcuts made so far their keys; later ones get theirs at once."""
        self._keys_bound = True
        waiting, self._waiting_keys = self._waiting_keys, []
        for bind in waiting:
            bind()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New database…", self.new_database, StandardKey("New"))
        self._action(file_menu, "&Open database…", self.choose_database, StandardKey("Open"))
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.export_pdf_action = self._action(
            file_menu, "&Export plan (PDF or PowerPoint)…", self.export_plan_pdf, "Ctrl+Shift+E"
        )
        self.export_pdf_action.setIconText("Export PDF")
        self.export_pdf_action.setToolTip(
            "Export the selected account's plan or a meeting brief as a PDF or a PowerPoint deck"
        )
        self.toolbar = self.addToolBar("Main")
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.addAction(self.export_pdf_action)
        self.print_action = self._action(
            file_menu, "&Print…", self.print_view, StandardKey("Print")
        )
        self.print_action.setToolTip(
            "Print what you look at: the dashboard, the map, or the plan or a brief"
        )
        self.print_preview_action = self._action(
            file_menu, "Print pre&view…", lambda: self.print_view(preview=True)
        )
        self._add_data_actions(file_menu)
        file_menu.addSeparator()

        # Team mode (issue 7): its module loads when one of these is first used.
        def team(name: str) -> Callable[[], object]:
            return lambda: getattr(import_module("keyplan.ui.team.team_mode"), name)(self)

        self._action(file_menu, "Open &team database…", team("open_team_database"))
        self._action(file_menu, "&Copy this database to…", team("copy_database_to"))
        self._action(file_menu, "Your &name on changes…", team("ask_user_name"))
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, StandardKey("Quit"))

        self.edit_menu = self.menuBar().addMenu("&Edit")
        account_menu = self.menuBar().addMenu("&Account")
        self._writing(self._action(account_menu, "New &account…", self.new_account))
        self._writing(
            self._action(account_menu, "New a&ffiliate of this account…", self.new_affiliate)
        )
        self._writing(self._action(account_menu, "&Delete this account…", self.delete_account))
        account_menu.addSeparator()
        self._writing(self._action(account_menu, "Add &person…", self.add_person, "Ctrl+Shift+N"))
        self.import_action = self._writing(
            self._action(account_menu, "&Import people…", self.import_people)
        )
        self.find_action = self._action(
            account_menu, "&Find people…", self.find_people, StandardKey("Find")
        )
        self.find_portfolio_action = self._action(
            account_menu,
            "Find in &portfolio…",
            lambda: import_module("keyplan.ui.shell.portfolio_search").find_in_portfolio(self),
            "Ctrl+Shift+F",
        )
        account_menu.addSeparator()
        self._action(account_menu, "Our &team and offerings…", self.show_roster)
        # Team databases: who may see or change this account (enabled for its owners).
        self.access_action = self._action(
            account_menu,
            "A&ccess…",
            lambda: import_module("keyplan.ui.access.access_dialog").show_access(self),
        )
        self.access_action.setEnabled(False)
        # Forgetting a person at their request (issue 19): its module loads when first used.
        person_menu = self.menuBar().addMenu("&Person")
        self._writing(self._action(person_menu, "&Forget…", self._forget_person))
        view_menu = self.menuBar().addMenu("&View")
        # Not Ctrl+1: the map's "actual size" has it, and two owners make it fire for neither.
        dashboard_action = self._action(
            view_menu, "&Portfolio dashboard", self.show_dashboard, "Ctrl+Shift+P"
        )
        dashboard_action.setIconText("Dashboard")
        dashboard_action.setToolTip("Every account with its health, worst first (Ctrl+Shift+P)")
        self.toolbar.insertAction(self.export_pdf_action, dashboard_action)
        self._action(view_menu, "&Account tabs", self.show_account_tabs)
        help_menu = self.menuBar().addMenu("&Help")
        self._action(
            help_menu,
            "&Keyboard shortcuts",
            lambda: import_module("keyplan.ui.shell.shortcuts_dialog").show_shortcuts(self),
            "Ctrl+/",
        )
        self._action(help_menu, "&About Keyplan", self.about)

    def _forget_person(self) -> None:
        import_module("keyplan.ui.forget.forget_flow").start_forgetting(self)

    def _add_data_actions(self, file_menu: QMenu) -> None:
        """Exports, JSON import and backups (issue 6); their modules load when first used."""

        def later(module: str, function: str, *args: object) -> Callable[[], object]:
            return lambda: getattr(import_module(f"keyplan.ui.{module}"), function)(self, *args)

        exchange = "transfer.exchange_actions"
        for table in ("people", "commitments", "actions"):
            self._action(file_menu, f"Export {table} as CSV…", later(exchange, "export_csv", table))
        self._action(file_menu, "Export account as &JSON…", later(exchange, "export_json"))
        self._action(file_menu, "Export database as JSON…", later(exchange, "export_json", True))
        self._writing(self._action(file_menu, "&Import JSON…", later(exchange, "import_json")))
        # Into the whole portfolio, each person to their company's account: needs no account
        # selected (Account › Import people… is the one for the selected account).
        self.import_contacts_action = self._writing(
            self._action(file_menu, "Import &contacts…", self.import_contacts)
        )
        # Meetings of an .ics export logged as interactions, after a preview.
        self.import_calendar_action = self._writing(
            self._action(
                file_menu,
                "Import ca&lendar…",
                later("transfer.calendar_dialog", "start_calendar_import"),
            )
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Back up now…", later("safety.backup_actions", "back_up_now"))
        restore = later("safety.backup_actions", "restore_from_backup")
        self._writing(self._action(file_menu, "Res&tore from backup…", restore))
        cipher = "cipher.actions"  # encryption at rest (issue 19)
        self._writing(
            self._action(
                file_menu, "Encr&ypt this database…", later(cipher, "encrypt_this_database")
            )
        )
        self._writing(
            self._action(
                file_menu, "Decr&ypt this database…", later(cipher, "decrypt_this_database")
            )
        )

    def _writing(self, action: QAction) -> QAction:
        """An action that changes the database: disabled while the database is read-only."""
        if not hasattr(self, "writing_actions"):
            self.writing_actions: list[QAction] = []
        self.writing_actions.append(action)
        return action

    def _action(
        self, menu: QMenu, text: str, slot: Callable[[], object], shortcut: Shortcut | None = None
    ) -> QAction:
        action = QAction(self)  # not QAction(text, self): its overload check readies QIcon
        action.setText(text)
        if shortcut is not None:  # not setShortcut: see key_sequences
            self._when_keys_bound(lambda: action.setShortcuts(key_sequences(shortcut)))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _install_undo_actions(self, document: PortfolioDocument) -> None:
        self.edit_menu.clear()
        undo = document.undo_stack.createUndoAction(self, "&Undo")
        self._when_keys_bound(lambda: undo.setShortcuts(key_sequences(StandardKey("Undo"))))
        redo = document.undo_stack.createRedoAction(self, "&Redo")
        self._when_keys_bound(lambda: redo.setShortcuts(redo_shortcuts()))
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
