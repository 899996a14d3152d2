"""Files are written whole or not at all, privately, and a killed write is tidied up later.

Issue 18, items 5 and 9: on a full disk the old map picture was replaced by a truncated one;
SVG and PNG pictures were readable by everyone while every other export was the user's own
(decided: every export is 0600, as plans hold notes about real people); a killed
``backup --to`` left hidden ``.tmp`` files forever.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.safety import atomic_files, backup, backups_location
from keyplan.store.safety.atomic_files import PARTIAL_PREFIX

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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


def export_map(plan: Path, out: Path) -> int:
    return main(["export-map", "--db", str(plan), "--account", "Acme", "--out", str(out)])


def partials(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(PARTIAL_PREFIX))


def disk_full_half_way(handle, data: bytes) -> None:
    handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_a_full_disk_keeps_the_old_map_picture_whole(
    suffix: str,
    plan: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / f"map{suffix}"
    assert export_map(plan, out) == 0
    old = out.read_bytes()
    monkeypatch.setattr(atomic_files, "_write_all", disk_full_half_way)
    assert export_map(plan, out) == 1
    error = capsys.readouterr().err
    assert "the disk is full" in error and error.count("\n") == 1
    assert out.read_bytes() == old
    assert partials(tmp_path) == []


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_map_pictures_are_private_like_every_other_export(
    suffix: str, plan: Path, tmp_path: Path
) -> None:
    out = tmp_path / f"map{suffix}"
    assert export_map(plan, out) == 0
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_a_pdf_is_written_through_the_same_atomic_writer(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    arguments = ["export-pdf", "--db", str(plan), "--account", "Acme", "--variant", "internal"]
    assert main([*arguments, "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert partials(tmp_path) == []


def leave_partial(folder: Path, name: str, age_seconds: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{PARTIAL_PREFIX}{name}-0badf00d"
    path.write_bytes(b"half a backup")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def test_a_killed_backup_leaves_a_recognisable_partial_that_the_next_start_removes(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # What `kill -9` during `backup --to weekly.db` leaves: the temporary file, never renamed.
    beside = leave_partial(tmp_path, "weekly.db", age_seconds=3600)
    in_backups = leave_partial(tmp_path / "backups" / "d", "d-2026-01-01.db", age_seconds=3600)
    being_written = leave_partial(tmp_path, "report.pdf", age_seconds=5)  # another Keyplan's
    mine = tmp_path / ".weekly.db.1234.0.tmp"  # not ours by name: never touched
    mine.write_bytes(b"someone else's")
    assert main(["accounts", "--db", str(plan)]) == 0
    assert not beside.exists() and not in_backups.exists()
    assert being_written.exists() and mine.exists()


def test_a_rolling_backup_tidies_its_folder_too(plan: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups" / "d"
    stale = leave_partial(folder, "d-old.db", age_seconds=3600)
    backup.make_rolling_backup(plan)
    assert not stale.exists()
    assert partials(folder) == []


def test_a_folder_that_cannot_be_read_does_not_stop_the_start(tmp_path: Path) -> None:
    assert atomic_files.remove_stale_partials(tmp_path / "nowhere") == []


def test_a_file_written_in_pieces_is_whole_or_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    atomic_files.write_pieces_atomically(out, (b"<svg>", b"<g/>", b"</svg>"))
    assert out.read_bytes() == b"<svg><g/></svg>"
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    def broken_half_way():  # the drawing fails after its first pieces were written
        yield b"<svg>"
        raise ValueError("a bug while drawing")

    with pytest.raises(ValueError):
        atomic_files.write_pieces_atomically(out, broken_half_way())
    assert out.read_bytes() == b"<svg><g/></svg>"
    assert partials(tmp_path) == []
