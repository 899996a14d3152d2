"""One writer per database file: an operating-system lock on a file next to the database.

The GUI takes the lock when it opens a database and keeps it while the database is open; a
command that writes takes it for the length of each transaction. A second process that finds
the lock taken opens the database read-only (the GUI, with a banner) or refuses (a command).

The lock is ``flock`` (POSIX) or ``msvcrt.locking`` (Windows) on ``<database>.lock``: the
operating system drops it when the process ends, however it ends, so a crashed or killed
Keyplan never leaves a stale lock behind. The lock file itself stays (removing it would let
two processes lock two different files of the same name); it holds the holder's process id
and host, only to tell the user who has the database open.

Within one process the lock is shared: opening the same file again (File ▸ Open, a restore)
counts one more holder instead of locking the process out of its own database.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from keyplan.domain.errors import KeyplanError

if TYPE_CHECKING:
    from keyplan.store.database import Database

_HOLDER_OFFSET = 16  # Windows locks byte 0; the holder's description is written after it


class DatabaseBusy(KeyplanError):
    """Another Keyplan process is writing this database."""


class DatabaseReadOnly(KeyplanError):
    """This database was opened read-only; the message says why."""


class LockUnusable(KeyplanError):
    """The lock of a database cannot do its job: its path is not a file, or the database has
    a second name (a hard link) that another writer could use without seeing the lock."""


# Errors that say a place cannot be written at all (a read-only folder, file or disk): nothing
# can be written there, so no lock is needed. Any other failure to make the lock is an error.
READ_ONLY_ERRORS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def real_path(database_path: Path) -> Path:
    """The file a database path names, with every symbolic link followed: one lock per file."""
    return Path(os.path.realpath(Path(database_path).expanduser()))


def lock_path(database_path: Path) -> Path:
    """The lock file of a database, beside the real file: ``keyplan.db`` → ``keyplan.db.lock``.

    A symbolic link is followed first, so that every name of the file finds the same lock.
    """
    real = real_path(database_path)
    return real.with_name(real.name + ".lock")


def require_one_name(database_path: Path) -> None:
    """Refuse a database file that has another name (a hard link) for writing.

    A hard-linked name cannot be resolved to the other names, so a writer through it would
    not see the lock the others take, and its changes would go to another ``-wal`` file.

    Raises:
        LockUnusable: the file has more than one name.
    """
    try:
        links = os.stat(database_path).st_nlink
    except OSError:
        return  # no file yet: it is created with one name
    if links > 1:
        raise LockUnusable(
            f"{Path(database_path).name} has {links} names (hard links), so Keyplan cannot "
            f"keep two writers apart. Open a copy of it instead; nothing was changed."
        )


class _HeldLock:
    """The open, locked lock file of one database in this process, and how many hold it."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.holders = 0


_held: dict[str, _HeldLock] = {}
_held_guard = threading.Lock()


class WriterLock:
    """This process's claim to be the one writer of a database file."""

    def __init__(self, database_path: Path) -> None:
        self.database_path = Path(database_path)
        self.path = lock_path(self.database_path)
        self._key = str(self.path)
        self.held = False

    def acquire(self) -> bool:
        """Take the lock without waiting; return False when another process holds it.

        Raises:
            OSError: the lock file cannot be created in a read-only place (``READ_ONLY_ERRORS``).
            LockUnusable: the lock path is not a regular file, or the database has a second
                name (a hard link).
        """
        if self.held:
            return True
        with _held_guard:
            shared = _held.get(self._key)
            if shared is None:
                require_one_name(self.database_path)
                descriptor = _open_lock_file(self.path)
                if not _try_lock(descriptor):
                    os.close(descriptor)
                    return False
                _write_holder(descriptor)
                shared = _held[self._key] = _HeldLock(descriptor)
            shared.holders += 1
        self.held = True
        return True

    def release(self) -> None:
        """Give the lock up (the last holder in this process unlocks the file)."""
        if not self.held:
            return
        self.held = False
        with _held_guard:
            shared = _held.get(self._key)
            if shared is None:
                return
            shared.holders -= 1
            if shared.holders == 0:
                del _held[self._key]
                _unlock(shared.descriptor)
                os.close(shared.descriptor)

    def holder(self) -> str:
        """Who holds the lock, as far as the lock file says ("process 123 on laptop")."""
        return describe_holder(self.database_path)


def is_read_only_place(error: OSError) -> bool:
    """Whether a failure to make the lock file means the place cannot be written at all."""
    return error.errno in READ_ONLY_ERRORS


def describe_holder(database_path: Path) -> str:
    """The holder of a database's lock as its lock file names it; "" when unknown."""
    try:
        with lock_path(database_path).open("rb") as handle:
            handle.seek(_HOLDER_OFFSET)
            text = handle.read(200).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    pid, _, host = text.partition(" ")
    if not pid.isdigit():
        return ""
    return f"process {pid} on {host}" if host else f"process {pid}"


def busy_message(database_path: Path) -> str:
    holder = describe_holder(database_path)
    who = f" ({holder})" if holder else ""
    return (
        f"{database_path.name} is open for editing in another Keyplan{who}. "
        f"Close it there first; nothing was changed."
    )


