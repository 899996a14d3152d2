"""The one place that decides whether a file may be written: never over the plan itself.

Every export (PDF, CSV, JSON, map), ``backup --to``, a ``copy-db`` target file and the app's
save dialogs ask ``check_output_path`` before they write. It refuses the open database, its
``-wal``, ``-shm``, ``-journal`` and ``.lock`` files, its backups folder and every file in it,
a folder or a device, and — unless a backup is being written — any other Keyplan database
(an encrypted one too).
Names are compared after resolving symbolic links, and files that exist are also compared by
identity (``os.path.samefile``: device and inode), so neither a symbolic nor a hard link to
the database gets past. The message says what the file is, for a person to choose another.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from keyplan.domain.errors import KeyplanError

_SQLITE_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = (
    ("-wal", "the database's write-ahead log"),
    ("-shm", "the database's shared-memory file"),
    ("-journal", "the database's rollback journal"),
    (".lock", "the database's lock file"),
)


class OutputRefused(KeyplanError):
    """A file may not be written there; the message says what the file is."""


def check_output_path(
    target: str | os.PathLike[str],
    database: str | os.PathLike[str] | None,
    *,
    may_replace_database: bool = False,
) -> Path:
    """Refuse a target that is the database, one of its files, a folder or a device.

    Args:
        target: the file about to be written (it may not exist yet).
        database: the open database file; None for a team database (then only folders,
            devices and, for exports, database files are refused).
        may_replace_database: a backup being written may replace an older copy chosen by
            the user; an export may never replace any SQLite database.

    Returns:
        The target with ``~`` expanded, to write to.

    Raises:
        OutputRefused: the target may not be written; the message names what it is.
    """
    path = Path(target).expanduser()
    if database is not None:
        _refuse_database_files(path, Path(database).expanduser())
    _refuse_non_files(path)
    if not may_replace_database and (_is_sqlite_file(path) or _is_encrypted_database(path)):
        raise OutputRefused(f"{path} is a Keyplan database, not an export: choose another file.")
    return path


def _refuse_database_files(path: Path, database: Path) -> None:
    for name, what in _protected_files(database):
        if _same_file(path, name):
            raise OutputRefused(f"{path} is {what}: choose another file.")
    folder = _backups_folder(database)
    if folder is None:
        return
    if _same_file(path, folder):
        raise OutputRefused(f"{path} is a folder (the database's backups): choose a file.")
    if _same_file(path.parent, folder):
        what = "a backup of the database" if path.exists() else "in the database's backups folder"
        raise OutputRefused(f"{path} is {what}: choose another file outside that folder.")
    if path.exists() and folder.is_dir():  # a hard link to a backup, from anywhere
        for backup in folder.iterdir():
            if _same_file(path, backup):
                raise OutputRefused(f"{path} is a backup of the database: choose another file.")


def _protected_files(database: Path) -> list[tuple[Path, str]]:
    """The database and its side files, under the name given and under its real name."""
    names = {database, _resolved(database)}
    protected = []
    for name in names:
        protected.append((name, "the database itself"))
        protected.extend((name.with_name(name.name + suffix), what) for suffix, what in _SIDE_FILES)
    return protected


def _backups_folder(database: Path) -> Path | None:
    from keyplan.store.safety import backups_location

    try:
        return backups_location.backups_folder(database)
    except (OSError, RuntimeError):
        return None


def _same_file(path: Path, other: Path) -> bool:
    """The same file by name (links resolved) or, when both exist, by device and inode."""
    if _resolved(path) == _resolved(other):
        return True
    try:
        return os.path.samefile(path, other)
    except (OSError, ValueError):
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop: compare as written
        return Path(os.path.abspath(path))


def _refuse_non_files(path: Path) -> None:
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return  # nothing there yet (or not reachable): the writer reports that
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{path} is a folder: choose a file name inside it.")
    if not stat.S_ISREG(mode):
        raise OutputRefused(f"{path} is a device or a pipe, not a file: choose a file.")


def _is_encrypted_database(path: Path) -> bool:
    from keyplan.store.cipher.detect import may_be_encrypted_database

    return may_be_encrypted_database(path)


def _is_sqlite_file(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as handle:
        return handle.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER
    return False
