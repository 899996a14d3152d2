"""Opening a Keyplan database: refuse what is not ours, migrate what is old, tune SQLite.

Opening must be fast (it is on the start-up path) and must never touch a file it refuses, so
an existing SQLite file is first probed read-only with the standard library, and Alembic is
imported only when a migration has to run.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher.detect import (
    connect_file,
    database_errors,
    is_encrypted_file,
    looks_encrypted,
)
from keyplan.store.schema import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from keyplan.store.safety.lock import WriterLock
    from keyplan.store.server_address import ServerAddress  # a file's start never reads one
    from keyplan.store.team.conflicts import EditConflict, SeenVersions

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
# The check at open: SQLite's quick_check reads every page, ~2.5 ms a megabyte (measured on the
# 2-core machines: 1.4 ms for the 0.45 MB demo, 92 ms for the 38 MB 20,000-person file). Files
# up to this size are checked whole before the window opens (≤ ~10 ms); bigger ones get the
# header check here, and the whole check in the background once the window is up.
QUICK_CHECK_MAX_BYTES = 4 * 1024 * 1024
# SQLite errors that mean the file cannot be reached or written, not that it is damaged.
_PLACE_TROUBLE = ("unable to open", "readonly", "read-only", "locked", "disk i/o", "permission")
# A team server that does not answer is reported after this long, not waited for forever.
SERVER_CONNECT_TIMEOUT_S = 10
# Every session on a team server runs without PostgreSQL's JIT compiler. Its thresholds are
# cost estimates, and row-level security's per-row checks inflate them: a 100 ms dashboard
# query for a user on 20 accounts spent 4.6 s compiling itself (tests/benchmarks/bench_team.py).
# Keyplan's queries are short; they never win back a compile.
SERVER_SESSION_OPTIONS = "-c jit=off"


class Database:
    """One open Keyplan database: where it lives, and its SQLAlchemy engine.

    The engine is made on first use. For a file, what the first window shows is read through
    ``rows()`` with the standard library's sqlite3, so the window can appear before SQLAlchemy
    (most of the start-up cost) has been imported at all.
    """

    def __init__(
        self,
        path: Path | None = None,
        engine: Engine | None = None,
        user_name: str | None = None,
        server: ServerAddress | None = None,
    ) -> None:
        self.path = path  # None for a server database (team mode)
        # A team database's address: its first window reads through psycopg (``rows()``), and
        # the engine (SQLAlchemy and the models, most of the start-up) is made on first use.
        self.server = server
        self._engine = engine
        self._local = threading.local()
        self._readers: list[Any] = []  # sqlite3 or psycopg connections, one per thread
        self._readers_lock = threading.Lock()
        # One writer per file (store/safety/lock.py): the GUI keeps its lock here while it is open;
        # a database another process is editing is opened with the reason it is read-only.
        self.writer_lock: WriterLock | None = None
        self.read_only_reason: str | None = None
        # A file in a place that cannot be written (a read-only file, folder or disk) is read
        # through read-only connections; in a read-only folder "immutable", since SQLite
        # cannot make the -shm file a WAL database is otherwise read with.
        self.read_only_place = False
        self.immutable = False
        # Team mode: who is editing (stored as ``updated_by`` on each change), this window's
        # own tag on the changes it announces, and the version of each row it last read.
        self._user_name = user_name
        self.origin = os.urandom(8).hex()  # 16 random hex digits; uuid costs start-up time
        self._seen_versions: SeenVersions | None = None
        # Told of each refused save before it is raised (the UI offers a reload).
        self.conflict_observers: list[Callable[[EditConflict], object]] = []
        # Called by ``close`` first: what keeps a connection of its own to the file closes it.
        self.close_observers: list[Callable[[], object]] = []
        if engine is not None:
            self._prepare_engine(engine)

    @property
    def user_name(self) -> str:
        """Who is editing: given when opened, else ``default_user_name()``."""
        if not self._user_name:
            from keyplan.store.team.conflicts import default_user_name  # not at start-up

            self._user_name = default_user_name()
        return self._user_name

    @user_name.setter
    def user_name(self, name: str) -> None:
        self._user_name = name

    @property
    def seen_versions(self) -> SeenVersions:
        """The version of each row this window last read or wrote (team mode's conflicts)."""
        if self._seen_versions is None:
            from keyplan.store.team.conflicts import SeenVersions

            self._seen_versions = SeenVersions()
        return self._seen_versions

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if self.server is not None:
                self._engine = self._prepare_engine(_server_engine(self.server.url))
                return self._engine
            if self.path is None:
                raise RuntimeError("A server database is opened with its engine.")
            engine = sqlite_engine(
                self.path, read_only=self.read_only_place, immutable=self.immutable
            )
            self._engine = self._prepare_engine(engine)
        return self._engine

    def _prepare_engine(self, engine: Engine) -> Engine:
        """Stamp each connection with the user name, and track versions in the sessions."""
        from sqlalchemy import event

        from keyplan.store.history import log as change_log
        from keyplan.store.models import USER_INFO_KEY
        from keyplan.store.team import tracking as team_tracking

        def name_the_user(_dbapi_connection: object, record: Any, _proxy: object) -> None:
            record.info[USER_INFO_KEY] = self.user_name  # read by the updated_by default

        event.listen(engine, "checkout", name_the_user)
        team_tracking.install()
        change_log.install()
        return engine

    @property
    def is_sqlite(self) -> bool:
        if self.path is not None or self.server is not None:
            return self.path is not None
        return self.engine.dialect.name == "sqlite"

    @property
    def announces_changes(self) -> bool:
        """A team database: each change is announced to the other windows (NOTIFY)."""
        if self.path is not None or self.server is not None:
            return self.server is not None
        return self.engine.dialect.name == "postgresql"

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed at the end of the block, or not at all.

        Raises:
            DatabaseReadOnly: the database was opened read-only.
            DatabaseBusy: another Keyplan process is writing this file.
            EditConflict: a row it saves was changed by someone else since this window read
                it (or while it was being saved); nothing was written.
        """
        from sqlalchemy.orm import Session
        from sqlalchemy.orm.exc import StaleDataError

        from keyplan.store.safety.lock import DatabaseReadOnly, writing
        from keyplan.store.team import tracking as team_tracking

        if self.read_only_reason:
            raise DatabaseReadOnly(self.read_only_reason)
        held = contextlib.nullcontext() if self.path is None else writing(self.path)
        session = Session(
            self.engine, expire_on_commit=False, info=team_tracking.session_info(self, writes=True)
        )
        try:
            with held, session, session.begin():
                yield session
        except StaleDataError as error:
            conflict = team_tracking.conflict_from(self, session.info)
            for observer in self.conflict_observers:
                with contextlib.suppress(RuntimeError):  # a window closed meanwhile
                    observer(conflict)
            raise conflict from error

    def read(self) -> Session:
        """A session for reading; the caller closes it (``with db.read() as s:``)."""
        from sqlalchemy.orm import Session

        from keyplan.store.team.tracking import session_info

        info = session_info(self, writes=False)
        return Session(self.engine, expire_on_commit=False, info=info)

    def rows(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """The rows of one plain, portable SQL query with ``:name`` parameters.

        Values come as the driver gives them: from a file, dates are ISO text and flags 0/1.
        """
        if self.server is not None:
            from keyplan.store.server_address import psycopg_query

            return self._server_rows(psycopg_query(sql), params)
        if self.path is None:
            from sqlalchemy import text

            with self.engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), params)]
        return self._reader().execute(sql, params).fetchall()

    def _server_rows(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            return self._server_reader().execute(sql, params).fetchall()
        except psycopg.OperationalError:
            # A laptop back from sleep finds its connection dead: one new one, one more try.
            self._local.server_reader = None
            return self._server_reader().execute(sql, params).fetchall()

    def _server_reader(self) -> Any:
        """This thread's own psycopg connection to the team database, for ``rows()``."""
        reader = getattr(self._local, "server_reader", None)
        if reader is None or reader.closed:
            assert self.server is not None, "a file has no server reader"
            reader = connect_to_server(self.server)
            self._local.server_reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    def _reader(self) -> sqlite3.Connection:
        """This thread's own read connection to the file (sqlite3 ones are per thread)."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            assert self.path is not None, "a server database has no sqlite3 reader"
            if self.read_only_place:
                uri = read_only_uri(self.path, immutable=self.immutable)
                reader = connect_file(self.path, uri, uri=True, check_same_thread=False)
            else:
                reader = connect_file(self.path, check_same_thread=False)
            reader.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self._local.reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    def close(self) -> None:
        for observer in self.close_observers:
            observer()
        with self._readers_lock:
            for reader in self._readers:
                reader.close()
            self._readers.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
        if self.writer_lock is not None:
            self.writer_lock.release()

    @property
    def display_name(self) -> str:
        if self.server is not None:
            return self.server.display
        return str(self.path) if self.path else self.engine.url.render_as_string()


def open_database(
    location: str | os.PathLike[str], *, create: bool = True, user_name: str | None = None
) -> Database:
    """Open (and when needed create or upgrade) the Keyplan database at a path or URL.

    Args:
        location: a file path, or a team database's URL (``postgresql+psycopg://…``).
        create: make a new file when there is none (a server database must exist already).
        user_name: who is editing, stored with each change (default: ``default_user_name``).

    A file that cannot be written here (a read-only file, folder or disk) opens read-only:
    ``read_only_reason`` says why, and every transaction is refused with that message.

    Raises:
        DatabaseRefused: the file is not a Keyplan database, is damaged, or is newer than this
            version of Keyplan; or the server cannot be reached. It is left exactly as it was.
    """
    text_location = os.fspath(location)
    if "://" in text_location:
        return _open_server_database(text_location, user_name)
    return _open_sqlite_file(Path(text_location).expanduser(), create=create, user_name=user_name)


def _open_sqlite_file(path: Path, *, create: bool, user_name: str | None = None) -> Database:
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new and not create:
        raise DatabaseRefused(f"There is no Keyplan database at {path}.")
    if is_new:
        _create_private_file(path)
        revision = None
    else:
        revision = None
    read_only = None if is_new else read_only_reason_of(path)
    immutable = read_only is not None and not _folder_writable(path)
    if not is_new:
        revision = probe_sqlite_revision(path, check=True, immutable=immutable)
    database = Database(path=path, user_name=user_name)
    if read_only is not None:
        if revision != HEAD_REVISION:
            raise DatabaseRefused(
                f"{path.name} needs an upgrade to this version of Keyplan, but it cannot be "
                f"written where it is. Copy it to a folder you can write to and open the copy."
            )
        database.read_only_reason = read_only
        database.read_only_place, database.immutable = True, immutable
        return database
    if revision != HEAD_REVISION:
        if revision is not None:
            from keyplan.store.safety.backup import backup_file  # only when a migration must run

            backup_file(path, _pre_migration_backup_path(path, revision))
        _migrate(database)
    return database


def _create_private_file(path: Path) -> None:
    """Create the file readable by its owner only: it holds notes about real people."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as error:
        raise DatabaseRefused(f"Cannot create a database at {path}: {error.strerror}.") from error


def read_only_reason_of(path: Path) -> str | None:
    """Why an existing database file cannot be written where it is; None when it can.

    ``os.access`` asks the system itself, so a read-only disk, an immutable file or folder
    and plain permissions all count (root, who may write anything else, is answered too).
    """
    real = Path(os.path.realpath(path))
    if not os.access(real, os.W_OK):
        return (
            f"Read-only: {path.name} is a read-only file. You can read everything in it; to "
            f"edit, make it writable or copy it to a folder of yours."
        )
    if not _folder_writable(real):
        return (
            f"Read-only: {path.name} is in a folder (or on a disk) that cannot be written to. "
            f"You can read everything in it; to edit, copy it to a folder of yours."
        )
    return None


def _folder_writable(path: Path) -> bool:
    # SQLite writes its -wal and -shm files beside the database: the folder must be writable.
    return os.access(Path(os.path.realpath(path)).parent, os.W_OK)


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """The SQLite URI that reads a file without writing anything (``immutable``: not even
    the -shm beside it, for a folder that cannot be written)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return f"{uri}&immutable=1" if immutable else uri


def damaged_message(name: str, error: object) -> str:
    """What the user is told about a damaged file (the words start-up recovery looks for)."""
    return f"{name} is damaged ({error}). Keyplan did not change it; restore it from a backup."


def is_place_trouble(error: BaseException) -> bool:
    """Whether an SQLite error says the file cannot be reached or written (not damage)."""
    return any(hint in str(error).lower() for hint in _PLACE_TROUBLE)


def probe_sqlite_revision(
    path: Path, *, check: bool = False, immutable: bool = False
) -> str | None:
    """Read the schema revision of an existing file without changing it.

    Args:
        path: the file.
        check: also check it for damage, as fast as the start-up allows: the whole
            ``quick_check`` of a file up to ``QUICK_CHECK_MAX_BYTES``, the header of a bigger
            one (its full check runs later, in the background: ``check_whole_file``).
        immutable: read it as a file nobody changes (one in a read-only folder).

    Returns:
        The revision, or None for an SQLite file with no tables at all (treated as new).

    Raises:
        DatabaseRefused: with a message naming what is wrong with the file.
    """
    _require_sqlite_header(path, check=check)
    try:
        connection = connect_file(path, read_only_uri(path, immutable=immutable), uri=True)
    except sqlite3.Error as error:
        raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not tables:
            return None
        if "alembic_version" not in tables or "accounts" not in tables:
            raise DatabaseRefused(
                f"{path.name} is an SQLite database, but not a Keyplan database "
                f"(it has no Keyplan tables). Keyplan did not change it."
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if check and path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            _require_quick_check(connection, path.name)
    except database_errors() as error:
        if is_place_trouble(error):
            raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
        raise DatabaseRefused(damaged_message(path.name, error)) from error
    finally:
        connection.close()
    revision = row[0] if row else None
    _require_known_revision(revision, path.name)
    return revision


def check_whole_file(path: Path, *, full: bool = False, immutable: bool = False) -> None:
    """SQLite's ``quick_check`` of every page of a file (~2.5 ms a megabyte), read-only;
    with ``full``, its ``integrity_check`` (indexes against their tables too: ~7.5 ms a MB).

    Raises:
        DatabaseRefused: the file is damaged (the message says so), or cannot be read.
    """
    immutable = immutable or not _folder_writable(path)  # no -shm can be made there
    try:
        connection = connect_file(path, read_only_uri(path, immutable=immutable), uri=True)
    except sqlite3.Error as error:
        raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
    try:
        _require_quick_check(connection, path.name, full=full)
    except database_errors() as error:
        if is_place_trouble(error):
            raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
        raise DatabaseRefused(damaged_message(path.name, error)) from error
    finally:
        connection.close()


def is_damage(error: BaseException) -> bool:
    """Whether an error (ours, SQLite's, or SQLAlchemy's wrapping of it) says a file is damaged."""
    text = str(getattr(error, "orig", None) or error).lower()
    return "is damaged" in text or "malformed" in text or "not a database" in text


def _require_quick_check(connection: sqlite3.Connection, name: str, *, full: bool = False) -> None:
    pragma = "integrity_check(1)" if full else "quick_check(1)"
    rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    if rows and rows[0][0] != "ok":
        # "*** in database main ***\nOn tree page 37 …": one line, without the banner.
        lines = [line for line in str(rows[0][0]).splitlines() if not line.startswith("***")]
        raise DatabaseRefused(damaged_message(name, f"SQLite: {'; '.join(lines)}"))


def _require_sqlite_header(path: Path, *, check: bool = False) -> None:
    """The file starts like an SQLite file; with ``check``, its header adds up too."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError as error:
        raise DatabaseRefused(f"Cannot read {path}: {error.strerror}.") from error
    if header[: len(SQLITE_HEADER)] != SQLITE_HEADER:
        if looks_encrypted(header, size):
            return  # its key opens it, or says it is not a database (store/cipher)
        raise DatabaseRefused(
            f"{path.name} is not a Keyplan database (it is not an SQLite file). "
            f"Keyplan did not change it."
        )
    if check and len(header) == 100:
        problem = _header_problem(header, size)
        if problem:
            raise DatabaseRefused(damaged_message(path.name, problem))


def _header_problem(header: bytes, size: int) -> str | None:
    """What the first 100 bytes say is wrong with a file of this size; None when nothing.

    The page size must be a power of two from 512 to 65536, and a file cut short of the
    pages its header counts has lost data (the count is trusted only when it was written by
    the same change as the rest of the header, as SQLite itself does).
    """
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "its header is broken"
    pages = int.from_bytes(header[28:32], "big")
    counted = header[24:28] == header[92:96] and pages > 0
    if counted and size < pages * page_size:
        return "it is cut short"
    return None


def _require_known_revision(revision: str | None, name: str) -> None:
    if revision is None:
        raise DatabaseRefused(f"{name} has no schema version: it is damaged or not Keyplan's.")
    if revision not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            f"{name} was written by a newer version of Keyplan (schema {revision}). "
            f"Update Keyplan to open it; the file was not changed."
        )


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
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _open_server_database(url: str, user_name: str | None = None) -> Database:
    from keyplan.store.server_address import parse_server_address

    server = parse_server_address(url)
    if server is None:  # an address of another kind: team_server_url says what is wrong
        server = parse_server_address(team_server_url(url).render_as_string(hide_password=False))
    if server is None:
        raise DatabaseRefused(
            "That is not a database address. A team database is written like "
            "postgresql+psycopg://user@host/dbname."
        )
    with connect_to_server(server) as connection:
        revision = _server_revision(connection)
        # Who edits is the server's login, not what the environment claims (issue 19).
        user_name = user_name or connection.execute("SELECT session_user").fetchone()[0]
    if revision is not None:
        _require_known_revision(revision, "The team database")
    database = Database(path=None, user_name=user_name, server=server)
    if revision != HEAD_REVISION:
        _migrate(database)
    return database


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


def _server_engine(url: str) -> Engine:
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


def _server_revision(connection: Any) -> str | None:
    """The team database's schema revision (psycopg); None when it has no tables yet."""
    if connection.execute("SELECT to_regclass('alembic_version')").fetchone()[0] is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _migrate(database: Database) -> None:
    from keyplan.store.migrate import upgrade_to_head  # Alembic loads only when needed

    upgrade_to_head(database.engine)


def _pre_migration_backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.before-upgrade-from-{revision}.bak")
