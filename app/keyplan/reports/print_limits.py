"""Text cut to the field limits before it is printed, whatever an old database holds.

The editors and imports keep names to 200 characters and notes to 50,000 (``domain/fields``),
but a database written before those rules, or by another tool, may hold a 300,000-character
name. ReportLab breaks lines in time that grows with a paragraph's length times its cells, so
such a name, printed in every table that names the person, kept a PDF export running for
minutes. Every text of the plan is cut to its field's limit, with an ellipsis, once, before
any page is built; ``keyplan check`` names the value so that it can be corrected.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar

from keyplan.domain.fields import MAX_NAME_LENGTH, MAX_NOTE_LENGTH

T = TypeVar("T")
ELLIPSIS = "…"
# Attributes that hold names: a person's, an account's, a team member's.
_NAME_WORDS = ("name", "owner", "by_member", "team", "owners", "people")


def within_print_limits(value: T, attribute: str = "") -> T:
    """``value`` (a dataclass, tuple, list, dict or text) with every text cut to its limit.

    A text held by an attribute that names people or accounts is cut to a name's length,
    any other to a note's. Values already within their limits are returned as they are.
    """
    return _within(value, attribute)  # type: ignore[no-any-return]


# Values kept as they are without a call (a plan holds tens of thousands): those that hold no
# text, and sets (of ids: a snapshot's owners), which ``_within`` never looks into.
_NO_TEXT_TYPES = frozenset({type(None), bool, int, float, Decimal, date, datetime, frozenset, set})


def _plainly_within(value: Any) -> bool:
    """True for a value that needs no cut, decided without a recursive call: no text, or a
    plain text within every limit."""
    kind = type(value)
    return kind in _NO_TEXT_TYPES or (kind is str and len(value) <= MAX_NAME_LENGTH)


def _plain_items(value: Any) -> bool:
    """True for a plain tuple or dict whose items all need no cut: what ``_within`` would
    return unchanged, decided without the call (a person has several: fields, owners, ids)."""
    kind = type(value)
    if kind is tuple:
        return all(map(_plainly_within, value))
    return kind is dict and all(map(_plainly_within, value.values()))


def _within(value: Any, attribute: str) -> Any:
    if isinstance(value, str):
        if len(value) <= MAX_NAME_LENGTH:  # within every limit: most texts, decided at once
            return value
        return _cut(value, _limit(attribute))
    if value is None or isinstance(value, int | float):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(type(value)):
            current = getattr(value, name)
            if _plainly_within(current) or _plain_items(current):
                continue
            within = _within(current, name)
            if within is not current:
                changes[name] = within
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        if all(map(_plainly_within, value)):  # ids, dates, short names: most
            return value
        if hasattr(value, "_fields"):  # a named tuple: each item by its own field's name
            items = [_within(item, name) for name, item in zip(value._fields, value, strict=True)]
        else:
            items = [_within(item, attribute) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else _same_tuple(value, items)
    if isinstance(value, dict):
        if all(map(_plainly_within, value.values())):  # a person's fields, mostly
            return value
        # Keyed by field name, each value by its own; keyed by id (names by person), by the
        # attribute that holds the dictionary.
        cut = {
            key: _within(item, key if isinstance(key, str) else attribute)
            for key, item in value.items()
        }
        return value if all(cut[k] is value[k] for k in value) else cut
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names, read once per class (a plan holds thousands of rows)."""
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(field.name for field in dataclasses.fields(kind))
    return names


def _same_tuple(original: tuple[Any, ...], items: list[Any]) -> tuple[Any, ...]:
    if hasattr(original, "_fields"):  # a named tuple
        return type(original)(*items)
    return tuple(items)


def _limit(attribute: str) -> int:
    words = attribute.lower()
    return MAX_NAME_LENGTH if any(word in words for word in _NAME_WORDS) else MAX_NOTE_LENGTH


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS
