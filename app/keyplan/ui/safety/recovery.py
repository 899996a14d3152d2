"""Start-up with a damaged database: never a dead end, never a deleted file.

The user is asked what to do (``recovery_dialog.py``) until something opens or they quit:
restore the newest good backup, choose another backup, open another database. A restore puts
the damaged file aside under a new name (``store/safety/recovery.py``), then opens the restored
database the usual way. A failed attempt says why and asks again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from keyplan.domain.errors import KeyplanError
from keyplan.store.safety import backup, recovery
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.safety.recovery_dialog import DamagedDatabase, RecoveryChoice, describe_when

Opener = Callable[[str, bool], PortfolioDocument]  # (location, create) -> document


@dataclass(frozen=True)
class Recovered:
    """The database the user ends up in, and where it is (to remember as the last one)."""

    document: PortfolioDocument
    location: str


def is_damaged_file(location: str) -> bool:
    """Whether a location that failed to open is a damaged file that a backup can replace."""
    return "://" not in location and recovery.is_damaged(Path(location).expanduser())


def recover_damaged_database(
    location: str,
    problem: str,
    opener: Opener,
    *,
    parent: QWidget | None = None,
    closing_text: str = "Quit Keyplan",
) -> Recovered | None:
    """Ask what to do about a damaged database until a database opens or the user quits.

    Args:
        location: the damaged file.
        problem: what is wrong with it, as the store said when it refused to open it.
        opener: opens a database for the window (``launch.open_document``).
        parent: the window asking (None at start-up).
        closing_text: the button that gives up: quitting at start-up, cancelling in a window.

    Returns:
        The database that opened, or None when the user gave up.
    """
    path = Path(location).expanduser()
    while True:
        damaged = describe_damage(path, problem)
        choice = dialogs.ask_recovery(parent, damaged, closing_text)
        if choice is RecoveryChoice.QUIT:
            return None
        if choice is RecoveryChoice.OPEN_OTHER:
            other = _open_other(opener)
            if other is not None:
                return other
            continue
        source = _backup_to_restore(choice, damaged)
        receipt = _swap_in(source, path) if source is not None else None
        if receipt is None:
            continue
        try:
            document = opener(str(path), False)
        except KeyplanError as error:  # the file is now the backup: say what is wrong with it
            problem = str(error)
            dialogs.show_error(None, problem, "Cannot open the restored database")
            continue
        dialogs.show_info(None, restored_message(receipt, path), "Database restored")
        return Recovered(document, str(path))


def describe_damage(path: Path, problem: str) -> DamagedDatabase:
    """What the dialog shows: the file, the problem, its newest good backup, how many exist."""
    return DamagedDatabase(
        path=path,
        problem=problem,
        newest=recovery.newest_good_backup(path),
        backup_count=len(backup.list_backups(path)),
    )


def _backup_to_restore(choice: RecoveryChoice, damaged: DamagedDatabase) -> Path | None:
    if choice is RecoveryChoice.RESTORE_NEWEST and damaged.newest is not None:
        return damaged.newest.info.path
    from keyplan.ui.safety.backup_actions import backup_choices

    chosen = dialogs.ask_backup_to_restore(None, backup_choices(damaged.path))
    return Path(chosen) if chosen else None


def _swap_in(source: Path, path: Path) -> recovery.RecoveryReceipt | None:
    """Put the damaged file aside and write the backup in its place; None when refused."""
    try:
        with _busy_cursor():
            return recovery.restore_over_damaged(source, path)
    except KeyplanError as error:
        dialogs.show_error(None, str(error), "Cannot restore")
        return None


def restored_message(receipt: recovery.RecoveryReceipt, path: Path) -> str:
    """What the user is told after a restore: from when, and where the damaged file is."""
    rolling = {info.path: info for info in backup.list_backups(path)}
    info = rolling.get(receipt.restored_from)
    source = (
        f"the backup taken {describe_when(info.taken_at, datetime.now())}"
        if info is not None
        else receipt.restored_from.name
    )
    return (
        f"{path.name} was restored from {source}.\n\n"
        f"The damaged file is kept as {receipt.damaged_kept_as.name} in "
        f"{receipt.damaged_kept_as.parent}; nothing was deleted."
    )


def _open_other(opener: Opener) -> Recovered | None:
    chosen = dialogs.ask_open_database(None)
    if not chosen:
        return None
    try:
        return Recovered(opener(chosen, False), chosen)
    except KeyplanError as error:
        dialogs.show_error(None, str(error), "Cannot open database")
        return None


@contextlib.contextmanager
def _busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
