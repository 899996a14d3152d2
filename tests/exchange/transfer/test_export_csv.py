"""CSV exports that open cleanly in spreadsheets, read back exactly, and run no formulas."""

from __future__ import annotations

import csv
import errno
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from keyplan.cli import main
from keyplan.exchange.transfer.csv_export import (
    CsvSheet,
    csv_bytes,
    export_csv,
    guard_cell,
    read_csv_cells,
    unguard_cell,
)
from keyplan.store.database import Database
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits
from keyplan.store.safety import atomic_files
from keyplan.store.safety.atomic_files import FileWriteFailed

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def acme(db: Database) -> dict[str, int]:
    """Acme Group with Acme France below it; a few people, a promise and an action."""
    group = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=group)
    ingrid = edits.add_stakeholder(
        db, group, "Ingrid Olsen", job_title="CEO", level="c_level", stance="champion",
        buying_role="champion_coach", strength=4, phone="+47 22 55 01 01", interest="high",
        profile_url="www.linkedin.com/in/ingrid-olsen",
        personality_notes="Direct.\nPrefers one-page briefs, \"no slides\".",
    )  # fmt: skip
    edits.add_stakeholder(
        db, group, "=HYPERLINK(\"http://evil.example\",\"Click\")", reports_to_id=ingrid,
        department="-5", job_title="@SUM(A1:A9)",
    )  # fmt: skip
    edits.add_stakeholder(db, france, "Zoë Åkesson-Müller", reports_to_id=ingrid)
    plan_edits.add_row(
        db, "commitments", group,
        {"promise": "Send the cost model", "to_stakeholder_id": ingrid, "status": "open",
         "due_on": "2026-05-22"},
    )  # fmt: skip
    plan_edits.add_row(db, "actions", france, {"description": "Meet the plant manager"})
    return {"group": group, "france": france, "ingrid": ingrid}


def test_people_open_as_a_spreadsheet_expects(
    db: Database, acme: dict[str, int], tmp_path: Path
) -> None:
    summary = export_csv(db, acme["group"], "people", tmp_path / "people.csv")
    data = summary.path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents right
    rows = read_csv_cells(data)
    # CRLF ends each row; the line break inside Ingrid's note stays in its quoted cell.
    assert data.endswith(b"\r\n") and data.count(b"\r\n") == len(rows)
    header, ingrid = rows[0], rows[1]
    assert header[:5] == ["Account", "Name", "Job title", "Department", "Level"]
    cell = dict(zip(header, ingrid, strict=True))
    assert cell["Level"] == "Board / C-level"  # labels, not stored values
    assert cell["Buying role"] == "Champion / coach"
    assert cell["Stance"] == "Champion" and cell["Relationship"] == "Trusted advisor"
    assert cell["Interest in what we do"] == "High"
    assert cell["Has left the company"] == "No"
    assert cell["Profile URL"] == "https://www.linkedin.com/in/ingrid-olsen"
    assert cell["Personality and communication"] == 'Direct.\nPrefers one-page briefs, "no slides".'
    assert summary.rows == 2  # Acme France's person is not in it without affiliates
    assert oct(summary.path.stat().st_mode & 0o777) == "0o600"


def test_affiliates_come_with_an_account_column_and_the_managers_names(
    db: Database, acme: dict[str, int], tmp_path: Path
) -> None:
    path = export_csv(db, acme["group"], "people", tmp_path / "p.csv", with_affiliates=True).path
    rows = [dict(zip(read_csv_cells(path.read_bytes())[0], r, strict=True))
            for r in read_csv_cells(path.read_bytes())[1:]]  # fmt: skip
    zoe = next(row for row in rows if row["Name"].startswith("Zoë"))
    assert zoe["Account"] == "Acme France" and zoe["Reports to"] == "Ingrid Olsen"


