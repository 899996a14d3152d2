"""PostgreSQL's id sequences after rows written with their ids given (copies, imports, the demo).

PostgreSQL hands out the next id from a sequence that explicit ids do not move: the first row
added afterwards would take an id already in use. SQLite takes max(id) + 1 and needs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Table, text
from sqlalchemy.orm import Session


def move_id_sequences_past_rows(bind: Session | Connection, tables: Iterable[Table]) -> None:
    """On PostgreSQL, let each table's id sequence continue after its highest id."""
    dialect = bind.get_bind().dialect if isinstance(bind, Session) else bind.dialect
    if dialect.name != "postgresql":
        return
    for table in tables:
        bind.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(MAX(id), 0) + 1, false) FROM {table.name}"
            )
        )
