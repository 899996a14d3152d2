"""Issue 18: a damaged file is not used, a read-only place opens read-only, the lock follows
the real file. Each story failed before its fix.

Read-only places are made for real with ``chattr +i`` (an immutable folder or file): the tests
run as root, who ignores permission bits, but not the immutable flag. The kernel then refuses
SQLite's own writes with the same errors a read-only mount or folder gives a normal user.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits, queries
from keyplan.store.safety.lock import (
    DatabaseReadOnly,
    LockUnusable,
    WriterLock,
    open_for_editing,
    writing,
)

pytestmark = pytest.mark.sqlite_only


def damage_a_table_page(path: Path, table: str) -> None:
    """Scramble the page header of a table in the middle of the file."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        (root,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    connection.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(bytes([0x0D, 0, 0, 0, 5, 0x0F, 0xFF, 0, 0, 0, 0, 0]))


def json_export(folder: Path) -> Path:
    """A real export (of another database, with the account Globex) to import."""
    other = open_database(folder / "other.db")
    edits.add_account(other, "Globex")
    other.close()
    export = folder / "in.json"
    assert main(["export-json", "--db", str(folder / "other.db"), "--out", str(export)]) == 0
    return export


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """A closed database file with one account and one person."""
    path = tmp_path / "plans" / "keyplan.db"
    path.parent.mkdir()
    database = open_database(path)
    account = edits.add_account(database, "Acme")
    edits.add_stakeholder(database, account, "Ingrid Berg")
    database.close()
    return path


def _chattr(flag: str, path: Path) -> None:
    subprocess.run(["chattr", flag, str(path)], check=True, capture_output=True)


