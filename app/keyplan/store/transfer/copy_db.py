"""Copying a whole Keyplan database: a laptop file to a team database, or back.

Every table is copied in foreign-key order, ids preserved (so everything that points at a row
still does), with its versions and who changed what. The target must be empty: copying never
merges into, or overwrites, anybody's data. On PostgreSQL the id sequences are moved past the
copied ids afterwards, so new rows get new ids. One transaction: all or nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.engine import Connection

from keyplan.domain.errors import RuleViolation
from keyplan.store.database import Database, open_database
from keyplan.store.id_sequences import move_id_sequences_past_rows
from keyplan.store.models import Base

# Rows written per INSERT statement: large enough to be fast, small enough for any driver.
BATCH = 1000
# Tables as a person names what they hold (the others read well as they are).
WORDS = {
    "stakeholders": "people",
    "competitor_presences": "competitors",
    "interaction_stakeholders": "people met",
    "interaction_team_members": "team members at meetings",
    "export_records": "exports",
}


def _words(table: str) -> str:
    return WORDS.get(table, table.replace("_", " "))


@dataclass
class CopySummary:
    """What a copy wrote: rows per table, in the order they were copied."""

    source: str
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def lines(self) -> list[str]:
        """The summary as a person reads it, one table per line."""
        width = max((len(_words(name)) for name in self.rows), default=0)
        body = [f"  {_words(name):<{width}}  {count:>7,}" for name, count in
                self.rows.items() if count]  # fmt: skip
        return [
            f"Copied {self.total:,} rows from {self.source} to {self.target}:",
            *body,
        ]


def copy_database(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    *,
    user_name: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> CopySummary:
    """Copy every row of the Keyplan database ``source`` into the empty one at ``target``.

    Both are opened as the app opens them (an older schema is upgraded first, a new file
    or an empty server database gets the schema), so both are at the same revision.

    A source file is checked whole first (SQLite's integrity and the rules of the data, as
    ``keyplan check``): copying would otherwise carry its damage into the new database.

    Raises:
        RuleViolation: the target already holds data, or is the source itself.
        DatabaseRefused: either database cannot be opened, or the source file fails a check.
    """
    _require_sound_source(source)
    source_db = open_database(source, create=False, user_name=user_name)
    try:
        _refuse_target_file(target, source_db)
        if _is_new_file(target):
            return _copy_to_new_file(source_db, Path(target), user_name, progress)
        target_db = open_database(target, create=True, user_name=user_name)
        try:
            return copy_between(source_db, target_db, progress=progress)
        finally:
            target_db.close()
    finally:
        source_db.close()


def _is_new_file(target: str | os.PathLike[str]) -> bool:
    location = os.fspath(target)
    return "://" not in location and not Path(location).expanduser().exists()


def _copy_to_new_file(
    source: Database,
    target: Path,
    user_name: str | None,
    progress: Callable[[float], None] | None,
) -> CopySummary:
    """Copy into a partial file beside ``target``, renamed to it once whole: a copy killed
    half-way leaves no half-made database under the name the user gave (only a partial file
    that the next start removes)."""
    from keyplan.store.safety.atomic_files import file_replaced_atomically

    target = target.expanduser()
    with file_replaced_atomically(target) as partial:
        partial_db = open_database(partial, create=True, user_name=user_name)
        try:
            summary = copy_between(source, partial_db, progress=progress)
        finally:
            partial_db.close()
        _require_no_side_files(partial)
    summary.target = str(target)
    return summary


def _require_no_side_files(partial: Path) -> None:
    """The copy is all in its file once closed (SQLite folds the -wal back in on close)."""
    for side in ("-wal", "-shm", "-journal"):
        leftover = Path(f"{partial}{side}")
        if leftover.exists() and leftover.stat().st_size:
            raise RuntimeError(f"{leftover.name} still holds part of the copy")
        leftover.unlink(missing_ok=True)


def copy_to(
    source: Database,
    target: str | os.PathLike[str],
    *,
    progress: Callable[[float], None] | None = None,
) -> CopySummary:
    """Copy the open database ``source`` into the empty one at ``target`` (a path or URL)."""
    _refuse_target_file(target, source)
    target_db = open_database(target, create=True, user_name=source.user_name)
    try:
        return copy_between(source, target_db, progress=progress)
    finally:
        target_db.close()


def _require_sound_source(source: str | os.PathLike[str]) -> None:
    """A source file that breaks a check is refused, naming the first problem; a server's
    rows are checked as they are copied (``_checked_rows``)."""
    location = os.fspath(source)
    if "://" in location or not os.path.isfile(location):
        return  # a team database; a missing file is refused when it is opened
    from keyplan.domain.errors import DatabaseRefused
    from keyplan.store.safety.integrity import first_problem

    problem = first_problem(location)
    if problem is not None:
        name = os.path.basename(location)
        raise DatabaseRefused(
            f"{name} cannot be copied: {problem.rstrip('.')}. Nothing was written."
        )


def _refuse_target_file(target: str | os.PathLike[str], source: Database) -> None:
    """A target file is never the source's own side files, lock or backups (a URL is not a file).

    An existing database is allowed here: ``copy_between`` then refuses one that holds data.
    """
    if "://" in os.fspath(target):
        return
    from keyplan.store.safety.output_paths import check_output_path

    check_output_path(target, source.path, may_replace_database=True)


def copy_between(
    source: Database, target: Database, *, progress: Callable[[float], None] | None = None
) -> CopySummary:
    """Copy every row of ``source`` into the open, empty ``target`` (see ``copy_database``)."""
    if source.display_name == target.display_name:
        raise RuleViolation("The source and the target are the same database.")
    summary = CopySummary(source.display_name, target.display_name)
    tables = Base.metadata.sorted_tables
    with source.engine.connect() as reading, target.engine.begin() as writing:
        _refuse_non_empty(writing, target.display_name)
        for number, table in enumerate(tables):
            rows = _rows_parents_first(table, reading.execute(select(table)).mappings())
            _check_values(table.name, rows, source.display_name)
            for start in range(0, len(rows), BATCH):
                writing.execute(insert(table), rows[start : start + BATCH])
            summary.rows[table.name] = len(rows)
            if progress is not None:
                progress((number + 1) / len(tables))
        if writing.dialect.name == "postgresql":
            move_id_sequences_past_rows(writing, tables)
    return summary


def _check_values(table: str, rows: list[dict[str, Any]], source: str) -> None:
    """Every value under the field rules, as a JSON import checks them: a stance of "evil" or
    an amount of infinity written by another tool stops the copy (nothing is written)."""
    from keyplan.domain.stored_values import TABLE_FIELDS, check_stored

    specs = TABLE_FIELDS.get(table)
    if not specs:
        return
    from keyplan.domain.fields import Kind

    checked = [spec for spec in specs.values() if spec.kind is not Kind.REFERENCE]
    for row in rows:
        for spec in checked:
            if spec.name not in row:
                continue
            try:
                check_stored(spec, row[spec.name])
            except (RuleViolation, ValueError) as error:
                raise RuleViolation(
                    f"{source} cannot be copied: row {row['id']} of {table}: "
                    f"{str(error).rstrip('.')}. Nothing was written."
                ) from error


def _refuse_non_empty(connection: Connection, name: str) -> None:
    held = {}
    for table in Base.metadata.sorted_tables:
        count = connection.execute(select(func.count()).select_from(table)).scalar_one()
        if count:
            held[table.name] = count
    if held:
        shown = [f"{count:,} {_words(table)}" for table, count in list(held.items())[:3]]
        what = ", ".join(shown) + (", …" if len(held) > 3 else "")
        raise RuleViolation(
            f"{name} already holds data ({what}). Keyplan copies only into an empty "
            f"database, so that nothing there is overwritten; choose a new file or ask for "
            f"an empty team database."
        )


def _rows_parents_first(table: Table, rows: Iterable[Any]) -> list[dict[str, Any]]:
    """The rows, each after the row it points at in its own table (a manager, a parent).

    Foreign keys are checked row by row on PostgreSQL, so an affiliate cannot come before its
    umbrella. Rows of a cycle (only in a damaged file) keep their order and fail visibly.
    """
    listed = [dict(row) for row in rows]
    self_columns = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if not self_columns:
        return listed
    by_id = {row["id"]: row for row in listed}
    ordered: list[dict[str, Any]] = []
    placed: set[int] = set()
    for row in listed:
        chain: list[dict[str, Any]] = []
        in_chain: set[int] = set()
        current: dict[str, Any] | None = row
        while current is not None and current["id"] not in placed | in_chain:
            chain.append(current)
            in_chain.add(current["id"])
            parent_ids = [current[c] for c in self_columns if current[c] is not None]
            current = by_id.get(parent_ids[0]) if parent_ids else None
        for item in reversed(chain):
            placed.add(item["id"])
            ordered.append(item)
    return ordered


# ---- the command line: keyplan copy-db SOURCE TARGET -----------------------------------------


def add_arguments(parser: Any) -> None:
    """Arguments of ``keyplan copy-db``."""
    parser.add_argument("source", help="the database to copy: a file, or a team database URL")
    parser.add_argument(
        "target",
        help="an empty database to copy into: a new file, or an empty team database "
        "(postgresql+psycopg://user@host/dbname)",
    )


def run(args: Any) -> int:
    """Copy, then print the rows per table; a refusal is a KeyplanError (one line, exit 1)."""
    summary = copy_database(args.source, args.target)
    print("\n".join(summary.lines()))
    for note in _plain_copy_note(str(args.source), str(args.target)):
        print(note)
    return 0


def _plain_copy_note(source: str, target: str) -> list[str]:
    """A copy of an encrypted file into a new file is plain: say so, and how to encrypt it."""
    from keyplan.store.cipher.detect import is_encrypted_file

    if "://" in source or "://" in target or not is_encrypted_file(Path(source).expanduser()):
        return []
    return [f"{target} is not encrypted: keyplan encrypt --db {target} encrypts it."]
