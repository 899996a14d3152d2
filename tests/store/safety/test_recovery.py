"""A damaged database file: told apart from other refusals, replaced by a good backup, kept."""

from __future__ import annotations

import errno
import hashlib
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits, queries
from keyplan.store.safety import atomic_files, backup, recovery, restore
from keyplan.store.safety.atomic_files import FileWriteFailed
from keyplan.store.safety.lock import DatabaseBusy, take_writer_lock

pytestmark = pytest.mark.sqlite_only  # damage and backups are about the SQLite file

MORNING = datetime(2026, 3, 4, 8, 15, 2)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def scribble_on_the_schema(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xa5" * (4096 - 100)  # page 1 after the header: the list of tables
    path.write_bytes(bytes(data))


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"Name,Email\nIngrid,ingrid@example.com\n" * 100)


def someone_elses_sqlite(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")


def from_a_newer_keyplan(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def closed_file(db: Database) -> Path:
    """A database with Acme and Globex in it, closed (its WAL folded into the file)."""
    edits.add_account(db, "Acme Group")
    edits.add_account(db, "Globex")
    db.close()
    return db.path


@pytest.mark.parametrize(
    "spoil",
    [cut_in_half, scribble_on_the_schema, not_sqlite, someone_elses_sqlite],
    ids=["truncated", "schema-page", "not-sqlite", "foreign"],
)
def test_a_broken_file_is_damaged_and_left_as_it_was(closed_file: Path, spoil) -> None:
    spoil(closed_file)
    before = digest(closed_file)
    with pytest.raises(DatabaseRefused):
        open_database(closed_file, create=False)
    assert recovery.is_damaged(closed_file)
    assert digest(closed_file) == before


def test_a_healthy_a_newer_and_a_missing_file_are_not_damaged(closed_file: Path, tmp_path) -> None:
    assert not recovery.is_damaged(closed_file)
    assert not recovery.is_damaged(tmp_path / "nowhere.db")
    from_a_newer_keyplan(closed_file)  # update Keyplan; going back to a backup would lose data
    assert not recovery.is_damaged(closed_file)


def test_the_newest_good_backup_passes_over_a_damaged_one(closed_file: Path, folder: Path) -> None:
    older = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    newest = backup.make_rolling_backup(
        closed_file, folder=folder, now=MORNING + timedelta(hours=1)
    )
    cut_in_half(newest)
    good = recovery.newest_good_backup(closed_file, folder=folder)
    assert good is not None
    assert good.info.path == older and good.info.taken_at == MORNING
    assert good.contents == restore.BackupContents(accounts=2, people=0)


def test_no_backups_means_no_offer(closed_file: Path, folder: Path) -> None:
    assert recovery.newest_good_backup(closed_file, folder=folder) is None
    assert not folder.exists()


def test_restoring_keeps_the_damaged_file_and_its_wal_aside_under_a_new_name(
    closed_file: Path, folder: Path
) -> None:
    saved = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    cut_in_half(closed_file)
    wal = closed_file.with_name(closed_file.name + "-wal")
    wal.write_bytes(b"the last changes, perhaps")
    damaged, damaged_wal = digest(closed_file), digest(wal)
    receipt = recovery.restore_over_damaged(saved, closed_file, now=MORNING)
    kept = receipt.damaged_kept_as
    assert kept == closed_file.with_name("keyplan-damaged-2026-03-04_08-15-02.db")
    assert digest(kept) == damaged
    assert digest(Path(f"{kept}-wal")) == damaged_wal  # SQLite finds it beside its file
    assert not wal.exists()  # it would be replayed onto the restored file
    restored = open_database(closed_file, create=False)
    assert sorted(row.name for row in queries.portfolio(restored)) == ["Acme Group", "Globex"]
    restored.close()


def test_a_second_restore_the_same_second_never_overwrites_the_first_damaged_copy(
    closed_file: Path, folder: Path
) -> None:
    saved = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    cut_in_half(closed_file)
    first = recovery.restore_over_damaged(saved, closed_file, now=MORNING).damaged_kept_as
    not_sqlite(closed_file)
    second = recovery.restore_over_damaged(saved, closed_file, now=MORNING).damaged_kept_as
    assert first != second and first.exists() and second.exists()
    assert second.name == "keyplan-damaged-2026-03-04_08-15-02-2.db"


def test_a_refused_backup_changes_nothing(closed_file: Path, tmp_path: Path) -> None:
    cut_in_half(closed_file)
    bogus = tmp_path / "downloads" / "contacts.db"
    bogus.parent.mkdir()
    bogus.write_text("Name,Email\n")
    before = sorted(p.name for p in closed_file.parent.iterdir()), digest(closed_file)
    with pytest.raises(DatabaseRefused, match="not a Keyplan backup"):
        recovery.restore_over_damaged(bogus, closed_file)
    with pytest.raises(DatabaseRefused, match="damaged database itself"):
        recovery.restore_over_damaged(closed_file, closed_file)
    assert (sorted(p.name for p in closed_file.parent.iterdir()), digest(closed_file)) == before


def test_a_full_disk_puts_the_damaged_file_back_under_its_own_name(
    closed_file: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    cut_in_half(closed_file)
    before = digest(closed_file)

    def disk_full(_handle, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files, "_write_all", disk_full)
    with pytest.raises(FileWriteFailed, match="the disk is full"):
        recovery.restore_over_damaged(saved, closed_file, now=MORNING)
    assert digest(closed_file) == before
    assert list(closed_file.parent.glob("*damaged*")) == []


def test_a_file_another_keyplan_is_writing_is_not_swapped(closed_file: Path, folder: Path) -> None:
    import subprocess
    import sys

    saved = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    cut_in_half(closed_file)
    before = digest(closed_file)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from keyplan.store.safety.lock import take_writer_lock; "
            f"take_writer_lock(Path({str(closed_file)!r})); print('held', flush=True); "
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseBusy):
            recovery.restore_over_damaged(saved, closed_file, now=MORNING)
    finally:
        holder.kill()
        holder.wait()
    assert digest(closed_file) == before
    take_writer_lock(closed_file).release()  # free again once the other process is gone


def test_a_backup_missing_a_table_is_passed_over_not_a_crash(closed_file: Path, folder: Path):
    older = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING)
    gutted = backup.make_rolling_backup(closed_file, folder=folder, now=MORNING.replace(hour=9))
    with sqlite3.connect(gutted) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("DROP TABLE stakeholders")
    with pytest.raises(DatabaseRefused, match="not a complete Keyplan backup"):
        restore.backup_contents(gutted)
    good = recovery.newest_good_backup(closed_file, folder=folder)
    assert good is not None and good.info.path == older
