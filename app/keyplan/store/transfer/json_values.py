"""What a value of a JSON export becomes in a column: checked, and converted where needed.

A file may have been edited by hand: every row is checked against the table's columns and
every value against its column's type, with a message that names the row and the column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy import types as sqltypes

from keyplan.store.transfer.json_tables import ImportRefused


def row_decoder(table: Table) -> Callable[[Mapping[str, Any], int], dict[str, Any]]:
    """The function that checks a row from the file and turns its values into column values."""
    converters = {column.name: _converter(column) for column in table.columns}
    # A value of exactly this type is already what the column holds (most are): no call.
    ready = {column.name: _ready_type(column) for column in table.columns}
    known = frozenset(converters)

    def decoded(row: Mapping[str, Any], number: int) -> dict[str, Any]:
        if not isinstance(row, Mapping):
            raise ImportRefused(f"Row {number} of {table.name} is not a set of named values.")
        if not row.keys() <= known:
            unknown = sorted(set(row) - known)
            raise ImportRefused(
                f"{table.name} in the file has columns this version of Keyplan does not know "
                f"({', '.join(unknown)})."
            )
        row_id = row.get("id")
        if not isinstance(row_id, int) or isinstance(row_id, bool):
            raise ImportRefused(f"Row {number} of {table.name} has no id.")
        values = dict(row)
        try:
            for name, value in row.items():
                if value is not None and type(value) is not ready[name]:
                    values[name] = converters[name](value)
        except (TypeError, ValueError) as error:
            raise ImportRefused(f"Row {number} of {table.name}: {error}") from error
        return values

    return decoded


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
    name, kind = column.name, column.type

    def text(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError(f"{name} must be text, not {value!r}.")
        return value

    def flag(value: Any) -> bool:
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be true or false, not {value!r}.")
        return value

    def whole(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{name} must be a whole number, not {value!r}.")
        return value

    def number(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{name} must be a number, not {value!r}.")
        return float(value)

    if isinstance(kind, sqltypes.DateTime):
        return lambda value: datetime.fromisoformat(text(value))
    if isinstance(kind, sqltypes.Date):
        return lambda value: date.fromisoformat(text(value))
    if isinstance(kind, sqltypes.Boolean):
        return flag
    if isinstance(kind, sqltypes.Integer):
        return whole
    if isinstance(kind, sqltypes.Float | sqltypes.Numeric):
        return number
    return text
