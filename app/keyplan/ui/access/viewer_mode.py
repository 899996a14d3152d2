"""A viewer's account opens read-only, with the banner; Account › Access… for its owners.

On a team database the server decides what each login may do with each account (see
``store/access``). When the user selects an account, the window asks its level once: on a
viewer's account the editing actions are disabled and the tabs are read-only (the banner of a
read-only file says why); an owner's (or a Keyplan admin's) account enables Access…. A viewer
can still browse, filter, search and export (PDF, slides, map pictures): only saving is
refused, and the server would refuse it anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot

if TYPE_CHECKING:
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.main_window import MainWindow

VIEWER_BANNER = (
    "You can view this account but not change it: you are a viewer. Ask an owner of the "
    "account for editor access. Exports still work."
)


class AccountLevels(QObject):
    """Follows the selected account's access level for one window and one document."""

    def __init__(self, window: MainWindow, document: PortfolioDocument) -> None:
        super().__init__(document)  # goes with the document: no call into a closed database
        self.window = window
        self.document = document
        self.level: str | None = "owner"
        window.account_selected.connect(self.on_account_selected)
        # A grant changed (here or by an owner elsewhere): the level may have too.
        document.accounts_changed.connect(self.on_accounts_changed)

    @Slot()
    def on_accounts_changed(self) -> None:
        if self.window.account_id is not None:
            self.on_account_selected(self.window.account_id)

    @Slot(int)
    def on_account_selected(self, account_id: int) -> None:
        from keyplan.store.access.levels import level_of  # SQLAlchemy not needed yet

        if self.window.document is not self.document:
            return
        level = level_of(self.document.database, account_id)
        self.window.access_action.setEnabled(level == "owner")
        was_viewer, self.level = self.level == "viewer", level
        if (level == "viewer") == was_viewer:
            return
        if level == "viewer":
            self._become_read_only()
        else:
            self._become_writable()

    def _become_read_only(self) -> None:
        window = self.window
        window.account_read_only_reason = VIEWER_BANNER
        window.read_only_banner.setText(VIEWER_BANNER)
        window.read_only_banner.show()
        window.apply_read_only()

    def _become_writable(self) -> None:
        window = self.window
        window.account_read_only_reason = None
        window.read_only_banner.hide()
        for action in getattr(window, "writing_actions", []):
            action.setEnabled(True)
        window.rebuild_account_tabs()  # read-only tabs are not made writable again: new ones


def follow_account_levels(window: MainWindow, document: PortfolioDocument) -> AccountLevels:
    """On a team database, keep the window's editing in step with the selected account.

    The window has made its account writable and Access… disabled already (``set_document``):
    a file's window does not load this module.
    """
    return AccountLevels(window, document)
