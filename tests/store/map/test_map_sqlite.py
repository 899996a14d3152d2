"""The export's standard-library reader gives what the store's queries give, as drawn."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from keyplan.domain.errors import NotFound
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.map import queries as map_queries
from keyplan.store.map.sqlite_read import read_map
from keyplan.store.people import queries

# The fast path reads SQLite files only; a team database goes through the store (tested below).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def demo(db, db_path):
    create_demo_portfolio(db, today=date(2026, 11, 2))
    return db_path


@pytest.mark.parametrize("with_affiliates", [True, False])
def test_the_fast_reader_matches_the_store(db, demo, with_affiliates):
    account_id = queries.find_account(db, "Aldermark Group")
    expected = map_queries.map_data(db, account_id, with_affiliates=with_affiliates)
    read = read_map(str(demo), "aldermark group", with_affiliates=with_affiliates)
    # What the exports draw is read; the screen's own fields (not drawn) are left empty.
    drawn = [
        replace(person, profile_url=None, came_from=None, left_for=None)
        for person in expected.people
    ]
    assert read == replace(expected, people=drawn)
    assert not any(
        person.profile_url or person.came_from or person.left_for for person in read.people
    )
    assert any(person.owners for person in read.people)
    assert any(person.last_contact for person in read.people)
    assert any(person.evidence for person in read.people)  # the demo's evidence, both ways


def test_an_unknown_account_is_named_as_the_store_names_it(db, demo):
    with pytest.raises(NotFound) as fast:
        read_map(str(demo), "Initech", with_affiliates=True)
    with pytest.raises(NotFound) as slow:
        queries.find_account(db, "Initech")
    assert str(fast.value) == str(slow.value)


def test_files_the_store_must_handle_are_left_to_it(tmp_path, db_path, db):
    assert read_map(str(tmp_path / "missing.db"), "Acme", with_affiliates=True) is None
    assert read_map("postgresql+psycopg://host/keyplan", "Acme", with_affiliates=True) is None
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    assert read_map(str(db_path), "Acme", with_affiliates=True) is None
