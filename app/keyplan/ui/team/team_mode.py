"""Team mode in a window: teammates' changes appear live, and a refused save offers a reload.

- On a team database, ``watch_teammates`` listens for the changes other windows announce
  (``store/team/notify.py``) and turns each batch into the document's usual signals, so every
  view updates what changed exactly as it does after the user's own edits.
- When a save is refused because someone else saved the record first (``EditConflict``), the
  view that tried shows why, and a bar above the window offers to reload the record
  (``offer_reload``): it is read again and every view shows the stored version.

Loaded only when a team database is opened or the first conflict happens: an SQLite window
never imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.domain.plan_fields import WHITESPACE, PlanTable
from keyplan.store.team.conflicts import EditConflict

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from keyplan.store.database import Database
    from keyplan.store.team.notify import ChangeBatch, RowChange
    from keyplan.ui.document import PortfolioDocument

PLAN_TABLES = {table.value for table in PlanTable} | {WHITESPACE}
INTERACTION_TABLES = {"interactions", "interaction_stakeholders", "interaction_team_members"}
ROSTER_TABLES = {"team_members", "offerings"}
STATUS_SECONDS = 6


# ---- teammates' changes -------------------------------------------------------------------


class TeammateChanges(QObject):
    """Hears other windows' changes on a team database and shows them in this document."""

    changes_heard = Signal(object)  # a ChangeBatch, emitted from the listener's thread

    def __init__(self, document: PortfolioDocument, window: QMainWindow | None = None) -> None:
        from keyplan.store.team.notify import ChangeListener

        super().__init__(document)
        self.document = document
        self.window = window
        # Queued to this (the GUI) thread: the listener's thread never touches a widget.
        self.changes_heard.connect(self._show_changes)
        self.listener = ChangeListener(document.database, self.changes_heard.emit)
        document.destroyed.connect(lambda *_: self.listener.stop())
        self.listener.start()

    def _show_changes(self, batch: ChangeBatch) -> None:
        announce_changes(self.document, batch.changes)
        if self.window is not None and batch.user:
            self.window.statusBar().showMessage(
                f"Updated with changes by {batch.user}.", STATUS_SECONDS * 1000
            )


def watch_teammates(window: QMainWindow, document: PortfolioDocument) -> TeammateChanges | None:
    """Start listening on a team database (None for a file: nothing to listen to)."""
    if not document.database.announces_changes:
        return None
    return TeammateChanges(document, window)


@dataclass
class _Announcements:
    """The signals a batch of changes calls for, each once."""

    accounts: bool = False
    roster: bool = False
    account_fields: dict[int, set[str]] = field(default_factory=dict)
    person_fields: dict[int, set[str]] = field(default_factory=dict)
    positions: set[int] = field(default_factory=set)
    people: set[int] = field(default_factory=set)
    plans: set[tuple[str, int]] = field(default_factory=set)
    influence: set[int] = field(default_factory=set)
    interactions: set[int] = field(default_factory=set)


def announce_changes(document: PortfolioDocument, changes: Iterable[RowChange]) -> None:
    """Emit the document's signals for rows changed elsewhere, so the views re-read them."""
    found = _Announcements()
    every_account: list[int] | None = None
    for change in changes:
        if change.account_id is not None:
            accounts = [change.account_id]
        else:  # a row we cannot place: every account's views check it
            if every_account is None:
                every_account = [row.id for row in document.portfolio()]
            accounts = every_account
        _collect(found, change, accounts)
    _emit(document, found)


def _collect(found: _Announcements, change: RowChange, accounts: list[int]) -> None:
    fields = set(change.fields)
    one_row_update = change.kind == "update" and change.row_id is not None and fields
    if change.table in ("accounts", "account_access"):  # a grant shows or hides accounts
        if not one_row_update or fields & {"name", "parent_id"}:
            found.accounts = True
        if one_row_update:
            names = fields & ACCOUNT_FIELDS.keys()
            found.account_fields.setdefault(change.row_id, set()).update(names)
    elif change.table == "stakeholders":
        if one_row_update:
            found.person_fields.setdefault(change.row_id, set()).update(
                fields & STAKEHOLDER_FIELDS.keys()
            )
            if fields & {"map_x", "map_y"}:
                found.positions.add(change.row_id)
        else:
            found.people.update(accounts)
    elif change.table in PLAN_TABLES:
        found.plans.update((change.table, account) for account in accounts)
    elif change.table == "influence_lines":
        found.influence.update(accounts)
    elif change.table in INTERACTION_TABLES:
        found.interactions.update(accounts)
    elif change.table in ROSTER_TABLES:
        found.roster = True


