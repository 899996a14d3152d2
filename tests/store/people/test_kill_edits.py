"""A Keyplan process killed (SIGKILL) in the middle of its edits loses nothing it committed.

A real subprocess edits through the store's functions in a loop (people added, changed,
re-parented and deleted; a plan row; a whole JSON import of an account), and is killed at
random moments, many times. After each kill the file must pass SQLite's integrity check,
break no reference or rule, and hold every import either whole or not at all.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from keyplan.exchange.transfer.json_exchange import export_json
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits
from keyplan.store.safety.integrity import check_database

pytestmark = pytest.mark.sqlite_only  # about the file on disk

KILLS = 20
BATCH_PEOPLE = 5

# Loads Keyplan once, then forks one editor per "go" line: each editor is a real process of
# its own (killed for real), without paying the interpreter's start and imports every time.
EDITORS = """
import os, sys
from keyplan.exchange.transfer.json_exchange import import_export_file, read_export
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits
from keyplan.store.database import open_database
import sqlalchemy.dialects.sqlite  # noqa: the editors find it loaded


def edit_forever(path, account, batch_path):
    db = open_database(path, create=False)
    batch = read_export(batch_path)
    previous = None
    for step in range(1_000_000):
        person = edits.add_stakeholder(db, account, f"Person {step}", reports_to_id=previous)
        edits.set_stakeholder_field(db, person, "job_title", f"Title {step}")
        plan_edits.add_row(db, "commitments", account,
                           {"promise": f"Promise {step}", "to_stakeholder_id": person})
        import_export_file(db, batch)  # one transaction: an account, its people, their lines
        if previous is not None and step % 3 == 0:
            edits.delete_stakeholder(db, previous)  # reports move up; promises lose the person
            previous = None
        else:
            previous = person
        if step == 0:
            print("ready", os.getpid(), flush=True)


path, account, batch_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for _line in sys.stdin:
    child = os.fork()
    if child == 0:
        try:
            edit_forever(path, account, batch_path)
        finally:
            os._exit(1)
    _pid, status = os.waitpid(child, 0)
    print("ended", os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1, flush=True)
"""


@pytest.fixture
def batch_file(tmp_path: Path) -> Path:
    """An account of five people in one reporting line, to be imported again and again."""
    source = open_database(tmp_path / "batch-source.db")
    batch = edits.add_account(source, "Batch")
    manager = None
    for number in range(BATCH_PEOPLE):
        manager = edits.add_stakeholder(source, batch, f"Batch person {number}",
                                        reports_to_id=manager)  # fmt: skip
    path = export_json(source, tmp_path / "batch.json").path
    source.close()
    return path


def test_killed_edits_leave_a_sound_database_every_time(db: Database, batch_file: Path) -> None:
    account = edits.add_account(db, "Acme")
    db.close()  # the editor is the only writer
    rng = random.Random(20261123)
    editors = subprocess.Popen(
        [sys.executable, "-c", EDITORS, str(db.path), str(account), str(batch_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert editors.stdin is not None and editors.stdout is not None
    imports_seen = []
    try:
        for _kill in range(KILLS):
            editors.stdin.write("go\n")
            editors.stdin.flush()
            ready, pid = editors.stdout.readline().split()
            assert ready == "ready"
            time.sleep(rng.uniform(0.02, 0.4))
            os.kill(int(pid), signal.SIGKILL)
            assert editors.stdout.readline().split() == ["ended", str(int(signal.SIGKILL))]
            imports_seen.append(_check_sound(db.path))
    finally:
        editors.kill()
        editors.wait()
    assert imports_seen[-1] > KILLS  # the editors really got through many imports


def _check_sound(path: Path) -> int:
    """Assert the file is intact and every import whole; return how many imports it holds."""
    with sqlite3.connect(path) as connection:  # opening recovers the WAL as Keyplan would
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        batches = connection.execute(
            "SELECT a.id, COUNT(s.id), COUNT(s.reports_to_id) FROM accounts a "
            "LEFT JOIN stakeholders s ON s.account_id = a.id "
            "WHERE a.name LIKE 'Batch%' GROUP BY a.id"
        ).fetchall()
    assert all(people == BATCH_PEOPLE and lines == BATCH_PEOPLE - 1 for _id, people, lines
               in batches), batches  # fmt: skip
    assert check_database(path) == []  # no reporting cycles, no dangling references
    return len(batches)
