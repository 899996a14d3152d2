"""A hostile or careless JSON file: refused whole, in one line, naming the first bad value.

Stories from issue 18: a file written by hand or by an attacker carries a 10 MB name, a stance
of "evil", an amount of 1e999, control characters, 100,000-deep nesting, a 100,000-digit
number or a lone surrogate. Before, these went in (and `check` said healthy) or ended in a
traceback; now the file is refused, nothing is written, and the message names the table, the
row and the field — never the row's other values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from keyplan.cli import main
from keyplan.exchange.transfer.json_exchange import export_json
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries

SECRET_NOTE = "Divorce pending; do not mention"
SECRET_PHONE = "+44 7700 900123"


@pytest.fixture
def export(tmp_path: Path) -> dict[str, Any]:
    """A small real export: Acme with Ann Lee, whose notes and phone are private."""
    db = open_database(tmp_path / "source.db")
    account = edits.add_account(db, "Acme")
    edits.add_stakeholder(db, account, "Ann Lee", phone=SECRET_PHONE, personality_notes=SECRET_NOTE)
    path = export_json(db, tmp_path / "acme.json").path
    db.close()
    return json.loads(path.read_text("utf-8"))


def import_file(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run `keyplan import-json` into a fresh database; the exit code and what it printed."""
    source = tmp_path / "hostile.json"
    source.write_text(text, "utf-8", errors="surrogatepass")
    code = main(["--db", str(tmp_path / "target.db"), "import-json", str(source)])
    out, err = capsys.readouterr()
    return code, out + err


def people_in_target(tmp_path: Path) -> int:
    db = open_database(tmp_path / "target.db")
    try:
        return sum(row.people for row in queries.portfolio(db))
    finally:
        db.close()


def person(export: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = export["tables"]["stakeholders"][0]
    return row


def assert_refused_in_one_line(code: int, printed: str) -> None:
    assert code != 0
    assert printed.count("\n") == 1, printed[:500]
    assert "Traceback" not in printed
    assert SECRET_NOTE not in printed and SECRET_PHONE not in printed


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("full_name", "A" * 10_000_000, "Name is longer than 200 characters"),
        ("stance", "evil", "Stance: 'evil' is not one of"),
        ("strength", 99, "Relationship: '99' is not one of"),
        ("personality_notes", "ring\x07ring", "contains a control character"),
        ("job_title", "CFO\x1b]0;pwned\x07", "contains a control character"),
        ("phone", "\ud800", "contains a control character"),
        ("contact_frequency_days", 10**30, "at most"),
    ],
)
def test_a_value_outside_the_rules_refuses_the_whole_file(
    export: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    value: Any,
    said: str,
) -> None:
    person(export)[field] = value
    code, printed = import_file(tmp_path, json.dumps(export), capsys)
    assert_refused_in_one_line(code, printed)
    assert "Row 1 of stakeholders" in printed
    assert said in printed
    assert people_in_target(tmp_path) == 0


def test_an_amount_of_1e999_is_refused_not_stored_as_infinity(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export["tables"]["accounts"][0]["annual_revenue"] = 1.0
    text = json.dumps(export).replace('"annual_revenue": 1.0', '"annual_revenue": 1e999')
    code, printed = import_file(tmp_path, text, capsys)
    assert_refused_in_one_line(code, printed)
    assert "Row 1 of accounts: Annual revenue with us must be an amount" in printed
    assert "inf" not in printed.split("not", 1)[0]


def test_a_card_position_of_nan_is_refused(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person(export)["map_x"] = 1.0
    text = json.dumps(export).replace('"map_x": 1.0', '"map_x": NaN')
    code, printed = import_file(tmp_path, text, capsys)
    assert_refused_in_one_line(code, printed)
    assert "map_x must be a finite number" in printed


def test_control_characters_are_taken_out_of_names(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person(export)["full_name"] = "Ann\x1b]0;owned\x07 Lee\x00"
    export["tables"]["accounts"][0]["name"] = "Ac\x1b[2Jme"
    code, _printed = import_file(tmp_path, json.dumps(export), capsys)
    assert code == 0
    db = open_database(tmp_path / "target.db")
    account = queries.find_account(db, "Ac[2Jme")
    assert [p["full_name"] for p in queries.people(db, account)] == ["Ann]0;owned Lee"]
    db.close()


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ('{"format": ' + "9" * 100_000 + "}", "not valid JSON"),
        ('{"tables": {"accounts": [' + "[" * 100_000 + "]" * 100_000 + "]}}", "not valid JSON"),
    ],
)
def test_deep_nesting_and_endless_numbers_are_not_json_we_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, said: str
) -> None:
    code, printed = import_file(tmp_path, text, capsys)
    assert_refused_in_one_line(code, printed)
    assert said in printed


def test_an_endless_number_in_a_row_is_refused(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person(export)["strength"] = 1
    text = json.dumps(export).replace('"strength": 1', '"strength": ' + "9" * 100_000)
    code, printed = import_file(tmp_path, text, capsys)
    assert_refused_in_one_line(code, printed)


def test_a_lone_surrogate_in_a_name_is_taken_out(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person(export)["full_name"] = "Ann \ud800Lee"
    code, printed = import_file(tmp_path, json.dumps(export), capsys)
    assert code == 0, printed
    db = open_database(tmp_path / "target.db")
    account = queries.find_account(db, "Acme")
    assert [p["full_name"] for p in queries.people(db, account)] == ["Ann Lee"]
    db.close()


def test_a_message_never_dumps_the_row(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A reference to a person not in the file: the message names the row, not its values."""
    person(export)["reports_to_id"] = 777
    code, printed = import_file(tmp_path, json.dumps(export), capsys)
    assert_refused_in_one_line(code, printed)
    assert "Ann Lee" not in printed
