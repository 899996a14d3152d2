"""Starting the GUI: choose the database, open it (with the demo the very first time), show."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell import settings
from keyplan.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from types import TracebackType

# threading and pathlib are imported where they are used, after the first frame or not at all
# with --db: PySide6's import hook reads the source of every module an import statement
# names once Qt is loaded (the whole of each file), even one loaded before.

# The start-up backup waits until the first paint and the warm-up imports are done.
STARTUP_BACKUP_DELAY_MS = 1500


def open_document(location: str, create: bool) -> PortfolioDocument:
    """Open a database for the UI; raises KeyplanError with the user's message.

    The window becomes the file's one writer; while another Keyplan process edits the file,
    it opens read-only (``store/safety/lock.py``) and the window says so in a banner.
    """
    from keyplan.store.safety.lock import open_for_editing  # standard library only

    return PortfolioDocument(open_for_editing(location, create=create))


def run_gui(db_location: str | None, exit_when_ready: bool, *, ask: bool | None = None) -> int:
    """Run the application until the user quits; return the exit code.

    Args:
        db_location: the database to open (``--db``), or None for the last one.
        exit_when_ready: quit as soon as the window is shown (``--exit-when-ready``).
        ask: whether a file that cannot be opened may be asked about in a dialog; by default
            not with ``exit_when_ready``, where nobody is there to answer (the message goes
            to stderr and the exit code is 1).
    """
    ask = not exit_when_ready if ask is None else ask
    if not db_location:  # the last file: its key derives while the application starts
        from keyplan.store.cipher.keys import start_deriving_key

        start_deriving_key(settings.read(settings.LAST_DATABASE))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Keyplan")
    app.setOrganizationName("Keyplan")
    app.setDesktopFileName("org.keyplan.Keyplan")  # ties the windows to the menu entry
    from keyplan.ui.widgets.theme import follow_system_colour_scheme  # Qt only: cheap

    follow_system_colour_scheme(app)  # a dark system gets a dark window
    sys.excepthook = _show_user_errors
    _ask_passphrases_in_dialogs(ask)
    # The widgets and menus first (with the font database they load): for an encrypted file
    # they are built while its key is still deriving (store/cipher/keys.py), not after.
    window = MainWindow(None, open_document, keys_later=True)
    try:
        document = _first_document(db_location, ask=ask)
    except _QuitAtStart:
        return 1
    if document is None:
        return 1
    window.set_document(document)
    window.show()
    _collect_garbage_from_now_on()
    if exit_when_ready:
        QTimer.singleShot(0, app.quit)
    else:
        # What the first frame does not show, on the next turn of the event loop: the keys
        # first, before a key press can be read (ui/shell/main_menus.py).
        QTimer.singleShot(0, window.bind_keys)
        QTimer.singleShot(0, _give_the_application_its_icon)  # see ui/shell/app_icon.py
        QTimer.singleShot(0, _register_fonts_and_repaint)
        QTimer.singleShot(0, _make_qt_enums_ready)
        QTimer.singleShot(0, _warm_up_store)
        QTimer.singleShot(_CHECK_DELAY_MS, lambda: _check_for_damage(window))
        QTimer.singleShot(STARTUP_BACKUP_DELAY_MS, lambda: _tidy_leftovers(document))
        QTimer.singleShot(STARTUP_BACKUP_DELAY_MS, lambda: _start_backups(window))
    status = app.exec()
    background = sys.modules.get("keyplan.ui.background")
    if background is not None:  # not loaded: no work was ever started in the background
        background.wait_for_all()
    return status


def _collect_garbage_from_now_on() -> None:
    """Start-up ran without garbage collection (``cli/program.py``): what it made lives as long
    as the window, so it is frozen out of every later collection, which then scans only what
    the user's work makes."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


_CHECK_DELAY_MS = 300  # ui/safety/damage.py's CHECK_DELAY_MS, without importing it at start-up


def _register_fonts_and_repaint() -> None:
    """The bundled fallback font (names in Chinese or Japanese on a machine without such a
    font), once the window is up: Qt reads the whole 4 MB file to register it, 10–40 ms the
    first window need not wait for. Names already drawn as boxes are drawn again with it."""
    from keyplan.ui.shell.fonts import register_fallback_fonts  # QFontDatabase: after the show

    if register_fallback_fonts():
        for widget in QApplication.allWidgets():
            widget.update()


def _make_qt_enums_ready() -> None:
    """PySide6 builds the 93 enum classes of its ``Qt`` namespace on first use (some 20 ms):
    the first window never uses them (``ui/widgets/shortcuts.py``, ``system_scheme.py``), the
    first key press or drag does. Built once the window is up, they do not delay either."""
    from PySide6 import QtCore

    QtCore.Qt.AlignmentFlag  # noqa: B018  (the first touch builds them all)


def _tidy_leftovers(document: PortfolioDocument) -> None:
    """Partial files a killed Keyplan left beside the database or in its backups: gone, with
    the first backup (the command line tidies before its command; the window need not wait)."""
    path = document.database.path
    if path is None:  # a team database: no files of ours beside it
        return
    from pathlib import Path

    from keyplan.store.safety.leftovers import tidy_leftovers

    tidy_leftovers(Path(path).expanduser())


