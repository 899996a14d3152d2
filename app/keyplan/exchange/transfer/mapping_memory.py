"""Column mappings the user gave for CSV files of no known kind, remembered per header.

Kept in ``import-mappings.json`` in the user's configuration folder (``platformdirs``), not in
Qt's settings, so that ``keyplan import`` on the command line reads the same mapping the
import wizard saved. A header is known by its set of column names (case and order do not
count), so the next monthly export from the same system maps itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from keyplan.exchange.transfer.contacts import IMPORT_FIELDS

FILE_NAME = "import-mappings.json"
# Enough for every system a director exports from; the oldest are forgotten first.
MAX_REMEMBERED = 50


def memory_path() -> Path:
    """Where the mappings are kept (the folder may not exist yet)."""
    from platformdirs import user_config_path

    return user_config_path("Keyplan", appauthor=False) / FILE_NAME


def header_signature(header: list[str]) -> str:
    """The key of a header: its column names, case-folded, sorted, one per line."""
    return "\n".join(sorted({" ".join(column.casefold().split()) for column in header}))


def recall(header: list[str]) -> dict[str, str] | None:
    """The mapping (column name -> import field) saved for this header, or None."""
    saved = _load().get(header_signature(header))
    if not isinstance(saved, dict):
        return None
    columns = set(header)
    mapping = {
        column: field
        for column, field in saved.items()
        if column in columns and field in IMPORT_FIELDS
    }
    return mapping or None


def remember(header: list[str], mapping: dict[str, str]) -> None:
    """Save the mapping for this header (a failure to save is not worth stopping an import)."""
    entries = _load()
    signature = header_signature(header)
    entries.pop(signature, None)
    entries[signature] = dict(mapping)
    while len(entries) > MAX_REMEMBERED:
        entries.pop(next(iter(entries)))
    # A read-only home folder: the mapping is asked again next time.
    with contextlib.suppress(OSError):
        _save(entries)


def _load() -> dict[str, object]:
    try:
        data = json.loads(memory_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(entries: dict[str, object]) -> None:
    path = memory_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write a whole new file and swap it in: a crash never leaves half a JSON file.
    handle, temporary = tempfile.mkstemp(prefix=".import-mappings-", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entries, stream, ensure_ascii=False, indent=1)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
