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
from keyplan.store.cipher.detect import connect_file
from keyplan.store.engines import (
    BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS,  # also read by other modules from here
)
from keyplan.store.engines import (
    connect_to_server,
    server_engine,
    server_revision,
    sqlite_engine,
    team_server_url,
)
from keyplan.store.schema import HEAD_REVISION
from keyplan.store.sqlite_checks import (  # the names other modules import from here
    SQLITE_HEADER as SQLITE_HEADER,
)
from keyplan.store.sqlite_checks import (
    check_whole_file as check_whole_file,
)
from keyplan.store.sqlite_checks import (
    folder_writable,
    probe_sqlite_revision,
    read_only_reason_of,
    read_only_uri,
    require_known_revision,
)
from keyplan.store.sqlite_checks import (
    is_damage as is_damage,
)
from keyplan.store.sqlite_checks import (
    is_place_trouble as is_place_trouble,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    from keyplan.store.safety.lock import WriterLock
    from keyplan.store.server_address import ServerAddress  # a file's start never reads one
    from keyplan.store.team.conflicts import EditConflict, SeenVersions


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
                self._engine = self._prepare_engine(server_engine(self.server.url))
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
    immutable = read_only is not None and not folder_writable(path)
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
        revision = server_revision(connection)
        # Who edits is the server's login, not what the environment claims (issue 19).
        user_name = user_name or connection.execute("SELECT session_user").fetchone()[0]
    if revision is not None:
        require_known_revision(revision, "The team database")
    database = Database(path=None, user_name=user_name, server=server)
    if revision != HEAD_REVISION:
        _migrate(database)
    return database


def _migrate(database: Database) -> None:
    from keyplan.store.migrate import upgrade_to_head  # Alembic loads only when needed

    upgrade_to_head(database.engine)


def _pre_migration_backup_path(path: Path, revision: str) -> Path:
    return path.with_name(f"{path.name}.before-upgrade-from-{revision}.bak")
