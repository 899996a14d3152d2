"""No export, backup or save dialog may write over the plan itself (issue 18, item 1).

A director types the database's own name as the output of an export, or points a backup at
it, or at its write-ahead log, lock or backups: Keyplan says what that file is, writes
nothing, and the plan is exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.safety import backup, backups_location
from keyplan.store.safety.lock import WriterLock
from keyplan.store.safety.output_paths import OutputRefused, check_output_path

pytestmark = pytest.mark.sqlite_only  # the file being protected is the SQLite file


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with one account, its backups kept in the test's own folder."""
    path = tmp_path / "d.db"

    def folder(database: Path) -> Path:
        return tmp_path / "backups" / "d"

    monkeypatch.setattr(backup, "backups_folder", folder)  # where backups are made
    monkeypatch.setattr(backups_location, "backups_folder", folder)  # what tidies and checks
    db = open_database(path)
    try:
        edits.add_account(db, "Acme")
    finally:
        db.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


EXPORTS = {
    "export-json": [],
    "export-csv": ["--account", "Acme"],
    "export-pdf": ["--account", "Acme", "--variant", "internal"],
    "export-map": ["--account", "Acme"],
}


def run_export(command: str, plan: Path, out: Path) -> int:
    return main([command, "--db", str(plan), *EXPORTS[command], "--out", str(out)])


@pytest.mark.parametrize("command", sorted(EXPORTS))
def test_an_export_over_the_database_is_refused_and_the_plan_survives(
    command: str, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(plan)
    out = plan.with_suffix(".svg") if command == "export-map" else plan
    if command == "export-map":  # the map picks its format by suffix: a link named .svg
        out.symlink_to(plan)
    assert run_export(command, plan, out) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error
    assert "is the database itself: choose another file" in error
    assert digest(plan) == before
    assert main(["check", "--db", str(plan)]) == 0


@pytest.mark.parametrize("command", sorted(EXPORTS))
def test_an_export_over_the_database_is_refused_while_another_process_writes_it(
    command: str, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from keyplan.store.safety.lock import WriterLock;"
            f"lock = WriterLock(Path({str(plan)!r})); assert lock.acquire();"
            "print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not WriterLock(plan).acquire()  # the other process has it
        before = digest(plan)
        out = plan.with_name("d.db-wal") if command == "export-map" else plan
        if command == "export-map":
            out = plan.with_name("wal-link.png")
            out.symlink_to(plan)
        assert run_export(command, plan, out) == 1
        assert "database" in capsys.readouterr().err
        assert digest(plan) == before
    finally:
        holder.kill()
        holder.wait()


def test_a_backup_onto_the_database_itself_is_refused(
    plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(plan)
    assert main(["backup", "--db", str(plan), "--to", str(plan)]) == 1
    error = capsys.readouterr().err
    assert error == f"keyplan: {plan} is the database itself: choose another file.\n"
    assert digest(plan) == before


def test_a_backup_to_another_file_still_works(plan: Path, tmp_path: Path) -> None:
    assert main(["backup", "--db", str(plan), "--to", str(tmp_path / "weekly.db")]) == 0
    assert main(["backup", "--db", str(plan), "--to", str(tmp_path / "weekly.db")]) == 0


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("d.db-wal", "the database's write-ahead log"),
        ("d.db-shm", "the database's shared-memory file"),
        ("d.db-journal", "the database's rollback journal"),
        ("d.db.lock", "the database's lock file"),
    ],
)
def test_the_databases_side_files_are_named_and_refused(plan: Path, name: str, what: str) -> None:
    with pytest.raises(OutputRefused, match=f"is {what}: choose another file"):
        check_output_path(plan.with_name(name), plan)


def test_the_backups_folder_and_every_backup_in_it_are_refused(plan: Path) -> None:
    rolling = backup.make_rolling_backup(plan)
    with pytest.raises(OutputRefused, match="is a backup of the database"):
        check_output_path(rolling, plan)
    with pytest.raises(OutputRefused, match="backups folder"):
        check_output_path(rolling.parent / "new.pdf", plan)
    with pytest.raises(OutputRefused, match="is a folder"):
        check_output_path(rolling.parent, plan)


def test_links_to_the_database_are_seen_through(plan: Path, tmp_path: Path) -> None:
    symbolic = tmp_path / "elsewhere" / "plan.json"
    symbolic.parent.mkdir()
    symbolic.symlink_to(plan)
    hard = tmp_path / "elsewhere" / "hard.csv"
    os.link(plan, hard)
    for path in (symbolic, hard):
        with pytest.raises(OutputRefused, match="is the database itself"):
            check_output_path(path, plan)
    # and the database named through a link is still the database
    linked_db = tmp_path / "elsewhere" / "link.db"
    linked_db.symlink_to(plan)
    with pytest.raises(OutputRefused, match="is the database itself"):
        check_output_path(plan, linked_db)
    with pytest.raises(OutputRefused, match="write-ahead log"):
        check_output_path(plan.with_name("d.db-wal"), linked_db)


def test_a_folder_or_a_device_is_not_a_file_to_write(plan: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputRefused, match="is a folder"):
        check_output_path(tmp_path, plan)
    if Path("/dev/null").exists():
        with pytest.raises(OutputRefused, match="is a device"):
            check_output_path("/dev/null", plan)


def test_another_keyplan_database_is_not_overwritten_by_an_export(
    plan: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(plan.read_bytes())
    with pytest.raises(OutputRefused, match="is a Keyplan database"):
        check_output_path(other, plan)
    # a backup may replace an older backup file of the user's choosing
    assert check_output_path(other, plan, may_replace_database=True) == other


def test_an_ordinary_file_may_be_written(plan: Path, tmp_path: Path) -> None:
    assert check_output_path(tmp_path / "plan.pdf", plan) == tmp_path / "plan.pdf"
    assert check_output_path(tmp_path / "plan.pdf", None) == tmp_path / "plan.pdf"


@pytest.mark.parametrize("name", ["d.db-wal", "d.db-shm", "d.db.lock"])
def test_copy_db_never_makes_a_database_of_the_sources_own_files(
    plan: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = plan.with_name(name)
    target.unlink(missing_ok=True)
    assert main(["copy-db", str(plan), str(target)]) == 1
    assert "choose another file" in capsys.readouterr().err
    assert not target.exists() or not target.read_bytes().startswith(b"SQLite format 3")
    assert main(["check", "--db", str(plan)]) == 0
