"""Where a database file's rolling backups live, worked out without importing the backups.

Every command that opens a database file asks for this folder (leftovers are tidied there,
and an export may not be written into it), so it is kept apart from ``backup``: importing
that module, and ``platformdirs`` with its ``tempfile`` and ``random``, cost a whole-process
export some 10 ms of its CPU time. On Linux the user-data folder is read from the two
variables ``platformdirs`` reads there; anywhere else, or when the home folder is not a
plain absolute path, ``platformdirs`` itself answers (tests/store/safety pin both to agree).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from keyplan.paths import APP_NAME


def backups_folder(database: Path) -> Path:
    """Where the rolling backups of one database file live (not created here).

    The folder is named after the file and a short hash of its full path, so two files
    called ``keyplan.db`` in different folders keep apart.
    """
    resolved = str(Path(database).expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return user_data_folder() / "backups" / f"{Path(database).stem}-{digest}"


def user_data_folder() -> Path:
    """Keyplan's folder in the user's data folder, as ``platformdirs.user_data_path`` says."""
    plain = _plain_linux_data_folder()
    if plain is not None:
        return Path(plain, APP_NAME)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def _plain_linux_data_folder() -> str | None:
    """``$XDG_DATA_HOME`` when absolute, else ``$HOME/.local/share``, on a desktop Linux
    with an absolute ``$HOME``; None when ``platformdirs`` has more to weigh (another
    system, an Android app, a home folder to look up)."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if os.environ.get("ANDROID_DATA") == "/data" and os.environ.get("ANDROID_ROOT") == "/system":
        return None
    xdg = os.environ.get("XDG_DATA_HOME", "")
    if os.path.isabs(xdg):
        return xdg
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return os.path.expanduser("~/.local/share")
