"""The passphrase in the app: asked at open (wrong: said, try again or cancel), and
File › Encrypt / Decrypt this database…, driven as a user would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.store.cipher import keys
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.ui.cipher import unlock
from keyplan.ui.cipher.passphrase_dialog import NewPassphraseDialog, UnlockDialog
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


def click_ok(qtbot, dialog: QDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)  # fmt: skip


def type_into(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


@pytest.fixture
def scripted_dialogs(qtbot, monkeypatch: pytest.MonkeyPatch) -> list[Callable[[QDialog], None]]:
    """What the user does in each passphrase dialog, in order (the dialog is then closed
    as it would be: accepted only when its check let it)."""
    script: list[Callable[[QDialog], None]] = []

    def run_dialog(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        while script and not dialog.isHidden():
            script.pop(0)(dialog)
        if not dialog.isHidden():
            dialog.reject()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(unlock, "run_dialog", run_dialog)
    return script


@pytest.fixture
def dialog_source() -> Iterator[None]:
    unlock.install_passphrase_dialog()
    yield
    keys.set_passphrase_source(None)


def test_the_unlock_dialog_says_wrong_passphrase_and_lets_the_user_try_again(
    qtbot, encrypted_demo: Path
) -> None:
    dialog = UnlockDialog(encrypted_demo)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.remember.isChecked()  # the keyring only when the user says so
    assert dialog.passphrase.echoMode() == dialog.passphrase.EchoMode.Password
    type_into(qtbot, dialog.passphrase, "wrong horse battery")
    click_ok(qtbot, dialog)
    assert dialog.isVisible() and dialog.key is None
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == f"Wrong passphrase for {encrypted_demo}."
    assert dialog.passphrase.text() == ""
    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    click_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key is not None and keys.known_key(encrypted_demo) == dialog.key


def test_opening_an_encrypted_file_asks_for_its_passphrase(
    qtbot, encrypted_demo: Path, scripted_dialogs, dialog_source, answers
) -> None:
    def wrong(dialog: QDialog) -> None:
        type_into(qtbot, dialog.passphrase, "wrong horse battery")
        click_ok(qtbot, dialog)

    def right(dialog: QDialog) -> None:
        assert dialog.problem.text() == f"Wrong passphrase for {encrypted_demo}."
        type_into(qtbot, dialog.passphrase, PASSPHRASE)
        click_ok(qtbot, dialog)

    scripted_dialogs.extend([wrong, right])
    document = open_document(str(encrypted_demo), True)
    window = MainWindow(document, open_document)
    qtbot.addWidget(window)
    assert window.portfolio_model.rowCount() > 0
    assert answers.errors == []


def test_a_passphrase_asked_before_the_window_shows_keyplans_icon(
    qtbot, qapp, encrypted_demo: Path, scripted_dialogs, dialog_source
) -> None:
    # At start-up the icon is given once the window is up; this dialog may come first.
    from PySide6.QtGui import QIcon

    qapp.setWindowIcon(QIcon())
    icons: list[bool] = []
    scripted_dialogs.append(lambda dialog: icons.append(dialog.windowIcon().isNull()))
    assert unlock.ask_for_key(encrypted_demo, None) is None  # the script typed nothing
    assert icons == [False]


def test_cancelling_the_passphrase_opens_nothing_and_says_so(
    qtbot, encrypted_demo: Path, plain_demo_file: Path, scripted_dialogs, dialog_source, answers
) -> None:
    window = MainWindow(open_document(str(plain_demo_file), False), open_document)
    qtbot.addWidget(window)
    shown = window.document
    assert not window.open_database(str(encrypted_demo), create=False)
    assert window.document is shown
    assert answers.errors == [
        f"{encrypted_demo} is encrypted and was not opened: no passphrase given."
    ]


def menu_action(window: MainWindow, text: str) -> QAction:
    for action in window.findChildren(QAction):
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no action {text!r}")


def test_file_encrypt_this_database_then_decrypt_it(
    qtbot, plain_demo: Path, scripted_dialogs, dialog_source, answers, monkeypatch
) -> None:
    window = MainWindow(open_document(str(plain_demo), False), open_document)
    qtbot.addWidget(window)
    accounts = window.portfolio_model.rowCount()
    shown: list[str] = []
    from keyplan.ui import dialogs

    monkeypatch.setattr(dialogs, "show_info", lambda _p, message, *a: shown.append(message))

    def differing(dialog: NewPassphraseDialog) -> None:
        type_into(qtbot, dialog.first, PASSPHRASE)
        type_into(qtbot, dialog.second, PASSPHRASE + "?")
        click_ok(qtbot, dialog)
        assert dialog.isVisible()
        assert dialog.problem.text() == "The two passphrases differ."

    def same(dialog: NewPassphraseDialog) -> None:
        type_into(qtbot, dialog.second, PASSPHRASE)
        click_ok(qtbot, dialog)

    scripted_dialogs.extend([differing, same])
    menu_action(window, "Encrypt this database…").trigger()
    assert is_encrypted_file(plain_demo)
    assert shown[-1].startswith(f"Encrypted {plain_demo}.")
    assert window.document.database.path == plain_demo
    assert window.portfolio_model.rowCount() == accounts
    assert window.document.database.writer_lock is not None  # still the file's one writer

    answers.confirmations.append(True)
    menu_action(window, "Decrypt this database…").trigger()
    assert not is_encrypted_file(plain_demo)
    assert shown[-1].startswith(f"Decrypted {plain_demo}.")
    assert window.portfolio_model.rowCount() == accounts
    assert answers.errors == []
