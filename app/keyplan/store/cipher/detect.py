"""Telling an encrypted Keyplan file from a plain one, and opening either (standard library).

A plain SQLite file starts with "SQLite format 3\\0"; an SQLCipher file starts with its random
salt and is whole pages of ciphertext, so a file that is not plain SQLite but is a whole number
of pages long is taken for an encrypted database (a photo or a CSV file renamed ``.db`` is not
a whole number of pages, and keeps its "not an SQLite file" message).
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

SQLITE_HEADER = b"SQLite format 3\x00"
PAGE_SIZE = 4096  # SQLCipher 4's page, which Keyplan keeps: its files are whole pages of it


def is_encrypted_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is (most likely) an encrypted database: whole pages, no SQLite header."""
    start = _header_and_size(path)
    return start is not None and looks_encrypted(*start)


def _header_and_size(path: str | os.PathLike[str]) -> tuple[bytes, int] | None:
    """A file's first bytes (as long as SQLite's header) and its size; None if unreadable."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)), os.fstat(handle.fileno()).st_size
    except OSError:
        return None


def looks_encrypted(header: bytes, size: int) -> bool:
    """``is_encrypted_file`` for a file's first bytes and its size."""
    whole_pages = size >= PAGE_SIZE and size % PAGE_SIZE == 0
    return whole_pages and not header.startswith(SQLITE_HEADER)


# How the files Keyplan writes begin (PDF, zip: PowerPoint; PNG, JSON, SVG, CSV are text or
# say so): such a file is one of its exports even when it happens to be whole pages long.
_EXPORT_STARTS = (b"%PDF", b"PK\x03\x04", b"\x89PNG")


def may_be_encrypted_database(path: str | os.PathLike[str]) -> bool:
    """``is_encrypted_file``, stricter, for refusing to write an export over a file: an
    earlier export that happens to be whole pages long (a PDF, text) is not taken for one."""
    start = _header_and_size(path)
    if start is None:
        return False
    header, size = start
    if not looks_encrypted(header, size) or header.startswith(_EXPORT_STARTS):
        return False
    return not _is_text(header)


def _is_text(start: bytes) -> bool:
    """Whether a file's first bytes are UTF-8 text (a CSV, JSON, SVG export), a character cut
    off at the end allowed; an encrypted file's random salt almost never is."""
    try:
        text = start.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason != "unexpected end of data":
            return False
        text = start[: error.start].decode("utf-8")
    return all(character.isprintable() or character in "\t\n\r\ufeff" for character in text)


def connect_file(
    path: Path, target: str | Path | None = None, *, uri: bool = False, **options: Any
) -> sqlite3.Connection:
    """A DB-API connection to the Keyplan file ``path``: the standard library's for a plain
    file, SQLCipher's with the file's key for an encrypted one.

    Args:
        path: the database file (decides plain or encrypted, and whose key).
        target: what to connect to when not the path itself (a ``file:…?mode=ro`` URI).
        uri, options: as for ``sqlite3.connect``.

    Raises:
        WrongPassphrase, PassphraseNeeded (``keys``): an encrypted file without its key.
    """
    target = path if target is None else target
    if is_encrypted_file(path):
        from keyplan.store.cipher.keys import connect_encrypted

        return connect_encrypted(path, target, uri=uri, **options)
    return sqlite3.connect(target, uri=uri, **options)


def database_errors() -> tuple[type[Exception], ...]:
    """The errors a database connection raises: the standard library's, and SQLCipher's once
    it is loaded (its classes are its own, not subclasses of ``sqlite3``'s)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    if cipher is None:
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, cipher.DatabaseError)


def all_errors() -> tuple[type[Exception], ...]:
    """``database_errors`` widened to every DB-API error (``sqlite3.Error`` and SQLCipher's)."""
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if cipher is None else (sqlite3.Error, cipher.Error)
