"""SQLAlchemy engines for a Keyplan file (plain or encrypted) and the team server's
connections (psycopg), each with the settings every connection needs.

SQLAlchemy and the drivers are imported inside the functions: the first window reads a file
with the standard library, and these load only when an engine is first used.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher.detect import connect_file, is_encrypted_file
from keyplan.store.sqlite_checks import read_only_uri

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from keyplan.store.server_address import ServerAddress

BUSY_TIMEOUT_MS = 5000
# A team server that does not answer is reported after this long, not waited for forever.
SERVER_CONNECT_TIMEOUT_S = 10
# Every session on a team server runs without PostgreSQL's JIT compiler. Its thresholds are
# cost estimates, and row-level security's per-row checks inflate them: a 100 ms dashboard
# query for a user on 20 accounts spent 4.6 s compiling itself (tests/benchmarks/bench_team.py).
# Keyplan's queries are short; they never win back a compile.
SERVER_SESSION_OPTIONS = "-c jit=off"


def sqlite_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine for a Keyplan SQLite file, with the pragmas every connection needs.

    ``read_only``: connections that cannot write (a file in a read-only place).
    """
    from sqlalchemy import create_engine, event

    if is_encrypted_file(path):
        return _encrypted_engine(path, read_only=read_only, immutable=immutable)
    if not read_only:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    uri = read_only_uri(path, immutable=immutable)
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    event.listen(engine, "connect", _set_read_only_pragmas)
    return engine


def _encrypted_engine(path: Path, *, read_only: bool, immutable: bool) -> Engine:
    """``sqlite_engine`` for an encrypted file: SQLCipher's driver, each connection keyed."""
    import sqlcipher3
    from sqlalchemy import create_engine, event

    target = read_only_uri(path, immutable=immutable) if read_only else str(path)
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3,  # its errors are the ones SQLAlchemy wraps
        creator=lambda: connect_file(path, target, uri=read_only, check_same_thread=False),
    )
    pragmas = _set_read_only_pragmas if read_only else _set_sqlite_pragmas
    event.listen(engine, "connect", pragmas)
    return engine


def _set_read_only_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _use_write_ahead_log(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _use_write_ahead_log(cursor: Any) -> None:
    """Put the file in WAL mode (kept in the file: later connections find it so).

    A file still in its rollback journal (a new one, or one just encrypted or restored) is
    switched only while no other connection reads it, and SQLite does not wait for that: the
    busy timeout does not cover the switch, so a second connection opening at the same moment
    (the dashboard's second thread, another window) got "database is locked". It waits here
    instead, as long as the busy timeout would.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as error:  # sqlite3's or sqlcipher3's OperationalError
            if "locked" not in str(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def connect_to_server(server: ServerAddress) -> Any:
    """A psycopg connection (autocommit) to a team database.

    Raises:
        DatabaseRefused: the server cannot be reached, or refuses the login.
    """
    import psycopg

    try:
        return psycopg.connect(server.conninfo, **_server_connect_args(server.url), autocommit=True)
    except psycopg.Error as error:
        lines = str(error).strip().splitlines()
        message = lines[0] if lines else type(error).__name__
        raise DatabaseRefused(f"Cannot open the team database: {message}") from error


def server_engine(url: str) -> Engine:
    from sqlalchemy import create_engine

    return create_engine(
        url,
        pool_pre_ping=True,  # a laptop back from sleep finds its connections dead
        connect_args=_server_connect_args(url),
    )


def _server_connect_args(url: str) -> dict[str, Any]:
    """The driver's options; a password the address lacks comes from the system keyring
    (libpq reads ``~/.pgpass`` by itself)."""
    from keyplan.store.team.credentials import has_password, password_from_keyring

    arguments: dict[str, Any] = {
        "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
        "options": SERVER_SESSION_OPTIONS,
    }
    if not has_password(url):
        password = password_from_keyring(url)
        if password is not None:
            arguments["password"] = password
    return arguments


def team_server_url(url: str) -> Any:
    """The SQLAlchemy URL of a team database; only PostgreSQL (with psycopg 3) is one.

    Raises:
        DatabaseRefused: the URL is malformed or names another kind of database.
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseRefused(
            "That is not a database address. A team database is written like "
            "postgresql+psycopg://user@host/dbname."
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseRefused(
            f"Team mode works with PostgreSQL only, not {parsed.get_backend_name()}: "
            f"write the address like postgresql+psycopg://user@host/dbname."
        )
    # "postgresql://" alone would mean the psycopg2 driver, which Keyplan does not ship.
    return parsed.set(drivername="postgresql+psycopg")


def server_revision(connection: Any) -> str | None:
    """The team database's schema revision (psycopg); None when it has no tables yet."""
    if connection.execute("SELECT to_regclass('alembic_version')").fetchone()[0] is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None
