"""What a killed Keyplan left behind, tidied on the next start.

A process killed while writing an export or a backup leaves its ``.keyplan-partial-*``
temporary file (``atomic_files``). The next ``keyplan`` (window or command) that opens a
database file removes the stale ones beside the database and in its backups folder.
"""

from __future__ import annotations

from pathlib import Path

from keyplan.store.safety import backups_location
from keyplan.store.safety.atomic_files import remove_stale_partials


def tidy_leftovers(database: Path) -> list[Path]:
    """Remove stale partial files beside ``database`` and in its backups folder.

    Never fails: a folder that cannot be read is left alone.

    Returns:
        The files removed.
    """
    removed = remove_stale_partials(database.parent)
    try:
        folder = backups_location.backups_folder(database)
    except (OSError, RuntimeError):
        return removed
    return removed + remove_stale_partials(folder)
