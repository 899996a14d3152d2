"""A database file too damaged to open: is it, which backup can replace it, and the swap.

At start-up a damaged file must not be a dead end, nor lose anything: the damaged file is
renamed beside itself (with its ``-wal``, which may hold the latest changes), never deleted or
written into, and a checked backup is written in its place. Whoever opens the database next
sees the restored data; the damaged bytes stay for an expert to rescue what they can.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.cipher.keys import known_key
from keyplan.store.safety import backup, restore
from keyplan.store.safety.atomic_files import (
    FileWriteFailed,
    write_failure_message,
    write_file_atomically,
)
from keyplan.store.schema import KNOWN_REVISIONS

_STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"
# SQLite finds these by name next to their database; they move with it, or they would be
# replayed onto (and corrupt) the restored file.
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class GoodBackup:
    """A backup that passed its checks, and what it holds."""

    info: backup.BackupInfo
    contents: restore.BackupContents


@dataclass(frozen=True, slots=True)
class RecoveryReceipt:
    """What a recovery did: the backup written in, and where the damaged file now is."""

    restored_from: Path
    damaged_kept_as: Path


def is_damaged(database: Path) -> bool:
    """Whether a file's content is broken beyond opening, so that a backup should replace it.

    Damaged: not an SQLite file, cut short, pages SQLite calls malformed, or no Keyplan tables.
    Not damaged: a missing or unreadable file (its permissions, not its content), and a file
    from a newer Keyplan (updating Keyplan opens it; restoring would go back in time).
    """
    path = Path(database).expanduser()
    if not path.is_file() or not os.access(path, os.R_OK):
        return False
    if is_encrypted_file(path) and known_key(path) is None:
        return False  # no passphrase, or a wrong one: the file itself may be fine
    try:
        restore.check_backup(path)
    except DatabaseRefused:
        return not _from_newer_keyplan(path)
    return False


def _from_newer_keyplan(path: Path) -> bool:
    # immutable: a plain read-only connection to a WAL-mode file leaves -wal and -shm files
    # behind; this one writes nothing at all beside a file it only looks at.
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return False
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return row is not None and row[0] not in KNOWN_REVISIONS


def newest_good_backup(database: Path, *, folder: Path | None = None) -> GoodBackup | None:
    """The newest rolling backup of a database that passes the checks of a restore.

    Backups that fail (damaged, or from a newer Keyplan) are passed over, so the offer made
    to the user is one that will work.
    """
    for info in backup.list_backups(Path(database), folder=folder):
        try:
            return GoodBackup(info, restore.backup_contents(info.path))
        except DatabaseRefused:
            continue
    return None


def restore_over_damaged(
    source: Path, database: Path, *, now: datetime | None = None
) -> RecoveryReceipt:
    """Put a damaged database aside under a new name and write a checked backup in its place.

    Nothing is deleted: the damaged file and its side files are renamed in their folder
    (``keyplan-damaged-2026-03-04_08-15-02.db``). Nothing changes when the backup is refused,
    another Keyplan is writing the file, or the renaming fails; when the backup cannot be
    written, the damaged file is put back under its own name.

    Raises:
        DatabaseRefused: the backup is not a usable Keyplan backup.
        DatabaseBusy: another Keyplan process is writing the database.
        FileWriteFailed: the file could not be renamed or the backup written.
    """
    from keyplan.store.safety.lock import writing

    source, database = Path(source).expanduser(), Path(database).expanduser()
    if source.resolve() == database.resolve():
        raise DatabaseRefused("That is the damaged database itself, not a backup of it.")
    data = restore.checked_backup_bytes(source)
    with writing(database):
        kept = _set_aside(database, now or datetime.now())
        try:
            write_file_atomically(database, data)
        except FileWriteFailed:
            _put_back(kept, database)
            raise
    return RecoveryReceipt(source, kept)


def damaged_name(database: Path, when: datetime) -> Path:
    """A free name beside the database for its damaged file, saying when it was put aside."""
    base = f"{database.stem}-damaged-{when.strftime(_STAMP_FORMAT)}"
    candidate = database.with_name(f"{base}{database.suffix}")
    number = 2
    while _taken(candidate):
        candidate = database.with_name(f"{base}-{number}{database.suffix}")
        number += 1
    return candidate


def _taken(candidate: Path) -> bool:
    return any(Path(f"{candidate}{side}").exists() for side in ("", *_SIDE_FILES))


def _set_aside(database: Path, when: datetime) -> Path:
    """Rename the database and its side files to a new name; all of them or none."""
    target = damaged_name(database, when)
    moved: list[tuple[Path, Path]] = []
    try:
        for side in ("", *_SIDE_FILES):
            origin = Path(f"{database}{side}")
            if side and not origin.exists():
                continue
            destination = Path(f"{target}{side}")
            os.rename(origin, destination)  # never over a file: damaged_name found a free one
            moved.append((origin, destination))
    except OSError as error:
        for origin, destination in reversed(moved):
            with contextlib.suppress(OSError):
                os.rename(destination, origin)
        raise FileWriteFailed(write_failure_message(database, error)) from error
    return target


def _put_back(kept: Path, database: Path) -> None:
    for side in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            if Path(f"{kept}{side}").exists() and not Path(f"{database}{side}").exists():
                os.rename(f"{kept}{side}", f"{database}{side}")
