"""Damage found by an automatic backup: the user is told at once, and no good backup is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keyplan.store.safety import backup
from keyplan.ui.safety import backup_actions, damage
from keyplan.ui.safety import recovery as recovery_ui
from keyplan.ui.safety.recovery_dialog import RecoveryChoice

pytestmark = pytest.mark.sqlite_only


def damage_a_table_page(path: Path, table: str) -> None:
    """Scramble the page header of a table: the file still opens, its pages no longer add up."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes([0x0D, 0, 0, 0, 5, 0x0F, 0xFF, 0, 0, 0, 0, 0]))


def backed_up(qtbot, schedule: backup_actions.BackupSchedule) -> None:
    schedule.back_up_if_changed()
    qtbot.waitUntil(lambda: schedule.task is None, timeout=10_000)


def test_damage_found_while_backing_up_offers_the_recovery_dialog_at_once(
    qtbot, window, answers, monkeypatch
):
    path = window.document.database.path
    schedule = backup_actions.BackupSchedule(window, every_minutes=60)
    backed_up(qtbot, schedule)
    good = backup.list_backups(path)
    assert len(good) == 1
    window.document.set_account_field(window.document.portfolio()[0].id, "name", "Acme Holding")
    damage_a_table_page(path, "stakeholders")
    asked: list[str] = []
    monkeypatch.setattr(
        recovery_ui.dialogs,
        "ask_recovery",
        lambda _parent, damaged, _closing: asked.append(damaged.problem) or RecoveryChoice.QUIT,
    )

    backed_up(qtbot, schedule)

    assert len(asked) == 1 and "damaged" in asked[0]  # the recovery dialog, not a status line
    assert backup.list_backups(path) == good  # the good backup is still the only one
    backed_up(qtbot, schedule)  # ten minutes later: refused again, but not asked again
    assert len(asked) == 1
    assert "damaged" in (schedule.last_error or "")


def test_damage_found_by_the_background_check_is_restored_from_the_newest_backup(
    qtbot, window, answers, monkeypatch
):
    path = window.document.database.path
    schedule = backup_actions.BackupSchedule(window, every_minutes=60)
    backed_up(qtbot, schedule)
    damage_a_table_page(path, "stakeholders")
    monkeypatch.setattr(
        recovery_ui.dialogs, "ask_recovery", lambda *_a: RecoveryChoice.RESTORE_NEWEST
    )
    damaged_document = window.document

    task = damage.check_in_background(window)
    assert task is not None
    qtbot.waitUntil(lambda: window.document is not damaged_document, timeout=10_000)

    assert [row.name for row in window.document.portfolio()]  # the restored data shows
    assert list(path.parent.glob("keyplan-damaged-*.db"))  # the damaged file is kept aside


def test_a_failed_backup_for_another_reason_stays_in_the_status_bar(
    qtbot, window, answers, monkeypatch
):
    def full_disk(*_args, **_kwargs):
        raise backup.BackupFailed("No space left on the disk")

    monkeypatch.setattr(backup, "backup_if_changed", full_disk)
    questions: list[str] = []
    monkeypatch.setattr(backup_actions.dialogs, "confirm", lambda *a: questions.append(a) or True)
    schedule = backup_actions.BackupSchedule(window, every_minutes=60)
    backed_up(qtbot, schedule)
    assert questions == []
    assert "No space" in window.statusBar().currentMessage()


def test_a_big_file_opened_from_the_file_menu_is_checked_whole_in_the_background(
    qtbot, window, answers, monkeypatch, tmp_path
):
    """File › Open reads a big file's header only, as the start does: the whole check follows."""
    from keyplan.store import sqlite_checks
    from keyplan.store.database import open_database

    other = tmp_path / "other.db"
    open_database(other).close()
    damage_a_table_page(other, "export_records")  # a table the first window does not read
    monkeypatch.setattr(sqlite_checks, "QUICK_CHECK_MAX_BYTES", 0)  # as for a file over 4 MB
    offered: list[str] = []
    monkeypatch.setattr(damage, "offer_recovery", lambda _w, problem: offered.append(problem))
    assert window.open_database(str(other), create=False)
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert "other.db is damaged" in offered[0]
