"""The schema is made and upgraded by Alembic; files of every released schema still open."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from keyplan.store import queries
from keyplan.store.database import open_database
from keyplan.store.migrate import script_revisions
from keyplan.store.models import Base
from keyplan.store.schema import HEAD_REVISION, KNOWN_REVISIONS

DATA = Path(__file__).parents[1] / "data"


def test_the_revisions_known_at_start_up_match_the_migration_scripts():
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert script_revisions()[-1] == HEAD_REVISION


def test_an_empty_file_is_migrated_to_head_with_every_table(db_path):
    database = open_database(db_path)
    database.close()
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert set(Base.metadata.tables) <= tables
    assert revision == HEAD_REVISION


# SQLite cannot reflect the expression index on account names; everything else is compared.
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_the_migrated_schema_matches_the_models(db_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    database = open_database(db_path)
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    database.close()
    assert differences == []


def test_a_database_from_every_released_schema_opens_with_its_data(tmp_path):
    for revision in KNOWN_REVISIONS:
        copy = tmp_path / f"{revision}.db"
        shutil.copy(DATA / f"schema-{revision}.db", copy)
        database = open_database(copy, create=False)
        names = [row.name for row in queries.portfolio(database)]
        people = queries.people(database, 2)
        database.close()
        assert names == ["Nordwind France", "Nordwind Logistik"]
        assert people[0]["full_name"] == "François Müller"
        assert people[0].manager_name == "Zoë Åkesson"


@pytest.mark.sqlite_only
def test_opening_sets_foreign_keys_and_wal_on_every_connection(db):
    with db.read() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.connection().exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_new_database_file_is_readable_by_its_owner_only(db_path):
    open_database(db_path).close()
    assert db_path.stat().st_mode & 0o777 == 0o600
