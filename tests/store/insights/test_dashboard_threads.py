"""The dashboard's two reads run at the same time, on two threads, each in its own session."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from keyplan.store.database import Database
from keyplan.store.insights import dashboard_tally
from keyplan.store.insights.dashboard_sql import rows_in_one_step
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.models import Account, Stakeholder
from keyplan.store.people import edits

TODAY = date(2026, 5, 4)


def test_the_recent_window_is_read_while_the_people_are_counted(db: Database, monkeypatch):
    account = edits.add_account(db, "Acme Group")
    edits.add_stakeholder(db, account, "Ingrid Olsen")
    # Each read waits at the barrier for the other: it passes only if both are under way at
    # once. Read one after the other (one shared connection or lock, the helper started
    # after the window), the first would wait alone until the timeout and the test fail.
    both_reading = threading.Barrier(2, timeout=20)
    readers: dict[str, int] = {}

    def meeting_the_other(name: str, read: Any) -> Any:
        def read_beside(session: Any, *args: Any, **options: Any) -> Any:
            readers[name] = threading.get_ident()
            both_reading.wait()
            return read(session, *args, **options)

        return read_beside

    for name in ("read_recent_window", "people_counts"):
        original = getattr(dashboard_tally, name)
        monkeypatch.setattr(dashboard_tally, name, meeting_the_other(name, original))
    accounts, tallies = dashboard_facts(db, TODAY)
    assert not both_reading.broken
    assert readers["read_recent_window"] != readers["people_counts"]
    assert [a.name for a in accounts] == ["Acme Group"]
    assert sum(cell.known for cell in tallies[account].cells) == 1


def test_rows_read_in_one_step_are_the_drivers_rows(db: Database):
    if not db.is_sqlite:
        pytest.skip("SQLite only: a server's rows come whole already")
    account = edits.add_account(db, "Acme Group")
    edits.add_stakeholder(db, account, 'Zoë "Zo" Åkesson')
    edits.add_stakeholder(db, account, "Ingrid Olsen")
    edits.add_account(db, "Nobody Here Ltd")
    statement = (
        select(Account.id, Account.name, Stakeholder.id, Stakeholder.full_name)
        .outerjoin(Stakeholder, Stakeholder.account_id == Account.id)
        .order_by(Account.id, Stakeholder.id)
    )
    with db.read() as session:
        result = session.connection().execute(statement)
        driver_rows = result.cursor.fetchall()
        result.close()
        assert rows_in_one_step(session, statement) == driver_rows
        assert len(driver_rows) == 3 and driver_rows[-1][2:] == (None, None)
        assert rows_in_one_step(session, statement.where(Account.id < 0)) == []
