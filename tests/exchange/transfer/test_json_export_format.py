"""The JSON export's bytes do not drift: a small database whose every value we chose (ids with
gaps, references left out, dates, times with microseconds, flags, numbers, non-ASCII text)
exports to exactly the bytes kept in tests/data/json/, which the in-memory export of
November 2026 wrote before the export was made to stream.

If a migration adds a column, these files change on purpose: write them again with
``python tests/json_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from json_golden import ACCOUNT_FILE, ACCOUNT_ID, WHOLE_FILE, fill_golden_database
from keyplan.exchange.transfer.json_exchange import export_json, import_json
from keyplan.store.database import Database, open_database


@pytest.fixture
def golden_db(tmp_path: Path) -> Database:
    db = fill_golden_database(open_database(tmp_path / "golden.db"))
    yield db
    db.close()


def test_a_whole_database_exports_to_the_same_bytes_as_before(
    golden_db: Database, tmp_path: Path
) -> None:
    written = export_json(golden_db, tmp_path / "all.json").path
    assert written.read_bytes() == WHOLE_FILE.read_bytes(), __doc__


def test_one_account_exports_to_the_same_bytes_as_before(
    golden_db: Database, tmp_path: Path
) -> None:
    written = export_json(golden_db, tmp_path / "one.json", ACCOUNT_ID).path
    assert written.read_bytes() == ACCOUNT_FILE.read_bytes(), __doc__


def test_the_golden_file_comes_back_and_goes_out_again_unchanged(tmp_path: Path) -> None:
    empty = open_database(tmp_path / "empty.db")
    import_json(empty, WHOLE_FILE)
    again = export_json(empty, tmp_path / "again.json").path
    assert again.read_bytes() == WHOLE_FILE.read_bytes()
    empty.close()
