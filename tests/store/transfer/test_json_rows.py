"""The JSON rows on SQLite and on PostgreSQL: the export reads one moment while edits go on,
gives the bytes of the golden files, and an import's receipt holds ids, not rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from json_golden import ACCOUNT_FILE, ACCOUNT_ID, WHOLE_FILE, fill_golden_database
from keyplan.exchange.transfer.json_exchange import export_json, import_json
from keyplan.store.database import Database
from keyplan.store.people import edits, queries
from keyplan.store.transfer import json_rows


def names(rows: list[dict]) -> list[str]:
    return [row["full_name"] for row in rows]


def test_an_export_shows_one_moment_while_the_window_goes_on_saving(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_rows, "CHUNK_ROWS", 1)
    acme = edits.add_account(db, "Acme")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    harald = edits.add_stakeholder(db, acme, "Harald Berg", reports_to_id=ingrid)
    sven = edits.add_stakeholder(db, acme, "Sven Dahl", reports_to_id=harald)
    with json_rows.open_export(db) as export:
        chunks = export.chunks()
        name, first = next(chunks)  # the reading has begun
        assert name == "accounts" and first[0]["name"] == "Acme"
        # Meanwhile, saved edits: Sven leaves, Lea arrives below Harald.
        edits.delete_stakeholder(db, sven)
        edits.add_stakeholder(db, acme, "Lea Kaya", reports_to_id=harald)
        people = [row for name, chunk in chunks if name == "stakeholders" for row in chunk]
    assert names(people) == ["Ingrid Olsen", "Harald Berg", "Sven Dahl"]
    assert people[2]["reports_to_id"] == 2  # Harald, numbered as of that moment
    assert export.counts["stakeholders"] == 3
    # The edits were not held up: they are in the database.
    assert sorted(row.values["full_name"] for row in queries.people(db, acme)) == [
        "Harald Berg",
        "Ingrid Olsen",
        "Lea Kaya",
    ]


def test_the_golden_database_exports_to_the_golden_bytes(db: Database, tmp_path: Path) -> None:
    fill_golden_database(db)
    assert export_json(db, tmp_path / "all.json").path.read_bytes() == WHOLE_FILE.read_bytes()
    one = export_json(db, tmp_path / "one.json", ACCOUNT_ID).path
    assert one.read_bytes() == ACCOUNT_FILE.read_bytes()


def rows_but_the_log(db: Database) -> dict:
    """Every exported row but the change log's (append-only: an undo adds to it)."""
    return {name: rows for name, rows in json_rows.export_rows(db).items() if name != "change_log"}


def test_an_import_keeps_ids_not_rows_and_undo_redo_go_back_and_forth(db: Database) -> None:
    # On a team database this also covers announcing the executemany UPDATE that sets the
    # managers (it used to fail, asking which rows a WHERE with no values picks).
    edits.add_account(db, "Already here")
    before = rows_but_the_log(db)
    receipt = import_json(db, WHOLE_FILE)
    after = rows_but_the_log(db)
    # What stays on the undo stack: a range of ids per table, no rows.
    assert all(isinstance(ids, range) for ids in receipt.inserted.values())
    # Six people, an open position and a person who moved (their second record).
    assert receipt.count("stakeholders") == 8 and receipt.taken_back is None
    assert receipt.top_account_ids == [2, 4]  # Nordlicht Gruppe, Ølfabrikken; after the first
    for _ in range(2):
        json_rows.remove_imported(db, receipt)
        assert rows_but_the_log(db) == before
        assert receipt.taken_back is not None  # held while the import is undone
        json_rows.reapply_import(db, receipt)
        assert rows_but_the_log(db) == after
        assert receipt.taken_back is None
