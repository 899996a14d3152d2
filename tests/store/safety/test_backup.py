"""Backups: consistent copies taken while the file is in use, kept rolling, restored safely."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits, queries
from keyplan.store.safety import atomic_files, backup, restore
from keyplan.store.safety.atomic_files import FileWriteFailed

pytestmark = pytest.mark.sqlite_only  # backups are copies of the SQLite file


def names(db: Database) -> list[str]:
    return [row.name for row in queries.portfolio(db)]


def mode(path: Path) -> str:
    return oct(path.stat().st_mode & 0o777)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_a_backup_is_a_private_self_contained_copy_taken_while_the_file_is_open(
    db: Database, tmp_path: Path
) -> None:
    edits.add_account(db, "Acme Group")
    edits.add_account(db, "Zoë Ltd — 株式会社")
    target = backup.backup_file(db.path, tmp_path / "copy.db")
    assert mode(target) == "0o600"
    assert not Path(f"{target}-wal").exists()
    with sqlite3.connect(target) as copy:  # opens as one plain file, intact
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    restored = open_database(target, create=False)
    assert names(restored) == ["Acme Group", "Zoë Ltd — 株式会社"]
    restored.close()


def test_rolling_backups_keep_the_newest_and_skip_an_unchanged_file(
    db: Database, folder: Path
) -> None:
    edits.add_account(db, "Acme")
    start = datetime(2026, 3, 1, 9, 0, 0)
    made = [
        backup.make_rolling_backup(db.path, keep=3, folder=folder, now=start + timedelta(minutes=m))
        for m in range(5)
    ]
    listed = backup.list_backups(db.path, folder=folder)
    assert [info.path for info in listed] == list(reversed(made[2:]))  # newest first, 3 kept
    assert listed[0].taken_at == start + timedelta(minutes=4)
    assert all(mode(info.path) == "0o600" for info in listed)
    assert mode(folder) == "0o700"
    assert backup.backup_if_changed(db.path, folder=folder) is None  # nothing changed since
    edits.add_account(db, "Globex")
    assert backup.backup_if_changed(db.path, folder=folder) is not None


def test_two_backups_in_one_second_get_two_files(db: Database, folder: Path) -> None:
    moment = datetime(2026, 3, 1, 9, 0, 0)
    first = backup.make_rolling_backup(db.path, folder=folder, now=moment)
    second = backup.make_rolling_backup(db.path, folder=folder, now=moment)
    assert first != second
    assert [i.path for i in backup.list_backups(db.path, folder=folder)] == [second, first]


def test_rolling_backups_go_to_the_user_data_folder_by_file(db: Database, tmp_path: Path) -> None:
    here = backup.backups_folder(db.path)
    elsewhere = backup.backups_folder(tmp_path / "other" / db.path.name)
    assert here.parent.name == "backups" and here.name.startswith("keyplan-")
    assert here != elsewhere  # two files called keyplan.db keep their backups apart


def test_restore_puts_the_backup_back_and_keeps_the_current_data(
    db: Database, folder: Path
) -> None:
    edits.add_account(db, "Acme")
    saved = backup.make_rolling_backup(db.path, folder=folder)
    edits.add_account(db, "Globex")
    receipt = restore.restore_backup(saved, db.path, folder=folder)
    assert names(db) == ["Acme"]
    assert mode(db.path) == "0o600"
    assert receipt.previous_copy is not None
    before = open_database(receipt.previous_copy, create=False)
    assert names(before) == ["Acme", "Globex"]  # what was replaced can be restored in turn
    before.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name,Email\r\nIngrid,ingrid@example.com\r\n", "not an SQLite database"),
        (b"", "not an SQLite database"),
    ],
)
def test_restore_refuses_a_file_that_is_not_a_backup(
    db: Database, tmp_path: Path, folder: Path, content: bytes, message: str
) -> None:
    edits.add_account(db, "Acme")
    before = db.path.read_bytes()
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    with pytest.raises(DatabaseRefused, match=message):
        restore.restore_backup(bogus, db.path, folder=folder)
    assert db.path.read_bytes() == before and names(db) == ["Acme"]
    assert not folder.exists()  # refused before anything was written


def test_restore_refuses_another_programs_database_and_a_damaged_backup(
    db: Database, tmp_path: Path, folder: Path
) -> None:
    edits.add_account(db, "Acme")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as other:
        other.execute("CREATE TABLE songs (title TEXT)")
    with pytest.raises(DatabaseRefused, match="not a Keyplan backup"):
        restore.restore_backup(foreign, db.path, folder=folder)
    damaged = backup.backup_file(db.path, tmp_path / "damaged.db")
    data = bytearray(damaged.read_bytes())
    data[4096 * 2 : 4096 * 2 + 200] = b"\xff" * 200  # scribble over a table page
    damaged.write_bytes(bytes(data))
    with pytest.raises(DatabaseRefused, match="damaged"):
        restore.restore_backup(damaged, db.path, folder=folder)
    assert names(db) == ["Acme"]


def test_restore_refuses_a_backup_from_a_newer_keyplan(
    db: Database, tmp_path: Path, folder: Path
) -> None:
    newer = backup.backup_file(db.path, tmp_path / "newer.db")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(DatabaseRefused, match="newer version of Keyplan"):
        restore.restore_backup(newer, db.path, folder=folder)


def test_restore_replaces_a_current_file_too_damaged_to_open(
    db: Database, tmp_path: Path, folder: Path
) -> None:
    edits.add_account(db, "Acme")
    saved = backup.backup_file(db.path, tmp_path / "saved.db")
    db.close()
    db.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"garbage" * 600)
    receipt = restore.restore_backup(saved, db.path, folder=folder)
    assert receipt.previous_copy is not None and "damaged" in receipt.previous_copy.name
    reopened = open_database(db.path, create=False)
    assert names(reopened) == ["Acme"]
    reopened.close()


# ---- a full disk, a read-only folder --------------------------------------------------------


def test_a_full_disk_during_a_backup_says_so_and_keeps_the_older_backup(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edits.add_account(db, "Acme")
    target = backup.backup_file(db.path, tmp_path / "weekly.db")
    older = target.read_bytes()
    edits.add_account(db, "Globex")

    def disk_full(_handle, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files, "_write_all", disk_full)
    with pytest.raises(FileWriteFailed, match=r"the disk is full.*older file is intact"):
        backup.backup_file(db.path, target)
    assert target.read_bytes() == older
    assert [p for p in tmp_path.iterdir() if p.name.startswith(atomic_files.PARTIAL_PREFIX)] == []


def test_a_real_full_device_during_a_backup(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel's own ENOSPC: the temporary file's descriptor is pointed at /dev/full."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    import os

    real_write = atomic_files._write_all

    def onto_dev_full(handle, data):
        full = os.open("/dev/full", os.O_WRONLY)
        os.dup2(full, handle.fileno())
        os.close(full)
        real_write(handle, data)

    monkeypatch.setattr(atomic_files, "_write_all", onto_dev_full)
    (tmp_path / "out").mkdir()
    with pytest.raises(FileWriteFailed, match="the disk is full"):
        backup.backup_file(db.path, tmp_path / "out" / "copy.db")
    assert list((tmp_path / "out").iterdir()) == []  # no backup, no temporary file


def test_a_read_only_folder_gives_a_clear_message(db: Database, tmp_path: Path) -> None:
    """Tried as a user who may not write the folder (root may write anywhere)."""
    folder = _read_only_folder()
    old = folder / "copy.db"
    message = _as_unprivileged_user(lambda: _write_message(old))
    assert "you are not allowed to write in that folder" in message
    assert "Nothing was changed" in message
    assert old.read_bytes() == b"the older backup"
    assert [p.name for p in folder.iterdir()] == ["copy.db"]


def _write_message(target: Path) -> str:
    try:
        atomic_files.write_file_atomically(target, b"new content")
    except FileWriteFailed as error:
        return str(error)
    return "written"


def _read_only_folder() -> Path:
    import os
    import tempfile

    # Outside pytest's private tmp folder, so that another user can reach it.
    folder = Path(tempfile.mkdtemp(prefix="keyplan-read-only-"))
    (folder / "copy.db").write_bytes(b"the older backup")
    os.chmod(folder / "copy.db", 0o644)
    os.chmod(folder, 0o555)
    return folder


def _as_unprivileged_user(work) -> str:
    """Run ``work`` in a forked child that has given up root; return what it returned."""
    import os

    if os.geteuid() != 0:
        return work()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: become "nobody", do the work, report, leave at once
        try:
            os.setgid(65534)
            os.setuid(65534)
            os.write(writing, work().encode())
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        answer = pipe.read()
    os.waitpid(child, 0)
    return answer


# ---- the command line -----------------------------------------------------------------------


def test_backup_and_restore_from_the_command_line(db: Database, tmp_path: Path, capsys) -> None:
    edits.add_account(db, "Acme")
    copy = tmp_path / "copy.db"
    assert main(["backup", "--db", str(db.path), "--to", str(copy)]) == 0
    assert "Backed up" in capsys.readouterr().out
    edits.add_account(db, "Globex")
    assert main(["restore", str(copy), "--db", str(db.path)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "as it was before is kept in" in out
    assert names(db) == ["Acme"]
    assert main(["backup", "--list", "--db", str(db.path)]) == 0
    assert "keyplan-" in capsys.readouterr().out  # the copy restore kept first


def test_restore_from_the_command_line_refuses_a_bad_file_in_one_line(
    db: Database, tmp_path: Path, capsys
) -> None:
    edits.add_account(db, "Acme")
    before = db.path.read_bytes()
    text = tmp_path / "notes.txt"
    text.write_text("not a database")
    assert main(["restore", str(text), "--db", str(db.path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("keyplan: notes.txt is not a Keyplan backup") and err.count("\n") == 1
    assert db.path.read_bytes() == before


def test_restore_from_the_command_line_waits_for_the_gui_to_let_go(
    db: Database, tmp_path: Path, capsys
) -> None:
    copy = backup.backup_file(db.path, tmp_path / "copy.db")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from keyplan.store.safety.lock import take_writer_lock;"
            "take_writer_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(600)",
            str(db.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert main(["restore", str(copy), "--db", str(db.path)]) == 1
        assert "open for editing in another Keyplan" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
