"""Person › Forget… in an encrypted file, opened with its passphrase: the file and the backups
the report's button rewrites stay encrypted (the rewrite runs in a background thread, where
no dialog may ask: it uses the key the window opened the file with)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.store.cipher import keys
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.safety.backup import make_rolling_backup
from keyplan.store.safety.restore import backup_contents
from keyplan.ui import dialogs
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

NAME = "Ingrid Solberg"
GROUP = "Aldermark Group"


def test_forget_and_rewrite_backups_in_an_encrypted_file(
    qtbot, encrypted_demo: Path, answers, monkeypatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    infos: list[str] = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, message, *a: infos.append(message))
    salt = keys.file_salt(encrypted_demo)
    backup = make_rolling_backup(encrypted_demo)
    people_before = backup_contents(backup).people
    window = MainWindow(open_document(str(encrypted_demo), False), open_document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.delenv(keys.PASSPHRASE_VARIABLE)  # from here on, only the key the window holds
    database = window.document.database
    group = int(database.rows("SELECT id FROM accounts WHERE name = :n", n=GROUP)[0][0])

    window.select_account(group)
    person_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Person")
    next(a for a in person_menu.actions() if a.text() == "&Forget…").trigger()
    dialog = window.forget_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.person_box.setCurrentIndex(dialog.person_box.findText(NAME))
    qtbot.keyClicks(dialog.name_box, NAME)
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "forget_report", None) is not None, timeout=20_000)
    report = window.forget_report
    qtbot.waitUntil(report.isVisible)
    assert f"Forgot {NAME}. Removed:" in report.report.text()
    qtbot.mouseClick(report.rewrite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(infos), timeout=20_000)

    assert infos == [f"Rewrote 1 of 1 backups without {NAME}; the others never held them."]
    assert answers.errors == []
    for path in (encrypted_demo, backup):
        assert is_encrypted_file(path) and keys.file_salt(path) == salt
        assert NAME.split()[1].encode() not in path.read_bytes()
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True).execute(
                "SELECT 1 FROM sqlite_master"
            ).fetchall()
    assert backup_contents(backup).people == people_before - 1
    assert window.document.people(group, with_affiliates=True)  # the window still reads it
    assert NAME not in {row.values["full_name"] for row in window.document.people(
        group, with_affiliates=True)}  # fmt: skip
