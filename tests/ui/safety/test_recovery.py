"""Start-up with a damaged database: the account director is offered a way out, loses nothing.

The recovery dialog is driven as a user would: shown, then its buttons clicked with the mouse.
"""

from __future__ import annotations

import hashlib
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from keyplan.store.people import edits, queries
from keyplan.store.safety import backup
from keyplan.ui import dialogs
from keyplan.ui.safety.recovery_dialog import RecoveryChoice, RecoveryDialog
from keyplan.ui.shell import launch, settings
from keyplan.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.timeout(60)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file in a folder with a hash of its bytes: a write of any kind shows.

    Left out: the empty ``-wal`` and the ``-shm`` index that SQLite itself leaves beside a
    WAL-mode file when the store's read-only probe looks at it (``probe_sqlite_revision``,
    before any recovery starts). An empty ``-wal`` holds no data.
    """
    state = {path.name: digest(path) for path in sorted(folder.iterdir()) if path.is_file()}
    wal = next(folder.glob("*.db-wal"), None)
    if wal is not None and wal.stat().st_size == 0:
        del state[wal.name]
        state.pop(wal.name.replace("-wal", "-shm"), None)
    return state


def top_names(window: MainWindow) -> list[str]:
    return sorted(row.name for row in queries.portfolio(window.document.database))


@pytest.fixture
def own_file(tmp_path: Path) -> Path:
    """The director's file with Acme (Ingrid, Harald) and Globex, opened and closed by Keyplan."""
    path = tmp_path / "work" / "keyplan.db"
    document = launch.open_document(str(path), create=True)
    acme = edits.add_account(document.database, "Acme Group")
    edits.add_account(document.database, "Globex")
    edits.add_stakeholder(document.database, acme, "Ingrid Olsen")
    edits.add_stakeholder(document.database, acme, "Harald Berg")
    document.database.close()
    return path


def break_overnight(path: Path) -> str:
    """Cut the file short, as a full disk or a pulled cable does; return the damaged bytes' hash."""
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return digest(path)


class ClickedDialog:
    """Answers the recovery dialog by clicking its buttons, and remembers what it said."""

    def __init__(self, qtbot, monkeypatch: pytest.MonkeyPatch, *answers: RecoveryChoice) -> None:
        self.answers = list(answers)
        self.texts: list[str] = []
        self.offered: list[set[RecoveryChoice]] = []
        self.default: list[RecoveryChoice] = []  # the button Enter presses
        self.closing: list[str] = []  # the button that gives up

        def click_through(dialog: RecoveryDialog) -> int:
            dialog.show()
            qtbot.waitExposed(dialog)
            self.texts.append(" ".join(label.text() for label in dialog.findChildren(QLabel)))
            self.texts[-1] += " " + " ".join(
                f"{b.text()} {b.description()}" for b in dialog.buttons.values()
            )
            self.offered.append(set(dialog.buttons))
            self.closing.append(dialog.quit_button.text())
            self.default.append(next(c for c, b in dialog.buttons.items() if b.isDefault()))
            answer = self.answers.pop(0)
            button = dialog.quit_button if answer is RecoveryChoice.QUIT else dialog.buttons[answer]
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            return dialog.result()

        monkeypatch.setattr(RecoveryDialog, "exec", click_through)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {"info": [], "errors": []}
    monkeypatch.setattr(dialogs, "show_info", lambda _p, message, *a: said["info"].append(message))
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, message, *a: said["errors"].append(message)
    )
    return said


