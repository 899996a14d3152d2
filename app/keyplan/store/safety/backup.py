"""Backups of a Keyplan database file: made with SQLite's online backup API, restored safely.

A backup is a consistent copy of the live file, taken while Keyplan (or anyone) keeps using
it: SQLite's backup API copies it into memory, the copy is checked, and the checked bytes are
written atomically (``atomic_files``), readable by the user only. A backup is one plain file
(rollback-journal header), so it can be copied, mailed or opened without side files.

Rolling backups live in the user-data folder, ``backups/<file>-<hash of its path>/``, named
by the time they were taken; the newest ``keep`` are kept. Restoring first checks the
backup, then backs up the current file, then copies the backup into the database with the
same backup API (so SQLite's own locking and journal make the swap all or nothing).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
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
from keyplan.store.safety.atomic_files import (
    FileWriteFailed,
    remove_stale_partials,
    write_file_atomically,
)
from keyplan.store.schema import KNOWN_REVISIONS

DEFAULT_EVERY_MINUTES = 10  # an automatic backup at most this often while edits happen
DEFAULT_KEEP = 20  # rolling backups kept per database
BUSY_TIMEOUT_MS = 5000
_STAMP_FORMAT = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)(?:-(?P<n>\d+))?\.db$")
_ROLLBACK_JOURNAL = 1  # header bytes 18 and 19: 1 = rollback journal, 2 = WAL
_DAMAGED_FILE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB (not: busy, locked, read-only)


class OtherPortfolio(KeyplanError):
    """A backup shares no account with the database it would replace: most likely a backup
    of another portfolio (a colleague's, an old job's). Restored only when the user says so."""


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
                _connect(source) as live,
                contextlib.closing(connect_file(source, temporary)) as copy,
            ):
                copy.execute(raw_key_pragma(key, salt))  # a new file: this salt, this key
                live.backup(copy)
                _require_intact(copy, f"{source.name} is damaged", DatabaseDamaged)
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
        with _connect(source) as live, _memory() as copy:
            live.backup(copy)
            _require_intact(copy, f"{source.name} is damaged", DatabaseDamaged)
            image = bytearray(copy.serialize())
    except sqlite3.DatabaseError as error:
        raise BackupFailed(f"Cannot back up {source.name}: {error}.") from error
    image[18] = image[19] = _ROLLBACK_JOURNAL  # one self-contained file, no -wal beside it
    return bytes(image)


def backups_folder(database: Path) -> Path:
    """Where the rolling backups of one database file live (not created here).

    The folder is named after the file and a short hash of its full path, so two files
    called ``keyplan.db`` in different folders keep apart.
    """
    from platformdirs import user_data_path

    from keyplan.paths import APP_NAME

    resolved = str(Path(database).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return user_data_path(APP_NAME, appauthor=False) / "backups" / f"{database.stem}-{digest}"


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
    base = f"{stem}-{when.strftime(_STAMP_FORMAT)}"
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
        taken_at = datetime.strptime(match["stamp"], _STAMP_FORMAT)
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


# ---- restoring ----------------------------------------------------------------------------


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
        target = folder / f"{database.stem}-damaged-{datetime.now().strftime(_STAMP_FORMAT)}.db"
        return write_file_atomically(target, database.read_bytes())


def _copy_into(image: sqlite3.Connection, database: Path) -> None:
    try:
        with _connect(database) as target:
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
    data[18] = data[19] = _ROLLBACK_JOURNAL
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
    data[18] = data[19] = _ROLLBACK_JOURNAL  # a WAL-mode file still opens from memory
    with _memory() as image:
        try:
            image.deserialize(bytes(data))
            _require_keyplan(image, name)
            _require_intact(image, f"{name} is damaged")
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
        _require_intact(image, f"{backup.name} is damaged")
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


def _require_intact(
    connection: sqlite3.Connection, what: str, error: type[KeyplanError] = DatabaseRefused
) -> None:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
    if problems != ["ok"]:
        raise error(f"{what}: {problems[0]}.")


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    connection = connect_file(path)  # keyed, when it is encrypted
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        yield connection
    finally:
        connection.close()


@contextlib.contextmanager
def _memory() -> Iterator[sqlite3.Connection]:
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
