"""Every row of the database, or of one account family, as plain data, and back again.

Built from the SQLAlchemy metadata, not from a list of fields: every table and every column
goes out and comes back, so a column added by a later migration travels without a change here.

Rows leave with their ids renumbered 1, 2, 3 … per table (in id order) and their references
rewritten to those numbers, so the same content always gives the same data, whatever ids the
source database happened to use. They come back under fresh ids after the rows already in the
target, references rewritten again, all in one transaction.

For one account, the rows taken are:
- the account and its affiliates below it;
- rows that belong to them: every required reference to such an "owned" table points at a
  row taken (people, plan rows, interactions, lines between two people taken, …);
- rows of the shared tables (team members, offerings, export records: tables with no
  required reference) that a taken row refers to, or that refer to a taken account.
References to rows not taken (the umbrella above the account, a manager in another affiliate)
become empty. On import, a shared row identical to one already there is reused, not doubled
(an offering with the same name, the same team member), and a top-level account whose name is
taken is renamed "Name (2)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, bindparam, delete, func, insert, select, update
from sqlalchemy import types as sqltypes
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from keyplan.domain.errors import KeyplanError
from keyplan.store.database import Database
from keyplan.store.integrity import reporting_cycles
from keyplan.store.models import Base

ROOT_TABLE = "accounts"
NAME_COLUMN = "name"
_BOOKKEEPING = {"id", "created_at", "updated_at"}  # not part of what makes two rows the same

Rows = dict[str, list[dict[str, Any]]]  # table name -> rows (JSON-ready values)


class ImportRefused(KeyplanError):
    """The rows cannot be imported; the message says why, and nothing was written."""


@dataclass
class ImportReceipt:
    """What an import wrote: enough to take it back (undo) and to write it again (redo)."""

    inserted: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # with final ids
    deferred: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # self-references
    reused: dict[str, int] = field(default_factory=dict)  # shared rows found already there
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (name in file, new name)

    def count(self, table: str) -> int:
        return len(self.inserted.get(table, []))

    @property
    def top_account_ids(self) -> list[int]:
        """The imported accounts that are not affiliates of another imported account."""
        below = {row["id"] for row in self.deferred.get(ROOT_TABLE, []) if row.get("parent_id")}
        return [row["id"] for row in self.inserted.get(ROOT_TABLE, []) if row["id"] not in below]


def tables() -> list[Table]:
    """Every table, parents before the tables that refer to them."""
    return list(Base.metadata.sorted_tables)


# ---- export -------------------------------------------------------------------------------


def export_rows(db: Database, account_id: int | None = None) -> Rows:
    """The rows of the whole database (None) or of one account and its affiliates.

    Returns:
        Table name -> rows in id order; every table is present, dates are ISO text.
    """
    with db.read() as session:
        everything = {table.name: _read_table(session, table) for table in tables()}
    if account_id is None:
        chosen = {name: set(rows) for name, rows in everything.items()}
    else:
        if account_id not in everything[ROOT_TABLE]:
            from keyplan.domain.errors import NotFound

            raise NotFound(f"That account no longer exists (id {account_id}).")
        chosen = _choose(everything, _family_below(everything[ROOT_TABLE], account_id))
    numbers = {
        name: {old: n for n, old in enumerate(sorted(ids), 1)} for name, ids in chosen.items()
    }
    return {
        table.name: [
            _exported(table, everything[table.name][old], numbers)
            for old in sorted(chosen[table.name])
        ]
        for table in tables()
    }


def _read_table(session: Session, table: Table) -> dict[int, dict[str, Any]]:
    return {row["id"]: dict(row) for row in session.execute(select(table)).mappings()}


def _family_below(accounts: Mapping[int, dict[str, Any]], account_id: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for row_id, row in accounts.items():
        if row["parent_id"] is not None:
            children.setdefault(row["parent_id"], []).append(row_id)
    family, stack = set(), [account_id]
    while stack:
        current = stack.pop()
        if current not in family:
            family.add(current)
            stack.extend(children.get(current, []))
    return family


def _choose(everything: Mapping[str, Mapping[int, dict]], accounts: set[int]) -> dict[str, set]:
    """The ids of every row that goes with these accounts (see the module's docstring)."""
    owned = _owned_tables()
    chosen: dict[str, set[int]] = {name: set() for name in everything}
    chosen[ROOT_TABLE] = set(accounts)
    for table in tables():
        if table.name == ROOT_TABLE or table.name not in owned:
            continue
        required = [
            (column.name, target)
            for column, target in _references(table)
            if not column.nullable and target in owned
        ]
        if not required:
            continue  # nothing ties its rows to an account: none are taken
        chosen[table.name] = {
            row_id
            for row_id, row in everything[table.name].items()
            if all(row[name] in chosen[target] for name, target in required)
        }
    _add_shared_rows(everything, chosen, owned)
    return chosen


def _add_shared_rows(
    everything: Mapping[str, Mapping[int, dict]], chosen: dict[str, set[int]], owned: set[str]
) -> None:
    grew = True
    while grew:
        grew = False
        for table in tables():
            if table.name in owned:
                continue
            wanted = _referred_to(everything, chosen, table.name)
            for column, target in _references(table):
                wanted |= {
                    row_id
                    for row_id, row in everything[table.name].items()
                    if target in owned and row[column.name] in chosen[target]
                }
            if not wanted <= chosen[table.name]:
                chosen[table.name] |= wanted
                grew = True


def _referred_to(
    everything: Mapping[str, Mapping[int, dict]], chosen: dict[str, set[int]], target: str
) -> set[int]:
    found: set[int] = set()
    for table in tables():
        for column, referred in _references(table):
            if referred == target:
                rows = everything[table.name]
                found |= {rows[i][column.name] for i in chosen[table.name]} - {None}
    return found


def _exported(table: Table, row: dict[str, Any], numbers: dict[str, dict[int, int]]) -> dict:
    values = {name: _to_json(value) for name, value in row.items()}
    values["id"] = numbers[table.name][row["id"]]
    for name, target in _reference_names(table):
        if values[name] is not None:
            values[name] = numbers[target].get(values[name])  # None: a row left out
    return values


def _to_json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# ---- import -------------------------------------------------------------------------------


def import_rows(db: Database, rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> ImportReceipt:
    """Add exported rows to a database, under new ids, in one transaction.

    Raises:
        ImportRefused: a table, a column or a value is not what Keyplan writes, a reference
            points at a row that is not in the data, or the rows break a rule of the
            database. Nothing is written then.
    """
    decoded = _decoded(rows)
    try:
        with db.transaction() as session:
            receipt = _plan_import(session, decoded)
            _write(session, receipt)
            _require_no_cycles(receipt)
    except IntegrityError as error:
        raise ImportRefused(
            f"The data breaks a rule of the database ({getattr(error, 'orig', error)}). "
            f"Nothing was imported."
        ) from error
    return receipt


def remove_imported(db: Database, receipt: ImportReceipt) -> None:
    """Take an import back: delete exactly the rows it inserted (undo)."""
    with db.transaction() as session:
        for table in reversed(tables()):
            ids = [row["id"] for row in receipt.inserted.get(table.name, [])]
            for start in range(0, len(ids), 500):
                session.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))


