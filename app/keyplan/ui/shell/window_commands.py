"""The main window's commands and jumps: opening databases, accounts, imports and exports,
the portfolio dashboard, and the jumps from a line about a person or a promise.

Mixed into ``MainWindow`` (``ui/shell/main_window.py``), whose widgets and document they use;
the menus (``main_menus.py``) call them. Modules behind a command load when it is first used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.shell import settings
from keyplan.ui.shell.main_menus import MenuBuilding

if TYPE_CHECKING:
    from keyplan.ui.document import PortfolioDocument

DatabaseOpener = Callable[[str, bool], "PortfolioDocument"]
PASSWORD_NOTE_MS = 15_000  # long enough to read where a team password went


class WindowCommands(MenuBuilding):
    """What the menus and the tabs ask the main window to do."""

    # ---- commands -----------------------------------------------------------------------

    def new_database(self) -> None:
        path = dialogs.ask_new_database(self)
        if path:
            self.open_database(path, create=True)

    def choose_database(self) -> None:
        path = dialogs.ask_open_database(self)
        if path:
            self.open_database(path, create=False)

    def open_database(self, path: str, *, create: bool) -> bool:
        try:
            document = self.opener(path, create)
        except KeyplanError as error:
            recovered = self._recover(path, error)
            if recovered is None:
                return False
            document, path = recovered
        self.set_document(document)
        password_note = settings.remember_database(path)
        if password_note:
            self.statusBar().showMessage(password_note, PASSWORD_NOTE_MS)
        self._check_soon()
        return True

    def _check_soon(self) -> None:
        """The whole file's integrity check, in the background, once the new file shows: the
        open read a big file's header only, as at start-up (issue 18)."""
        from keyplan.ui.safety.damage import CHECK_DELAY_MS, check_in_background

        QTimer.singleShot(CHECK_DELAY_MS, self, lambda: check_in_background(self))

    def _recover(self, path: str, error: KeyplanError) -> tuple[PortfolioDocument, str] | None:
        """A damaged file gets the same ways out as at start-up; other refusals are shown."""
        from keyplan.ui.safety.recovery import is_damaged_file, recover_damaged_database

        if not is_damaged_file(path):
            dialogs.show_error(self, str(error), "Cannot open database")
            return None
        recovered = recover_damaged_database(
            path, str(error), self.opener, parent=self, closing_text="Cancel"
        )
        return None if recovered is None else (recovered.document, recovered.location)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in settings.read(settings.RECENT_DATABASES):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_database(p, create=False))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No recent databases").setEnabled(False)

    def new_account(self, parent_id: int | None = None) -> None:
        assert self.document is not None
        title = "New affiliate" if parent_id else "New account"
        name = dialogs.ask_text(self, title, "Name of the account:")
        if not name:
            return
        try:
            account_id = self.document.add_account(name, parent_id)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        self.select_account(account_id)

    def new_affiliate(self) -> None:
        if self.account_id is not None:
            self.new_account(self.account_id)

    def delete_account(self) -> None:
        assert self.document is not None
        if self.account_id is None:
            return
        name = self.document.account_values(self.account_id)["name"]
        content = self.document.account_content(self.account_id)
        question = (
            f"Delete the empty account {name}?"
            if content is None
            else f"{content}\n\nDelete {name} with everything in it?"
        )
        if not dialogs.confirm(self, question + " You can undo this.", "Delete account"):
            return
        try:
            self.document.delete_account(self.account_id, cascade=content is not None)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    def add_person(self) -> None:
        self.show_people_tab()
        if self.people_tab is not None:
            self.people_tab.add_person()

    def import_people(self) -> QWidget | None:
        """Account › Import people: a CSV or vCard file into the selected account (a wizard)."""
        if self.document is None or self.account_id is None:
            return None
        from keyplan.ui.transfer.import_wizard import start_import  # loaded when first used

        return start_import(self.document, self.account_id, self)

    def import_contacts(self) -> QWidget | None:
        """File › Import contacts: a file into the portfolio, each person to their company's
        account; needs no account selected (the dashboard has none)."""
        if self.document is None:
            return None
        from keyplan.ui.transfer.import_wizard import start_import  # loaded when first used

        return start_import(self.document, None, self)

    def find_people(self) -> None:
        self.show_people_tab()
        if self.people_tab is not None:
            self.people_tab.focus_filter()

    def show_roster(self) -> QWidget:
        """Account › Our team and offerings: a window beside this one (loaded when first used)."""
        assert self.document is not None
        from keyplan.ui.roster.roster_dialog import open_roster

        return open_roster(self, self.document)

    def export_plan_pdf(self) -> None:
        """Export the selected account's plan (internal, customer-safe or a brief) as a PDF."""
        if self.document is None or self.account_id is None:
            return
        from keyplan.ui.plan.export_flow import PlanExport  # loaded when first used

        exporter = self.findChild(PlanExport) or PlanExport(self)
        exporter.start(self.document, self.account_id)

    # ---- the portfolio dashboard and jumps from the insights (issue 5) ----------------------

    def show_dashboard(self) -> QWidget:
        """Show every account with its health on the right (built and read on first use)."""
        if getattr(self, "dashboard", None) is None:
            from keyplan.ui.insights.dashboard import PortfolioDashboard

            self.dashboard = PortfolioDashboard(self.document)
            self.dashboard.account_chosen.connect(self.select_account)
            self.dashboard.account_chosen.connect(lambda _account: self.show_account_tabs())
            self.pages.addWidget(self.dashboard)
        # The dashboard lists every account itself: it takes the navigator's width too.
        self.tree.hide()
        self.pages.setCurrentWidget(self.dashboard)
        return self.dashboard

    def show_account_tabs(self) -> None:
        self.tree.show()
        self.pages.setCurrentWidget(self.tabs)
        self._show_empty_page_if_no_account()

    def _drop_dashboard(self) -> None:
        if getattr(self, "dashboard", None) is not None:
            self.pages.removeWidget(self.dashboard)
            self.dashboard.deleteLater()
        self.dashboard = None

    def _connect_navigation(self, tab: QWidget) -> None:
        """Let a tab's lines about a person or a promise open that person or promise."""
        for name, slot in (
            ("person_activated", self.show_person),
            ("commitment_activated", self.show_commitment),
            ("log_requested", self.log_interaction_with),
            ("plan_requested", lambda: self.show_tab("Plan")),
        ):
            signal = getattr(tab, name, None)
            if signal is not None:
                signal.connect(slot)

    def show_person(self, person_id: int) -> None:
        """Select a person in the People tab (including affiliates when they work there)."""
        assert self.document is not None
        account_id = self.document.person(person_id).account_id
        tab = self.show_tab("People")
        if account_id != self.account_id and hasattr(tab, "affiliates_box"):
            tab.affiliates_box.setChecked(True)
        tab.select_person(person_id)

    def show_commitment(self, commitment_id: int) -> None:
        self.show_tab("Commitments").select_commitment(commitment_id)

    def log_interaction_with(self, person_ids: list[int]) -> None:
        """Open the Interactions tab's form with these people ticked (a card's context menu)."""
        self.show_tab("Interactions").start_logging(person_ids)

    def about(self) -> None:
        """Help › About: version, licence, where the data lives; window-modal, never blocking."""
        assert self.document is not None
        from PySide6.QtCore import Qt

        from keyplan.ui.shell.about_dialog import AboutDialog, AboutFacts  # loaded when first asked

        database = self.document.database
        dialog = AboutDialog(AboutFacts.gather(database.display_name, database.path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
