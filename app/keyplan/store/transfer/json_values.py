"""What a value of a JSON export becomes in a column: checked, and converted where needed.

A file may have been edited by hand or written by anyone: every row is checked against the
table's columns, every value against its column's type and against the field's rules
(``domain.stored_values``: vocabularies, lengths, finite amounts, no control characters), with
a message that names the table, the row and the field — never the row's values. Control
characters are taken out of names, as every import does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy import types as sqltypes

from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import Kind
from keyplan.domain.stored_values import (
    TABLE_FIELDS,
    check_number_column,
    check_stored,
    check_text_column,
    cleaned_name,
)
from keyplan.store.transfer.json_tables import ImportRefused

#: The largest whole number a database column holds (a 64-bit integer).
_LARGEST_WHOLE = 2**63 - 1


def row_decoder(table: Table) -> Callable[[Mapping[str, Any], int], dict[str, Any]]:
    """The function that checks a row from the file and turns its values into column values."""
    converters = {column.name: _converter(column) for column in table.columns}
    # A value of exactly this type is already what the column holds (most are): no call.
    ready = {column.name: _ready_type(column) for column in table.columns}
    rules = {column.name: _rule(table.name, column) for column in table.columns}
    known = frozenset(converters)

    def decoded(row: Mapping[str, Any], number: int) -> dict[str, Any]:
        if not isinstance(row, Mapping):
            raise ImportRefused(f"Row {number} of {table.name} is not a set of named values.")
        if not row.keys() <= known:
            unknown = sorted(set(row) - known)
            raise ImportRefused(
                f"{table.name} in the file has columns this version of Keyplan does not know "
                f"({', '.join(_short(name) for name in unknown[:5])})."
            )
        row_id = row.get("id")
        if not isinstance(row_id, int) or isinstance(row_id, bool) or row_id > _LARGEST_WHOLE:
            raise ImportRefused(f"Row {number} of {table.name} has no id.")
        values = dict(row)
        try:
            for name, value in row.items():
                if value is None:
                    continue
                if type(value) is not ready[name]:
                    value = values[name] = converters[name](value)
                rule = rules[name]
                if rule is not None:
                    values[name] = rule(value)
        except RuleViolation as error:
            raise ImportRefused(f"Row {number} of {table.name}: {error}") from None
        except (TypeError, ValueError) as error:
            raise ImportRefused(f"Row {number} of {table.name}: {name} {error}") from None
        return values

    return decoded


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:40] + "…"


def _rule(table: str, column: Column) -> Callable[[Any], Any] | None:
    """The check of a column's value beyond its type: the field's rules, or the column's."""
    spec = TABLE_FIELDS.get(table, {}).get(column.name)
    if spec is not None and spec.kind is not Kind.REFERENCE:

        def field_rule(value: Any) -> Any:
            return check_stored(spec, cleaned_name(table, column.name, value))

        return field_rule
    kind = column.type
    if isinstance(kind, sqltypes.String):
        length = getattr(kind, "length", None)

        def text_rule(value: Any) -> Any:
            check_text_column(column.name, value, length)
            return value

        return text_rule
    if isinstance(kind, sqltypes.Float | sqltypes.Numeric):

        def number_rule(value: Any) -> Any:
            check_number_column(column.name, value)
            return value

        return number_rule
    if isinstance(kind, sqltypes.Integer) and not isinstance(kind, sqltypes.Boolean):

        def whole_rule(value: Any) -> Any:
            if not -_LARGEST_WHOLE <= value <= _LARGEST_WHOLE:
                raise ValueError("is too large.")
            return value

        return whole_rule
    return None


def _ready_type(column: Column) -> type | None:
    """The type of a JSON value that goes into the column as it is (None: always convert)."""
    kind = column.type
    if isinstance(kind, sqltypes.Date | sqltypes.DateTime):
        return None
    if isinstance(kind, sqltypes.Boolean):
        return bool
    if isinstance(kind, sqltypes.Integer):
        return int
    if isinstance(kind, sqltypes.Float | sqltypes.Numeric):
        return float
    return str


def _converter(column: Column) -> Callable[[Any], Any]:
    kind = column.type

    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"must be text, not {_kind_of(value)}.")
        return value

    def flag(value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {_kind_of(value)}.")
        return value

    def whole(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, not {_kind_of(value)}.")
        return value

    def number(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"must be a number, not {_kind_of(value)}.")
        try:
            return float(value)
        except OverflowError:
            raise ValueError("is too large.") from None

    def moment(value: Any) -> datetime:
        try:
            return datetime.fromisoformat(text(value))
        except ValueError:
            raise ValueError("must be a date and time like 2027-03-31T09:30:00.") from None

    def day(value: Any) -> date:
        try:
            return date.fromisoformat(text(value))
        except ValueError:
            raise ValueError("must be a date like 2027-03-31.") from None

    if isinstance(kind, sqltypes.DateTime):
        return moment
    if isinstance(kind, sqltypes.Date):
        return day
    if isinstance(kind, sqltypes.Boolean):
        return flag
    if isinstance(kind, sqltypes.Integer):
        return whole
    if isinstance(kind, sqltypes.Float | sqltypes.Numeric):
        return number
    return text


def _kind_of(value: Any) -> str:
    """What a JSON value is, in words (a message never quotes the value itself)."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of named values"
    return "something else"
