"""The key of an encrypted Keyplan file: where it comes from, and checking it.

SQLCipher 4's defaults are kept: the key is PBKDF2-HMAC-SHA512 of the passphrase with the
file's own 16-byte salt (its first bytes), 256,000 rounds, 32 bytes. That derivation is meant
to be slow (≈ 0.2 s), so it runs once per file and process: connections are then keyed with
the derived key itself (SQLCipher's raw ``x'…'`` key), which costs nothing. Keys are kept in
this process by salt, so a backup written with the file's key and salt opens with it too.

Where a key comes from, in order: this process's memory; ``KEYPLAN_PASSPHRASE`` (for
scripts); the passphrase source the UI or the CLI installed (a dialog, a terminal prompt),
which returns a checked key or None when the user gives up. A passphrase is never written
anywhere by this module.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keyplan.domain.errors import DatabaseRefused

PASSPHRASE_VARIABLE = "KEYPLAN_PASSPHRASE"
SALT_BYTES = 16
KEY_BYTES = 32
KDF_ROUNDS = 256_000  # SQLCipher 4's default (PBKDF2-HMAC-SHA512)

# Asked for the key of a file: (the file, why the last try failed or None) -> a key that
# ``check_key`` accepted, or None when the user cancelled.
PassphraseSource = Callable[[Path, "str | None"], "bytes | None"]

_keys: dict[bytes, bytes] = {}  # salt -> key
_keys_lock = threading.Lock()
_source: PassphraseSource | None = None
# Derivations started ahead (``start_deriving_key``): salt -> (passphrase, thread, its result)
_deriving: dict[bytes, tuple[str, threading.Thread, list[bytes]]] = {}


class WrongPassphrase(DatabaseRefused):
    """The passphrase given does not open the file; nothing was changed."""


class PassphraseNeeded(DatabaseRefused):
    """The file is encrypted and no passphrase was given (or the user cancelled)."""


def set_passphrase_source(source: PassphraseSource | None) -> None:
    """Who is asked for a passphrase this process does not know yet (None: nobody)."""
    global _source
    _source = source


def wrong_passphrase_message(path: Path, where: str = "") -> str:
    return f"Wrong passphrase for {path}{where}. Nothing was changed."


def file_salt(path: Path) -> bytes:
    """The salt SQLCipher keeps in the first bytes of an encrypted file."""
    try:
        with open(path, "rb") as handle:
            return handle.read(SALT_BYTES)
    except OSError as error:
        raise DatabaseRefused(f"Cannot read {path}: {error.strerror}.") from error


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """SQLCipher 4's key for a passphrase and a salt (the slow part, ≈ 0.2 s)."""
    import hashlib  # OpenSSL loads with it: not at every start

    return hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ROUNDS, KEY_BYTES)


def start_deriving_key(location: str | None) -> None:
    """Begin deriving ``KEYPLAN_PASSPHRASE``'s key for the encrypted file at ``location`` in a
    background thread, so that the slow derivation runs while Qt loads (OpenSSL lets go of the
    interpreter meanwhile); ``try_passphrase`` picks the result up. Nothing for a plain file."""
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase or not location or "://" in location:
        return
    from keyplan.store.cipher.detect import is_encrypted_file

    path = Path(location).expanduser()
    if not is_encrypted_file(path):
        return
    salt = file_salt(path)
    result: list[bytes] = []
    thread = threading.Thread(
        target=lambda: result.append(derive_key(passphrase, salt)),
        name="keyplan-key",
        daemon=True,  # a start that ends at once need not wait for it
    )
    thread.start()
    with _keys_lock:
        _deriving[salt] = (passphrase, thread, result)


def _key_of(passphrase: str, salt: bytes) -> bytes:
    """``derive_key``, or the key ``start_deriving_key`` derived for the same two."""
    with _keys_lock:
        pending = _deriving.pop(salt, None)
    if pending is not None and pending[0] == passphrase:
        pending[1].join()
        if pending[2]:
            return pending[2][0]
    return derive_key(passphrase, salt)


def raw_key(key: bytes, salt: bytes | None = None) -> str:
    """SQLCipher's text for a derived key (and, for a new file, the salt to write into it)."""
    return f"x'{key.hex()}{salt.hex() if salt else ''}'"


def raw_key_pragma(key: bytes, salt: bytes | None = None) -> str:
    """``PRAGMA key`` with a derived key: no slow derivation for this connection."""
    return f'PRAGMA key = "{raw_key(key, salt)}"'


def remember_key(salt: bytes, key: bytes) -> None:
    with _keys_lock:
        _keys[salt] = key


def forget_keys() -> None:
    """Forget every key this process knows (tests; a user who locks the app)."""
    with _keys_lock:
        _keys.clear()


def known_key(path: Path) -> bytes | None:
    """The key of ``path`` if this process already knows it."""
    with _keys_lock:
        return _keys.get(file_salt(path))


def try_passphrase(path: Path, passphrase: str) -> bytes | None:
    """The key of ``path`` when ``passphrase`` opens it (and it is then remembered), else None."""
    salt = file_salt(path)
    import sqlcipher3  # noqa: F401  (loads while a key started ahead is still deriving)

    key = _key_of(passphrase, salt)
    if not check_key(path, key):
        return None
    remember_key(salt, key)
    return key


def check_key(path: Path, key: bytes) -> bool:
    """Whether ``key`` opens ``path`` (read-only: nothing is written)."""
    import sqlcipher3

    connection = sqlcipher3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        _quiet(connection)
        connection.execute(raw_key_pragma(key))
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        if "not a database" in str(error):
            return False
        raise DatabaseRefused(f"Cannot read {path}: {error}.") from error
    finally:
        connection.close()
    remember_key(file_salt(path), key)
    return True


def key_for(path: Path) -> bytes:
    """The key of the encrypted file ``path``, from wherever it can be had.

    Raises:
        WrongPassphrase: ``KEYPLAN_PASSPHRASE`` is wrong and nobody can be asked.
        PassphraseNeeded: no passphrase, or the user cancelled.
    """
    key = known_key(path)
    if key is not None:
        return key
    problem = None
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if passphrase:
        key = try_passphrase(path, passphrase)
        if key is not None:
            return key
        problem = wrong_passphrase_message(path, f" (from {PASSPHRASE_VARIABLE})")
    if _source is None:
        if problem:
            raise WrongPassphrase(problem)
        raise PassphraseNeeded(
            f"{path} is encrypted: give its passphrase in {PASSPHRASE_VARIABLE} to open it."
        )
    key = _source(path, problem)
    if key is None:
        raise PassphraseNeeded(f"{path} is encrypted and was not opened: no passphrase given.")
    return key


def connect_encrypted(path: Path, target: str | Path, *, uri: bool = False, **options: Any) -> Any:
    """An SQLCipher connection to ``target`` keyed with the key of ``path``."""
    import sqlcipher3  # first: it loads while a key started ahead is still deriving

    key = key_for(path)

    connection = sqlcipher3.connect(target, uri=uri, **options)
    _quiet(connection)
    connection.execute(raw_key_pragma(key))
    return connection


def _quiet(connection: Any) -> None:
    # SQLCipher logs every failed page check to stderr; a wrong key is our message, not that.
    connection.execute("PRAGMA cipher_log_level = NONE")