def reapply_import(db: Database, receipt: ImportReceipt) -> None:
    """Write an import again after it was taken back, under the same ids (redo)."""
    with db.transaction() as session:
        _write(session, receipt)


def _decoded(rows: Mapping[str, Iterable[Mapping[str, Any]]]) -> dict[str, list[dict]]:
    known = {table.name: table for table in tables()}
    unknown = sorted(set(rows) - set(known))
    if unknown:
        raise ImportRefused(
            f"The file has tables this version of Keyplan does not know ({', '.join(unknown)})."
        )
    return {
        name: [_decoded_row(known[name], row, number) for number, row in enumerate(table_rows, 1)]
        for name, table_rows in rows.items()
    }


def _decoded_row(table: Table, row: Mapping[str, Any], number: int) -> dict[str, Any]:
    if not isinstance(row, Mapping):
        raise ImportRefused(f"Row {number} of {table.name} is not a set of named values.")
    unknown = sorted(set(row) - set(table.c.keys()))
    if unknown:
        raise ImportRefused(
            f"{table.name} in the file has columns this version of Keyplan does not know "
            f"({', '.join(unknown)})."
        )
    if not isinstance(row.get("id"), int) or isinstance(row.get("id"), bool):
        raise ImportRefused(f"Row {number} of {table.name} has no id.")
    converters = _converters(table)
    try:
        return {
            name: None if value is None else converters[name](value) for name, value in row.items()
        }
    except (TypeError, ValueError) as error:
        raise ImportRefused(f"Row {number} of {table.name}: {error}") from error


