"""A backup is checked whole before it replaces a plan, and one of another portfolio is asked
about.

Stories from issue 18: `restore` accepted a backup whose people report in a circle, or whose
values break the field rules (written by another tool), and it replaced a colleague's whole
portfolio with someone else's backup without a word. Now the backup is checked as `keyplan
check` would check it, a bad one is refused in one line naming the first problem, and a
backup that shares no account with the database is refused unless the user adds --force.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries

pytestmark = pytest.mark.sqlite_only  # backups are copies of the SQLite file


def make_portfolio(path: Path, *accounts: str) -> Path:
    """A database with these accounts; the first holds Ann, who reports to Bo."""
    db = open_database(path)
    ids = [edits.add_account(db, name) for name in accounts]
    bo = edits.add_stakeholder(db, ids[0], "Bo Chief")
    edits.add_stakeholder(db, ids[0], "Ann Lee", reports_to_id=bo)
    db.close()
    return path


def account_names(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        return sorted(row.name for row in queries.portfolio(db))
    finally:
        db.close()


def backup_of(tmp_path: Path, *accounts: str, sql: str = "") -> Path:
    """A backup file made with `keyplan backup --to`, then changed by another tool (``sql``)."""
    source = make_portfolio(tmp_path / f"source-{len(list(tmp_path.iterdir()))}.db", *accounts)
    target = tmp_path / "friday.db"
    assert main(["--db", str(source), "backup", "--to", str(target)]) == 0
    if sql:
        with sqlite3.connect(target) as connection:
            connection.executescript(sql)
        connection.close()
    return target


def restore(database: Path, backup: Path, capsys: pytest.CaptureFixture[str], *extra: str):
    capsys.readouterr()
    code = main(["--db", str(database), "restore", str(backup), *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("sql", "said"),
    [
        (
            "UPDATE stakeholders SET reports_to_id = "
            "(SELECT id FROM stakeholders WHERE full_name = 'Ann Lee') "
            "WHERE full_name = 'Bo Chief';",
            "Reporting cycle: ",
        ),
        ("UPDATE stakeholders SET stance = 'evil';", "Stance: 'evil' is not one of"),
        ("UPDATE accounts SET annual_revenue = 9e999;", "Annual revenue with us must be an amount"),
    ],
)
def test_a_backup_that_breaks_the_rules_is_refused_in_one_line_and_nothing_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sql: str, said: str
) -> None:
    database = make_portfolio(tmp_path / "keyplan.db", "Acme")
    bad = backup_of(tmp_path, "Acme", "Globex", sql=sql)
    before = database.read_bytes()
    code, out, err = restore(database, bad, capsys)
    assert code == 1 and out == ""
    assert err.startswith("keyplan: friday.db cannot be restored: ") and said in err, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert database.read_bytes() == before
    assert account_names(database) == ["Acme"]


def test_a_backup_of_another_portfolio_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = make_portfolio(tmp_path / "keyplan.db", "Acme", "Globex")
    theirs = backup_of(tmp_path, "Initech", "Umbrella")
    before = database.read_bytes()
    code, _out, err = restore(database, theirs, capsys)
    assert code == 1
    assert err == (
        "keyplan: friday.db looks like a backup of another portfolio: it shares no account "
        "with keyplan.db (it holds 2 accounts: Initech, Umbrella). Nothing was changed; add "
        "--force to restore it anyway.\n"
    )
    assert database.read_bytes() == before

    code, out, _err = restore(database, theirs, capsys, "--force")
    assert code == 0 and out.startswith("Restored ")
    assert account_names(database) == ["Initech", "Umbrella"]


def test_a_backup_sharing_an_account_is_restored_without_a_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = make_portfolio(tmp_path / "keyplan.db", "Acme", "Globex")
    older = backup_of(tmp_path, "ACME")  # the same customer, named in capitals then
    code, _out, err = restore(database, older, capsys)
    assert code == 0, err
    assert account_names(database) == ["ACME"]
