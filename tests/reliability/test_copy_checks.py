"""Copying a plan, restoring onto a damaged one, making the demo: the files are checked whole.

Stories from issue 18: `copy-db` opened its source as the app does, which reads the first
page only, and copied damage, reporting cycles and values outside the field rules (a stance of
"evil", an amount of infinity) into the new database; restoring onto a damaged file and
`keyplan demo` did not look at the whole file either. Now each is refused in one line naming
the first problem (never a row of values), and nothing is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.domain.errors import DatabaseRefused, RuleViolation
from keyplan.store import sqlite_checks
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.safety import backup, recovery
from keyplan.store.transfer.copy_db import copy_to

pytestmark = pytest.mark.sqlite_only

SECRET = "Divorce pending; do not mention"


def portfolio(path: Path, sql: str = "") -> Path:
    """Acme, where Ann reports to Bo; then changed by another tool (``sql``)."""
    db = open_database(path)
    acme = edits.add_account(db, "Acme")
    bo = edits.add_stakeholder(db, acme, "Bo Chief", personality_notes=SECRET)
    edits.add_stakeholder(db, acme, "Ann Lee", reports_to_id=bo)
    db.close()
    if sql:
        with sqlite3.connect(path) as connection:
            connection.executescript(sql)
        connection.close()
    return path


CYCLE = (
    "UPDATE stakeholders SET reports_to_id = (SELECT id FROM stakeholders WHERE "
    "full_name = 'Ann Lee') WHERE full_name = 'Bo Chief';"
)
EVIL = "UPDATE stakeholders SET stance = 'evil' WHERE full_name = 'Bo Chief';"


def damage_middle_page(path: Path) -> None:
    """A filler table of many pages, then one page in its middle overwritten."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE filler (x TEXT)")
        connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 400)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    pages = path.stat().st_size // page_size
    with open(path, "r+b") as file:
        file.seek((pages // 2) * page_size)
        file.write(b"\xff" * page_size)


@pytest.fixture
def big_file_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening checks only the header, as for a file over 4 MB (small files keep these tests
    fast); what the command itself checks is what these stories are about."""
    monkeypatch.setattr(sqlite_checks, "QUICK_CHECK_MAX_BYTES", 0)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def assert_one_line_refusal(code: int, printed: str, said: str) -> None:
    assert code == 1
    assert printed.count("\n") == 1 and "Traceback" not in printed, printed
    assert said in printed, printed
    assert SECRET not in printed


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        (CYCLE, "source.db cannot be copied: Reporting cycle: "),
        (EVIL, "source.db cannot be copied: Row 1 of stakeholders: Stance: 'evil' is not one"),
    ],
)
def test_copy_db_refuses_a_source_that_breaks_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, said: str
) -> None:
    source = portfolio(tmp_path / "source.db", sql)
    before = source.read_bytes()
    code, printed = run(capsys, "copy-db", str(source), str(tmp_path / "copy.db"))
    assert_one_line_refusal(code, printed, said)
    assert not (tmp_path / "copy.db").exists()
    assert source.read_bytes() == before


def test_copy_db_refuses_a_damaged_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], big_file_open: None
) -> None:
    source = portfolio(tmp_path / "source.db")
    damage_middle_page(source)
    code, printed = run(capsys, "copy-db", str(source), str(tmp_path / "copy.db"))
    assert_one_line_refusal(code, printed, "source.db is damaged")
    assert not (tmp_path / "copy.db").exists()


def test_copying_an_open_database_checks_every_value(tmp_path: Path) -> None:
    """The app's 'copy to a team database' copies an open database: its rows are checked."""
    source = open_database(portfolio(tmp_path / "source.db", EVIL), create=False)
    try:
        with pytest.raises(RuleViolation) as refused:
            copy_to(source, tmp_path / "copy.db")
    finally:
        source.close()
    message = str(refused.value)
    assert "row 1 of stakeholders: Stance: 'evil' is not one of" in message
    assert message.endswith("Nothing was written.") and SECRET not in message
    with sqlite3.connect(tmp_path / "copy.db") as copy:
        assert copy.execute("SELECT count(*) FROM stakeholders").fetchone()[0] == 0
    copy.close()


def test_demo_refuses_a_damaged_file_even_without_accounts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], big_file_open: None
) -> None:
    empty = tmp_path / "empty.db"
    open_database(empty).close()
    damage_middle_page(empty)
    before = empty.read_bytes()
    code, printed = run(capsys, "--db", str(empty), "demo")
    assert_one_line_refusal(code, printed, "empty.db is damaged")
    assert empty.read_bytes() == before


def test_restoring_onto_a_damaged_file_refuses_a_backup_with_a_cycle(tmp_path: Path) -> None:
    plan = portfolio(tmp_path / "keyplan.db")
    damage_middle_page(plan)
    bad = backup.backup_file(portfolio(tmp_path / "other.db", CYCLE), tmp_path / "friday.db")
    before = plan.read_bytes()
    with pytest.raises(DatabaseRefused, match=r"friday\.db cannot be restored: Reporting cycle"):
        recovery.restore_over_damaged(bad, plan)
    assert plan.read_bytes() == before