@contextlib.contextmanager
def writing(database_path: Path) -> Iterator[None]:
    """Hold the writer lock for the length of the block.

    A read-only place where no lock file can be made is let through: nothing can be written
    there anyway, and SQLite gives its own error.

    Raises:
        DatabaseBusy: another process holds the lock.
        LockUnusable: the lock path is not a file, or the database has a second name.
    """
    lock = WriterLock(database_path)
    try:
        acquired = lock.acquire()
    except OSError as error:
        if not is_read_only_place(error):
            raise _unusable(lock.path, error) from error
        yield
        return
    if not acquired:
        raise DatabaseBusy(busy_message(database_path))
    try:
        yield
    finally:
        lock.release()


def take_writer_lock(database_path: Path) -> WriterLock:
    """Take and keep the writer lock of a database (released with ``release()``).

    Raises:
        DatabaseBusy: another process holds it.
    """
    lock = WriterLock(database_path)
    try:
        acquired = lock.acquire()
    except OSError as error:
        if not is_read_only_place(error):
            raise _unusable(lock.path, error) from error
        return lock  # not held: see ``writing``
    if not acquired:
        raise DatabaseBusy(busy_message(database_path))
    return lock


def open_for_editing(location: str, *, create: bool = True) -> Database:
    """Open a database for this process to edit; read-only while another process edits it.

    A server database (team mode) is opened as usual: the server keeps the writers apart.

    A file in a place that cannot be written (a read-only file, folder or disk) opens
    read-only too, with the reason (``open_database``); it needs no lock. So does a file with
    a second name (a hard link): a writer through one name would not see the other's lock.

    Raises:
        DatabaseRefused: the file is not a Keyplan database, damaged, or newer.
        DatabaseBusy: another process edits it and it needs an upgrade first.
        LockUnusable: the lock path is not a file, or the database has a second name.
    """
    from keyplan.store.database import (
        Database,
        open_database,
        probe_sqlite_revision,
        read_only_reason_of,
    )
    from keyplan.store.schema import HEAD_REVISION

    if "://" in location:
        return open_database(location, create=create)
    path = Path(location).expanduser()
    if create:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file() and read_only_reason_of(path) is not None:
        return open_database(path, create=False)  # read-only, with its reason: no lock
    names = _names_of(path)
    if names > 1:
        if probe_sqlite_revision(path, check=True) != HEAD_REVISION:
            require_one_name(path)  # an upgrade must write: refused, saying why
        database = Database(path=path)
        database.read_only_place = True  # read-only connections: nothing written at all
        database.read_only_reason = (
            f"Read-only: {path.name} has {names} names (hard links), so Keyplan cannot keep "
            f"two writers apart. Open a copy of it to edit it."
        )
        return database
    lock = WriterLock(path)
    try:
        acquired = lock.acquire()
    except OSError as error:
        if not is_read_only_place(error):
            raise _unusable(lock.path, error) from error
        acquired = True  # a read-only place: no lock, and no writing either
    if acquired:
        try:
            database = open_database(path, create=create)
        except BaseException:
            lock.release()
            raise
        database.writer_lock = lock
        return database
    if probe_sqlite_revision(path, check=True) != HEAD_REVISION:
        raise DatabaseBusy(
            f"{path.name} needs an upgrade to this version of Keyplan, and it is open for "
            f"editing in another Keyplan. Close it there first, then open it here."
        )
    database = Database(path=path)
    database.read_only_reason = read_only_message(path)
    return database


def _names_of(path: Path) -> int:
    """How many names (hard links) the file has; 1 when it does not exist yet."""
    try:
        return os.stat(path).st_nlink if path.is_file() else 1
    except OSError:
        return 1


def read_only_message(database_path: Path) -> str:
    holder = describe_holder(database_path)
    who = f" ({holder})" if holder else ""
    return (
        f"Read-only: {database_path.name} is open for editing in another Keyplan window{who}. "
        f"Close it there to edit it here."
    )


# ---- the operating system's part ---------------------------------------------------------


def _unusable(path: Path, error: OSError) -> LockUnusable:
    return LockUnusable(
        f"Keyplan cannot use the lock file {path} ({error.strerror or error}); nothing was changed."
    )


def _open_lock_file(path: Path) -> int:
    """Open (or make) the lock file; anything at its path but a regular file is refused.

    Raises:
        LockUnusable: the path is a folder, a link, a device or a pipe.
        OSError: the file cannot be made or opened.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with contextlib.suppress(FileNotFoundError):
        kind = os.lstat(path).st_mode
        if not stat.S_ISREG(kind):
            raise LockUnusable(
                f"The lock file of this database, {path}, is not a file (something else has "
                f"its name). Move it away; nothing was changed."
            )
    descriptor = os.open(path, flags, 0o600)
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced in between
        os.close(descriptor)
        raise LockUnusable(f"The lock file of this database, {path}, is not a file.")
    return descriptor


def _write_holder(descriptor: int) -> None:
    # os.uname, not socket.gethostname: importing socket costs the GUI's start-up ~10 ms.
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    text = f"{os.getpid()} {host}\n".encode()
    with contextlib.suppress(OSError):  # only informative
        os.ftruncate(descriptor, _HOLDER_OFFSET)
        os.lseek(descriptor, _HOLDER_OFFSET, os.SEEK_SET)
        os.write(descriptor, text)


# sys.platform, not os.name: the type checker knows msvcrt and fcntl by platform.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(descriptor: int) -> bool:
        os.lseek(descriptor, 0, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(descriptor: int) -> bool:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
