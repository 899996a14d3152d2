"""Control characters from files and the command line: taken out of names, refused in
``--account``, escaped on the terminal, left out of the SVG; ``check`` names bad values.

Stories from issue 18 (items 6, 7 and 8): an ESC/BEL sequence in a CSV name was stored and
printed raw (it can retitle the terminal); a NUL in a name made the SVG malformed; a stance
of "evil", a 10 MB name or an amount of infinity written by another tool passed ``check``; a
person whose account is missing made ``check`` end in a KeyError.
"""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.domain.errors import RuleViolation
from keyplan.domain.plain_text import terminal_safe
from keyplan.exchange.map.svg import escape
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries

RETITLE = "\x1b]0;pwned\x07"


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    path = tmp_path / "acme.db"
    db = open_database(path)
    account = edits.add_account(db, "Acme Group")
    edits.add_stakeholder(db, account, "Ingrid Olsen")
    db.close()
    return path


def test_a_csv_name_with_an_escape_sequence_is_stored_without_it(
    acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(f"First Name,Last Name\nZo{RETITLE}ë,Mül\x00ler\n", "utf-8")
    assert main(["import", str(source), "--db", str(acme), "--account", "Acme Group"]) == 0
    printed = capsys.readouterr().out
    assert "\x1b" not in printed and "\x07" not in printed
    db = open_database(acme, create=False)
    names = [p["full_name"] for p in queries.people(db, queries.find_account(db, "Acme Group"))]
    db.close()
    assert "Zo]0;pwnedë Müller" in names


def test_an_account_with_an_escape_sequence_is_refused_and_not_echoed_raw(
    acme: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export-map", "--db", str(acme), "--account", f"Acme{RETITLE}", "--out",
                 str(tmp_path / "map.svg")])  # fmt: skip
    out, err = capsys.readouterr()
    assert code != 0
    assert "control characters" in err
    assert "\x1b" not in out + err and "\x07" not in out + err


def test_an_editor_refuses_a_control_character_in_a_name(acme: Path) -> None:
    db = open_database(acme, create=False)
    with pytest.raises(RuleViolation, match="control character"):
        edits.add_account(db, f"Globex{RETITLE}")
    db.close()


def test_whatever_a_command_prints_is_escaped(
    acme: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(acme) as connection:  # another tool wrote the name
        connection.execute("UPDATE accounts SET name = ?", (f"Acme{RETITLE}",))
    assert main(["accounts", "--db", str(acme)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Acme\\x1b]0;pwned\\x07" in out


def test_bidi_controls_are_isolated_on_output() -> None:
    shown = terminal_safe("Ann \u202eeel")
    assert shown.startswith("\u2068") and shown.endswith("\u2069")


def test_the_svg_of_a_name_with_a_nul_is_well_formed(acme: Path, tmp_path: Path) -> None:
    with sqlite3.connect(acme) as connection:
        connection.execute("UPDATE stakeholders SET full_name = ?", ("Ingrid\x00 Ol\x1bsen",))
    out = tmp_path / "map.svg"
    assert main(["export-map", "--db", str(acme), "--account", "Acme Group", "--out",
                 str(out)]) == 0  # fmt: skip
    ElementTree.parse(out)  # raises on a malformed file
    assert "\x00" not in out.read_text("utf-8")
    assert escape("a\x00b") == "ab"


@pytest.mark.parametrize(
    ("column", "value", "said"),
    [
        ("stance", "evil", "Row 1 of stakeholders: Stance: 'evil' is not one of"),
        ("full_name", "A" * 10_000_000, "Row 1 of stakeholders: Name is longer than 200"),
        (
            "personality_notes",
            "a\x00b",
            "Row 1 of stakeholders: Personality and communication contains a control character",
        ),
    ],
)
def test_check_names_a_value_outside_the_rules(
    acme: Path, capsys: pytest.CaptureFixture[str], column: str, value: str, said: str
) -> None:
    with sqlite3.connect(acme) as connection:
        connection.execute(f"UPDATE stakeholders SET {column} = ?", (value,))
    assert main(["check", "--db", str(acme)]) != 0
    out = capsys.readouterr().out
    assert said in out
    assert len(out) < 2000


def test_check_names_an_amount_of_infinity(acme: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(acme) as connection:
        connection.execute("UPDATE accounts SET annual_revenue = 9e999")
    assert main(["check", "--db", str(acme)]) != 0
    assert "Row 1 of accounts: Annual revenue with us must be an amount" in capsys.readouterr().out


def test_check_of_a_person_whose_account_is_missing_reports_it(
    acme: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_database(acme, create=False)
    account = queries.find_account(db, "Acme Group")
    boss = queries.people(db, account)[0].id
    edits.add_stakeholder(db, account, "Harald Berg", reports_to_id=boss)
    db.close()
    with sqlite3.connect(acme) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute(
            "UPDATE stakeholders SET account_id = 99 WHERE full_name = 'Harald Berg'"
        )
    assert main(["check", "--db", str(acme)]) != 0
    out = capsys.readouterr().out
    assert "Harald Berg (an account that does not exist) reports to Ingrid Olsen" in out
