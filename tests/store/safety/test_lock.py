"""One writer per database: a second process reads, or is refused, until the first is gone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.database import Database
from keyplan.store.people import edits, queries
from keyplan.store.safety.lock import (
    DatabaseBusy,
    DatabaseReadOnly,
    WriterLock,
    open_for_editing,
    writing,
)

pytestmark = pytest.mark.sqlite_only  # the lock is about the file

# A second Keyplan process: takes the writer lock as the GUI does, says so, and waits.
HOLDER = """
import sys, time
from pathlib import Path
from keyplan.store.safety.lock import take_writer_lock
take_writer_lock(Path(sys.argv[1]))
print("locked", flush=True)
time.sleep(600)
"""


@pytest.fixture
def other_process(db: Database) -> Iterator[subprocess.Popen]:
    """Another process that holds the writer lock of the test's database."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield holder
    holder.kill()
    holder.wait()


def test_the_lock_file_names_the_process_that_holds_it(db: Database, other_process) -> None:
    lock = WriterLock(db.path)
    assert not lock.acquire()
    assert f"process {other_process.pid}" in lock.holder()
    assert oct(lock.path.stat().st_mode & 0o777) == "0o600"


def test_a_killed_holder_leaves_no_stale_lock(db: Database, other_process) -> None:
    assert not WriterLock(db.path).acquire()
    os.kill(other_process.pid, signal.SIGKILL)
    other_process.wait()
    lock = WriterLock(db.path)
    assert lock.acquire()  # the operating system let go of it with the process
    lock.release()


def test_edits_are_refused_with_a_message_while_another_process_writes(
    db: Database, other_process
) -> None:
    with pytest.raises(DatabaseBusy, match=f"another Keyplan \\(process {other_process.pid}"):
        edits.add_account(db, "Acme")
    other_process.kill()
    other_process.wait()
    edits.add_account(db, "Acme")
    assert [row.name for row in queries.portfolio(db)] == ["Acme"]


def test_a_second_window_opens_read_only_and_refuses_edits(db: Database, other_process) -> None:
    edits_before = [row.name for row in queries.portfolio(db)]
    second = open_for_editing(str(db.path))
    try:
        assert second.read_only_reason is not None
        assert "Read-only" in second.read_only_reason
        assert second.writer_lock is None
        with pytest.raises(DatabaseReadOnly, match="open for editing in another Keyplan"):
            edits.add_account(second, "Globex")
        assert [row.name for row in queries.portfolio(second)] == edits_before  # reads work
    finally:
        second.close()


def test_the_first_window_becomes_the_writer(db_path: Path) -> None:
    first = open_for_editing(str(db_path))
    try:
        assert first.read_only_reason is None
        assert first.writer_lock is not None and first.writer_lock.held
        edits.add_account(first, "Acme")
    finally:
        first.close()
    assert WriterLock(db_path).acquire()  # closing let go of it


def test_opening_the_same_file_again_in_one_process_shares_the_lock(db_path: Path) -> None:
    first = open_for_editing(str(db_path))
    again = open_for_editing(str(db_path))  # File ▸ Open of the same file, or a restore
    assert again.read_only_reason is None
    first.close()
    edits.add_account(again, "Acme")  # still this process's to write
    again.close()


def test_command_line_writes_are_refused_while_the_gui_holds_the_lock(
    db: Database, other_process, tmp_path: Path, capsys
) -> None:
    export = tmp_path / "all.json"
    assert main(["export-json", "--db", str(db.path), "--out", str(export)]) == 0  # reads: fine
    assert main(["import-json", str(export), "--db", str(db.path)]) == 1
    assert "is open for editing in another Keyplan" in capsys.readouterr().err


def test_a_folder_without_room_for_a_lock_file_does_not_block_reading(
    tmp_path: Path, monkeypatch
) -> None:
    def refuse(_path: Path) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("keyplan.store.safety.lock._open_lock_file", refuse)
    with writing(tmp_path / "keyplan.db"):
        pass  # SQLite gives its own error if the write itself is impossible


def test_a_pdf_export_from_the_command_line_works_while_the_gui_holds_the_lock(
    db: Database, tmp_path: Path, capsys
) -> None:
    edits.add_account(db, "Zoë <b>& Co")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db.path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        pdf = tmp_path / "plan.pdf"
        argv = ["export-pdf", "--db", str(db.path), "--account", "Zoë <b>& Co"]
        assert main([*argv, "--variant", "internal", "--out", str(pdf)]) == 0
        assert pdf.read_bytes().startswith(b"%PDF")
    finally:
        holder.kill()
        holder.wait()