def _emit(document: PortfolioDocument, found: _Announcements) -> None:
    if found.accounts:
        document.accounts_changed.emit()
    for account_id, names in found.account_fields.items():
        for name in sorted(names):
            document.account_changed.emit(account_id, name)
    for account_id in sorted(found.people):
        document.people_changed.emit(account_id)
    for person_id, names in found.person_fields.items():
        document.announce_person_fields(person_id, sorted(names))
    if found.positions:
        document.positions_changed.emit(sorted(found.positions))
    for table, account_id in sorted(found.plans):
        document.plan_changed.emit(table, account_id)
    for account_id in sorted(found.influence):
        document.influence_changed.emit(account_id)
    for account_id in sorted(found.interactions):
        document.interactions_changed.emit(account_id)
    if found.roster and hasattr(document, "roster_changed"):
        document.roster_changed.emit()


# ---- reloading one record -----------------------------------------------------------------


def reload_record(document: PortfolioDocument, table: str, row_id: int) -> None:
    """Read a record again (the next save builds on it) and refresh every view of it."""
    from keyplan.store.team import tracking as team_tracking
    from keyplan.store.team.notify import RowChange

    account = team_tracking.record_account(document.database, table, row_id)
    exists = team_tracking.remember_current(document.database, table, row_id)
    every_field = {"accounts": ACCOUNT_FIELDS, "stakeholders": STAKEHOLDER_FIELDS}.get(table, {})
    fields = (*every_field, "map_x", "map_y") if table == "stakeholders" else tuple(every_field)
    kind = "update" if exists and fields else "delete"
    announce_changes(document, [RowChange(table, row_id, account, kind, fields)])


def last_change_text(database: Database, table: str, row_id: int) -> str:
    """'Last changed by bob on 23 Nov 2026 at 14:02' ("" when not known)."""
    from keyplan.store.team import tracking as team_tracking

    found = team_tracking.last_change(database, table, row_id)
    if found is None:
        return ""
    who, when = found
    by = f" by {who}" if who else ""
    on = f" on {_local(when)}" if isinstance(when, datetime) else ""
    return f"Last changed{by}{on}." if by or on else ""


def _local(utc: datetime) -> str:
    return utc.replace(tzinfo=UTC).astimezone().strftime("%d %b %Y at %H:%M")


# ---- the offer to reload ------------------------------------------------------------------


class ConflictBar(QFrame):
    """A bar above the window's content: what a teammate changed, with Reload and Dismiss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_bar")
        self.setStyleSheet(
            "#conflict_bar { background: #fde2e1; border-bottom: 1px solid #e0a3a0; }"
            "#conflict_bar QLabel { color: #5c1a16; }"
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reload_button = QPushButton("Reload")
        self.reload_button.setToolTip("Show the version saved by your teammate")
        self.dismiss_button = QPushButton("Dismiss")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(self.message, 1)
        row.addWidget(self.reload_button)
        row.addWidget(self.dismiss_button)
        self.conflict: EditConflict | None = None
        self.document: PortfolioDocument | None = None
        self.reload_button.clicked.connect(self.reload)
        self.dismiss_button.clicked.connect(self.hide)
        self.hide()

    def show_conflict(self, document: PortfolioDocument, conflict: EditConflict) -> None:
        self.document, self.conflict = document, conflict
        self.message.setText(str(conflict))
        self.reload_button.setText("Refresh" if conflict.deleted else "Reload")
        self.show()

    def reload(self) -> None:
        """Re-read the record the conflict was about, and show it everywhere."""
        if self.document is not None and self.conflict is not None:
            self.document.reload_record(self.conflict.table, self.conflict.row_id)
        self.conflict = None
        self.hide()


def offer_reload(window: QMainWindow, document: PortfolioDocument, conflict: Any) -> ConflictBar:
    """Show (or reuse) the window's conflict bar for ``conflict``."""
    bar = window.findChild(ConflictBar, "conflict_bar")
    if bar is None:
        bar = ConflictBar(window)
        window.centralWidget().layout().insertWidget(0, bar)
    if isinstance(conflict, EditConflict):
        bar.show_conflict(document, conflict)
    return bar


