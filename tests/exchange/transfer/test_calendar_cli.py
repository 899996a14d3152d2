"""`keyplan import-calendar`: a director logs a year of meetings from the terminal."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from calendar_portfolio import CALENDARS, make_calendar_portfolio
from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.meetings.queries import interactions


@pytest.fixture
def portfolio_db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.db"
    db = open_database(path)
    make_calendar_portfolio(db)
    db.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_calendar(db: Path, name: str, *more: str) -> int:
    return main(["import-calendar", str(CALENDARS / name), "--db", str(db),
                 "--from", "2026-01-01", "--to", "2026-12-31", *more])  # fmt: skip


def summaries(db_path: Path) -> list[str]:
    db = open_database(db_path, create=False)
    try:
        return sorted(row.summary for row in interactions(db, 1))
    finally:
        db.close()


def test_google_series_is_previewed_then_written_once(portfolio_db, capsys):
    assert import_calendar(portfolio_db, "google_recurring.ics") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "Read google_recurring.ics: 8 meetings from 2026-01-01 to 2026-12-31 "
        "(1 cancelled meeting left out)."
    )
    assert out[1] == "6 meetings become interactions:"
    assert out[2].split() == ["Acme", "Group", "6"]
    assert "2 meetings with none of your accounts' people: not interactions." in out
    assert "1 attendee nobody knows yet (add them as people?):" in out
    assert "  Piet de Vries <piet.devries@acme.example>, 5 meetings, probably Acme Group" in out
    assert out[-1] == "Imported 6 meetings as interactions."
    assert len(summaries(portfolio_db)) == 6

    assert import_calendar(portfolio_db, "google_recurring.ics") == 0
    out = capsys.readouterr().out.splitlines()
    assert "6 meetings imported before: skipped." in out
    assert out[-1] == "Nothing to import: nothing was written."
    assert len(summaries(portfolio_db)) == 6


def test_a_dry_run_writes_nothing(portfolio_db, capsys):
    before = digest(portfolio_db)
    assert import_calendar(portfolio_db, "outlook_windows_zones.ics", "--dry-run") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("(1 all-day event and 1 cancelled meeting left out).")
    assert out[-1] == "Dry run: nothing was written."
    assert digest(portfolio_db) == before


@pytest.mark.parametrize("name", ["broken_dates.ics", "not_a_calendar.ics", "missing.ics"])
def test_a_bad_file_is_one_clear_line_and_nothing_is_written(portfolio_db, capsys, name):
    before = digest(portfolio_db)
    assert import_calendar(portfolio_db, name) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("keyplan: ") and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert digest(portfolio_db) == before


def test_a_date_that_is_not_one_is_refused_by_the_options(portfolio_db, capsys):
    assert main(["import-calendar", str(CALENDARS / "apple_tokyo.ics"), "--db",
                 str(portfolio_db), "--from", "last week"]) != 0  # fmt: skip
    assert "'last week' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_a_missing_database_is_not_created(tmp_path, capsys):
    target = tmp_path / "none.db"
    assert import_calendar(target, "apple_tokyo.ics") == 1
    assert not target.exists()
    assert capsys.readouterr().err.startswith("keyplan: ")


def test_the_demos_autumn_in_three_windows_zones_lands_on_aldermarks_affiliates(
    demo_path, tmp_path, capsys
):
    copy = tmp_path / "demo.db"
    shutil.copy(demo_path, copy)
    assert main(["import-calendar", str(CALENDARS / "demo_autumn_outlook.ics"), "--db", str(copy),
                 "--from", "2026-09-01", "--to", "2026-11-30"]) == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "7 meetings become interactions:"
    assert [line.rsplit(maxsplit=1) for line in out[2:5]] == [
        ["  Aldermark do Brasil Ltda.", "5"],  # six weeks, one EXDATE, one moved
        ["  Aldermark Antriebstechnik GmbH", "1"],
        ["  Aldermark France SAS", "1"],
    ]
    assert "1 meeting with none of your accounts' people: not an interaction." in out
    # She was at the Paris meeting: the affiliate, not the umbrella her domain is most of.
    assert (
        "  Nadine Roux <nadine.roux@aldermark.example>, 1 meeting, probably Aldermark France SAS"
        in out
    )
    db = open_database(copy, create=False)
    try:
        brasil = [
            r
            for r in interactions(db, 4, with_affiliates=False)
            if "São Paulo" in (r.summary or "")
        ]
    finally:
        db.close()
    assert len(brasil) == 5
    # Alex Morgan ("you" in the demo) organised them: matched on our side by e-mail.
    assert all([name for _, name in row.team] == ["Alex Morgan (you)"] for row in brasil)
    # A Teams series; the moved week's own entry in the file has no Teams link.
    assert sorted(row.channel for row in brasil) == ["in_person"] + ["video"] * 4


def interaction_rows(db_path: Path) -> list[tuple]:
    db = open_database(db_path, create=False)
    try:
        return [(row.summary, row.channel, [name for _, name in row.people])
                for row in interactions(db, 1)]  # fmt: skip
    finally:
        db.close()


@pytest.mark.parametrize("name", ["google_recurring.ics", "broken_dates.ics"])
def test_a_file_read_by_a_worker_imports_and_says_the_same(portfolio_db, tmp_path, capsys,
                                                           monkeypatch, name):  # fmt: skip
    # The command hands a big file to a worker process; here every file is big.
    from keyplan.exchange.transfer import calendar_reading

    here = tmp_path / "here.db"
    shutil.copy(portfolio_db, here)
    code_here = import_calendar(here, name)
    said_here = capsys.readouterr()
    monkeypatch.setattr(calendar_reading, "WORKER_EVENTS", 1)
    assert import_calendar(portfolio_db, name) == code_here
    assert capsys.readouterr() == said_here
    assert interaction_rows(portfolio_db) == interaction_rows(here)
