"""Damage found by an automatic backup: the user is told at once, and no good backup is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keyplan.store.safety import backup
from keyplan.ui.safety import backup_actions

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


def test_damage_found_while_backing_up_is_reported_and_a_restore_offered(
    qtbot, window, answers, monkeypatch
):
    path = window.document.database.path
    schedule = backup_actions.BackupSchedule(window, every_minutes=60)
    backed_up(qtbot, schedule)
    good = backup.list_backups(path)
    assert len(good) == 1
    window.document.set_account_field(window.document.portfolio()[0].id, "name", "Acme Holding")
    damage_a_table_page(path, "stakeholders")
    offered: list[str] = []
    monkeypatch.setattr(backup_actions, "restore_from_backup", lambda w: offered.append("restore"))
    questions: list[str] = []
    monkeypatch.setattr(
        backup_actions.dialogs, "confirm", lambda _w, q, *a: questions.append(q) or True
    )

    backed_up(qtbot, schedule)

    assert "found damage in your database" in questions[0]
    assert offered == ["restore"]
    assert backup.list_backups(path) == good  # the good backup is still the only one
    backed_up(qtbot, schedule)  # ten minutes later: refused again, but not asked again
    assert len(questions) == 1
    assert "damaged" in (schedule.last_error or "")


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
