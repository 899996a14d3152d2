"""An encrypted file's key in the system keyring, when the user ticks "Remember".

What is stored is the file's derived key (hex), under the file's absolute path, not the
passphrase: the entry opens that one file (its salt is in it) and nothing else the user may
have protected with the same passphrase, and a start with it skips the slow derivation. A file
encrypted anew (new salt) no longer opens with the entry; it is then asked for and replaced.
``keyring`` loads only when an entry is read or written.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from keyplan.domain.errors import KeyplanError

SERVICE = "Keyplan database key"


class KeyringUnavailable(KeyplanError):
    """The system keyring cannot be used here; the message says why."""


def entry_name(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def remember_in_keyring(path: Path, key: bytes) -> None:
    """Keep ``key`` for ``path`` in the system keyring.

    Raises:
        KeyringUnavailable: no keyring (a headless machine), or it refused.
    """
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, entry_name(path), key.hex())
    except (KeyringError, RuntimeError, OSError) as error:
        raise KeyringUnavailable(
            f"The system keyring cannot keep the passphrase ({error or type(error).__name__}); "
            f"it will be asked again next time."
        ) from error


def key_from_keyring(path: Path) -> bytes | None:
    """The key kept for ``path``, or None (none kept, or no keyring)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, entry_name(path))
    except (KeyringError, RuntimeError, OSError):
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def forget_in_keyring(path: Path) -> None:
    """Remove the entry of ``path`` (none, or no keyring: nothing to do)."""
    import keyring
    from keyring.errors import KeyringError

    with contextlib.suppress(KeyringError, RuntimeError, OSError):
        keyring.delete_password(SERVICE, entry_name(path))