def test_a_damaged_file_is_restored_from_the_newest_backup_and_kept_aside(
    qtbot, own_file, told, monkeypatch
):
    backup.make_rolling_backup(own_file)
    [taken] = backup.list_backups(own_file)
    damaged = break_overnight(own_file)
    answered = ClickedDialog(qtbot, monkeypatch, RecoveryChoice.RESTORE_NEWEST)

    # What run_gui does before its event loop (run in-process, app.exec() would leave Qt's
    # timers dead for the tests after this one).
    document = launch._first_document(str(own_file))
    window = MainWindow(document, launch.open_document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    said = answered.texts[0]
    assert "Keyplan cannot open keyplan.db" in said and "is damaged" in said
    assert "2 accounts and 2 people" in said and f"at {taken.taken_at:%H:%M}" in said
    assert answered.default == [RecoveryChoice.RESTORE_NEWEST]
    assert answered.closing == ["Quit Keyplan"]  # at start-up, giving up is quitting
    assert window.document.database.path == own_file
    assert top_names(window) == ["Acme Group", "Globex"]
    assert window.portfolio_model.rowCount() == 2  # both accounts listed in the window
    [kept] = own_file.parent.glob("keyplan-damaged-*.db")
    assert digest(kept) == damaged  # the damaged bytes, untouched, beside the file
    assert f"kept as {kept.name}" in told["info"][0] and told["errors"] == []
    assert settings.read(settings.LAST_DATABASE) == str(own_file)
    window.document.database.close()


def test_with_no_backups_it_says_so_offers_another_file_or_quit_and_writes_nothing(
    qtbot, own_file, told, monkeypatch
):
    break_overnight(own_file)
    before = folder_state(own_file.parent)
    answered = ClickedDialog(qtbot, monkeypatch, RecoveryChoice.QUIT)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui sets its own

    assert launch.run_gui(str(own_file), exit_when_ready=True, ask=True) == 1

    assert answered.offered == [{RecoveryChoice.OPEN_OTHER}]
    assert "There are no automatic backups of this file" in answered.texts[0]
    assert folder_state(own_file.parent) == before
    assert not backup.backups_folder(own_file).exists()


def test_a_bad_backup_chosen_by_hand_is_refused_and_the_offer_is_made_again(
    qtbot, own_file, told, monkeypatch
):
    good = backup.make_rolling_backup(own_file, now=datetime(2026, 3, 2, 18, 42))
    bad = backup.make_rolling_backup(own_file, now=datetime(2026, 3, 3, 18, 42))
    bad.write_bytes(bad.read_bytes()[:5000])  # the newest backup is damaged too
    damaged = break_overnight(own_file)
    lists = []

    def choose_the_damaged_one(_parent, backups):
        lists.append(backups)
        return str(bad)

    monkeypatch.setattr(dialogs, "ask_backup_to_restore", choose_the_damaged_one)
    answered = ClickedDialog(
        qtbot, monkeypatch, RecoveryChoice.CHOOSE_BACKUP, RecoveryChoice.RESTORE_NEWEST
    )

    document = launch._first_document(str(own_file))

    assert [path for path, _label in lists[0]] == [str(bad), str(good)]  # newest first
    assert "damaged" in told["errors"][0] and "cannot be restored" in told["errors"][0]
    assert "on Monday 2 March 2026 at 18:42" in answered.texts[1]  # the good one is offered
    assert sorted(row.name for row in queries.portfolio(document.database)) == [
        "Acme Group",
        "Globex",
    ]
    [kept] = own_file.parent.glob("keyplan-damaged-*.db")
    assert digest(kept) == damaged
    document.database.close()


def test_opening_another_file_leaves_the_damaged_one_as_it_is(
    qtbot, own_file, told, tmp_path, monkeypatch
):
    other = tmp_path / "laptop-copy.db"
    spare = launch.open_document(str(other), create=True)
    edits.add_account(spare.database, "Initech")
    spare.database.close()
    backup.make_rolling_backup(own_file)
    break_overnight(own_file)
    before = folder_state(own_file.parent)
    monkeypatch.setattr(dialogs, "ask_open_database", lambda _parent: str(other))
    ClickedDialog(qtbot, monkeypatch, RecoveryChoice.OPEN_OTHER)

    document = launch._first_document(str(own_file))

    assert [row.name for row in queries.portfolio(document.database)] == ["Initech"]
    assert folder_state(own_file.parent) == before
    assert settings.read(settings.LAST_DATABASE) == str(other)
    document.database.close()


def test_a_file_from_a_newer_keyplan_is_not_offered_a_restore(qtbot, own_file, told, monkeypatch):
    import sqlite3

    backup.make_rolling_backup(own_file)
    with sqlite3.connect(own_file) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    monkeypatch.setattr(
        RecoveryDialog, "exec", lambda _d: pytest.fail("a newer file is not damaged")
    )
    assert launch._first_document(str(own_file)) is None
    assert "newer version of Keyplan" in told["errors"][0]


def test_file_open_on_a_damaged_file_offers_the_same_ways_out_and_cancel_keeps_the_window(
    qtbot, own_file, told, monkeypatch, tmp_path
):
    other = tmp_path / "other" / "team.db"
    current = launch.open_document(str(other), create=True)
    edits.add_account(current.database, "Initech")
    window = MainWindow(current, launch.open_document)
    qtbot.addWidget(window)
    backup.make_rolling_backup(own_file)
    damaged = break_overnight(own_file)

    answered = ClickedDialog(qtbot, monkeypatch, RecoveryChoice.QUIT, RecoveryChoice.RESTORE_NEWEST)
    assert not window.open_database(str(own_file), create=False)  # the user cancels
    assert answered.closing == ["Cancel"]  # in a window, giving up is not quitting
    assert window.document is current and top_names(window) == ["Initech"]
    assert digest(own_file) == damaged and told["errors"] == []

    assert window.open_database(str(own_file), create=False)  # now restores the backup
    assert top_names(window) == ["Acme Group", "Globex"]
    [kept] = own_file.parent.glob("keyplan-damaged-*.db")
    assert digest(kept) == damaged
    window.document.database.close()
