"""Two people saving the same record: what this window last saw, and the refusal it earns.

Every versioned row this ``Database`` reads for its windows is remembered with its version
(``SeenRow``). When an edit saves a row whose version has moved on since then, a teammate has
changed it meanwhile: the save is refused with ``EditConflict``, which says who changed what
and when, and nothing is overwritten. Plain Python: the UI imports this to catch the error
without loading SQLAlchemy.
"""

from __future__ import annotations

import getpass
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from keyplan.domain.errors import KeyplanError

# Rows whose values are kept to say *what* a teammate changed; older ones keep their version
# only (a window that read 20,000 people would otherwise hold some 35 MB of copies).
VALUES_KEPT = 2000

# Columns that change with every save: they say nothing about *what* a teammate changed.
BOOKKEEPING_COLUMNS = frozenset({"id", "version", "updated_at", "updated_by", "created_at"})

# How a message names a row of each table, and which column holds its name.
_NOUNS = {
    "accounts": ("account", "name"),
    "stakeholders": ("", "full_name"),
    "team_members": ("team member", "name"),
    "offerings": ("offering", "name"),
    "opportunities": ("opportunity", "name"),
    "risks": ("risk", "description"),
    "objectives": ("objective", "description"),
    "actions": ("action", "description"),
    "commitments": ("promise", "promise"),
    "competitor_presences": ("competitor", "competitor"),
    "whitespace_cells": ("whitespace cell", "department"),
    "influence_lines": ("influence line", "note"),
    "interactions": ("interaction", "summary"),
    "relationship_owners": ("relationship owner", "rule"),
}


@dataclass(frozen=True, slots=True)
class SeenRow:
    """A row as this window last read or wrote it (``values`` empty once it is old)."""

    version: int
    values: dict[str, Any] = field(repr=False)


class SeenVersions:
    """The version of each row a window last read or wrote, by ``(table, id)``.

    Read sessions on any thread add to it; a lock keeps the bookkeeping consistent.
    """

    def __init__(self, values_kept: int = VALUES_KEPT) -> None:
        self._rows: dict[tuple[str, int], SeenRow] = {}
        self._with_values: OrderedDict[tuple[str, int], None] = OrderedDict()
        self._values_kept = values_kept
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, key: tuple[str, int]) -> SeenRow | None:
        return self._rows.get(key)

    def remember(self, key: tuple[str, int], version: int, values: dict[str, Any]) -> None:
        with self._lock:
            self._rows[key] = SeenRow(version, values)
            kept = self._with_values
            if key in kept:
                kept.move_to_end(key)
                return
            kept[key] = None
            if len(kept) > self._values_kept:
                old, _ = kept.popitem(last=False)
                if old in self._rows:
                    self._rows[old] = SeenRow(self._rows[old].version, {})

    def forget(self, key: tuple[str, int]) -> None:
        with self._lock:
            self._rows.pop(key, None)
            self._with_values.pop(key, None)

    def forget_tables(self, tables: Iterable[str]) -> None:
        names = set(tables)
        with self._lock:
            for key in [key for key in self._rows if key[0] in names]:
                self._rows.pop(key)
                self._with_values.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._rows.clear()
            self._with_values.clear()


class EditConflict(KeyplanError):
    """A save refused because a teammate changed (or deleted) the record since it was read.

    Attributes:
        table: the table of the record, e.g. ``stakeholders``.
        row_id: the record's id.
        changed_by: who saved the newer version (None when not known, or when it was deleted).
        changed_at: when, in UTC (None when not known).
        fields: the names of the fields that differ from what this window had read.
        deleted: the record is gone.
    """

    def __init__(
        self,
        message: str,
        *,
        table: str,
        row_id: int,
        changed_by: str | None = None,
        changed_at: datetime | None = None,
        fields: tuple[str, ...] = (),
        deleted: bool = False,
    ) -> None:
        super().__init__(message)
        self.table = table
        self.row_id = row_id
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.fields = fields
        self.deleted = deleted


def default_user_name() -> str:
    """Who is editing when the settings do not say: ``KEYPLAN_USER``, else the OS user."""
    name = os.environ.get("KEYPLAN_USER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password file
        return "unknown"


def changed_fields(seen: dict[str, Any], current: dict[str, Any]) -> tuple[str, ...]:
    """The columns whose stored value differs from the one this window had read.

    A column missing from what was read was never given a value here: it was empty. Nothing
    is known when no values were kept at all.
    """
    if not seen:
        return ()
    return tuple(
        name
        for name, value in current.items()
        if name not in BOOKKEEPING_COLUMNS and seen.get(name) != value
    )


def conflict_for(
    table: str, row_id: int, seen: dict[str, Any], current: dict[str, Any] | None
) -> EditConflict:
    """The refusal for a save of ``table``/``row_id``, from the row read and the row now."""
    if current is None:
        name = _record_name(table, seen)
        return EditConflict(
            f"{_capitalised(name)} was deleted by someone else after you loaded it. "
            f"Your change was not saved.",
            table=table,
            row_id=row_id,
            deleted=True,
        )
    fields = changed_fields(seen, current)
    who = current.get("updated_by") or "Someone"
    when = current.get("updated_at")
    what = f" ({', '.join(field_label(table, f) for f in fields)})" if fields else ""
    at = f" on {_local_time(when)}" if isinstance(when, datetime) else ""
    name = _record_name(table, current)
    return EditConflict(
        f"{who} changed {name}{what}{at}, after you loaded it. Your change was not saved, "
        f"so theirs is not lost. Reload to see their version, then make your change again "
        f"if it still applies.",
        table=table,
        row_id=row_id,
        changed_by=current.get("updated_by"),
        changed_at=when if isinstance(when, datetime) else None,
        fields=fields,
    )


def field_label(table: str, name: str) -> str:
    """How a person calls a column: the label of its field spec when there is one."""
    from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS

    if name in ("map_x", "map_y"):
        return "position on the map"
    specs = {"accounts": ACCOUNT_FIELDS, "stakeholders": STAKEHOLDER_FIELDS}.get(table, {})
    spec = specs.get(name)
    return spec.label.lower() if spec else name.removesuffix("_id").replace("_", " ")


def _record_name(table: str, values: dict[str, Any]) -> str:
    noun, column = _NOUNS.get(table, (table.replace("_", " "), "name"))
    title = str(values.get(column) or "").strip()
    if len(title) > 40:
        title = title[:40] + "…"
    if not noun:
        return title or "this person"
    return f"the {noun} '{title}'" if title else f"this {noun}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _local_time(utc: datetime) -> str:
    """A stored UTC time as the reader's clock shows it."""
    return utc.replace(tzinfo=UTC).astimezone().strftime("%d %b %Y at %H:%M")
