"""A whole-database JSON export streams into a file that appears only when complete, and an
import streams its rows in, all or nothing: what a director's backup-like export relies on."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.domain.errors import NotFound
from keyplan.exchange.transfer import json_exchange
from keyplan.exchange.transfer.json_exchange import (
    NotAKeyplanExport,
    export_json,
    import_export_file,
    import_json,
    read_export,
)
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits, queries
from keyplan.store.safety.atomic_files import FileWriteFailed
from keyplan.store.transfer import json_import, json_rows
from keyplan.store.transfer.json_rows import ImportRefused


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few rows, so that the demo portfolio goes out and in many pieces."""
    monkeypatch.setattr(json_rows, "CHUNK_ROWS", 7)
    monkeypatch.setattr(json_import, "WRITE_ROWS", 5)


def test_the_export_is_written_piece_by_piece_under_a_temporary_name(
    demo: Database, tmp_path: Path, small_chunks: None
) -> None:
    target = tmp_path / "backup.json"
    seen: list[tuple[float, bool, int]] = []

    def report(fraction: float) -> None:
        temporary = [path for path in tmp_path.iterdir() if path.name != "backup.json"]
        written = sum(path.stat().st_size for path in temporary)
        seen.append((fraction, target.exists(), written))

    export_json(demo, target, progress=report)
    fractions = [fraction for fraction, _exists, _written in seen]
    assert len(seen) > 20 and fractions == sorted(fractions) and fractions[-1] == 1.0
    # While it is written: bytes on the disk already, but not under the final name.
    during = seen[len(seen) // 2]
    assert not during[1] and during[2] > 0
    assert list(tmp_path.iterdir()) == [target]


def test_a_disk_that_fills_up_half_way_leaves_the_older_file_and_no_partial_one(
    demo: Database, tmp_path: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.json"
    target.write_bytes(b"last week's backup")
    calls = []
    write = json_exchange._write_text

    def filling_up(handle, text: str) -> None:
        calls.append(text)
        if len(calls) == 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        write(handle, text)

    monkeypatch.setattr(json_exchange, "_write_text", filling_up)
    with pytest.raises(FileWriteFailed, match="the disk is full"):
        export_json(demo, target)
    assert target.read_bytes() == b"last week's backup"
    assert list(tmp_path.iterdir()) == [target]


def test_an_export_cancelled_half_way_leaves_the_older_file_and_no_partial_one(
    demo: Database, tmp_path: Path, small_chunks: None
) -> None:
    class Cancelled(Exception):
        pass

    def cancel_at_half(fraction: float) -> None:
        if fraction > 0.5:
            raise Cancelled

    target = tmp_path / "backup.json"
    target.write_bytes(b"last week's backup")
    with pytest.raises(Cancelled):
        export_json(demo, target, progress=cancel_at_half)
    assert target.read_bytes() == b"last week's backup"
    assert list(tmp_path.iterdir()) == [target]


def test_an_account_that_is_gone_writes_no_file(demo: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        export_json(demo, tmp_path / "gone.json", 999_999)
    assert list(tmp_path.iterdir()) == []


def test_small_chunks_write_the_same_bytes_as_one_big_chunk(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = export_json(demo, tmp_path / "whole.json").path.read_bytes()
    group = queries.find_account(demo, "Aldermark Group")
    account = export_json(demo, tmp_path / "account.json", group).path.read_bytes()
    for size in (1, 3):
        monkeypatch.setattr(json_rows, "CHUNK_ROWS", size)
        assert export_json(demo, tmp_path / "again.json").path.read_bytes() == whole
        assert export_json(demo, tmp_path / "again.json", group).path.read_bytes() == account


# ---- import -------------------------------------------------------------------------------


def test_a_file_in_another_layout_and_table_order_comes_in_the_same(
    demo: Database, tmp_path: Path, small_chunks: None
) -> None:
    """The tables first and in reverse order (people before their accounts), the header
    after them, all on one line: what a hand-edited or re-saved file may look like. It
    imports to the same data."""
    first = export_json(demo, tmp_path / "all.json").path
    data = json.loads(first.read_text("utf-8"))
    upside_down = {"tables": dict(reversed(data.pop("tables").items())), **data}
    resaved = tmp_path / "resaved.json"
    resaved.write_text(json.dumps(upside_down), "utf-8")
    # The change log first, before every row it names: it waits for them.
    assert next(iter(upside_down["tables"])) == "change_log"
    empty = open_database(tmp_path / "empty.db")
    import_json(empty, resaved)
    again = export_json(empty, tmp_path / "again.json").path
    assert again.read_bytes() == first.read_bytes()
    empty.close()


def test_a_broken_row_in_the_last_table_leaves_nothing_of_the_tables_before(
    demo: Database, tmp_path: Path, small_chunks: None
) -> None:
    path = export_json(demo, tmp_path / "all.json").path
    data = json.loads(path.read_text("utf-8"))
    last = list(data["tables"])[-1]
    data["tables"][last][-1]["id"] = "seven"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    target = open_database(tmp_path / "target.db")
    edits.add_account(target, "Globex")
    before = json_rows.export_rows(target)
    with pytest.raises(ImportRefused, match=f"all.json: Row .* of {last} has no id"):
        import_json(target, path)
    assert json_rows.export_rows(target) == before
    target.close()


def test_a_file_changed_after_it_was_read_is_not_imported(demo: Database, tmp_path: Path) -> None:
    path = export_json(demo, tmp_path / "all.json").path
    export = read_export(path)
    path.write_text(path.read_text("utf-8").replace("Aldermark", "Eldermark"), "utf-8")
    target = open_database(tmp_path / "target.db")
    with pytest.raises(NotAKeyplanExport, match=r"all\.json changed since it was read"):
        import_export_file(target, export)
    assert queries.portfolio(target) == []
    target.close()


def test_reading_an_export_counts_its_rows_without_keeping_them(
    demo: Database, tmp_path: Path
) -> None:
    path = export_json(demo, tmp_path / "all.json").path
    export = read_export(path)
    data = json.loads(path.read_text("utf-8"))
    assert export.row_counts == {name: len(rows) for name, rows in data["tables"].items()}
    assert export.accounts == len(data["tables"]["accounts"])
    assert export.people == len(data["tables"]["stakeholders"])
    assert not any(isinstance(value, list) for value in vars_of(export))


def vars_of(export: json_exchange.ExportFile) -> list:
    return [getattr(export, name) for name in export.__slots__]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["tables"].update(accounts=5), "has no tables of rows"),
        (lambda d: d.update(tables=[1]), "has no tables of rows"),
        (lambda d: d["tables"].update(gadgets=[], widgets=[]), r"not know \(gadgets, widgets\)"),
    ],
)
def test_a_damaged_file_is_refused_before_the_database_is_touched(
    tmp_path: Path, change, message: str
) -> None:
    source = open_database(tmp_path / "source.db")
    edits.add_account(source, "Acme")
    path = export_json(source, tmp_path / "small.json").path
    source.close()
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")
    target = tmp_path / "new.db"
    assert main(["import-json", str(path), "--db", str(target)]) == 1
    assert not target.exists()  # refused before the database was opened, or created
    other = open_database(tmp_path / "other.db")
    with pytest.raises(ImportRefused, match=message):
        import_json(other, path)
    other.close()
