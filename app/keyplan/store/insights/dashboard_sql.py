"""What the dashboard's readings share: fetching rows, and ``relationships.is_key`` in SQL."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from keyplan.domain.relationships import KEY_INFLUENCES, KEY_ROLES
from keyplan.store.insights.rule_sql import stored
from keyplan.store.models import Stakeholder


def is_key_condition() -> ColumnElement[bool]:
    """``relationships.is_key`` as a condition on a stakeholder row."""
    return or_(
        Stakeholder.buying_role.in_(stored(KEY_ROLES)),
        Stakeholder.influence.in_(stored(KEY_INFLUENCES)),
    )


def all_rows(session: Session, statement: Select) -> list[Any]:
    # Core execution, fetched at once: tuples without the ORM's per-row bookkeeping.
    return list(session.connection().execute(statement).all())


def rows_in_one_step(
    session: Session, statement: Select[*tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """The rows of a SQLite statement of numbers and text, read as one JSON document.

    Why: the dashboard reads on two threads, and Python's sqlite3 gives up the interpreter's
    lock (the GIL) only around each step of a statement, one row at a time: a thread waiting
    for its next row waits for the other thread's Python, so the two hardly ran at once. As
    one document, SQLite does the whole statement in one step with the lock released while
    the other thread counts in Python. One array per column, zipped back into rows here (an
    array per row made as many lists, which set off the garbage collector).

    The values are the driver's own: integers (flags 0/1), text (dates as ISO text), None.
    """
    rows = statement.subquery()
    document = select(func.json_array(*(func.json_group_array(column) for column in rows.c)))
    columns = json.loads(session.connection().execute(document).scalar_one())
    return list(zip(*columns, strict=True))


def plain_rows(session: Session, statement: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows as plain tuples: from SQLite in one step (``rows_in_one_step``), from a server
    as the driver gives them (numbers, text, flags, dates). Tuples sort and compare at C
    speed, where SQLAlchemy's rows compare in Python."""
    if session.get_bind().dialect.name == "sqlite":
        return rows_in_one_step(session, statement)
    return [tuple(row) for row in all_rows(session, statement)]
