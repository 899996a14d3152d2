"""What an SQLite file is, read before it is opened: its header, its schema revision, damage
(SQLite's quick_check), and whether it can be written where it is.

Standard library only: this runs on the start-up path, before SQLAlchemy is imported, and
never changes the file it looks at.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher.detect import connect_file, database_errors, looks_encrypted
from keyplan.store.schema import KNOWN_REVISIONS

SQLITE_HEADER = b"SQLite format 3\x00"
# The check at open: SQLite's quick_check reads every page, ~2.5 ms a megabyte (measured on the
# 2-core machines: 1.4 ms for the 0.45 MB demo, 92 ms for the 38 MB 20,000-person file). Files
# up to this size are checked whole before the window opens (≤ ~10 ms); bigger ones get the
# header check here, and the whole check in the background once the window is up.
QUICK_CHECK_MAX_BYTES = 4 * 1024 * 1024
# SQLite errors that mean the file cannot be reached or written, not that it is damaged.
_PLACE_TROUBLE = ("unable to open", "readonly", "read-only", "locked", "disk i/o", "permission")


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
    if not folder_writable(real):
        return (
            f"Read-only: {path.name} is in a folder (or on a disk) that cannot be written to. "
            f"You can read everything in it; to edit, copy it to a folder of yours."
        )
    return None


def folder_writable(path: Path) -> bool:
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
    require_known_revision(revision, path.name)
    return revision


def check_whole_file(path: Path, *, full: bool = False, immutable: bool = False) -> None:
    """SQLite's ``quick_check`` of every page of a file (~2.5 ms a megabyte), read-only;
    with ``full``, its ``integrity_check`` (indexes against their tables too: ~7.5 ms a MB).

    Raises:
        DatabaseRefused: the file is damaged (the message says so), or cannot be read.
    """
    immutable = immutable or not folder_writable(path)  # no -shm can be made there
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


def require_known_revision(revision: str | None, name: str) -> None:
    if revision is None:
        raise DatabaseRefused(f"{name} has no schema version: it is damaged or not Keyplan's.")
    if revision not in KNOWN_REVISIONS:
        raise DatabaseRefused(
            f"{name} was written by a newer version of Keyplan (schema {revision}). "
            f"Update Keyplan to open it; the file was not changed."
        )
