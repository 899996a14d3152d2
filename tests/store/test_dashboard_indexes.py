"""Migration 0011: a file of the previous schema gains the dashboard's indexes, data intact."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

from keyplan.store.database import open_database
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.people import queries

DATA = Path(__file__).parents[1] / "data"
INDEXES = {"ix_stakeholders_dashboard_counts", "ix_interactions_account_occurred"}


def indexes_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {name for (name,) in rows}


def test_a_0010_file_gains_the_dashboard_indexes_and_keeps_its_data(tmp_path):
    copy = tmp_path / "previous.db"
    shutil.copy(DATA / "schema-0010_account_access.db", copy)
    assert not INDEXES & indexes_of(copy)
    database = open_database(copy, create=False)  # upgraded at opening, as a user's file is
    try:
        names = [row.name for row in queries.portfolio(database)]
        people = queries.people(database, 2)
        accounts, tallies = dashboard_facts(database, date(2026, 12, 7))
    finally:
        database.close()
    assert indexes_of(copy) >= INDEXES
    assert names == ["Nordwind France", "Nordwind Logistik"]
    assert people[0]["full_name"] == "François Müller"
    assert people[0].manager_name == "Zoë Åkesson"
    # One person at each (the open position is no person); the group counts its affiliate too.
    assert {a.name: sum(c.known for c in tallies[a.id].cells) for a in accounts} == {
        "Nordwind France": 1,
        "Nordwind Logistik": 2,
    }


def test_the_dashboard_reads_its_counts_from_the_indexes_alone(db_path):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        trend = " ".join(
            row[3]
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT account_id, group_concat(occurred_on) "
                "FROM interactions GROUP BY account_id"
            )
        )
        people = " ".join(
            row[3]
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT account_id, department, level, has_left, count(*), "
                "count(CASE WHEN strength >= 2 AND buying_role = 'champion_coach' "
                "AND influence = 'high' AND stance = 'blocker' "
                "AND contact_frequency_days > 30 THEN 1 END) FROM stakeholders "
                "WHERE is_vacancy IS 0 GROUP BY account_id, department, level, has_left"
            )
        )
    assert "COVERING INDEX ix_interactions_account_occurred" in trend
    assert "COVERING INDEX ix_stakeholders_dashboard_counts" in people
    assert "TEMP B-TREE" not in trend + people  # read in order: nothing sorted
