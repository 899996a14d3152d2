"""`keyplan backup --to` and `keyplan copy-db` killed (SIGKILL) at any moment.

Stories from issue 18, after the kill tests of import and restore: a backup or a copy killed
half-way must never leave a half-made file under the name the user gave, nor touch the
source. Each round starts the real command in a subprocess and kills it after a random delay
spread over a whole run (before, during and after the write); then the target is either as it
was (absent, or the older backup it replaced) or whole (SQLite's integrity check passes and it
holds every person), and the source has the same bytes as before.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keyplan.store.database import open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.people import edits

ROUNDS = 10
PEOPLE = 1500
pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.sqlite_only,
]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portfolio of 1,500 people, all in its main file (no -wal), so its bytes can be
    compared."""
    path = tmp_path_factory.mktemp("kills") / "source.db"
    db = open_database(path)
    create_synthetic_portfolio(db, people=PEOPLE)
    db.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path


def fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def people_in(path: Path) -> tuple[str, int]:
    # immutable: a read-only look that leaves no -wal or -shm beside the file it checks
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        people = connection.execute("SELECT count(*) FROM stakeholders").fetchone()[0]
    finally:
        connection.close()
    return integrity, people


def timed_run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def kill_after(command: list[str], delay: float) -> None:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def keyplan(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "keyplan", *arguments]


def test_a_killed_backup_leaves_the_old_file_or_a_whole_new_one(
    source: Path, tmp_path: Path
) -> None:
    before = fingerprint(source)
    target = tmp_path / "friday.db"
    command = keyplan("backup", "--db", str(source), "--to", str(target))
    full_run = timed_run(command)
    assert people_in(target) == ("ok", PEOPLE)
    older = tmp_path / "older.db"
    db = open_database(older)
    edits.add_account(db, "Last week's only account")
    db.close()
    old_bytes = older.read_bytes()
    rng = random.Random(18)
    outcomes = {"old": 0, "new": 0}
    for _round in range(ROUNDS):
        target.write_bytes(old_bytes)  # an older backup of the same name is replaced
        kill_after(command, rng.uniform(0.0, 1.1) * full_run)
        if target.read_bytes() == old_bytes:
            outcomes["old"] += 1
        else:
            assert people_in(target) == ("ok", PEOPLE)
            outcomes["new"] += 1
        assert fingerprint(source) == before
        assert not Path(f"{target}-wal").exists() and not Path(f"{target}-journal").exists()
    assert outcomes["old"] > 0, outcomes  # some kills landed before the rename


def test_a_killed_copy_leaves_no_target_or_a_whole_one(source: Path, tmp_path: Path) -> None:
    before = fingerprint(source)
    target = tmp_path / "copy.db"
    command = keyplan("copy-db", str(source), str(target))
    full_run = timed_run(command)
    assert people_in(target) == ("ok", PEOPLE)
    rng = random.Random(18)
    outcomes = {"absent": 0, "whole": 0}
    for _round in range(ROUNDS):
        for made in tmp_path.glob("copy.db*"):
            made.unlink()
        kill_after(command, rng.uniform(0.0, 1.1) * full_run)
        if target.exists():
            assert people_in(target) == ("ok", PEOPLE)
            outcomes["whole"] += 1
        else:
            outcomes["absent"] += 1
        assert not Path(f"{target}-wal").exists()
        assert fingerprint(source) == before
    assert outcomes["absent"] > 0, outcomes  # some kills landed mid-way
    # What the killed copies left are partial files only, which the next start removes.
    leftovers = {p.name for p in tmp_path.iterdir()} - {"copy.db"}
    assert all(name.startswith(".keyplan-partial-copy.db-") for name in leftovers), leftovers
