"""Team mode on a real PostgreSQL server: migrations, races between two connections, NOTIFY."""

from __future__ import annotations

import queue

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from keyplan.domain.errors import DatabaseRefused
from keyplan.store.database import open_database
from keyplan.store.map.sqlite_read import read_map
from keyplan.store.models import Base, Stakeholder
from keyplan.store.people import edits, queries
from keyplan.store.schema import HEAD_REVISION, SERVER_ONLY_TABLES
from keyplan.store.team.conflicts import EditConflict
from keyplan.store.team.notify import ChangeBatch, ChangeListener

pytestmark = pytest.mark.postgresql


@pytest.fixture
def alice(postgres_url):
    database = open_database(postgres_url, user_name="alice")
    yield database
    database.close()


@pytest.fixture
def bob(postgres_url):
    database = open_database(postgres_url, user_name="bob")
    yield database
    database.close()


@pytest.fixture
def harald(alice) -> int:
    account = edits.add_account(alice, "Acme Group")
    return edits.add_stakeholder(alice, account, "Harald Berg", job_title="CFO")


@pytest.fixture
def heard(alice):
    """What Alice's window hears from the others: batches of changes, in order."""
    batches: queue.Queue[ChangeBatch] = queue.Queue()
    listener = ChangeListener(alice, batches.put)
    listener.start()
    assert listener.wait_until_listening()
    yield batches
    listener.stop()


def next_batch(batches: queue.Queue[ChangeBatch]) -> ChangeBatch:
    return batches.get(timeout=10)


# ---- schema ---------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_an_empty_server_database_is_migrated_to_the_models(empty_postgres_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    database = open_database(empty_postgres_url)
    with database.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        # The dashboard's kept tallies are the server's alone (revision 0013): no model.
        context = MigrationContext.configure(
            connection,
            opts={"include_name": lambda name, kind, _parent: name not in SERVER_ONLY_TABLES},
        )
        differences = compare_metadata(context, Base.metadata)
    database.close()
    assert revision == HEAD_REVISION
    assert differences == []


def test_a_team_database_of_the_first_schema_upgrades_with_its_data(empty_postgres_url):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    engine = create_engine(empty_postgres_url)
    command.upgrade(alembic_config(engine), "0001_initial")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO accounts (name, tier, currency, status) "
                                "VALUES ('Nordwind', 'key', 'EUR', 'active')"))  # fmt: skip
    engine.dispose()

    database = open_database(empty_postgres_url, user_name="alice")
    account = queries.find_account(database, "Nordwind")
    edits.set_account_field(database, account, "country", "Germany")
    with Session(database.engine) as session:
        row = session.execute(text("SELECT country, version, updated_by FROM accounts")).one()
    database.close()
    assert tuple(row) == ("Germany", 2, "alice")


def test_a_team_database_of_the_second_schema_gets_profile_urls_and_aliases(
    empty_postgres_url,
):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    engine = create_engine(empty_postgres_url)
    command.upgrade(alembic_config(engine), "0002_team_versions")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO accounts (name, tier, currency, status) "
                "VALUES ('Nordwind Logistik', 'key', 'EUR', 'active')"
            )
        )
    engine.dispose()

    database = open_database(empty_postgres_url, user_name="alice")
    account = queries.find_account(database, "Nordwind Logistik")
    edits.set_account_field(database, account, "aliases", "NWL; Nordwind Spedition")
    eirik = edits.add_stakeholder(
        database, account, "Eirik Solberg", profile_url="linkedin.com/in/eirik-solberg"
    )
    person = queries.person(database, eirik)
    with Session(database.engine) as session:
        aliases = session.execute(text("SELECT aliases FROM accounts")).scalar_one()
    database.close()
    assert person["profile_url"] == "https://linkedin.com/in/eirik-solberg"
    assert aliases == "NWL; Nordwind Spedition"


