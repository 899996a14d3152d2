"""Deleting several rows is one transaction: all of them, or none; undone exactly."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from keyplan.domain.errors import NotFound
from keyplan.store.database import Database
from keyplan.store.models import Base
from keyplan.store.people import edits


def dump(db: Database) -> dict[str, list[dict[str, Any]]]:
    with db.read() as session:
        return {
            table.name: [
                dict(row) for row in session.execute(select(table).order_by(table.c.id)).mappings()
            ]
            for table in Base.metadata.sorted_tables
            if table.name != "change_log"  # it only grows: an undo adds its own entries
        }


@pytest.fixture
def chain(db) -> list[int]:
    """Ceo ← Cfo ← Controller ← Clerk, at one account."""
    account = edits.add_account(db, "Acme")
    ids: list[int] = []
    for name in ("Ceo", "Cfo", "Controller", "Clerk"):
        manager = ids[-1] if ids else None
        ids.append(edits.add_stakeholder(db, account, name, reports_to_id=manager))
    return ids


def test_deleting_a_manager_and_their_manager_moves_the_reports_to_the_first_one_who_stays(
    db, chain
):
    ceo, cfo, controller, clerk = chain
    before = dump(db)
    snapshot = edits.delete_stakeholders(db, [controller, cfo])
    managers = {row["id"]: row["reports_to_id"] for row in dump(db)["stakeholders"]}
    assert managers == {ceo: None, clerk: ceo}
    edits.restore_rows(db, snapshot)
    assert dump(db) == before


def test_deleting_people_one_of_whom_is_gone_deletes_none(db, chain):
    _ceo, cfo, controller, clerk = chain
    edits.delete_stakeholder(db, controller)
    before = dump(db)
    with pytest.raises(NotFound):
        edits.delete_stakeholders(db, [cfo, controller, clerk])
    assert dump(db) == before
