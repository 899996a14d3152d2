"""Helpers of the history tests (tests/store, tests/ui, tests/reports): dating the change log."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from keyplan.store.database import Database
from keyplan.store.models import ChangeLogEntry


def age_the_history(db: Database, days: int) -> None:
    """Move everything logged so far ``days`` into the past (the data existed before).

    Through the session's connection, not the session: the log is append-only for sessions
    (``store/history/log.py``), and only a test dates its entries.
    """
    with db.transaction() as session:
        for entry_id, at in session.execute(select(ChangeLogEntry.id, ChangeLogEntry.changed_at)):
            earlier = at - timedelta(days=days)
            statement = update(ChangeLogEntry).where(ChangeLogEntry.id == entry_id)
            session.connection().execute(statement.values(changed_at=earlier))
