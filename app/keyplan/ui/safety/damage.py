"""Damage found while a window is open: the start-up's ways out are offered at once.

Whoever finds it — the whole-file check that runs in the background right after the window
is up, an automatic backup, a query — calls ``offer_recovery``: the recovery dialog
(``recovery.py``) asks what to do; a restore puts the damaged file aside and the window
moves to the restored database. Asked once per open database: the user who chose to keep
working is not asked again every few minutes.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from keyplan.store.database import check_whole_file, is_damage
from keyplan.ui.background import BackgroundTask, run_task

if TYPE_CHECKING:
    from keyplan.ui.shell.main_window import MainWindow

#: After the first paint and the warm-up imports have started.
CHECK_DELAY_MS = 300
_ASKED = "keyplan_damage_offered"


def check_in_background(window: MainWindow) -> BackgroundTask | None:
    """SQLite's full integrity check of the window's file, off the GUI thread; damage found
    is offered for recovery at once."""
    document = window.document
    if document is None or document.database.path is None:
        return None
    database = document.database
    path = database.path
    assert path is not None
    return run_task(
        lambda _report: check_whole_file(path, full=True, immutable=database.immutable),
        on_success=lambda _none: None,
        on_error=lambda error: _checked(window, document, error),
    )


def _checked(window: MainWindow, document: object, error: BaseException) -> None:
    if window.document is not document:
        return  # the window moved on to another database meanwhile
    if is_damage(error):
        offer_recovery(window, str(error))
    else:
        print(
            f"keyplan: the background check could not read the database: {error}", file=sys.stderr
        )


def offer_recovery(window: MainWindow, problem: str) -> bool:
    """Offer the recovery dialog for the window's damaged database; True when it moved to a
    restored (or another) database."""
    from keyplan.ui.safety.recovery import recover_damaged_database

    document = window.document
    if document is None or document.database.path is None:
        return False
    if getattr(document, _ASKED, False):
        return False
    setattr(document, _ASKED, True)
    window.statusBar().showMessage(f"The database is damaged: {problem}")
    recovered = recover_damaged_database(
        str(document.database.path),
        problem,
        window.opener,
        parent=window,
        closing_text="Keep it open for now",
    )
    if recovered is None:
        return False
    window.set_document(recovered.document)
    document.database.close()
    return True


def offer_recovery_for(window: MainWindow, error: BaseException) -> bool:
    """``offer_recovery`` when an error (from any query or write) says the file is damaged."""
    if not is_damage(error):
        return False
    return offer_recovery(window, str(getattr(error, "orig", None) or error))
