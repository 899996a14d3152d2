"""File › Encrypt this database… and File › Decrypt this database….

The open file is closed (its connections would otherwise keep reading the old file, and their
closing would remove the new file's write-ahead log), rewritten in place by the store, and
opened again; the window keeps the writer lock throughout, so no other Keyplan slips in. The
rewrite runs on the GUI thread with a busy cursor: nothing may read the file meanwhile, and it
takes about a second for a portfolio of a few hundred people. If it fails, the file is as it
was and is opened again as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyplan.domain.errors import KeyplanError
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.ui import dialogs
from keyplan.ui.cipher import unlock

if TYPE_CHECKING:
    from keyplan.store.cipher.convert import ConversionReceipt
    from keyplan.ui.shell.main_window import MainWindow

TITLE_ENCRYPT = "Encrypt this database"
TITLE_DECRYPT = "Decrypt this database"


def encrypt_this_database(window: MainWindow) -> bool:
    """Ask a new passphrase (twice) and encrypt the open file with it; True when done."""
    from keyplan.store.cipher.convert import encrypt_database
    from keyplan.ui.cipher.passphrase_dialog import NewPassphraseDialog

    path = _open_file(window, TITLE_ENCRYPT)
    if path is None:
        return False
    if is_encrypted_file(path):
        dialogs.show_info(window, f"{path.name} is encrypted already.", TITLE_ENCRYPT)
        return False
    dialog = NewPassphraseDialog(path, window)
    if not unlock.run_dialog(dialog) or dialog.passphrase is None:
        return False
    passphrase, remember = dialog.passphrase, dialog.remember.isChecked()
    receipt = _rewrite(window, path, lambda: encrypt_database(path, passphrase), TITLE_ENCRYPT)
    if receipt is None:
        return False
    if remember:
        from keyplan.store.cipher.keys import known_key

        key = known_key(path)
        if key is not None:
            unlock.keep_in_keyring(path, key)
    dialogs.show_info(window, "\n".join(receipt.lines()), TITLE_ENCRYPT)
    return True


def decrypt_this_database(window: MainWindow) -> bool:
    """Decrypt the open file after the user confirms; True when done."""
    from keyplan.store.cipher.convert import decrypt_database

    path = _open_file(window, TITLE_DECRYPT)
    if path is None:
        return False
    if not is_encrypted_file(path):
        dialogs.show_info(window, f"{path.name} is not encrypted.", TITLE_DECRYPT)
        return False
    question = (
        f"Decrypt {path.name}? Anyone who gets hold of the file (a lost laptop, a copy) can "
        f"then read every note in it. Its automatic backups are decrypted too."
    )
    if not dialogs.confirm(window, question, TITLE_DECRYPT):
        return False
    receipt = _rewrite(window, path, lambda: decrypt_database(path), TITLE_DECRYPT)
    if receipt is None:
        return False
    unlock.forget_remembered(path)
    dialogs.show_info(window, "\n".join(receipt.lines()), TITLE_DECRYPT)
    return True


def _open_file(window: MainWindow, title: str) -> Path | None:
    """The open database's file, or None (told why): a team database or a read-only file."""
    document = window.document
    if document is None:
        return None
    database = document.database
    if database.path is None:
        dialogs.show_info(
            window, "A team database is kept by its server; only a file is encrypted.", title
        )
        return None
    if database.read_only_reason:
        dialogs.show_error(window, database.read_only_reason, title)
        return None
    return database.path


def _rewrite(
    window: MainWindow, path: Path, rewrite: Callable[[], ConversionReceipt], title: str
) -> ConversionReceipt | None:
    """Close the file, rewrite it, open it again; the receipt, or None (the error shown)."""
    assert window.document is not None
    database = window.document.database
    lock, database.writer_lock = database.writer_lock, None  # kept through the rewrite
    database.close()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        receipt: ConversionReceipt | None = rewrite()
        error = None
    except KeyplanError as failure:
        receipt, error = None, str(failure)
    finally:
        QApplication.restoreOverrideCursor()
    try:
        window.open_database(str(path), create=False)
    finally:
        if lock is not None:
            lock.release()
    if error is not None:
        dialogs.show_error(window, error, title)
    return receipt
