"""Backups of a Keyplan database file, made with SQLite's online backup API.

A backup is a consistent copy of the live file, taken while Keyplan (or anyone) keeps using
it: SQLite's backup API copies it into memory, the copy is checked, and the checked bytes are
written atomically (``atomic_files``), readable by the user only. A backup is one plain file
(rollback-journal header), so it can be copied, mailed or opened without side files.

Rolling backups live in the user-data folder, ``backups/<file>-<hash of its path>/``, named
by the time they were taken; the newest ``keep`` are kept. Restoring one is ``restore``'s
work.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused, KeyplanError
from keyplan.store.cipher.detect import (
    connect_file,
    database_errors,
    is_encrypted_file,
)
from keyplan.store.safety.atomic_files import (
    FileWriteFailed,
    remove_stale_partials,
    write_file_atomically,
)
from keyplan.store.safety.backups_location import backups_folder  # re-exported for callers

DEFAULT_EVERY_MINUTES = 10  # an automatic backup at most this often while edits happen
DEFAULT_KEEP = 20  # rolling backups kept per database
BUSY_TIMEOUT_MS = 5000
STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-(?P<n>\d+))?\.db$")
ROLLBACK_JOURNAL = 1  # header bytes 18 and 19: 1 = rollback journal, 2 = WAL


class BackupFailed(KeyplanError):
    """A backup could not be made; the message says why."""


class DatabaseDamaged(BackupFailed):
    """The database failed its integrity check while being backed up.

    No backup is written, so the damaged copy never pushes a good backup out of the rotation.
    Opening a file checks little more than its first page; this check reads every page, so
    it is often the first to find damage deeper in the file.
    """


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file, as a list of backups shows it."""

    path: Path
    taken_at: datetime
    size: int


# ---- making a backup ----------------------------------------------------------------------


def backup_file(source: Path, target: Path) -> Path:
    """Write a consistent, checked copy of the database ``source`` to ``target``.

    Raises:
        BackupFailed: the database cannot be read or is damaged.
        FileWriteFailed: the copy cannot be written (full disk, read-only folder). An
            existing ``target`` is left as it was.
    """
    if is_encrypted_file(source):
        return _encrypted_backup(Path(source), Path(target))
    return write_file_atomically(target, database_image(Path(source)))


def _encrypted_backup(source: Path, target: Path) -> Path:
    """An encrypted database's backup: encrypted with the same key and salt (so the same
    passphrase restores it), checked, written atomically; never a plain copy, not even in
    memory (SQLCipher keeps no in-memory database encrypted)."""
    from keyplan.store.cipher.keys import file_salt, key_for, raw_key_pragma
    from keyplan.store.safety.atomic_files import file_replaced_atomically

    if not source.is_file():
        raise BackupFailed(f"There is no database at {source} to back up.")
    key, salt = key_for(source), file_salt(source)
    with file_replaced_atomically(target) as temporary:
        try:
            with (
                keyed_connection(source) as live,
                contextlib.closing(connect_file(source, temporary)) as copy,
            ):
                copy.execute(raw_key_pragma(key, salt))  # a new file: this salt, this key
                live.backup(copy)
                require_intact(copy, f"{source.name} is damaged", DatabaseDamaged)
                copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
        except database_errors() as error:
            raise BackupFailed(f"Cannot back up {source.name}: {error}.") from error
    return target.expanduser()


def backup_to(source: Path, target: Path) -> Path:
    """A backup the user asked for, to a file they chose (``backup --to``, Back up to…).

    As ``backup_file``, after ``check_output_path``: never onto the database itself, its
    side files or its rolling backups (an older backup file of the user's own may be replaced).

    Raises:
        OutputRefused: the target is the database, one of its files, a folder or a device.
        BackupFailed, FileWriteFailed: as for ``backup_file``.
    """
    from keyplan.store.safety.output_paths import check_output_path

    target = check_output_path(target, source, may_replace_database=True)
    return backup_file(source, target)


