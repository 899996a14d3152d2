"""The dashboard's kept reading: given back while the file is unchanged, never after a write."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from keyplan.domain.insights.health import FindingKind
from keyplan.domain.relationships import DEFAULT_CONTACT_DAYS
from keyplan.store.database import Database, open_database, read_only_uri
from keyplan.store.insights.dashboard_cache import DashboardCache, cache_of
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.people import edits
from keyplan.store.safety.backup import backup_file
from keyplan.store.safety.restore import restore_backup

TODAY = date(2026, 5, 4)


@pytest.fixture
def acme(db: Database) -> dict[str, int]:
    account = edits.add_account(db, "Acme Group")
    return {"account": account, "ingrid": edits.add_stakeholder(db, account, "Ingrid Olsen")}


@pytest.fixture
def cache(db: Database) -> DashboardCache:
    kept = cache_of(db)
    if kept is None:
        pytest.skip("a server database is never kept (other people write there)")
    return kept


def people_of(db: Database, account_id: int, today: date = TODAY) -> int:
    _accounts, tallies = dashboard_facts(db, today)
    return sum(cell.known for cell in tallies[account_id].cells)


def test_a_server_database_is_never_kept(db, acme):
    if db.path is not None:
        pytest.skip("team mode only")
    assert cache_of(db) is None
    edits.add_stakeholder(db, acme["account"], "Mia Chen")
    assert people_of(db, acme["account"]) == 2


def test_an_unchanged_file_is_read_once_for_the_same_day(db, acme, cache):
    first = dashboard_facts(db, TODAY)
    again = dashboard_facts(db, TODAY)
    assert (cache.computed, cache.hits) == (1, 1)
    assert again == first
    again[1].clear()  # the caller's dictionary is its own: the kept one is untouched
    assert acme["account"] in dashboard_facts(db, TODAY)[1]


def test_an_edit_through_the_app_is_counted_at_once(db, acme, cache):
    assert people_of(db, acme["account"]) == 1
    edits.add_stakeholder(db, acme["account"], "Mia Chen")
    assert people_of(db, acme["account"]) == 2
    interaction_edits.log_interaction(db, acme["account"], TODAY, [acme["ingrid"]])
    _accounts, tallies = dashboard_facts(db, TODAY)
    assert tallies[acme["account"]].last_interaction_on == TODAY
    assert (cache.computed, cache.hits) == (3, 0)


def test_a_write_by_another_program_is_counted(db, acme, cache, db_path):
    assert people_of(db, acme["account"]) == 1
    with sqlite3.connect(db_path) as other:  # the command line, another window
        other.execute("UPDATE stakeholders SET is_vacancy = 1")
    assert people_of(db, acme["account"]) == 0
    assert cache.hits == 0


def test_another_day_is_read_again(db, acme, cache):
    people_of(db, acme["account"])
    people_of(db, acme["account"], TODAY + timedelta(days=1))
    assert (cache.computed, cache.hits) == (2, 0)


def test_a_file_replaced_whole_has_another_stamp(tmp_path):
    path, copy = tmp_path / "file.db", tmp_path / "copy.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    shutil.copy(path, copy)  # the same bytes, so the same data_version on a new connection
    cache = DashboardCache(path)
    before = cache.stamp()
    os.replace(copy, path)  # a damaged file restored: a new file at the same place
    assert before is not None and cache.stamp() != before


def test_closing_the_database_closes_the_watch_and_leaves_no_journal(db_path, tmp_path):
    database = open_database(db_path)
    account = edits.add_account(database, "Acme Group")
    edits.add_stakeholder(database, account, "Ingrid Olsen")
    assert people_of(database, account) == 1
    database.close()
    # The last connection to close folds the write-ahead log into the file: a copy of the
    # file alone has everything.
    assert not Path(f"{db_path}-wal").exists()
    shutil.copy(db_path, tmp_path / "alone.db")
    with sqlite3.connect(tmp_path / "alone.db") as alone:
        assert alone.execute("SELECT count(*) FROM stakeholders").fetchone() == (1,)


def test_a_file_sqlite_cannot_read_is_never_kept(tmp_path):
    garbled = tmp_path / "garbled.db"
    garbled.write_bytes(b"not a database at all" * 300)
    cache = DashboardCache(garbled)
    assert cache.stamp() is None
    assert cache.reading(TODAY, lambda: ((), {1: "a"})) == ((), {1: "a"})
    assert cache.reading(TODAY, lambda: ((), {1: "b"})) == ((), {1: "b"})
    assert (cache.computed, cache.hits) == (2, 0)


def test_a_restored_backup_is_counted(db, acme, cache, db_path, tmp_path):
    backup = backup_file(db_path, tmp_path / "before.db")  # Ingrid alone
    edits.add_stakeholder(db, acme["account"], "Mia Chen")
    assert people_of(db, acme["account"]) == 2
    restore_backup(backup, db_path, folder=tmp_path / "kept")
    assert people_of(db, acme["account"]) == 1


def test_a_file_changed_in_a_read_only_place_is_counted(tmp_path):
    # Such a file is opened "immutable": SQLite watches nothing, the file's size and time do.
    path = tmp_path / "shared.db"
    with sqlite3.connect(path) as owner:
        owner.execute("CREATE TABLE t (x)")
    cache = DashboardCache(path, read_only_uri=read_only_uri(path, immutable=True))
    before = cache.stamp()
    with sqlite3.connect(path) as owner:  # its owner, elsewhere
        owner.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(2_000)])
    assert before is not None and cache.stamp() != before


def test_the_next_day_a_contact_falls_due_though_nothing_was_written(db, acme, cache):
    # Ingrid, a key person met on the day, is due again after the default interval: the
    # kept reading of one day is not the next days'.
    edits.set_stakeholder_field(db, acme["ingrid"], "buying_role", "decision_maker")
    interaction_edits.log_interaction(db, acme["account"], TODAY, [acme["ingrid"]])
    assert stale_of(db, acme["account"], TODAY) == 0
    assert stale_of(db, acme["account"], TODAY) == 0  # kept
    later = TODAY + timedelta(days=DEFAULT_CONTACT_DAYS + 1)
    assert stale_of(db, acme["account"], later) == 1
    assert cache.hits == 1


def stale_of(db: Database, account_id: int, today: date) -> int:
    _accounts, tallies = dashboard_facts(db, today)
    return tallies[account_id].findings.counts.get(FindingKind.STALE, 0)


def test_the_dashboards_server_settings_end_with_its_own_reads(db, acme):
    """On a server the dashboard's reads run without parallel workers and with more memory
    for their hashes (``SET LOCAL``): the next read on the same pooled connections must get
    the server's own settings back."""
    if db.path is not None:
        pytest.skip("team mode only")
    settings = (
        "SELECT current_setting('work_mem'), current_setting('max_parallel_workers_per_gather')"
    )
    with db.read() as session:
        before = tuple(session.execute(text(settings)).one())
    assert people_of(db, acme["account"]) == 1
    with db.read() as first, db.read() as second:  # both threads' pooled connections
        assert tuple(first.execute(text(settings)).one()) == before
        assert tuple(second.execute(text(settings)).one()) == before
