"""How a JSON file's rows meet the rows already in the database.

New ids for each table's rows (held as runs, not row by row), affiliates' names under one
parent kept apart, a top-level account's taken name given the first free "Name (n)", and shared
rows (offerings, team members) that are already there found instead of added twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import RowMapping, Table, select
from sqlalchemy.orm import Session

from keyplan.domain.plain_text import terminal_safe
from keyplan.store.models import Base
from keyplan.store.transfer.json_tables import (
    BOOKKEEPING,
    NAME_COLUMN,
    ROOT_TABLE,
    ImportRefused,
    target,
)


class Affiliates:
    """The affiliates' names under each parent account, so that two of one name under one
    parent are refused naming both (the database would only name its sibling-name index).

    An account whose parent came earlier in the file goes in under that parent at once; only
    one whose parent comes later is written without a parent first and linked at the end
    (written without a parent, it would otherwise clash with a top-level account's name).
    """

    def __init__(self) -> None:
        self._labels: dict[tuple[int, str], str] = {}
        self._deferred: set[int] = set()

    def __contains__(self, row_id: int) -> bool:
        """Whether the account's parent comes later in the file (its link waits)."""
        return row_id in self._deferred

    def place(self, row: dict[str, Any], ids: NewIds, label: str, names: Mapping[int, str]) -> None:
        """Put the account under its parent's new id when the parent is already written."""
        parent = row.get("parent_id")
        if parent is None:
            return
        new_parent = ids.get(parent) if isinstance(parent, int) else None
        if new_parent is None:
            self._deferred.add(row["id"])
            return
        row["parent_id"] = new_parent
        self.add(new_parent, str(row.get(NAME_COLUMN)), label, names)

    def add(self, parent_id: int | None, name: str, label: str, names: Mapping[int, str]) -> None:
        if parent_id is None:
            return
        other = self._labels.setdefault((parent_id, name), label)
        if other is not label:
            parent = terminal_safe(names.get(parent_id, "")[:80])
            raise ImportRefused(
                f"{other} and {label} would both be affiliates of {parent!r} under the same "
                f"name; an account's affiliates need different names (check their "
                f"parent_id). Nothing was imported."
            )


class NewIds:
    """File id -> new id, for the rows of one table.

    An export numbers a table's rows 1, 2, 3 … and they get consecutive new ids: such a run
    is held as its start and length, not row by row; ids that break it go in a dict.
    """

    def __init__(self) -> None:
        self._file_start = self._new_start = self._length = 0
        self._others: dict[int, int] = {}

    def add(self, file_id: int, new_id: int) -> None:
        if self._length == 0 and not self._others:
            self._file_start, self._new_start = file_id, new_id
        if (
            not self._others
            and file_id == self._file_start + self._length
            and new_id == self._new_start + self._length
        ):
            self._length += 1
        else:
            self._others[file_id] = new_id

    def get(self, file_id: int) -> int | None:
        offset = file_id - self._file_start
        if 0 <= offset < self._length:
            return self._new_start + offset
        return self._others.get(file_id)

    def __contains__(self, file_id: int) -> bool:
        return self.get(file_id) is not None


class TopNames:
    """Gives a top-level account whose name is taken the first free "Name (n)"."""

    def __init__(self, session: Session) -> None:
        table = Base.metadata.tables[ROOT_TABLE]
        statement = select(table.c[NAME_COLUMN]).where(table.c.parent_id.is_(None))
        self.taken = {name.lower() for name in session.scalars(statement)}

    def rename_if_taken(self, row: dict[str, Any], renamed: list[tuple[str, str]]) -> None:
        if row.get("parent_id") is not None or NAME_COLUMN not in row:
            return
        original = row[NAME_COLUMN]
        name, number = original, 2
        while name.lower() in self.taken:
            name = f"{original} ({number})"
            number += 1
        if name != original:
            row[NAME_COLUMN] = name
            renamed.append((original, name))
        self.taken.add(name.lower())


def existing_rows(session: Session, table: Table) -> dict[tuple, int]:
    """The shared rows already in the target, by what identifies them (see ``_identities``)."""
    found: dict[tuple, int] = {}
    for row in session.execute(select(table)).mappings():
        for key in _identities(table, row):
            found.setdefault(key, row["id"])
    return found


def same_row(table: Table, row: Mapping[str, Any], existing: dict[tuple, int]) -> int | None:
    for key in _identities(table, row):
        if key in existing:
            return existing[key]
    return None


def _identities(table: Table, row: Mapping[str, Any] | RowMapping) -> list[tuple]:
    """Keys under which a shared row counts as one already there.

    Its unique columns (an offering's name), else all its content columns together (a team
    member with the same name, role and e-mail).
    """
    keys = [
        ("unique", column.name, _folded(row.get(column.name)))
        for column in table.columns
        if column.unique and row.get(column.name) is not None
    ]
    if keys:
        return keys
    content = tuple(
        (column.name, _folded(row.get(column.name)))
        for column in table.columns
        if column.name not in BOOKKEEPING and target(column) is None
    )
    return [("content", *content)]


def _folded(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value
