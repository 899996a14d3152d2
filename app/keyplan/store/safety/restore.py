"""Restoring a Keyplan backup: check it whole, keep the current file, then swap it in.

Restoring first checks the backup (SQLite's integrity, that it is Keyplan's and not newer,
the rules of its data), then backs up the current file, then copies the backup into the
database with SQLite's backup API, so SQLite's own locking and journal make the swap all or
nothing. Making and listing backups is ``backup``'s work.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused, KeyplanError
from keyplan.store.cipher.detect import (
    all_errors,
    connect_file,
    database_errors,
    is_encrypted_file,
)
from keyplan.store.safety.atomic_files import write_file_atomically
from keyplan.store.safety.backup import (
    DEFAULT_KEEP,
    ROLLBACK_JOURNAL,
    STAMP_FORMAT,
    BackupFailed,
    backups_folder,
    keyed_connection,
    make_rolling_backup,
    memory_database,
    require_intact,
)
from keyplan.store.schema import KNOWN_REVISIONS

_DAMAGED_FILE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (not: busy, locked, read-only)


class OtherPortfolio(KeyplanError):
    """A backup shares no account with the database it would replace: most likely a backup
    of another portfolio (a colleague's, an old job's). Restored only when the user says so."""


@dataclass(frozen=True, slots=True)
class RestoreReceipt:
    """What a restore did: the backup it restored and the copy it kept of the file before."""

    restored_from: Path
    previous_copy: Path | None


def check_backup(backup: Path) -> None:
    """Refuse a file that is not a usable Keyplan backup; say why.

    Raises:
        DatabaseRefused: not an SQLite file, not Keyplan's, damaged, or from a newer Keyplan.
    """
    with _backup_image(backup):
        pass


def check_restorable(backup: Path) -> None:
    """``check_backup``, and the rules of the data a restore would bring back: no reporting
    cycle, no broken reference, no value outside the field rules.

    Raises:
        DatabaseRefused: the backup fails a check; the message names the first problem.
    """
    with _restorable_image(backup):
        pass


def other_portfolio_warning(backup: Path, database: Path) -> str | None:
    """Why the backup looks like one of another portfolio, or None when it shares an account
    with ``database`` (or either holds none, or the database cannot be read: damaged files are
    what restores are for).

    Raises:
        DatabaseRefused: as for ``check_backup``.
    """
    with _backup_image(backup) as image:
        return _other_portfolio(image, Path(backup).name, Path(database))


@dataclass(frozen=True, slots=True)
class BackupContents:
    """What a backup holds, in the words a list of backups uses."""

    accounts: int
    people: int  # current people: those marked as having left are not counted


def backup_contents(backup: Path) -> BackupContents:
    """Check a backup as ``check_backup`` does and count what it holds.

    Raises:
        DatabaseRefused: as for ``check_backup``.
    """
    with _restorable_image(backup) as image:
        try:
            accounts = image.execute("SELECT count(*) FROM accounts").fetchone()[0]
            people = image.execute(
                "SELECT count(*) FROM stakeholders WHERE NOT has_left"
            ).fetchone()[0]
        except database_errors() as error:  # tables missing: another tool's doing
            raise DatabaseRefused(f"{backup.name} is not a complete Keyplan backup.") from error
    return BackupContents(accounts, people)


def checked_backup_bytes(backup: Path) -> bytes:
    """A backup's bytes as one self-contained database file, once it passed ``check_backup``.

    Raises:
        DatabaseRefused: as for ``check_backup``.
    """
    with _restorable_image(backup) as image:
        return _file_bytes(image)


def restore_backup(
    backup: Path,
    database: Path,
    *,
    keep: int = DEFAULT_KEEP,
    folder: Path | None = None,
    other_portfolio_ok: bool = False,
) -> RestoreReceipt:
    """Replace the content of ``database`` with a backup, keeping a copy of the current file.

    The caller holds the writer lock. Nothing is changed when the backup is refused or when
    the current file cannot be backed up first. The whole backup is checked first (SQLite's
    integrity and the rules of the data, as ``check_restorable``).

    Raises:
        DatabaseRefused: the backup is not a usable Keyplan backup.
        OtherPortfolio: the backup shares no account with the database, and
            ``other_portfolio_ok`` is not set.
        FileWriteFailed, BackupFailed: the copy of the current file could not be made.
    """
    backup, database = Path(backup).expanduser(), Path(database).expanduser()
    if backup.resolve() == database.resolve():
        raise DatabaseRefused("That is the database itself, not a backup of it.")
    _require_same_keeping(backup, database)
    with _restorable_image(backup) as image:
        warning = None if other_portfolio_ok else _other_portfolio(image, backup.name, database)
        if warning is not None:
            raise OtherPortfolio(warning)
        previous = _keep_current(database, keep=keep, folder=folder)
        _copy_into(image, database)
    return RestoreReceipt(backup, previous)


def _require_same_keeping(backup: Path, database: Path) -> None:
    """An encrypted backup goes into an encrypted database, a plain one into a plain one."""
    if not database.is_file() or is_encrypted_file(backup) == is_encrypted_file(database):
        return
    kept = "encrypted" if is_encrypted_file(backup) else "not encrypted"
    raise DatabaseRefused(
        f"{backup.name} is {kept} and {database.name} is not kept the same way: "
        f"{'encrypt' if kept == 'encrypted' else 'decrypt'} {database.name} first "
        f"(keyplan {'encrypt' if kept == 'encrypted' else 'decrypt'}), then restore. "
        f"Nothing was changed."
    )


def _keep_current(database: Path, *, keep: int, folder: Path | None) -> Path | None:
    """Back the current file up before it is replaced; a damaged one is copied as it is."""
    if not database.is_file():
        return None
    try:
        return make_rolling_backup(database, keep=keep + 1, folder=folder)
    except BackupFailed:
        # The file is damaged (often why one restores): keep its bytes as they are.
        folder = folder or backups_folder(database)
        target = folder / f"{database.stem}-damaged-{datetime.now().strftime(STAMP_FORMAT)}.db"
        return write_file_atomically(target, database.read_bytes())


def _copy_into(image: sqlite3.Connection, database: Path) -> None:
    try:
        with keyed_connection(database) as target:
            image.backup(target)
    except database_errors() as error:
        if getattr(error, "sqlite_errorcode", None) not in _DAMAGED_FILE_CODES:
            raise BackupFailed(f"Cannot restore into {database.name}: {error}.") from error
        # The current file is too damaged for SQLite to write into: replace it whole.
        _replace_file(image, database)


def _replace_file(image: sqlite3.Connection, database: Path) -> None:
    data = _file_bytes(image)
    for side_file in ("-wal", "-shm", "-journal"):  # they belong to the file being replaced
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + side_file).unlink()
    write_file_atomically(database, data)


def _file_bytes(image: sqlite3.Connection) -> bytes:
    """An in-memory database as a file that needs no ``-wal`` beside it."""
    if not hasattr(image, "serialize"):  # an encrypted backup, read in place: its own bytes
        return Path(image.execute("PRAGMA database_list").fetchone()[2]).read_bytes()
    data = bytearray(image.serialize())
    data[18] = data[19] = ROLLBACK_JOURNAL
    return bytes(data)


@contextlib.contextmanager
def _backup_image(backup: Path) -> Iterator[sqlite3.Connection]:
    """The backup, checked, as an in-memory database (the file itself is never changed)."""
    name = backup.name
    if is_encrypted_file(backup):
        with _encrypted_image(backup) as image:
            yield image
        return
    try:
        data = bytearray(backup.read_bytes())
    except OSError as error:
        raise DatabaseRefused(f"Cannot read {backup}: {error.strerror or error}.") from error
    if not data.startswith(b"SQLite format 3\x00") or len(data) < 100:
        raise DatabaseRefused(f"{name} is not a Keyplan backup (it is not an SQLite database).")
    data[18] = data[19] = ROLLBACK_JOURNAL  # a WAL-mode file still opens from memory
    with memory_database() as image:
        try:
            image.deserialize(bytes(data))
            _require_keyplan(image, name)
            require_intact(image, f"{name} is damaged")
        except sqlite3.DatabaseError as error:
            raise DatabaseRefused(f"{name} is damaged ({error}); it cannot be restored.") from error
        yield image


@contextlib.contextmanager
def _encrypted_image(backup: Path) -> Iterator[sqlite3.Connection]:
    """An encrypted backup, checked, read in place (immutable: nothing is written beside it)."""
    uri = f"{backup.resolve().as_uri()}?mode=ro&immutable=1"
    image = connect_file(backup, uri, uri=True)
    try:
        _require_keyplan(image, backup.name)
        require_intact(image, f"{backup.name} is damaged")
    except database_errors() as error:
        image.close()
        message = f"{backup.name} is damaged ({error}); it cannot be restored."
        raise DatabaseRefused(message) from error
    try:
        yield image
    finally:
        image.close()


@contextlib.contextmanager
def _restorable_image(backup: Path) -> Iterator[sqlite3.Connection]:
    """``_backup_image``, once the rules of its data passed too."""
    with _backup_image(backup) as image:
        _require_sound_data(image, backup.name)
        yield image


def _require_sound_data(image: sqlite3.Connection, name: str) -> None:
    from keyplan.store.safety.integrity import data_problems  # the checks of `keyplan check`

    try:
        problems = data_problems(image)
    except database_errors() as error:  # tables missing or altered: another tool's doing
        raise DatabaseRefused(f"{name} is not a complete Keyplan backup.") from error
    if problems:
        more = len(problems) - 1
        others = f" ({more} more problem{'s' if more > 1 else ''} besides)" if more else ""
        raise DatabaseRefused(
            f"{name} cannot be restored: {problems[0].rstrip('.')}{others}. Nothing was changed."
        )


def _other_portfolio(image: sqlite3.Connection, name: str, database: Path) -> str | None:
    theirs = _account_names(image)
    ours = _current_account_names(database)
    if not theirs or not ours or theirs.keys() & ours.keys():
        return None
    shown = ", ".join(sorted(theirs.values())[:3]) + (", …" if len(theirs) > 3 else "")
    return (
        f"{name} looks like a backup of another portfolio: it shares no account with "
        f"{database.name} (it holds {len(theirs)} account{'s' if len(theirs) > 1 else ''}: "
        f"{shown})."
    )


def _account_names(connection: sqlite3.Connection) -> dict[str, str]:
    """The accounts' names, keyed by their case-folded form."""
    names = (row[0] for row in connection.execute("SELECT name FROM accounts"))
    return {name.casefold(): name for name in names if isinstance(name, str)}


def _current_account_names(database: Path) -> dict[str, str]:
    if not database.is_file():
        return {}
    try:
        uri = f"{database.resolve().as_uri()}?mode=ro"
        connection = connect_file(database, uri, uri=True)
    except KeyplanError:  # an encrypted file whose key is not given
        return {}
    except all_errors():
        return {}
    try:
        return _account_names(connection)
    except all_errors():  # damaged or not ours: nothing to compare with
        return {}
    finally:
        connection.close()


def _require_keyplan(image: sqlite3.Connection, name: str) -> None:
    tables = {row[0] for row in image.execute("SELECT name FROM sqlite_master")}
    if "alembic_version" not in tables or "accounts" not in tables:
        raise DatabaseRefused(f"{name} is an SQLite database, but not a Keyplan backup.")
    row = image.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None or row[0] not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            f"{name} was written by a newer version of Keyplan; update Keyplan to restore it."
        )