def database_image(source: Path) -> bytes:
    """The whole database as one checked file image, read with the online backup API."""
    if not source.is_file():
        raise BackupFailed(f"There is no database at {source} to back up.")
    try:
        with keyed_connection(source) as live, memory_database() as copy:
            live.backup(copy)
            require_intact(copy, f"{source.name} is damaged", DatabaseDamaged)
            image = bytearray(copy.serialize())
    except sqlite3.DatabaseError as error:
        raise BackupFailed(f"Cannot back up {source.name}: {error}.") from error
    image[18] = image[19] = ROLLBACK_JOURNAL  # one self-contained file, no -wal beside it
    return bytes(image)


def make_rolling_backup(
    database: Path,
    *,
    keep: int = DEFAULT_KEEP,
    folder: Path | None = None,
    now: datetime | None = None,
) -> Path:
    """Back the database up into its backups folder and keep only the newest ``keep``.

    Returns:
        The new backup file.
    """
    folder = folder or backups_folder(database)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as error:
        from keyplan.store.safety.atomic_files import write_failure_message

        raise FileWriteFailed(write_failure_message(folder, error)) from error
    remove_stale_partials(folder)  # what a killed backup left
    target = _new_backup_path(folder, database.stem, now or datetime.now())
    backup_file(database, target)
    prune_backups(database, keep=keep, folder=folder)
    return target


def backup_if_changed(
    database: Path, *, keep: int = DEFAULT_KEEP, folder: Path | None = None
) -> Path | None:
    """Make a rolling backup unless the newest one is already newer than every change.

    Returns:
        The new backup, or None when nothing changed since the last one.
    """
    if not needs_backup(database, folder=folder):
        return None
    return make_rolling_backup(database, keep=keep, folder=folder)


def needs_backup(database: Path, *, folder: Path | None = None) -> bool:
    """Whether the database changed after its newest backup was taken.

    SQLite in WAL mode writes the ``-wal`` file first, so both files' times count.
    """
    backups = list_backups(database, folder=folder)
    if not backups:
        return database.is_file()
    newest = backups[0].path.stat().st_mtime
    return _last_change(database) > newest


def _last_change(database: Path) -> float:
    times = []
    for path in (database, database.with_name(database.name + "-wal")):
        with contextlib.suppress(OSError):
            times.append(path.stat().st_mtime)
    return max(times, default=0.0)


def _new_backup_path(folder: Path, stem: str, when: datetime) -> Path:
    base = f"{stem}-{when.strftime(STAMP_FORMAT)}"
    candidate = folder / f"{base}.db"
    number = 2
    while candidate.exists():  # two backups within one second
        candidate = folder / f"{base}-{number}.db"
        number += 1
    return candidate


# ---- the list of backups ------------------------------------------------------------------


def list_backups(database: Path, *, folder: Path | None = None) -> list[BackupInfo]:
    """The rolling backups of a database, newest first."""
    folder = folder or backups_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], STAMP_FORMAT)
        found.append((taken_at, int(match["n"] or 1), BackupInfo(path, taken_at, _size(path))))
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [info for _taken, _n, info in found]


def prune_backups(database: Path, *, keep: int, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` rolling backups; return what was deleted."""
    removed = []
    for info in list_backups(database, folder=folder)[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            info.path.unlink()
            removed.append(info.path)
    return removed


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def require_intact(
    connection: sqlite3.Connection, what: str, error: type[KeyplanError] = DatabaseRefused
) -> None:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise error(f"{what}: {problems[0]}.")


@contextlib.contextmanager
def keyed_connection(path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect_file(path)  # keyed, when it is encrypted
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def memory_database() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    try:
        yield connection
    finally:
        connection.close()


def human_size(size: int) -> str:
    """``2.4 MB``: a backup's size as a list shows it."""
    amount: float = size  # divided by 1024 for each unit
    for unit in ("bytes", "KB", "MB", "GB"):
        if amount < 1024 or unit == "GB":
            return f"{amount} {unit}" if unit == "bytes" else f"{amount:.1f} {unit}"
        amount /= 1024
    return f"{amount} bytes"
