"""A JSON file whose accounts point at the wrong parent: refused naming the account.

Story from issue 18: a hand-edited `parent_id` that put two affiliates of the same name under
one account was refused with the database's constraint ("UNIQUE constraint failed: index
'uq_accounts_sibling_name'"), which says nothing to a person; a parent_id of no account in the
file named neither the account nor the column. Now the message names the accounts and says
what to check.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from keyplan.cli import main
from keyplan.exchange.transfer.json_exchange import export_json
from keyplan.store.database import open_database
from keyplan.store.people import edits


@pytest.fixture
def export(tmp_path: Path) -> dict[str, Any]:
    """Acme Group with Acme France; Globex with its own Globex France."""
    db = open_database(tmp_path / "source.db")
    acme = edits.add_account(db, "Acme Group")
    edits.add_account(db, "Acme France", parent_id=acme)
    globex = edits.add_account(db, "Globex")
    edits.add_account(db, "Globex France", parent_id=globex)
    path = export_json(db, tmp_path / "all.json").path
    db.close()
    return json.loads(path.read_text("utf-8"))


def account(export: dict[str, Any], name: str) -> dict[str, Any]:
    rows: list[dict[str, Any]] = export["tables"]["accounts"]
    return next(row for row in rows if row["name"] == name)


def import_file(
    tmp_path: Path, export: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> tuple[int, str]:
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(export), "utf-8")
    capsys.readouterr()
    code = main(["--db", str(tmp_path / "target.db"), "import-json", str(source)])
    out, err = capsys.readouterr()
    return code, out + err


def test_two_affiliates_of_one_name_under_one_parent_are_named(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = account(export, "Globex France")
    moved["name"] = "Acme France"
    moved["parent_id"] = account(export, "Acme Group")["id"]
    code, printed = import_file(tmp_path, export, capsys)
    assert code == 1
    assert printed == (
        "keyplan: edited.json: Account 'Acme France' (row 2 of accounts) and Account "
        "'Acme France' (row 4 of accounts) would both be affiliates of 'Acme Group' under the "
        "same name; an account's affiliates need different names (check their parent_id). "
        "Nothing was imported.\n"
    )
    assert "constraint" not in printed


def test_a_parent_id_of_no_account_in_the_file_names_the_account(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account(export, "Globex France")["parent_id"] = 99
    code, printed = import_file(tmp_path, export, capsys)
    assert code == 1
    assert printed == (
        "keyplan: edited.json: Account 'Globex France' (row 4 of accounts) has parent_id 99, "
        "which is not in the file (no row of accounts has that id). Nothing was imported.\n"
    )


def test_a_parent_id_too_large_for_a_number_reads_as_a_sentence(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    account(export, "Globex France")["parent_id"] = 10**20
    code, printed = import_file(tmp_path, export, capsys)
    assert code == 1
    assert printed == "keyplan: edited.json: Row 4 of accounts: parent_id is too large.\n"


def test_an_affiliate_named_like_a_top_level_account_comes_in(
    export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Allowed by the sibling rule; it was refused when affiliates went in without a parent."""
    account(export, "Globex")["name"] = "Acme France"
    code, printed = import_file(tmp_path, export, capsys)
    assert code == 0, printed
    db = open_database(tmp_path / "target.db", create=False)
    try:
        from keyplan.store.people import queries

        rows = {(row.name, row.parent_id is None) for row in queries.portfolio(db)}
    finally:
        db.close()
    assert ("Acme France", True) in rows and ("Acme France", False) in rows