@pytest.fixture
def immutable() -> Iterator:
    """Make a file or folder immutable for the test (undone afterwards)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    made: list[Path] = []

    def make(path: Path) -> None:
        try:
            _chattr("+i", path)
        except subprocess.CalledProcessError:
            pytest.skip("this file system has no immutable flag")
        made.append(path)

    yield make
    for path in made:
        _chattr("-i", path)


# ---- a damaged database is not used -------------------------------------------------------


def test_a_damaged_file_is_refused_at_open_and_left_as_it_was(plan_file: Path) -> None:
    damage_a_table_page(plan_file, "stakeholders")
    before = plan_file.read_bytes()
    with pytest.raises(DatabaseRefused, match="is damaged"):
        open_database(plan_file)
    with pytest.raises(DatabaseRefused, match="is damaged"):
        open_for_editing(str(plan_file))
    assert plan_file.read_bytes() == before


def test_commands_refuse_a_damaged_file_with_one_line(
    plan_file: Path, tmp_path: Path, capsys
) -> None:
    damage_a_table_page(plan_file, "stakeholders")
    before = plan_file.read_bytes()
    export = json_export(tmp_path)
    csv = tmp_path / "people.csv"
    csv.write_text("Name,Title\nHarald Vik,CEO\n")
    for argv in (
        ["accounts", "--db", str(plan_file)],
        ["import-json", str(export), "--db", str(plan_file)],
        ["import", str(csv), "--db", str(plan_file), "--account", "Acme"],
    ):
        assert main(argv) == 1, argv
        error = capsys.readouterr().err
        assert "is damaged" in error and error.count("\n") == 1, (argv, error)
    assert plan_file.read_bytes() == before


def test_a_file_cut_short_is_called_damaged(plan_file: Path) -> None:
    size = plan_file.stat().st_size
    with open(plan_file, "r+b") as file:
        file.truncate(size // 2)
    with pytest.raises(DatabaseRefused, match="is damaged"):
        open_database(plan_file)


# ---- read-only files and places open read-only ---------------------------------------------


def test_a_file_in_a_read_only_folder_opens_read_only(plan_file: Path, immutable) -> None:
    immutable(plan_file.parent)
    database = open_for_editing(str(plan_file))
    try:
        assert database.read_only_reason is not None
        assert "cannot be written" in database.read_only_reason
        assert "damaged" not in database.read_only_reason
        assert [row.name for row in queries.portfolio(database)] == ["Acme"]
        with pytest.raises(DatabaseReadOnly, match="cannot be written"):
            edits.add_account(database, "Globex")
    finally:
        database.close()


def test_a_read_only_file_opens_read_only(plan_file: Path, immutable) -> None:
    immutable(plan_file)
    database = open_for_editing(str(plan_file))
    try:
        assert database.read_only_reason is not None
        assert "read-only file" in database.read_only_reason
        assert database.rows("SELECT full_name FROM stakeholders") == [("Ingrid Berg",)]
        with pytest.raises(DatabaseReadOnly):
            edits.add_account(database, "Globex")
    finally:
        database.close()


def test_commands_read_a_read_only_place_and_refuse_to_write_it(
    plan_file: Path, tmp_path: Path, immutable, capsys
) -> None:
    export = json_export(tmp_path)
    immutable(plan_file.parent)
    assert main(["accounts", "--db", str(plan_file)]) == 0
    assert "Acme" in capsys.readouterr().out
    out = tmp_path / "all.json"
    assert main(["export-json", "--db", str(plan_file), "--out", str(out)]) == 0
    assert "Ingrid Berg" in out.read_text()
    capsys.readouterr()
    assert main(["import-json", str(export), "--db", str(plan_file)]) == 1
    error = capsys.readouterr().err
    assert "cannot be written" in error and "damaged" not in error
    assert error.count("\n") == 1


# ---- the lock follows the real file --------------------------------------------------------


def test_a_symbolic_link_finds_the_lock_of_the_real_file(plan_file: Path, tmp_path: Path) -> None:
    link = tmp_path / "shortcut.db"
    link.symlink_to(plan_file)
    assert WriterLock(link).path == WriterLock(plan_file).path
    first = open_for_editing(str(plan_file))
    try:
        held = WriterLock(link)
        # Same process: the lock is shared, so it is the one lock, not a second one.
        assert held.acquire()
        assert len({WriterLock(plan_file)._key, held._key}) == 1
        held.release()
    finally:
        first.close()


def test_a_second_process_writing_through_a_symbolic_link_is_refused(
    plan_file: Path, tmp_path: Path
) -> None:
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from keyplan.store.safety.lock import take_writer_lock;"
            "take_writer_lock(Path(sys.argv[1])); print('locked', flush=True); time.sleep(600)",
            str(plan_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        link = tmp_path / "shortcut.db"
        link.symlink_to(plan_file)
        second = open_for_editing(str(link))
        try:
            assert second.read_only_reason is not None
            assert "open for editing in another Keyplan" in second.read_only_reason
        finally:
            second.close()
    finally:
        holder.kill()
        holder.wait()


def test_a_hard_linked_file_opens_read_only_with_the_reason(
    plan_file: Path, tmp_path: Path, capsys
) -> None:
    """Issue 18: refused before; now it can be read (and copied), only not written."""
    other_name = tmp_path / "other-name.db"
    os.link(plan_file, other_name)
    before = plan_file.read_bytes()
    for name in (other_name, plan_file):
        database = open_for_editing(str(name))
        try:
            assert database.read_only_reason == (
                f"Read-only: {name.name} has 2 names (hard links), so Keyplan cannot keep two "
                f"writers apart. Open a copy of it to edit it."
            )
            assert [row.name for row in queries.portfolio(database)]  # it reads
            with pytest.raises(DatabaseReadOnly, match="hard links"):
                edits.add_account(database, "Initech")
        finally:
            database.close()
    assert plan_file.read_bytes() == before
    # Read-only connections write nothing: at most SQLite's empty -wal beside the name used.
    wal = Path(f"{other_name}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert not Path(f"{other_name}.lock").exists()
    export = json_export(tmp_path)
    assert main(["import-json", str(export), "--db", str(other_name)]) == 1
    error = capsys.readouterr().err
    assert "hard link" in error and error.count("\n") == 1


def test_a_folder_in_place_of_the_lock_file_is_an_error(plan_file: Path, capsys) -> None:
    Path(f"{plan_file}.lock").unlink(missing_ok=True)
    Path(f"{plan_file}.lock").mkdir()
    with pytest.raises(LockUnusable, match="is not a file"):
        open_for_editing(str(plan_file))
    with pytest.raises(LockUnusable, match="is not a file"), writing(plan_file):
        pass
    database = open_database(plan_file)
    try:
        with pytest.raises(LockUnusable):
            edits.add_account(database, "Globex")
    finally:
        database.close()
    assert main(["accounts", "--db", str(plan_file)]) == 0  # reading needs no lock
    capsys.readouterr()


def test_opening_a_healthy_database_still_works(db: Database) -> None:
    edits.add_account(db, "Acme")
    assert [row.name for row in queries.portfolio(db)] == ["Acme"]


def test_a_big_damaged_file_is_checked_whole_before_a_command_writes(
    plan_file: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    # A file over the open check's size limit is opened after its header check alone (the
    # window checks the rest in the background); a command that writes checks it whole.
    monkeypatch.setattr("keyplan.store.sqlite_checks.QUICK_CHECK_MAX_BYTES", 0)
    export = json_export(tmp_path)
    damage_a_table_page(plan_file, "stakeholders")
    before = plan_file.read_bytes()
    assert main(["import-json", str(export), "--db", str(plan_file)]) == 1
    error = capsys.readouterr().err
    assert "is damaged" in error and error.count("\n") == 1
    assert plan_file.read_bytes() == before