def _converters(table: Table) -> dict[str, Callable[[Any], Any]]:
    """For each column, the function that turns a JSON value into what the column holds."""
    cached = _CONVERTERS.get(table.name)
    if cached is None:
        cached = _CONVERTERS[table.name] = {c.name: _converter(c) for c in table.columns}
    return cached


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


_CONVERTERS: dict[str, dict[str, Callable[[Any], Any]]] = {}


def _plan_import(session: Session, decoded: dict[str, list[dict]]) -> ImportReceipt:
    """Decide every row's new id and rewrite the references; nothing is written yet."""
    receipt = ImportReceipt()
    new_ids: dict[str, dict[int, int]] = {}
    owned = _owned_tables()
    for table in tables():
        file_rows = sorted(decoded.get(table.name, []), key=lambda row: row["id"])
        remapped = [_remapped(table, row, new_ids) for row in file_rows]
        if table.name == ROOT_TABLE:
            receipt.renamed = _rename_clashing_tops(session, remapped)
        ids = new_ids[table.name] = {}
        reuse = {} if table.name in owned else _existing_rows(session, table)
        next_id = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        for file_row, row in zip(file_rows, remapped, strict=True):
            existing = _same_row(table, row, reuse)
            if existing is not None:
                ids[file_row["id"]] = existing
                receipt.reused[table.name] = receipt.reused.get(table.name, 0) + 1
                continue
            ids[file_row["id"]] = row["id"] = next_id
            next_id += 1
            receipt.inserted.setdefault(table.name, []).append(row)
        _resolve_self_references(table, receipt, ids)
    return receipt


def _remapped(table: Table, row: dict[str, Any], new_ids: dict[str, dict[int, int]]) -> dict:
    out = dict(row)
    for name, target in _reference_names(table):
        value = row.get(name)
        if value is None or target == table.name:
            continue  # self-references are resolved once the table's ids are known
        if value not in new_ids.get(target, {}):
            raise ImportRefused(
                f"A row of {table.name} refers to {target} {value}, which is not in the file."
            )
        out[name] = new_ids[target][value]
    return out


def _resolve_self_references(table: Table, receipt: ImportReceipt, ids: dict[int, int]) -> None:
    """Point self-references (a manager, a parent account) at their rows' new ids.

    They are written after the table's rows (``deferred``): a row may name one that comes
    later in the file, and the database checks every reference as each row goes in.
    """
    columns = [column.name for column in table.columns if _target(column) == table.name]
    deferred = []
    for row in receipt.inserted.get(table.name, []):
        links = {}
        for name in columns:
            if row.get(name) is None:
                continue
            if row[name] not in ids:
                raise ImportRefused(
                    f"A row of {table.name} refers to {table.name} {row[name]}, "
                    f"which is not in the file."
                )
            links[name] = ids[row[name]]
            row[name] = None
        if links:
            # The update must not stamp a new time on columns like updated_at: keep the file's.
            kept = {c.name: row[c.name] for c in table.columns if c.onupdate and c.name in row}
            deferred.append({"id": row["id"], **links, **kept})
    if deferred:
        receipt.deferred[table.name] = deferred


