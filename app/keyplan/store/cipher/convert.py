"""Encrypting and decrypting a Keyplan file in place, all or nothing.

The new file is written beside the old one under a temporary name (``atomic_files``) with
SQLCipher's ``sqlcipher_export`` (the old file ATTACHed to the new with its KEY), checked, and
renamed over the old one only then: a process killed half-way leaves the original whole (and a
partial file that the next start tidies away). The old file's write-ahead log is checkpointed
into it and removed first, so no plain ``-wal`` or ``-shm`` is left beside an encrypted file.

The rolling backups and the copies kept before upgrades follow the database: encrypting it
encrypts them with the same key and salt (so the same passphrase restores them), decrypting it
decrypts the ones this key opens. Backups the user saved elsewhere are theirs to handle.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keyplan.domain.errors import DatabaseRefused, RuleViolation
from keyplan.store.cipher.detect import all_errors, is_encrypted_file
from keyplan.store.cipher.keys import (
    SALT_BYTES,
    derive_key,
    file_salt,
    key_for,
    known_key,
    raw_key,
    raw_key_pragma,
    remember_key,
)

MIN_PASSPHRASE_LENGTH = 8
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass
class ConversionReceipt:
    """What an encrypt or decrypt did: the database, and the backups that followed it."""

    database: Path
    encrypted: bool
    backups: list[Path] = field(default_factory=list)
    backups_left: list[Path] = field(default_factory=list)  # a key this file's does not open

    def lines(self) -> list[str]:
        """The receipt as the CLI prints it and the app shows it."""
        done = "Encrypted" if self.encrypted else "Decrypted"
        lines = [f"{done} {self.database}."]
        if self.backups:
            count = len(self.backups)
            lines.append(
                f"{done} its {count} backup{'s' if count > 1 else ''} kept by Keyplan too."
            )
        if self.backups_left:
            lines.append(
                f"{len(self.backups_left)} backup(s) with another key were left as they are."
            )
        if self.encrypted:
            lines.append(
                "Copies you saved yourself (Back up to…, exports) are not encrypted by this."
            )
        return lines


def check_new_passphrase(passphrase: str, confirmation: str) -> None:
    """Refuse a passphrase too short to protect anything, or one typed differently twice.

    Raises:
        RuleViolation: the message says which.
    """
    if passphrase != confirmation:
        raise RuleViolation("The two passphrases differ. Nothing was changed.")
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise RuleViolation(
            f"The passphrase is too short: use at least {MIN_PASSPHRASE_LENGTH} characters "
            f"(a few words are easy to remember). Nothing was changed."
        )


def encrypt_database(path: Path, passphrase: str) -> ConversionReceipt:
    """Encrypt the plain Keyplan file ``path`` in place with a key from ``passphrase``.

    Raises:
        RuleViolation: the file is encrypted already.
        DatabaseRefused: not a Keyplan file, damaged, or newer than this Keyplan.
        DatabaseBusy: another Keyplan process has it open for editing.
        FileWriteFailed: the new file cannot be written (the original is left as it was).
    """
    path = Path(path).expanduser()
    if is_encrypted_file(path):
        raise RuleViolation(f"{path} is encrypted already. Nothing was changed.")
    _require_keyplan_file(path)
    salt = os.urandom(SALT_BYTES)
    key = derive_key(passphrase, salt)
    new_key = raw_key(key, salt)
    from keyplan.store.safety.lock import writing

    with writing(path):
        _rewrite(path, None, new_key, key, salt)
    remember_key(salt, key)
    receipt = ConversionReceipt(path, encrypted=True)
    for backup in kept_copies(path):
        if not is_encrypted_file(backup):
            with contextlib.suppress(DatabaseRefused, OSError):
                _rewrite(backup, None, new_key, key, salt)
                receipt.backups.append(backup)
    return receipt


def decrypt_database(path: Path) -> ConversionReceipt:
    """Decrypt the encrypted Keyplan file ``path`` in place (its key from ``key_for``).

    Raises:
        RuleViolation: the file is not encrypted.
        WrongPassphrase, PassphraseNeeded: no right key for it.
        DatabaseRefused, DatabaseBusy, FileWriteFailed: as for ``encrypt_database``.
    """
    path = Path(path).expanduser()
    if not path.is_file() or not is_encrypted_file(path):
        raise RuleViolation(f"{path} is not an encrypted Keyplan database. Nothing was changed.")
    key = key_for(path)
    _require_keyplan_file(path)
    from keyplan.store.safety.lock import writing

    with writing(path):
        _rewrite(path, key, "", None, None)
    receipt = ConversionReceipt(path, encrypted=False)
    for backup in kept_copies(path):
        if not is_encrypted_file(backup):
            continue
        backup_key = known_key(backup)
        if backup_key is None:
            receipt.backups_left.append(backup)
            continue
        with contextlib.suppress(DatabaseRefused, OSError):
            _rewrite(backup, backup_key, "", None, None)
            receipt.backups.append(backup)
    return receipt


def kept_copies(path: Path) -> list[Path]:
    """The copies of a database Keyplan itself keeps: rolling backups, pre-upgrade copies."""
    from keyplan.store.safety.backup import list_backups

    copies = [info.path for info in list_backups(path)]
    with contextlib.suppress(OSError):
        copies.extend(sorted(path.parent.glob(f"{path.name}.before-upgrade-from-*.bak")))
    return copies


def _require_keyplan_file(path: Path) -> None:
    from keyplan.store.database import probe_sqlite_revision

    if not path.is_file():
        raise DatabaseRefused(f"There is no Keyplan database at {path}.")
    if probe_sqlite_revision(path, check=True) is None:
        raise DatabaseRefused(f"{path.name} holds no Keyplan data yet. Nothing was changed.")


def _rewrite(
    path: Path, old_key: bytes | None, new_key: str, key: bytes | None, salt: bytes | None
) -> None:
    """Write ``path`` anew under ``new_key`` ('' for plain; ``key`` and ``salt`` to check it),
    reading it with ``old_key`` (None: plain); the original stays whole until the rename."""
    from keyplan.store.safety.atomic_files import file_replaced_atomically

    source = _connect(path, old_key)
    try:
        _checkpoint(source, path)
        with file_replaced_atomically(path) as temporary:
            version = source.execute("PRAGMA user_version").fetchone()[0]
            source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temporary), new_key))
            source.execute("SELECT sqlcipher_export('converted')")
            source.execute(f"PRAGMA converted.user_version = {int(version)}")
            source.execute("DETACH DATABASE converted")
            _check_written(temporary, key)
            source.close()
            _remove_side_files(path)
    except all_errors() as error:
        message = f"Cannot convert {path.name}: {error}. It was not changed."
        raise DatabaseRefused(message) from error
    finally:
        source.close()
    if key is not None and salt is not None:
        assert file_salt(path) == salt, "the salt given is the one written"


def _connect(path: Path, key: bytes | None) -> Any:
    import sqlcipher3

    connection = sqlcipher3.connect(path, isolation_level=None)
    connection.execute("PRAGMA cipher_log_level = NONE")
    if key is not None:
        connection.execute(raw_key_pragma(key))
    return connection


def _checkpoint(connection: Any, path: Path) -> None:
    """Everything in the write-ahead log into the file itself, and the log emptied."""
    busy, _log, _done = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise DatabaseRefused(
            f"{path.name} is being read by another program; close it there and try again. "
            f"Nothing was changed."
        )


def _check_written(temporary: Path, key: bytes | None) -> None:
    checked = _connect(temporary, key)
    try:
        rows = checked.execute("PRAGMA quick_check(1)").fetchall()
        checked.execute("SELECT version_num FROM alembic_version").fetchone()
        checked.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        checked.close()
    if rows != [("ok",)]:
        raise DatabaseRefused(f"The converted copy failed its check ({rows[0][0]}).")


def _remove_side_files(path: Path) -> None:
    # Checkpointed and truncated above: what is left belongs to the file being replaced.
    for suffix in _SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
