"""Backups from the GUI: automatic rolling backups, File ▸ Back up now… and Restore from backup….

The automatic backup runs in the background (``ui/background.py``): once shortly after the
window is shown, then every few minutes, each time only when the database changed since its
newest backup. A failed automatic backup is shown in the status bar, not in a dialog: the
user is in the middle of something else. Loaded after the first window is shown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from keyplan.domain.errors import KeyplanError
from keyplan.store.safety import backup, restore
from keyplan.ui import dialogs
from keyplan.ui.background import BackgroundTask, run_task
from keyplan.ui.shell.file_folders import FileKind

if TYPE_CHECKING:
    from keyplan.ui.shell.main_window import MainWindow

STATUS_MESSAGE_MS = 8000


class BackupSchedule(QObject):
    """Rolling backups of whatever database the window shows, while it is open."""

    def __init__(
        self,
        window: MainWindow,
        *,
        every_minutes: float = backup.DEFAULT_EVERY_MINUTES,
        keep: int = backup.DEFAULT_KEEP,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.keep = keep
        self.task: BackgroundTask | None = None
        self.last_backup: Path | None = None
        self.last_error: str | None = None
        self.damage_reported = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, int(every_minutes * 60_000)))
        self.timer.timeout.connect(self.back_up_if_changed)
        self.timer.start()

    def back_up_if_changed(self) -> BackgroundTask | None:
        """Start a backup in the background when the database changed since its last one."""
        path = _writable_file(self.window)
        if path is None or self.task is not None:
            return None
        keep = self.keep
        self.task = run_task(
            lambda _report: backup.backup_if_changed(path, keep=keep),
            on_success=self._finished,
            on_error=self._failed,
        )
        return self.task

    def _finished(self, made: Path | None) -> None:
        self.task = None
        if made is not None:
            self.last_backup = made
            self.last_error = None

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.last_error = str(error)
        print(f"keyplan: automatic backup failed: {error}", file=sys.stderr)
        self.window.statusBar().showMessage(f"Automatic backup failed: {error}", STATUS_MESSAGE_MS)
        if isinstance(error, backup.DatabaseDamaged) and not self.damage_reported:
            self.damage_reported = True  # once a session: the backups keep being refused
            self._offer_restore(error)

    def _offer_restore(self, error: backup.DatabaseDamaged) -> None:
        """Damage is not a status-bar matter: the recovery dialog of start-up, at once.

        Earlier backups are kept as they were; none is replaced by a damaged copy."""
        from keyplan.ui.safety.damage import offer_recovery

        offer_recovery(self.window, f"Found while backing it up: {error}")


def start_backups(window: MainWindow) -> BackupSchedule:
    """Begin the automatic backups of a window (the first one at once, in the background)."""
    schedule = BackupSchedule(window)
    window.backup_schedule = schedule
    schedule.back_up_if_changed()
    return schedule


def _writable_file(window: MainWindow) -> Path | None:
    """The open database file, when this window is its writer (a read-only one is not)."""
    document = window.document
    if document is None or document.database.path is None:
        return None
    if document.database.read_only_reason:
        return None  # the window that edits it backs it up
    return document.database.path


# ---- File ▸ Back up now… ----------------------------------------------------------------------


def back_up_now(window: MainWindow) -> BackgroundTask | None:
    """Ask where, then write a backup of the open database there."""
    path = _database_file(window)
    if path is None:
        return None
    suggested = f"{path.stem}-backup-{_today()}.db"  # in the folder last used for databases
    target = dialogs.ask_save_file(
        window, "Back up database", suggested, dialogs.DATABASE_FILTER, ".db", FileKind.DATABASE
    )
    if not target:
        return None
    if dialogs.refuse_output(window, target, path, may_replace_database=True):
        return None
    return run_task(
        lambda _report: backup.backup_to(path, Path(target)),
        on_success=lambda made: dialogs.show_info(
            window, f"Backed up to {made}.", "Back up database"
        ),
        on_error=lambda error: _show_failure(window, error, "Backup failed"),
    )


# ---- File ▸ Restore from backup… --------------------------------------------------------------


def restore_from_backup(window: MainWindow) -> BackgroundTask | None:
    """Choose a backup, confirm, keep a copy of the current file, restore, reopen."""
    path = _database_file(window)
    if path is None:
        return None
    assert window.document is not None
    if window.document.database.read_only_reason:
        dialogs.show_error(window, window.document.database.read_only_reason)
        return None
    chosen = dialogs.ask_backup_to_restore(window, backup_choices(path))
    if not chosen:
        return None
    source = Path(chosen)
    try:
        restore.check_restorable(source)
        other_portfolio = restore.other_portfolio_warning(source, path)
    except KeyplanError as error:
        dialogs.show_error(window, str(error), "Cannot restore")
        return None
    question = (
        f"Replace everything in {path.name} with the backup {source.name}?\n\n"
        f"The database as it is now is backed up first, so you can go back to it."
    )
    if other_portfolio is not None:
        question = f"{other_portfolio}\n\n{question}"
    if not dialogs.confirm(window, question, "Restore from backup"):
        return None
    window.setEnabled(False)  # no edits while the file is being replaced
    return run_task(
        lambda _report: restore.restore_backup(source, path, other_portfolio_ok=True),
        on_success=lambda receipt: _reopen_after_restore(window, path, receipt),
        on_error=lambda error: _restore_failed(window, error),
        writes=True,
    )


def _reopen_after_restore(window: MainWindow, path: Path, receipt: restore.RestoreReceipt) -> None:
    window.setEnabled(True)
    old = window.document
    # A new document: the undo history belongs to the data that was replaced.
    if window.open_database(str(path), create=False) and old is not None:
        old.database.close()
    kept = (
        f"\n\nThe data as it was before is kept in {receipt.previous_copy}."
        if (receipt.previous_copy)
        else ""
    )
    dialogs.show_info(
        window, f"Restored from {receipt.restored_from.name}.{kept}", "Restore from backup"
    )


def _restore_failed(window: MainWindow, error: BaseException) -> None:
    window.setEnabled(True)
    _show_failure(window, error, "Restore failed")


# ---- helpers --------------------------------------------------------------------------------


def backup_choices(database: Path) -> list[tuple[str, str]]:
    """The rolling backups of a database as ``(path, "date — size")``, newest first."""
    return [
        (str(info.path), f"{info.taken_at:%Y-%m-%d %H:%M:%S} — {backup.human_size(info.size)}")
        for info in backup.list_backups(database)
    ]


def _database_file(window: MainWindow) -> Path | None:
    document = window.document
    if document is None:
        return None
    if document.database.path is None:
        dialogs.show_error(
            window, "The team database is backed up on its server, not from Keyplan."
        )
        return None
    return document.database.path


def _show_failure(window: MainWindow, error: BaseException, title: str) -> None:
    if not isinstance(error, KeyplanError | OSError):
        raise error  # a bug: let the excepthook report it
    dialogs.show_error(window, str(error), title)


def _today() -> str:
    from datetime import date

    return date.today().isoformat()
