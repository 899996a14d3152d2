"""JSON export and import: exact round trips, all-or-nothing imports, clear refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.exchange.transfer.json_exchange import (
    FORMAT_VERSION,
    NotAKeyplanExport,
    export_json,
    import_json,
    import_summary,
)
from keyplan.store.database import Database, open_database
from keyplan.store.models import Base
from keyplan.store.people import edits, queries
from keyplan.store.shell import quick_reads
from keyplan.store.transfer import json_rows
from keyplan.store.transfer.json_rows import ImportRefused


def fresh(tmp_path: Path, name: str) -> Database:
    return open_database(tmp_path / name)


def account_id(db: Database, name: str) -> int:
    return queries.find_account(db, name)


def test_the_whole_database_round_trips_byte_for_byte(demo: Database, tmp_path: Path) -> None:
    first = export_json(demo, tmp_path / "all.json").path
    empty = fresh(tmp_path, "empty.db")
    receipt = import_json(empty, first)
    second = export_json(empty, tmp_path / "again.json").path
    assert first.read_bytes() == second.read_bytes()
    assert receipt.count("accounts") == len(queries.portfolio(demo))
    # The portfolio counts people; the file carries the open positions too (two in the demo).
    people = sum(row.people for row in queries.portfolio(demo))
    assert receipt.count("stakeholders") == people + 2
    assert receipt.count("dotted_lines") == 2
    empty.close()


@pytest.mark.parametrize("name", ["Aldermark Group", "Aldermark France SAS"])
def test_an_account_round_trips_byte_for_byte(demo: Database, tmp_path: Path, name: str) -> None:
    first = export_json(demo, tmp_path / "account.json", account_id(demo, name)).path
    empty = fresh(tmp_path, "empty.db")
    receipt = import_json(empty, first)
    (top,) = receipt.top_account_ids
    second = export_json(empty, tmp_path / "again.json", top).path
    assert first.read_bytes() == second.read_bytes()
    empty.close()


def test_the_file_names_its_format_and_schema_and_every_column(
    demo: Database, tmp_path: Path
) -> None:
    path = export_json(demo, tmp_path / "a.json", account_id(demo, "Aldermark Group")).path
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "keyplan-export" and data["format_version"] == FORMAT_VERSION
    assert data["schema_revision"] == demo.rows("SELECT version_num FROM alembic_version")[0][0]
    assert data["scope"] == "account" and data["account"] == "Aldermark Group"
    # Generic: every table and every column of the models, whatever was added since (but the
    # change log, which names rows by id without a foreign key: it stays home; and a team
    # database's grants, which name the server's roles).
    assert set(data["tables"]) == set(Base.metadata.tables) - {"change_log", "account_access"}
    assert "snapshots" in data["tables"]
    for table_name, rows in data["tables"].items():
        columns = list(Base.metadata.tables[table_name].columns.keys())
        assert all(list(row) == columns for row in rows), table_name
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_an_account_takes_its_affiliates_and_leaves_the_umbrella_above(
    demo: Database, tmp_path: Path
) -> None:
    france = account_id(demo, "Aldermark France SAS")
    rows = json_rows.export_rows(demo, france)
    assert [row["name"] for row in rows["accounts"]] == ["Aldermark France SAS"]
    assert rows["accounts"][0]["parent_id"] is None  # the group above is not in the file
    people = {row["id"] for row in rows["stakeholders"]}
    seats = queries.open_positions(demo, france)  # open positions travel with the people
    assert len(people) == len(queries.people(demo, france)) + len(seats)
    assert all(row["reports_to_id"] in people | {None} for row in rows["stakeholders"])
    for line in rows["influence_lines"]:
        assert {line["from_stakeholder_id"], line["to_stakeholder_id"]} <= people
    group = json_rows.export_rows(demo, account_id(demo, "Aldermark Group"))
    assert len(group["accounts"]) == 4  # the group and its three affiliates


def test_an_account_whose_name_is_taken_comes_in_renamed_and_shares_team_and_offerings(
    demo: Database, tmp_path: Path
) -> None:
    path = export_json(demo, tmp_path / "a.json", account_id(demo, "Aldermark Group")).path
    target = fresh(tmp_path, "target.db")
    first = import_json(target, path)
    second = import_json(target, path)
    assert second.renamed == [("Aldermark Group", "Aldermark Group (2)")]
    names = [row.name for row in queries.portfolio(target) if row.parent_id is None]
    assert sorted(names) == ["Aldermark Group", "Aldermark Group (2)"]
    assert second.count("offerings") == 0 and second.reused["offerings"] == first.count("offerings")
    assert second.count("team_members") == 0  # the same colleagues, not twice
    assert "imported as Aldermark Group (2)" in import_summary(second)
    target.close()


def test_undo_takes_the_import_back_exactly_and_redo_writes_it_again(
    demo: Database, tmp_path: Path
) -> None:
    path = export_json(demo, tmp_path / "a.json", account_id(demo, "Castellani Foods S.p.A.")).path
    target = fresh(tmp_path, "target.db")
    edits.add_account(target, "Already here")
    before = json_rows.export_rows(target)
    receipt = import_json(target, path)
    after = json_rows.export_rows(target)
    json_rows.remove_imported(target, receipt)
    assert json_rows.export_rows(target) == before
    json_rows.reapply_import(target, receipt)
    assert json_rows.export_rows(target) == after
    target.close()


# ---- refusals: nothing written --------------------------------------------------------------


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), "utf-8")
    return path


@pytest.fixture
def small_export(tmp_path: Path) -> dict:
    source = fresh(tmp_path, "source.db")
    acme = edits.add_account(source, "Acme")
    ingrid = edits.add_stakeholder(source, acme, "Ingrid Olsen")
    edits.add_stakeholder(source, acme, "Harald Berg", reports_to_id=ingrid)
    path = export_json(source, tmp_path / "small.json").path
    source.close()
    return json.loads(path.read_text("utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format_version=FORMAT_VERSION + 1), "newer version of Keyplan"),
        (lambda d: d.update(schema_revision="9999_future"), "newer version of Keyplan"),
        (lambda d: d.update(format="something-else"), "not a Keyplan export"),
        (lambda d: d["tables"].update(gadgets=[]), "tables this version of Keyplan does not know"),
        (lambda d: d["tables"]["accounts"][0].update(mood="sunny"), "columns .* does not know"),
        (lambda d: d["tables"]["stakeholders"][1].update(reports_to_id=99), "not in the file"),
        (lambda d: d["tables"]["stakeholders"][1].update(strength="lots"), "whole number"),
        (
            lambda d: d["tables"]["stakeholders"][1].update(strength=9),
            "Relationship: .9. is not one of",
        ),
        (lambda d: d["tables"]["stakeholders"][0].update(reports_to_id=2), "loop"),
        (
            lambda d: d["tables"]["stakeholders"][1].update(interest="burning"),
            "Interest in what we do: .burning. is not one of: High, Medium, Low",
        ),
    ],
)
def test_a_bad_file_is_refused_with_a_message_and_nothing_is_written(
    small_export: dict, tmp_path: Path, change, message: str
) -> None:
    change(small_export)
    path = write_json(tmp_path / "bad.json", small_export)
    target = fresh(tmp_path, "target.db")
    edits.add_account(target, "Globex")
    before = json_rows.export_rows(target)
    with pytest.raises(ImportRefused, match=message):
        import_json(target, path)
    assert json_rows.export_rows(target) == before
    target.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not UTF-8 text"),
        (b"Name,Email\r\nIngrid,ingrid@example.com\r\n", "not valid JSON"),
        (b"[1, 2, 3]", "not a Keyplan export"),
        (b"", "not valid JSON"),
    ],
)
def test_a_file_that_is_no_export_at_all_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "file.json"
    path.write_bytes(content)
    target = fresh(tmp_path, "target.db")
    with pytest.raises(NotAKeyplanExport, match=message):
        import_json(target, path)
    assert queries.portfolio(target) == []
    target.close()


# ---- the command line -----------------------------------------------------------------------


def test_export_and_import_from_the_command_line(demo_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "group.json"
    assert main(["export-json", "--db", str(demo_path), "--account", "aldermark group",
                 "--out", str(out)]) == 0  # fmt: skip
    assert "Wrote 4 accounts" in capsys.readouterr().out
    target = tmp_path / "new.db"
    assert main(["import-json", str(out), "--db", str(target)]) == 0
    assert capsys.readouterr().out.startswith("Imported 4 accounts, ")
    assert main(["import-json", str(tmp_path / "missing.json"), "--db", str(target)]) == 1
    assert "Cannot read" in capsys.readouterr().err
    again = tmp_path / "again.json"
    assert main(["export-json", "--db", str(target), "--out", str(again)]) == 0
    assert json.loads(again.read_text("utf-8"))["scope"] == "database"


def test_a_profile_url_and_aliases_travel_in_the_file(tmp_path: Path) -> None:
    source = fresh(tmp_path, "source.db")
    nordwind = edits.add_account(source, "Nordwind Logistik", aliases="NWL\nNordwind Spedition")
    edits.add_stakeholder(
        source, nordwind, "Eirik Solberg", profile_url="https://www.linkedin.com/in/eirik-solberg"
    )
    written = export_json(source, tmp_path / "nordwind.json", nordwind).path
    source.close()
    target = fresh(tmp_path, "target.db")
    import_json(target, written)
    arrived = account_id(target, "Nordwind Logistik")
    (eirik,) = queries.people(target, arrived)
    aliases = quick_reads.account_values(target, arrived)["aliases"]
    target.close()
    assert eirik["profile_url"] == "https://www.linkedin.com/in/eirik-solberg"
    assert aliases == "NWL\nNordwind Spedition"


def test_a_file_exported_before_profile_urls_and_aliases_still_imports(tmp_path: Path) -> None:
    # Written by Keyplan at schema 0002 (the golden account file of that time).
    old_file = Path(__file__).parents[2] / "data" / "json" / "account-0002_team_versions.json"
    target = fresh(tmp_path, "target.db")
    import_json(target, old_file)
    arrived = account_id(target, "Nordlicht Österreich GmbH")
    people = queries.people(target, arrived)
    aliases = quick_reads.account_values(target, arrived)["aliases"]
    target.close()
    assert "Eva Gruber" in {person["full_name"] for person in people}
    assert {person["profile_url"] for person in people} == {None}
    assert aliases is None
