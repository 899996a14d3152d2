"""One change as the log keeps it, and the typed value of a logged text."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

CREATED, DELETED = "created", "deleted"
PERSON, INFLUENCE, ACCOUNT = "person", "influence", "account"
OWNER = "owner"  # a person's relationship owner: one entry per owner added or removed
DOTTED_LINE = "dotted_line"  # a person's dotted-line manager: one entry per line drawn or removed

# Fields whose logged text is a number (ids, scales), and the flags.
_INTEGERS = frozenset(
    {"reports_to_id", "strength", "preferred_team_member_id", "account_id", "parent_id",
     "contact_frequency_days", "review_cadence_days", OWNER, "from_stakeholder_id",
     "to_stakeholder_id", DOTTED_LINE, "previous_record_id"}
)  # fmt: skip
_FLAGS = frozenset({"has_left", "is_vacancy"})
# Fields whose logged text is the value itself (the common ones, read without a conversion).
_PLAIN = frozenset({"stance", "job_title", "buying_role", "influence", "department", "full_name"})


class ChangeEntry(NamedTuple):
    """One row of the change log: a field of an entity, from ``old`` to ``new``.

    ``old``/``new`` are typed (``typed_value``); a "deleted" entry's ``old`` is the row's
    values then, a "created" entry's ``new`` its name. A named tuple, not a frozen
    dataclass: a year of a large account is tens of thousands of them, made 3 times faster.
    """

    changed_at: datetime
    changed_by: str | None
    account_id: int | None
    entity_kind: str
    entity_id: int
    field: str
    old: Any
    new: Any
    is_undo: bool = False


def typed_value(field: str, text: str | None) -> Any:
    """The value a logged text stands for: ids and scales as int, flags as bool."""
    if text is None:
        return None
    if field == DELETED:
        values = json.loads(text)
        return {name: typed_value(name, value) for name, value in values.items()}
    if field in _INTEGERS:
        try:
            return int(text)
        except ValueError:
            return None
    if field in _FLAGS:
        return text in ("1", "true", "True")
    return text


def entries_from_rows(rows: list[Any]) -> list[ChangeEntry]:
    """``entry_from_row`` of many rows, in one tight loop (a year is ~20,000 rows)."""
    parse, typed, plain, integers = datetime.fromisoformat, typed_value, _PLAIN, _INTEGERS
    # The tuple made directly: a named tuple's own __new__ is a Python call per row.
    make, entry = tuple.__new__, ChangeEntry
    entries = []
    for at, by, account, kind, entity, field, old, new, undo in rows:
        if isinstance(at, str):
            at = parse(at)
        if field in plain:
            pass
        elif field in integers and old is not None and new is not None:
            old, new = _integer(old), _integer(new)  # a move, a strength: no lookups
        else:
            old = typed(field, old)
            new = new if field == CREATED else typed(field, new)
        entries.append(make(entry, (at, by, account, kind, entity, field, old, new, bool(undo))))
    return entries


def _integer(text: str) -> int | None:
    """``typed_value`` of a field holding a number."""
    try:
        return int(text)
    except ValueError:
        return None


def entry_from_row(row: tuple[Any, ...] | Any) -> ChangeEntry:
    """A ``ChangeEntry`` from (changed_at, by, account, kind, id, field, old, new, is_undo)."""
    at, by, account, kind, entity, field, old, new, undo = row
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return ChangeEntry(
        at, by, account, kind, entity, field, typed_value(field, old),
        typed_value(field, new) if field != CREATED else new, bool(undo),
    )  # fmt: skip


def undone_positions(entries: Sequence[ChangeEntry]) -> set[int]:
    """Which entries (oldest first) an undo later took back: for each undo, the latest earlier
    change of the same row that it reverses."""
    undone: set[int] = set()
    for position, entry in enumerate(entries):
        if not entry.is_undo:
            continue
        for earlier in range(position - 1, -1, -1):
            change = entries[earlier]
            if earlier not in undone and not change.is_undo and _reverses(entry, change):
                undone.add(earlier)
                break
    return undone


def _reverses(undo: ChangeEntry, change: ChangeEntry) -> bool:
    """Whether the undo takes the change back: a row's creation and deletion, or a field set
    back from the change's new value to its old one."""
    if (undo.entity_kind, undo.entity_id) != (change.entity_kind, change.entity_id):
        return False
    if {undo.field, change.field} == {CREATED, DELETED}:
        return True
    return undo.field == change.field and (undo.old, undo.new) == (change.new, change.old)
