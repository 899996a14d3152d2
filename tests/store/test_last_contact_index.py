"""Migration 0012: a file of the previous schema gains the "last contact" index, data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from keyplan.store.database import open_database
from keyplan.store.map import queries as map_queries
from keyplan.store.people import queries

DATA = Path(__file__).parents[1] / "data"
INDEX = "ix_interaction_stakeholders_person_meeting"


def indexes_of(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {name for (name,) in rows}


def test_a_0011_file_gains_the_last_contact_index_and_keeps_its_data(tmp_path):
    copy = tmp_path / "previous.db"
    shutil.copy(DATA / "schema-0011_dashboard_indexes.db", copy)
    assert INDEX not in indexes_of(copy)
    database = open_database(copy, create=False)  # upgraded at opening, as a user's file is
    try:
        people = queries.people(database, 2)
        francois = next(
            person
            for person in map_queries.map_data(database, 2, with_affiliates=False).people
            if person.full_name == "François Müller"
        )
    finally:
        database.close()
    assert INDEX in indexes_of(copy)
    assert people[0]["full_name"] == "François Müller"
    assert people[0].manager_name == "Zoë Åkesson"
    assert francois.last_contact is not None  # the 0006 fixture's meeting is still his


def test_a_persons_meetings_are_found_from_the_index_alone(db_path):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        plan = " ".join(
            row[3]
            for row in connection.execute(
                "EXPLAIN QUERY PLAN SELECT interaction_id FROM interaction_stakeholders "
                "WHERE stakeholder_id = 7"
            )
        )
    assert f"COVERING INDEX {INDEX}" in plan