def test_a_team_database_of_the_third_schema_gets_interest_and_economic_buyers(
    empty_postgres_url,
):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    engine = create_engine(empty_postgres_url)
    command.upgrade(alembic_config(engine), "0003_profile_url_aliases")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO accounts (name, tier, currency, status) "
                "VALUES ('Nordwind Logistik', 'key', 'EUR', 'active')"
            )
        )
    engine.dispose()

    database = open_database(empty_postgres_url, user_name="alice")
    account = queries.find_account(database, "Nordwind Logistik")
    eirik = edits.add_stakeholder(
        database, account, "Eirik Solberg", interest="High", buying_role="Economic buyer"
    )
    person = queries.person(database, eirik)
    database.close()
    assert (person["interest"], person["buying_role"]) == ("high", "economic_buyer")


def test_sequences_keep_counting_after_rows_with_their_own_ids(alice):
    account = edits.add_account(alice, "Acme")
    first = edits.add_stakeholder(alice, account, "Ingrid")
    snapshot = edits.delete_stakeholder(alice, first)
    edits.restore_rows(alice, snapshot)  # Ingrid comes back with her id
    assert edits.add_stakeholder(alice, account, "Harald") == first + 1


# ---- two connections at the same moment -----------------------------------------------------


def test_a_save_racing_a_teammates_commit_is_refused(alice, bob, harald):
    with pytest.raises(EditConflict) as refused, alice.transaction() as session:
        person = session.get(Stakeholder, harald)
        person.stance = "champion"
        # Bob saves between Alice's read and Alice's write, on his own connection.
        queries.person(bob, harald)
        edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")
    assert refused.value.changed_by == "bob"
    assert refused.value.fields == ("job_title",)
    with Session(alice.engine) as session:
        person = session.get(Stakeholder, harald)
        assert (person.job_title, person.stance, person.version) == ("Group CFO", "unknown", 2)


# ---- notifications --------------------------------------------------------------------------


def test_a_teammates_changes_are_heard_with_what_changed_and_who(alice, bob, harald, heard):
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")
    batch = next_batch(heard)
    assert batch.user == "bob"
    [change] = batch.changes
    assert (change.table, change.row_id, change.kind, change.fields) == (
        "stakeholders", harald, "update", ("job_title",)
    )  # fmt: skip
    assert change.account_id == queries.person(alice, harald).account_id

    mia = edits.add_stakeholder(bob, change.account_id, "Mia Chen", reports_to_id=harald)
    [added] = next_batch(heard).changes
    assert (added.table, added.row_id, added.kind) == ("stakeholders", mia, "insert")


def test_a_delete_is_heard_row_by_row_with_the_reports_it_moved(alice, bob, harald, heard):
    account = queries.person(alice, harald).account_id
    mia = edits.add_stakeholder(alice, account, "Mia Chen", reports_to_id=harald)
    edits.delete_stakeholder(bob, harald)
    changes = [c for _ in range(2) for c in next_batch(heard).changes]
    assert {(c.table, c.row_id, c.kind) for c in changes} == {
        ("stakeholders", mia, "update"),
        ("stakeholders", harald, "delete"),
    }
    assert all(c.account_id == account for c in changes)


def test_my_own_and_refused_changes_are_not_heard(alice, bob, harald, heard):
    queries.person(alice, harald)
    edits.set_stakeholder_field(alice, harald, "stance", "champion")  # mine: not announced
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")  # heard
    with pytest.raises(EditConflict):
        edits.set_stakeholder_field(alice, harald, "phone", "+49 1")  # refused: never sent
    assert next_batch(heard).user == "bob"
    third = open_database(alice.engine.url.render_as_string(hide_password=False), user_name="cy")
    edits.add_account(third, "Globex")  # a marker: anything Alice could hear comes before it
    third.close()
    batch = next_batch(heard)
    assert (batch.user, batch.changes[0].table) == ("cy", "accounts")


# ---- addresses ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://me@db.example.com/keyplan", "Team mode works with PostgreSQL only"),
        ("postgresql+psycopg://me@127.0.0.1:1/keyplan", "Cannot open the team database"),
    ],
)
def test_an_address_keyplan_cannot_use_is_refused_with_a_reason(url, message):
    with pytest.raises(DatabaseRefused, match=message):
        open_database(url)


def test_the_map_fast_path_leaves_a_team_database_to_the_store(alice, harald):
    assert read_map(alice.engine.url.render_as_string(hide_password=False), "Acme Group",
                    with_affiliates=False) is None  # fmt: skip
