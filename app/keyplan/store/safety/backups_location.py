"""Where a database file's rolling backups live, worked out without importing the backups.

Every command that opens a database file asks for this folder (leftovers are tidied there,
and an export may not be written into it), so it is kept apart from ``backup``, whose imports
(sqlite3, the cipher's detection, dataclasses) every command would otherwise pay for.
"""

from __future__ import annotations

import hashlib
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
    """Keyplan's folder in the user's data folder (``platformdirs`` knows where that is)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