def test_formulas_are_made_inert_and_plain_numbers_stay_numbers(
    db: Database, acme: dict[str, int], tmp_path: Path
) -> None:
    path = export_csv(db, acme["group"], "people", tmp_path / "p.csv").path
    raw = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    header = raw[0]
    evil = dict(zip(header, raw[2], strict=True))
    assert evil["Name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert evil["Job title"] == "'@SUM(A1:A9)"
    assert evil["Department"] == "-5"  # a number, which a spreadsheet never runs
    ingrid = dict(zip(header, raw[1], strict=True))
    assert ingrid["Phone"] == "'+47 22 55 01 01"  # Excel would read "+47 22 …" as a formula
    assert all(not cell.startswith(FORMULA_STARTS) or cell == "-5" for row in raw for cell in row)


def test_commitments_and_actions_use_names_and_labels(
    db: Database, acme: dict[str, int], tmp_path: Path
) -> None:
    commitments = read_csv_cells(
        export_csv(db, acme["group"], "commitments", tmp_path / "c.csv").path.read_bytes()
    )
    assert commitments[0][:3] == ["Account", "Promise", "To"]
    assert commitments[1][:3] == ["Acme Group", "Send the cost model", "Ingrid Olsen"]
    assert "Open" in commitments[1] and "2026-05-22" in commitments[1]
    actions = export_csv(db, acme["group"], "actions", tmp_path / "a.csv", with_affiliates=True)
    rows = read_csv_cells(actions.path.read_bytes())
    assert rows[1][:2] == ["Acme France", "Meet the plant manager"]
    assert "Not started" in rows[1]
    alone = export_csv(db, acme["group"], "actions", tmp_path / "b.csv")
    assert alone.rows == 0


def test_export_csv_from_the_command_line(db: Database, acme, tmp_path: Path, capsys) -> None:
    out = tmp_path / "people.csv"
    code = main(["export-csv", "--db", str(db.path), "--account", "acme group", "--affiliates",
                 "--out", str(out)])  # fmt: skip
    assert code == 0 and "Wrote 3 people" in capsys.readouterr().out
    assert len(read_csv_cells(out.read_bytes())) == 4
    code = main(["export-csv", "--db", str(db.path), "--account", "Initech", "--out", str(out)])
    assert code == 1 and "There is no account named 'Initech'" in capsys.readouterr().err


# ---- a full disk, a read-only folder --------------------------------------------------------


def test_a_full_disk_keeps_the_older_export_and_leaves_no_temporary_file(
    db: Database, acme: dict[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "exports"
    out.mkdir()
    target = out / "people.csv"
    target.write_bytes(b"last week's export")

    def disk_full(_handle, _data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_files, "_write_all", disk_full)
    with pytest.raises(FileWriteFailed, match="the disk is full"):
        export_csv(db, acme["group"], "people", target)
    assert target.read_bytes() == b"last week's export"
    assert [p.name for p in out.iterdir()] == ["people.csv"]


def test_a_folder_that_cannot_be_written_gives_one_line(
    db: Database, acme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    real_open = atomic_files.os.open

    def read_only_folder(path, flags, *args):
        if flags & atomic_files.os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic_files.os, "open", read_only_folder)
    code = main(["export-csv", "--db", str(db.path), "--account", "Acme Group",
                 "--out", str(tmp_path / "p.csv")])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 1 and "you are not allowed to write in that folder" in err
    assert err.count("\n") == 1 and not (tmp_path / "p.csv").exists()


# ---- the guard, for any text --------------------------------------------------------------

# Any text a person could type, including what csv quoting and spreadsheets care about.
cells = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ["", "-5", "+3.25", "=1+1", "'=1", "''", "@x", "\t=x", "\r\n", '"', "'"]
)


@given(st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_our_csv_read_back_gives_the_same_cells(rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    sheet = CsvSheet(rows[0], rows[1:])
    assert read_csv_cells(csv_bytes(sheet)) == rows


@given(cells)
def test_a_guarded_cell_never_starts_a_formula_and_unguards_exactly(text: str) -> None:
    guarded = guard_cell(text)
    assert unguard_cell(guarded) == text
    if guarded.startswith(FORMULA_STARTS):
        float(guarded)  # only a plain number may keep its sign