def _rename_clashing_tops(session: Session, accounts: list[dict[str, Any]]) -> list:
    """Give a top-level account whose name is taken the first free "Name (n)"."""
    table = Base.metadata.tables[ROOT_TABLE]
    statement = select(table.c[NAME_COLUMN]).where(table.c.parent_id.is_(None))
    taken = {name.lower() for name in session.scalars(statement)}
    renamed = []
    for row in accounts:
        if row.get("parent_id") is not None or NAME_COLUMN not in row:
            continue
        original = row[NAME_COLUMN]
        name, number = original, 2
        while name.lower() in taken:
            name = f"{original} ({number})"
            number += 1
        if name != original:
            row[NAME_COLUMN] = name
            renamed.append((original, name))
        taken.add(name.lower())
    return renamed


def _existing_rows(session: Session, table: Table) -> dict[tuple, int]:
    """The shared rows already in the target, by what identifies them (see ``_identity``)."""
    found: dict[tuple, int] = {}
    for row in session.execute(select(table)).mappings():
        for key in _identities(table, row):
            found.setdefault(key, row["id"])
    return found


def _same_row(table: Table, row: Mapping[str, Any], existing: dict[tuple, int]) -> int | None:
    for key in _identities(table, row):
        if key in existing:
            return existing[key]
    return None


def _identities(table: Table, row: Mapping[str, Any]) -> list[tuple]:
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
        if column.name not in _BOOKKEEPING and _target(column) is None
    )
    return [("content", *content)]


def _folded(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _write(session: Session, receipt: ImportReceipt) -> None:
    for table in tables():
        rows = receipt.inserted.get(table.name, [])
        for columns, group in _same_columns(rows).items():
            session.execute(
                insert(table), [dict(zip(columns, values, strict=True)) for values in group]
            )
        _write_links(session, table, receipt.deferred.get(table.name, []))
        _advance_sequence(session, table)


def _write_links(session: Session, table: Table, deferred: list[dict[str, Any]]) -> None:
    """The self-references, one executemany per set of columns."""
    for columns, group in _same_columns(deferred).items():
        values = {name: bindparam(f"new_{name}") for name in columns if name != "id"}
        statement = update(table).where(table.c.id == bindparam("row_id")).values(values)
        params = [
            {("row_id" if name == "id" else f"new_{name}"): value
             for name, value in zip(columns, row, strict=True)}
            for row in group
        ]  # fmt: skip
        session.execute(statement, params)


def _same_columns(rows: list[dict[str, Any]]) -> dict[tuple[str, ...], list[tuple]]:
    """Rows grouped by the columns they give, for one executemany per group."""
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        columns = tuple(row)
        groups.setdefault(columns, []).append(tuple(row[name] for name in columns))
    return groups


def _advance_sequence(session: Session, table: Table) -> None:
    """On PostgreSQL, ids given explicitly do not move the id sequence: move it."""
    if session.get_bind().dialect.name != "postgresql":
        return
    from sqlalchemy import text

    session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {table.name}))"
        )
    )


def _require_no_cycles(receipt: ImportReceipt) -> None:
    for table_name, links in receipt.deferred.items():
        table = Base.metadata.tables[table_name]
        for column in (c for c in table.columns if _target(c) == table_name):
            chain = {row["id"]: row.get(column.name) for row in links}
            if reporting_cycles(chain):
                raise ImportRefused(
                    f"The file's {table_name} form a loop through {column.name}; "
                    f"nothing was imported."
                )


# ---- the metadata -------------------------------------------------------------------------


def _target(column: Column) -> str | None:
    """The table a column refers to, or None."""
    for foreign_key in column.foreign_keys:
        return foreign_key.column.table.name
    return None


def _reference_names(table: Table) -> list[tuple[str, str]]:
    """(column, table it refers to) of every reference column of a table (cached)."""
    cached = _REFERENCES.get(table.name)
    if cached is None:
        cached = _REFERENCES[table.name] = [(c.name, t) for c, t in _references(table)]
    return cached


_REFERENCES: dict[str, list[tuple[str, str]]] = {}


def _references(table: Table) -> list[tuple[Column, str]]:
    return [(column, target) for column in table.columns if (target := _target(column))]


def _owned_tables() -> set[str]:
    """Tables whose rows belong to an account: the root, and those with a required reference."""
    return {ROOT_TABLE} | {
        table.name
        for table in tables()
        if any(not column.nullable for column, _target in _references(table))
    }
