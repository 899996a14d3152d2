"""Exact before-images of rows, so that a delete can be undone to the last byte.

Before a delete, every row it will remove or change — the rows themselves, what the database
cascades to, and the rows whose foreign keys it sets to NULL — is read into a ``RowSnapshot``.
Restoring the snapshot writes those rows back as they were, ids and timestamps included, so
later undo steps that refer to the same ids keep working.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from keyplan.store.models import Base
from keyplan.store.team.tracking import refuse_overwriting_others, refuse_stale_deletes


@dataclass
class RowSnapshot:
    """Rows as they were, by table name: ``{table: {id: {column: value}}}``."""

    rows: dict[str, dict[int, dict[str, Any]]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)
    # The versions the delete left on the rows it changed but kept (their foreign keys
    # cleared): if one has moved on when the delete is undone, somebody changed it since.
    versions_after: dict[str, dict[int, int]] = field(default_factory=dict)

    def add(self, table: Table, row: dict[str, Any], *, deleted: bool) -> None:
        self.rows.setdefault(table.name, {})[row["id"]] = row
        if deleted:
            self.deleted.setdefault(table.name, set()).add(row["id"])

    def ids(self, table: Table) -> set[int]:
        return set(self.rows.get(table.name, {}))

    def is_empty(self) -> bool:
        return not self.rows

    def merge(self, other: RowSnapshot) -> None:
        """Take in another snapshot read in the same transaction, before anything was written.

        A compound delete (people and lines, say) reads each part's snapshot first and deletes
        once: a row both parts hold is the same image, and the first one kept is as good.
        """
        for name, rows in other.rows.items():
            mine = self.rows.setdefault(name, {})
            for row_id, row in rows.items():
                mine.setdefault(row_id, row)
        for name, ids in other.deleted.items():
            self.deleted.setdefault(name, set()).update(ids)


def snapshot_delete(session: Session, table: Table, ids: set[int]) -> RowSnapshot:
    """Read every row that deleting ``ids`` from ``table`` removes or changes.

    Follows the foreign keys declared in the models: referrers are deleted with the rows
    (and followed further) unless their key is ON DELETE SET NULL, in which case they are kept
    as they were, to be written back. The caller decided to cascade by calling this; use
    ``delete_snapshot_rows`` to carry the delete out.
    """
    snapshot = RowSnapshot()
    pending: list[tuple[Table, set[int]]] = [(table, set(ids))]
    while pending:
        current, current_ids = pending.pop()
        new_ids = current_ids - snapshot.ids(current)
        if not new_ids:
            continue
        for row in _rows_by_id(session, current, new_ids):
            snapshot.add(current, row, deleted=True)
        if current is table:  # the rows asked for: a teammate may have changed them
            refuse_stale_deletes(session, table.name, snapshot.rows.get(table.name, {}), ids)
        pending.extend(_referrers(session, snapshot, current, new_ids))
    return snapshot


def _referrers(
    session: Session, snapshot: RowSnapshot, referred: Table, ids: set[int]
) -> list[tuple[Table, set[int]]]:
    """Snapshot rows pointing at ``ids``; return the cascading ones still to follow."""
    to_follow: list[tuple[Table, set[int]]] = []
    for table in Base.metadata.sorted_tables:
        if "version" not in table.c:  # a team database's grants: the server's, not the plan's
            continue
        for foreign_key in table.foreign_keys:
            if foreign_key.column.table is not referred:
                continue
            column = foreign_key.parent
            rows = session.execute(select(table).where(column.in_(ids))).mappings().all()
            cascading = {row["id"] for row in rows}
            if foreign_key.ondelete != "SET NULL":
                to_follow.append((table, cascading))
                continue
            for row in rows:
                if row["id"] not in snapshot.ids(table):
                    snapshot.add(table, dict(row), deleted=False)
    return to_follow


def delete_snapshot_rows(session: Session, snapshot: RowSnapshot) -> None:
    """Delete the rows the snapshot marks as deleted, referrers before what they refer to;
    then note the versions of the rows it changed but kept."""
    for table in reversed(Base.metadata.sorted_tables):
        ids = snapshot.deleted.get(table.name)
        if ids:
            session.execute(delete(table).where(table.c.id.in_(ids)))
    for table in Base.metadata.sorted_tables:
        kept = snapshot.ids(table) - snapshot.deleted.get(table.name, set())
        if kept:
            statement = select(table.c.id, table.c.version).where(table.c.id.in_(kept))
            snapshot.versions_after[table.name] = {i: v for i, v in session.execute(statement)}


def _rows_by_id(session: Session, table: Table, ids: set[int]) -> list[dict[str, Any]]:
    statement = select(table).where(table.c.id.in_(ids))
    return [dict(row) for row in session.execute(statement).mappings()]


def restore_snapshot(session: Session, snapshot: RowSnapshot) -> None:
    """Write every row of the snapshot back as it was (insert if gone, update if there).

    Self-references (a person's manager, an account's parent) are written in a second pass, so
    rows can come back in any order without tripping the foreign keys.

    Raises:
        EditConflict: a row the delete changed but kept was changed since by somebody else
            (a teammate); writing it back as it was would throw their change away.
    """
    refuse_overwriting_others(session, snapshot.rows, snapshot.versions_after)
    for table in Base.metadata.sorted_tables:
        rows = snapshot.rows.get(table.name)
        if not rows:
            continue
        self_columns = _self_reference_columns(table)
        for row in rows.values():
            values = {k: (None if k in self_columns else v) for k, v in row.items()}
            _upsert(session, table, values)
    for table in Base.metadata.sorted_tables:
        self_columns = _self_reference_columns(table)
        for row in snapshot.rows.get(table.name, {}).values():
            values = {name: row[name] for name in self_columns if row.get(name) is not None}
            if values:
                # As it was, or onupdate would stamp "now", a new version and today's editor.
                # (A teammate who read the row in between then finds a different version.)
                values.update({k: row[k] for k in ("updated_at", "version", "updated_by")})
                session.execute(update(table).where(table.c.id == row["id"]).values(values))


def _self_reference_columns(table: Table) -> set[str]:
    return {fk.parent.name for fk in table.foreign_keys if fk.column.table is table}


def _upsert(session: Session, table: Table, values: dict[str, Any]) -> None:
    exists = session.execute(select(table.c.id).where(table.c.id == values["id"])).first()
    if exists:
        session.execute(update(table).where(table.c.id == values["id"]).values(values))
    else:
        session.execute(insert(table).values(values))
