"""A file still in its rollback journal (a new one, or one just encrypted) is switched to WAL by
the first connection that writes. Two connections switching it at the same moment deadlock on
the upgrade, and SQLite fails one of them at once with "database is locked" without waiting
(its busy timeout does not cover that case). The dashboard's two threads opening a freshly
encrypted file together hit it in CI."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from keyplan.store.engines import sqlite_engine

pytestmark = pytest.mark.sqlite_only

ATTEMPTS = 30  # a bare switch lost about one race in ten here


def _file_in_rollback_journal(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE t (x)")
    connection.execute("INSERT INTO t VALUES (1)")
    connection.commit()
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    connection.close()


def _two_engines_connect_at_once(path: Path) -> list[str]:
    """What two engines' first connections, started on one signal, find: mode or error."""
    engines = [sqlite_engine(path), sqlite_engine(path)]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def connect(engine: Engine) -> None:
        start.wait()
        try:
            with engine.connect() as connection:
                outcomes.append(connection.exec_driver_sql("PRAGMA journal_mode").scalar())
        except Exception as error:  # the outcome is what is asserted
            outcomes.append(f"error: {error}")

    threads = [threading.Thread(target=connect, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.dispose()
    return outcomes


def test_two_connections_opening_a_rollback_journal_file_together_both_get_wal(
    tmp_path: Path,
) -> None:
    for attempt in range(ATTEMPTS):
        path = tmp_path / f"plan-{attempt}.db"
        _file_in_rollback_journal(path)
        assert _two_engines_connect_at_once(path) == ["wal", "wal"]


def test_a_reader_that_never_lets_go_is_reported_not_waited_for_forever(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    import keyplan.store.engines as engines

    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "plan.db"
    _file_in_rollback_journal(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # as a restore or a migration in another process would
    engine = sqlite_engine(path)
    try:
        with pytest.raises(OperationalError, match="locked"):
            engine.connect()
    finally:
        holder.close()
        engine.dispose()