# ---- File menu: copying the database, the user's name -------------------------------------

COPY_QUESTION = (
    "Copy everything in this database into an empty one.\n\n"
    "To share it with your team, give the address of the team database, e.g.\n"
    "postgresql+psycopg://you@server/keyplan\n"
    "To take a copy to your laptop, give the path of a new file."
)


def copy_database_to(window: Any) -> None:
    """File › Copy this database to…: ask where, copy in the background, show the summary."""
    from keyplan.ui import dialogs
    from keyplan.ui.background import run_task

    target = dialogs.ask_text(window, "Copy this database", COPY_QUESTION)
    if not target or not target.strip():
        return
    target = target.strip()
    source = window.document.database

    def work(report: Any) -> Any:
        from keyplan.store.transfer.copy_db import copy_to

        return copy_to(source, target, progress=report)

    def done(summary: Any) -> None:
        window.statusBar().clearMessage()
        question = "\n".join(summary.lines()) + "\n\nOpen the copy now?"
        if dialogs.confirm(window, question, "Database copied"):
            window.open_database(target, create=False)

    def failed(error: BaseException) -> None:
        window.statusBar().clearMessage()
        dialogs.show_error(window, str(error), "Cannot copy the database")

    window.statusBar().showMessage(f"Copying to {target}…")
    window.copy_task = run_task(work, on_success=done, on_error=failed)


def ask_user_name(window: Any) -> None:
    """File › Your name on changes…: the name teammates see as "last changed by"."""
    from keyplan.ui import dialogs
    from keyplan.ui.shell import settings

    database = window.document.database
    if database.path is None:
        dialogs.show_info(
            window,
            f"On a team database your name on changes is your database login, "
            f"{database.user_name}: the server records it with each change.",
        )
        return
    name = dialogs.ask_text(
        window,
        "Your name on changes",
        "The name stored with each of your changes (teammates see it):",
        database.user_name,
    )
    if name is None or not name.strip():
        return
    settings.write(settings.USER_NAME, name.strip())
    database.user_name = name.strip()


def open_team_database(window: Any) -> None:
    """File › Open team database…: ask for the address, then open it in this window."""
    from keyplan.ui import dialogs
    from keyplan.ui.shell import settings

    address = dialogs.ask_text(
        window,
        "Open team database",
        "Address of the team database, e.g.\npostgresql+psycopg://you@server/keyplan",
        "postgresql+psycopg://",
    )
    if address and address.strip() not in ("", "postgresql+psycopg://"):
        if not settings.read(settings.PASSWORD_STORE) and _has_password(address.strip()):
            _ask_where_passwords_go(window)
        window.open_database(address.strip(), create=False)


def _has_password(address: str) -> bool:
    from keyplan.store.team.credentials import has_password

    return has_password(address)


def _ask_where_passwords_go(window: Any) -> None:
    """Once: may the system keyring keep team passwords, or does ``~/.pgpass`` (libpq's own
    password file, readable by the user only)? Keyplan's settings never hold them."""
    from keyplan.store.team.credentials import pgpass_path
    from keyplan.ui import dialogs
    from keyplan.ui.shell import settings

    in_keyring = dialogs.confirm(
        window,
        "Keyplan does not keep passwords in its settings. Keep this team database's password "
        f"in the system keyring? (No: in {pgpass_path()}, readable only by you.)",
        "Where to keep the password",
    )
    settings.write(settings.PASSWORD_STORE, "keyring" if in_keyring else "pgpass")
