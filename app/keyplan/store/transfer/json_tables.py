"""What the JSON export and import know of the tables, read from the SQLAlchemy metadata.

Shared by ``json_rows`` (export) and ``json_import`` (import), so that a column added by a
later migration travels both ways without a change in either.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Table

from keyplan.domain.errors import KeyplanError
from keyplan.store.models import Base

ROOT_TABLE = "accounts"
NAME_COLUMN = "name"
BOOKKEEPING = {"id", "created_at", "updated_at"}  # not part of what makes two rows the same

Rows = dict[str, list[dict[str, Any]]]  # table name -> rows (JSON-ready values)


class ImportRefused(KeyplanError):
    """The rows cannot be imported; the message says why, and nothing was written."""


# The change log stays home: its entries name people and accounts by id without a foreign
# key (a deleted person keeps their history), so an import could not rewrite them to the new
# ids. An imported account's history starts with the import ("created" entries).
# Nor do a team database's grants (revision 0010): they name the server's roles, and who may
# see an account is decided where it is imported.
NOT_EXCHANGED = frozenset({"change_log", "account_access"})


def tables() -> list[Table]:
    """Every exchanged table, parents before the tables that refer to them."""
    return [table for table in Base.metadata.sorted_tables if table.name not in NOT_EXCHANGED]


def target(column: Column) -> str | None:
    """The table a column refers to, or None.

    A column may refer without a database constraint (``info["refers_to"]``, see
    ``Stakeholder.previous_record_id``): it is renumbered all the same.
    """
    if "refers_to" in column.info:
        return str(column.info["refers_to"])
    for foreign_key in column.foreign_keys:
        return foreign_key.column.table.name
    return None


def references(table: Table) -> list[tuple[Column, str]]:
    """(column, table it refers to) of every reference column of a table."""
    return [(column, referred) for column in table.columns if (referred := target(column))]


def reference_names(table: Table) -> list[tuple[str, str]]:
    """(column name, table it refers to) of every reference column of a table (cached)."""
    cached = _REFERENCES.get(table.name)
    if cached is None:
        cached = _REFERENCES[table.name] = [(c.name, t) for c, t in references(table)]
    return cached


_REFERENCES: dict[str, list[tuple[str, str]]] = {}


def self_reference_names(table: Table) -> list[str]:
    """The columns of a table that refer to its own rows (a manager, a parent account)."""
    cached = _SELF_REFERENCES.get(table.name)
    if cached is None:
        cached = _SELF_REFERENCES[table.name] = [
            name for name, referred in reference_names(table) if referred == table.name
        ]
    return cached


_SELF_REFERENCES: dict[str, list[str]] = {}


def referred_tables() -> set[str]:
    """The tables some column refers to: their rows need a known number or id to point at."""
    return {referred for table in tables() for _name, referred in reference_names(table)}


def owned_tables() -> set[str]:
    """Tables whose rows belong to an account: the root, and those with a required reference."""
    return {ROOT_TABLE} | {
        table.name
        for table in tables()
        if any(not column.nullable for column, _target in references(table))
    }
