"""The change log travels in the JSON export: an imported account keeps its history."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from forget_helpers import GROUP, demo_with_traces_of, person_id
from json_golden import WHOLE_FILE
from keyplan.cli import main
from keyplan.domain.rules import family_below
from keyplan.exchange.transfer.json_exchange import export_json, import_json
from keyplan.store.database import Database, open_database
from keyplan.store.forget.erase import forget_person
from keyplan.store.history import queries as history
from keyplan.store.history.other_changes import other_changes_between
from keyplan.store.models import utc_now
from keyplan.store.people import edits, queries
from keyplan.store.transfer import json_rows
from keyplan.store.transfer.json_rows import ImportRefused


def family(db: Database, name: str) -> list[int]:
    parents = dict(db.rows("SELECT id, parent_id FROM accounts"))
    return sorted(family_below(parents, queries.find_account(db, name)))


def described(comparison: history.Comparison) -> list[tuple[Any, ...]]:
    """The changes of a comparison in words and dates, with no id in them (ids differ)."""
    names = comparison.names

    def shown(field: str | None, value: Any) -> Any:
        if field in (None, "reports_to_id", "dotted_line"):
            return names.person(value) if isinstance(value, int) or value is None else value
        if isinstance(value, frozenset):  # owners
            return sorted(names.member(member) for member in value)
        return value

    return sorted(
        (change.kind, change.name, change.field, shown(change.field, change.old),
         shown(change.field, change.new), change.when)
        for change in comparison.changes
    )  # fmt: skip


def others(db: Database, accounts: list[int], start: datetime, end: datetime) -> list[tuple]:
    """The influence-line and account changes of a period: when, what kind, the words."""
    return [(c.when, c.kind, c.text) for c in other_changes_between(db, accounts, start, end)]


def log_rows(db: Database) -> list[tuple]:
    return db.rows("SELECT * FROM change_log ORDER BY id")


def test_the_umbrella_account_compares_a_year_back_the_same_after_a_round_trip(
    demo: Database, tmp_path: Path
) -> None:
    path = export_json(demo, tmp_path / "group.json", queries.find_account(demo, "Aldermark Group"))
    target = open_database(tmp_path / "empty.db")
    receipt = import_json(target, path.path)
    end = utc_now() + timedelta(minutes=1)
    start = end - timedelta(days=365)
    before = described(history.compare_dates(demo, family(demo, "Aldermark Group"), start, end))
    after = described(history.compare_dates(target, family(target, "Aldermark Group"), start, end))
    assert after == before
    kinds = {change[0] for change in before}
    assert {"joined", "left", "moved"} <= kinds, "the demo's year: a new CFO, the old one left"
    # The influence lines and the account's tier: the same words on the same dates.
    lines_before = others(demo, family(demo, "Aldermark Group"), start, end)
    assert lines_before == others(target, family(target, "Aldermark Group"), start, end)
    assert ("account", "Account tier Key → Strategic") in {c[1:] for c in lines_before}
    assert (
        receipt.history_entries
        == demo.rows(
            "SELECT count(*) FROM change_log WHERE account_id IN "
            f"({', '.join(map(str, family(demo, 'Aldermark Group')))})"
        )[0][0]
    )
    # Nobody "joined" on the day of the import: the file's history is the history.
    since = (end - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S.%f")  # as SQLite stores it
    assert not target.rows("SELECT 1 FROM change_log WHERE changed_at > :since", since=since)
    target.close()


def test_an_imported_history_is_appended_and_an_undo_keeps_it(tmp_path: Path) -> None:
    target = open_database(tmp_path / "target.db")
    acme = edits.add_account(target, "Acme")
    edits.add_stakeholder(target, acme, "Ingrid Olsen")
    there = log_rows(target)
    receipt = import_json(target, WHOLE_FILE)
    assert log_rows(target)[: len(there)] == there  # untouched: the log is append-only
    assert receipt.history_entries == len(
        json.loads(WHOLE_FILE.read_text())["tables"]["change_log"]
    )
    json_rows.remove_imported(target, receipt)  # the entries stay; the undo logs the deletions
    rows = log_rows(target)
    assert len(rows) > len(there) + receipt.history_entries
    target.close()


def test_a_deleted_persons_history_comes_in_under_an_id_no_real_row_takes(tmp_path: Path) -> None:
    target = open_database(tmp_path / "target.db")
    import_json(target, WHOLE_FILE)
    import_json(target, WHOLE_FILE)  # twice: two deleted people, not one
    deleted = target.rows(
        "SELECT entity_id, old_value FROM change_log WHERE field = 'deleted' ORDER BY id"
    )
    assert len(deleted) == 2 and all(entity < 0 for entity, _old in deleted)
    assert deleted[0][0] != deleted[1][0]
    assert all(json.loads(old)["full_name"] == "Old Name" for _entity, old in deleted)
    # Its values name the imported manager (Eva Gruber), rewritten to her new id.
    manager = int(json.loads(deleted[1][1])["reports_to_id"])
    assert target.rows("SELECT full_name FROM stakeholders WHERE id = :id", id=manager) == [
        ("Eva Gruber",)
    ]
    target.close()


def test_the_values_of_an_entry_name_the_imported_rows(tmp_path: Path) -> None:
    target = open_database(tmp_path / "target.db")
    edits.add_account(target, "Already here")
    edits.add_stakeholder(target, queries.find_account(target, "Already here"), "Someone")
    import_json(target, WHOLE_FILE)
    (row,) = target.rows(
        "SELECT entity_id, account_id, new_value FROM change_log WHERE field = 'reports_to_id'"
    )
    ingrid, account, manager = row[0], row[1], int(row[2])
    names = dict(target.rows("SELECT id, full_name FROM stakeholders"))
    assert (names[ingrid], names[manager]) == ("Ingrid Olsen", "Eva Gruber")
    assert target.rows("SELECT name FROM accounts WHERE id = :id", id=account) == [
        ("Nordlicht Österreich GmbH",)
    ]
    target.close()


def test_a_file_written_before_the_log_travelled_logs_its_rows_as_created(tmp_path: Path) -> None:
    data = json.loads(WHOLE_FILE.read_text("utf-8"))
    del data["tables"]["change_log"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), "utf-8")
    target = open_database(tmp_path / "target.db")
    import_json(target, path)
    created = target.rows("SELECT count(*) FROM change_log WHERE field = 'created'")[0][0]
    assert created == len(data["tables"]["stakeholders"]) + len(data["tables"]["accounts"]) + len(
        data["tables"]["influence_lines"]
    )
    target.close()


def _entry(data: dict, number: int) -> dict:
    return data["tables"]["change_log"][number - 1]


ENTRY = "Entry {} of the change log"
BAD_ENTRIES = [  # (entry number, its values changed to, the message)
    (1, {"entity_kind": "gadget"}, ENTRY.format(1) + " is about an unknown kind"),
    (3, {"field": "mood"}, ENTRY.format(3) + " names a field a person does not have"),
    (1, {"entity_id": 77}, ENTRY.format(1) + " has entity_id 77, which is not in the file"),
    (1, {"entity_id": None}, ENTRY.format(1) + " names no person"),
    (3, {"new_value": "the boss"}, ENTRY.format(3) + ": new_value is not what"),
    (3, {"old_value": "99"}, ENTRY.format(3) + " has old_value 99, which is not in"),
    (2, {"old_value": "[1, 2]"}, ENTRY.format(2) + ": old_value is not what"),
    (2, {"old_value": "{not json"}, ENTRY.format(2) + ": old_value is not what"),
    (4, {"account_id": 40}, ENTRY.format(4) + " has account 40"),
    (4, {"changed_at": None}, ENTRY.format(4) + " has no date"),
    (4, {"changed_at": "last week"}, "Row 4 of change_log: changed_at must be a date"),
    (4, {"is_undo": "yes"}, "Row 4 of change_log: is_undo must be true or false"),
    (4, {"colour": "red"}, "change_log in the file has columns"),
]


@pytest.mark.parametrize(("number", "values", "message"), BAD_ENTRIES)
def test_a_bad_entry_is_refused_naming_it_and_nothing_is_written(
    tmp_path: Path, number: int, values: dict, message: str
) -> None:
    data = json.loads(WHOLE_FILE.read_text("utf-8"))
    _entry(data, number).update(values)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    target = open_database(tmp_path / "target.db")
    edits.add_account(target, "Globex")
    before = json_rows.export_rows(target)
    with pytest.raises(ImportRefused, match=message):
        import_json(target, path)
    assert json_rows.export_rows(target) == before
    target.close()


def test_the_command_line_refuses_a_bad_entry_in_one_line(tmp_path: Path, capsys) -> None:
    data = json.loads(WHOLE_FILE.read_text("utf-8"))
    _entry(data, 3).update(field="mood")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), "utf-8")
    target = tmp_path / "target.db"
    assert main(["import-json", str(path), "--db", str(target)]) == 1
    error = capsys.readouterr().err.strip()
    assert "Entry 3 of the change log" in error and "\n" not in error
    assert "Traceback" not in error


def test_a_forgotten_person_travels_in_no_entry_and_the_file_imports(tmp_path: Path) -> None:
    db = open_database(tmp_path / "demo.db")
    demo_with_traces_of(db, "Ingrid Solberg")
    forget_person(db, person_id(db, "Ingrid Solberg"))
    path = export_json(db, tmp_path / "group.json", queries.find_account(db, GROUP)).path
    entries = json.loads(path.read_text("utf-8"))["tables"]["change_log"]
    assert entries, "the group's year still travels"
    assert not [entry for entry in entries if "Solberg" in json.dumps(entry, ensure_ascii=False)]
    target = open_database(tmp_path / "target.db")
    receipt = import_json(target, path)  # her colleagues' "manager: her" entries say "nobody"
    assert receipt.history_entries == len(entries)
    assert not target.rows("SELECT 1 FROM change_log WHERE old_value LIKE '%Solberg%'")
    db.close()
    target.close()
