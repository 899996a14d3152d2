"""After forgetting, a byte search of the file, its WAL and its rewritten backups finds nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forget_helpers import GROUP, demo_with_traces_of
from keyplan.store.forget.erase import forget_person
from keyplan.store.forget.files import rewrite_backups
from keyplan.store.models import Stakeholder
from keyplan.store.safety.backup import make_rolling_backup
from keyplan.store.safety.restore import backup_contents, check_restorable

pytestmark = pytest.mark.sqlite_only


def traces(name: str) -> list[bytes]:
    """The byte patterns a name leaves: UTF-8 of the whole and of each word, and JSON escapes."""
    words = [name, *name.split()]
    escaped = [json.dumps(word)[1:-1] for word in words]
    return sorted({text.encode("utf-8") for text in words + escaped})


def found_in(path: Path, name: str) -> list[bytes]:
    data = path.read_bytes() if path.exists() else b""
    return [pattern for pattern in traces(name) if pattern in data]


def people_in(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Stakeholder))


@pytest.mark.parametrize("name", ["Ingrid Solberg", "Zoë Åkesson"])
def test_no_byte_of_the_name_is_left_in_the_file_or_its_wal(db, name):
    story = demo_with_traces_of(db, name)
    assert found_in(db.path, name) or found_in(Path(f"{db.path}-wal"), name)

    report = forget_person(db, story["them"])

    assert report.file_cleaned is True
    assert found_in(db.path, name) == []
    assert found_in(Path(f"{db.path}-wal"), name) == []


def test_a_name_in_decomposed_unicode_is_found_and_removed(db):
    story = demo_with_traces_of(db, "Zoë Åkesson")
    decomposed = "Zoe\u0308 A\u030akesson"
    with db.transaction() as session:
        session.get(Stakeholder, story["colleague"]).priorities = f"Brief {decomposed} first"
    forget_person(db, story["them"])
    assert decomposed.encode() not in db.path.read_bytes()
    with db.read() as session:
        assert session.get(Stakeholder, story["colleague"]).priorities == "Brief [removed] first"


def test_rewritten_backups_hold_no_trace_and_still_restore(db, tmp_path):
    name = "Zoë Åkesson"
    story = demo_with_traces_of(db, name)
    folder = tmp_path / "backups"
    backup = make_rolling_backup(db.path, folder=folder)
    held = backup_contents(backup)
    assert found_in(backup, name)

    forget_person(db, story["them"])
    assert found_in(backup, name)  # older backups still hold her until rewritten
    rewrites = rewrite_backups(db.path, GROUP, name, folder=folder)

    assert [(r.path, r.records) for r in rewrites] == [(backup, 1)]
    assert found_in(backup, name) == []
    check_restorable(backup)
    assert backup_contents(backup) == type(held)(held.accounts, held.people - 1)
    assert [p.name for p in folder.iterdir()] == [backup.name]  # no temporary copy left


def test_a_backup_that_never_held_her_is_left_untouched(db, tmp_path):
    story = demo_with_traces_of(db, "Ingrid Solberg")
    forget_person(db, story["them"])
    folder = tmp_path / "backups"
    backup = make_rolling_backup(db.path, folder=folder)
    bytes_before = backup.read_bytes()
    assert [
        r.records for r in rewrite_backups(db.path, GROUP, "Ingrid Solberg", folder=folder)
    ] == [0]
    assert backup.read_bytes() == bytes_before


def test_a_backup_with_a_namesake_forgets_only_her_record(db, tmp_path):
    story = demo_with_traces_of(db, "Ingrid Solberg")
    with db.transaction() as session:
        namesake = Stakeholder(account_id=story["group"], full_name="Ingrid Solberg")
        session.add(namesake)
        session.flush()
        namesake_id = namesake.id
    folder = tmp_path / "backups"
    backup = make_rolling_backup(db.path, folder=folder)
    held = backup_contents(backup)
    untouched = backup.read_bytes()

    unclear = rewrite_backups(db.path, GROUP, "Ingrid Solberg", folder=folder)
    assert [(r.records, r.ambiguous) for r in unclear] == [(0, True)]
    assert backup.read_bytes() == untouched

    forget_person(db, story["them"])
    done = rewrite_backups(db.path, GROUP, "Ingrid Solberg", [story["them"]], folder=folder)
    assert [(r.records, r.ambiguous) for r in done] == [(1, False)]
    assert backup_contents(backup).people == held.people - 1
    assert namesake_id != story["them"]