def _check_for_damage(window: MainWindow) -> None:
    """The whole file's integrity check, in the background, once the window is up: open
    checks only the header of a big file, so as not to keep the user waiting (issue 18)."""
    from keyplan.ui.safety.damage import check_in_background

    check_in_background(window)


def _start_backups(window: MainWindow) -> None:
    """Rolling backups, in the background, once the first window is up (issue 6)."""
    from keyplan.ui.safety.backup_actions import start_backups

    start_backups(window)


def _ask_passphrases_in_dialogs(ask: bool) -> None:
    """An encrypted file's passphrase: KEYPLAN_PASSPHRASE, the keyring, else a dialog."""
    from keyplan.ui.cipher.unlock import install_passphrase_dialog

    install_passphrase_dialog(ask=ask)


def _warm_up_store() -> None:
    """Load SQLAlchemy and the editing modules while the user looks at the first window.

    A plain (non-daemon) thread: if the user quits at once, the process waits for the imports
    to finish rather than being torn down in the middle of one.
    """
    import threading

    from keyplan.store.warm_up import load_editing_modules

    threading.Thread(target=load_editing_modules, name="keyplan-warm-up").start()


def _give_the_application_its_icon() -> None:
    from keyplan.ui.shell.app_icon import give_the_application_its_icon  # QIcon: after the show

    give_the_application_its_icon()


def _first_document(db_location: str | None, *, ask: bool = True) -> PortfolioDocument | None:
    """The database to start on: --db, else the last one opened, else the user's own file.

    Without ``ask`` (``--exit-when-ready``: nobody is there to answer), a file that cannot be
    opened is reported on stderr only, never in a dialog that would wait for ever.
    """
    _tell(settings.forget_remembered_passwords())  # settings from before they were kept out
    if db_location:  # absolute: the settings remember it for starts from other folders
        return _open_or_report(settings.absolute_location(db_location), ask=ask)
    from pathlib import Path

    last = settings.read(settings.LAST_DATABASE)
    if last and ("://" in last or Path(last).exists()):  # a file, or a team database
        document = _open_or_report(last, ask=ask)
        if document is not None:
            return document
    return _open_default_database(ask=ask)


def _open_default_database(*, ask: bool = True) -> PortfolioDocument | None:
    from keyplan.paths import default_database_path

    path = default_database_path()
    first_run = not path.exists()
    document = _open_or_report(str(path), ask=ask)
    if document is not None and first_run:
        # Something real to look at from the first minute: the demo portfolio.
        from keyplan.store.demo import create_demo_portfolio

        create_demo_portfolio(document.database)
        # The demo's first view is the whole portfolio at once (the ORM is loaded already).
        settings.write(settings.LAST_PLACE, "dashboard")
        settings.write(settings.LAST_PLACE_DATABASE, document.database.display_name)
    return document


class _QuitAtStart(Exception):
    """The user chose to quit instead of opening any database."""


def _open_or_report(location: str, *, ask: bool = True) -> PortfolioDocument | None:
    """Open a database, remembered as the last one; None when it cannot be opened.

    A damaged file is not a dead end: the user is offered its backups or another database
    (when ``ask``; otherwise the message on stderr is all).

    Raises:
        _QuitAtStart: the file is damaged and the user chose to quit.
    """
    try:
        document = open_document(location, create=True)
    except KeyplanError as error:
        print(f"keyplan: {_one_line(str(error))}", file=sys.stderr)
        return _recover_or_report(location, error) if ask else None
    _tell(settings.remember_database(location))
    return document


def _tell(note: str | None) -> None:
    """A note about the start (where a password went) on stderr: no window is up yet."""
    if note:
        print(f"keyplan: {note}", file=sys.stderr)


def _one_line(message: str) -> str:
    from keyplan.domain.plain_text import terminal_safe

    return terminal_safe(" ".join(message.splitlines()))


def _recover_or_report(location: str, error: KeyplanError) -> PortfolioDocument | None:
    from keyplan.ui.safety.recovery import is_damaged_file, recover_damaged_database

    _give_the_application_its_icon()  # the dialogs come before the window

    if not is_damaged_file(location):
        dialogs.show_error(None, str(error), "Cannot open database")
        return None
    recovered = recover_damaged_database(location, str(error), open_document)
    if recovered is None:
        raise _QuitAtStart
    _tell(settings.remember_database(recovered.location))
    return recovered.document


def _show_user_errors(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """A user error that escaped a slot still reaches the user, as a message."""
    window = QApplication.activeWindow()
    if isinstance(window, MainWindow) and isinstance(error, Exception):
        from keyplan.ui.safety.damage import offer_recovery_for

        if offer_recovery_for(window, error):  # damage met by a query: the way back, at once
            return
    if isinstance(error, KeyplanError):
        dialogs.show_error(window, str(error))
        return
    sys.__excepthook__(kind, error, trace)
