"""A `keyplan import` killed (SIGKILL) at any moment leaves a sound file with all of it or none.

Each round copies a database holding a few people, starts a real ``keyplan import`` of a big
CRM file in a subprocess, kills it after a random delay (before, during or after the write),
then checks the file: ``PRAGMA integrity_check`` is ok and the account holds either none of
the import or every person of it.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keyplan.store.database import open_database
from keyplan.store.people import edits

ROWS = 2000
ROUNDS = 20
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def write_file(path: Path) -> None:
    lines = ["First Name,Last Name,Title,Email,Reports To"]
    for n in range(ROWS):
        manager = f"Boss {n // 10}" if n >= 10 else ""
        lines.append(f"Boss,{n},Manager,boss{n}@big.example,{manager}")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def people_count(path: Path) -> tuple[str, int]:
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        count = connection.execute(
            "SELECT count(*) FROM stakeholders s JOIN accounts a ON a.id = s.account_id "
            "WHERE a.name = 'Big Corp'"
        ).fetchone()[0]
    finally:
        connection.close()
    return integrity, count


def test_killed_imports_leave_all_or_nothing(tmp_path):
    source = tmp_path / "big.csv"
    write_file(source)
    template = tmp_path / "template.db"
    db = open_database(template)
    account = edits.add_account(db, "Big Corp")
    edits.add_stakeholder(db, account, "Already There")
    db.close()
    # One full run: how long an import takes here, so the kills spread over all of it.
    target = tmp_path / "target.db"
    shutil.copyfile(template, target)
    command = [sys.executable, "-m", "keyplan", "import", str(source), "--db", str(target),
               "--account", "Big Corp"]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    full_run = time.perf_counter() - started
    assert people_count(target) == ("ok", ROWS + 1)
    rng = random.Random(6)
    outcomes = {"none": 0, "all": 0}
    for _round in range(ROUNDS):
        for leftover in tmp_path.glob("target.db*"):
            leftover.unlink()
        shutil.copyfile(template, target)
        kill_one_import(command, full_run, rng)
        integrity, count = people_count(target)
        assert integrity == "ok"
        assert count in (1, ROWS + 1), f"a partial import: {count - 1} of {ROWS} people"
        outcomes["none" if count == 1 else "all"] += 1
    # Some kills must land before the commit, or the test would prove nothing.
    assert outcomes["none"] > 0, outcomes


def kill_one_import(command: list[str], full_run: float, rng: random.Random) -> None:
    """Start an import, kill it at a random moment after it has read the file."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.readline()  # "Read big.csv: …": the interpreter is up, the file parsed
    remaining = max(0.05, full_run - (time.perf_counter() - started))
    time.sleep(rng.uniform(0.0, 1.2) * remaining)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stdout.close()
