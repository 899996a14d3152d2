"""The schema is made and upgraded by Alembic; files of every released schema still open."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from keyplan.domain.account_names import account_aliases
from keyplan.store.database import open_database
from keyplan.store.map import queries as map_queries
from keyplan.store.migrate import script_revisions
from keyplan.store.models import Base
from keyplan.store.people import queries
from keyplan.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from keyplan.store.shell import quick_reads

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


# Each checked-in file is the previous one opened by the Keyplan of its revision (upgraded at
# start-up, as a user's file is), with one edit that fills what the revision added:
# 0002 Zoë's phone (version 2, by keyplan-tests); 0003 François' profile URL and the
# umbrella's aliases; 0004 François' stance neutral → supporter (one change_log entry, by
# keyplan-tests); 0006 a meeting with François on 2026-03-10 imported from a calendar
# (its calendar_events row: uid "040000008200E00074C5B7101A82E008-nordwind", occurrence
# "20260310T080000Z"); 0008 François' interest (high) and Zoë's buying role (economic
# buyer); 0007 one piece of evidence for François' stance ("Said he has not decided yet",
# 2026-12-01, second hand, a guess); 0009 an open position "Head of Sales France" (vacant,
# "hire expected Q3", under Zoë) and François' dotted line to it; 0010 a grant of Nordwind
# France (account 2) to the role "zoe" as viewer (granted_by "keyplan-tests", 2026-12-07
# 07:00:00); 0011 no edit (it adds two indexes only, no column: test_dashboard_indexes.py
# checks they are there); 0012 no edit (one index only: test_last_contact_index.py checks it);
# 0013 no edit (the dashboard's kept tallies: PostgreSQL objects only, a file is unchanged).
# Then journal_mode=DELETE and VACUUM, so the file stands alone.
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


def test_people_and_accounts_from_before_0003_have_no_profile_url_or_aliases(tmp_path):
    copy = tmp_path / "old.db"
    shutil.copy(DATA / "schema-0002_team_versions.db", copy)
    database = open_database(copy, create=False)
    people = queries.people(database, 2) + queries.people(database, 1)
    account = quick_reads.account_values(database, 1)
    database.close()
    assert [person["profile_url"] for person in people] == [None, None]
    assert account["aliases"] is None


def test_a_profile_url_and_aliases_saved_at_0003_are_read_back(tmp_path):
    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    francois = queries.people(database, 2)[0]
    aliases = quick_reads.account_values(database, 1)["aliases"]
    database.close()
    assert francois["profile_url"] == "https://linkedin.com/in/francois-muller"
    assert account_aliases(aliases) == ["NWL", "Nordwind Spedition", "Nordwind, Inc."]


def _columns_and_indexes(path: Path) -> tuple[set[str], set[str]]:
    with sqlite3.connect(path) as connection:
        columns = {
            f"{table}.{row[1]}"
            for table in ("accounts", "stakeholders")
            for row in connection.execute(f"PRAGMA table_info({table})")
        }
        # The indexes of the two tables 0003 changed: later revisions' tables come and go.
        indexes = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('accounts', 'stakeholders')")}  # fmt: skip
    return columns, indexes


# The indexes 0009 adds (a downgrade below it takes them away).
# Added by 0011, after 0009: going down past 0009 drops them first.
DASHBOARD_INDEXES = {"ix_stakeholders_dashboard_counts", "ix_interactions_account_occurred"}
DOTTED_INDEXES = {
    "ix_dotted_lines_stakeholder_id",
    "ix_dotted_lines_manager_id",
    "sqlite_autoindex_dotted_lines_1",
    "ix_stakeholders_previous_record_id",
}


def test_the_0003_migration_goes_down_and_up_again_keeping_every_index(db_path):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    database = open_database(db_path)
    # Compared at 0003 itself: later revisions add tables (and indexes) of their own.
    command.downgrade(alembic_config(database.engine), "0003_profile_url_aliases")
    _columns, indexes = _columns_and_indexes(db_path)
    command.downgrade(alembic_config(database.engine), "0002_team_versions")
    columns, indexes_down = _columns_and_indexes(db_path)
    assert not {"stakeholders.profile_url", "accounts.aliases"} & columns
    assert indexes_down == indexes  # the unique sibling names among them
    command.upgrade(alembic_config(database.engine), "0003_profile_url_aliases")
    database.close()
    columns, indexes_up = _columns_and_indexes(db_path)
    assert {"stakeholders.profile_url", "accounts.aliases"} <= columns
    assert indexes_up == indexes


def test_a_0003_file_upgrades_to_the_change_log_keeping_its_data_and_logging_from_then_on(
    tmp_path,
):
    from sqlalchemy import select

    from keyplan.store.models import ChangeLogEntry
    from keyplan.store.people import edits

    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    francois = queries.people(database, 2)[0]
    assert francois["profile_url"] == "https://linkedin.com/in/francois-muller"
    with database.read() as session:
        assert session.scalars(select(ChangeLogEntry)).all() == []  # no history before
    edits.set_stakeholder_field(database, francois.id, "job_title", "CFO")
    with database.read() as session:
        (entry,) = session.scalars(select(ChangeLogEntry)).all()
    database.close()
    assert (entry.entity_id, entry.field, entry.new_value) == (francois.id, "job_title", "CFO")


def test_the_change_log_saved_at_0004_is_read_back(tmp_path):
    from sqlalchemy import select

    from keyplan.store.models import ChangeLogEntry

    copy = tmp_path / "0004.db"
    shutil.copy(DATA / "schema-0004_change_log.db", copy)
    database = open_database(copy, create=False)
    with database.read() as session:
        (entry,) = session.scalars(select(ChangeLogEntry)).all()
    database.close()
    assert (entry.field, entry.old_value, entry.new_value) == ("stance", "neutral", "supporter")
    assert entry.changed_by == "keyplan-tests"


def test_a_0003_file_with_data_upgrades_to_calendar_events_and_keeps_its_data(tmp_path):
    from keyplan.store.meetings.calendar_import import calendar_directory

    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    people = queries.people(database, 2)
    directory = calendar_directory(database)
    database.close()
    assert people[0]["full_name"] == "François Müller"
    assert people[0]["profile_url"] == "https://linkedin.com/in/francois-muller"
    assert directory.imported == frozenset()  # nothing was imported from a calendar yet


def test_a_meeting_imported_at_0006_is_known_on_reimport(tmp_path):
    from keyplan.store.meetings.calendar_import import calendar_directory
    from keyplan.store.meetings.queries import interactions

    copy = tmp_path / "0006.db"
    shutil.copy(DATA / "schema-0006_calendar_events.db", copy)
    database = open_database(copy, create=False)
    directory = calendar_directory(database)
    met = interactions(database, 2)
    database.close()
    assert directory.imported == {("040000008200E00074C5B7101A82E008-nordwind",
                                   "20260310T080000Z")}  # fmt: skip
    assert [(row.summary, [n for _, n in row.people]) for row in met] == [
        ("Quarterly service review", ["François Müller"])
    ]


def test_people_from_before_0008_keep_their_data_and_have_no_interest_yet(tmp_path):
    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    people = queries.people(database, 2) + queries.people(database, 1)
    database.close()
    by_name = {person["full_name"]: person for person in people}
    assert by_name["François Müller"]["profile_url"] == "https://linkedin.com/in/francois-muller"
    assert by_name["Zoë Åkesson"]["buying_role"] == "decision_maker"
    assert [person["interest"] for person in people] == [None, None]


def test_an_interest_and_an_economic_buyer_saved_at_0008_are_read_back(tmp_path):
    copy = tmp_path / "0008.db"
    shutil.copy(DATA / "schema-0008_interest_economic_buyer.db", copy)
    database = open_database(copy, create=False)
    people = queries.people(database, 2) + queries.people(database, 1)
    database.close()
    by_name = {person["full_name"]: person for person in people}
    assert by_name["François Müller"]["interest"] == "high"
    assert by_name["Zoë Åkesson"]["buying_role"] == "economic_buyer"


def test_going_below_0008_turns_economic_buyers_into_no_role(db_path):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    shutil.copy(DATA / "schema-0008_interest_economic_buyer.db", db_path)
    database = open_database(db_path, create=False)
    command.downgrade(alembic_config(database.engine), "0003_profile_url_aliases")
    database.close()
    columns, _indexes = _columns_and_indexes(db_path)
    with sqlite3.connect(db_path) as connection:
        roles = {row[0] for row in connection.execute("SELECT buying_role FROM stakeholders")}
    assert "stakeholders.interest" not in columns
    assert roles == {"none", "user"}


def test_a_0003_file_with_data_upgrades_to_evidence_and_keeps_its_data(tmp_path):
    from keyplan.store.evidence import queries as evidence_queries

    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    francois = queries.people(database, 2)[0]
    evidence = evidence_queries.person_evidence(database, francois.id)
    database.close()
    assert francois["profile_url"] == "https://linkedin.com/in/francois-muller"
    assert francois.manager_name == "Zoë Åkesson"
    assert evidence == []  # nothing is known yet of what the ratings rest on


def test_evidence_saved_at_0007_is_read_back(tmp_path):
    from keyplan.store.evidence import queries as evidence_queries

    copy = tmp_path / "0007.db"
    shutil.copy(DATA / "schema-0007_evidence.db", copy)
    database = open_database(copy, create=False)
    francois = queries.people(database, 2)[0]
    [item] = evidence_queries.person_evidence(database, francois.id)
    database.close()
    assert (item["rating"], item["source"], item["confidence"]) == (
        "stance",
        "second_hand",
        "guess",
    )
    assert item["observed"] == "Said he has not decided yet"


def test_the_0007_migration_goes_down_and_up_again(db_path):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    database = open_database(db_path)
    command.downgrade(alembic_config(database.engine), "0003_profile_url_aliases")
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert "evidence" not in tables
    command.upgrade(alembic_config(database.engine), "head")
    database.close()
    with sqlite3.connect(db_path) as connection:
        indexes = {
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'evidence' AND type = 'index'"
            )
        }
    assert indexes == {"ix_evidence_stakeholder_id", "ix_evidence_team_member_id",
                       "ix_evidence_interaction_id"}  # fmt: skip


def test_the_0009_migration_goes_down_and_up_again_keeping_every_index(db_path):
    from alembic import command

    from keyplan.store.migrate import alembic_config

    database = open_database(db_path)
    columns, indexes = _columns_and_indexes(db_path)
    command.downgrade(alembic_config(database.engine), "0007_evidence")
    columns_down, indexes_down = _columns_and_indexes(db_path)
    assert "stakeholders.is_vacancy" in columns - columns_down
    assert indexes_down == indexes - DOTTED_INDEXES - DASHBOARD_INDEXES
    command.upgrade(alembic_config(database.engine), "head")
    database.close()
    assert _columns_and_indexes(db_path) == (columns, indexes)


def test_people_from_0003_upgrade_as_people_keeping_managers_with_no_dotted_lines(tmp_path):
    copy = tmp_path / "0003.db"
    shutil.copy(DATA / "schema-0003_profile_url_aliases.db", copy)
    database = open_database(copy, create=False)
    data = map_queries.map_data(database, 1, with_affiliates=True)
    database.close()
    assert [(p.full_name, p.is_vacancy, p.came_from) for p in data.people] == [
        ("Zoë Åkesson", False, None),
        ("François Müller", False, None),
    ]
    assert data.people[1].reports_to_id == data.people[0].id
    assert data.dotted == []


def test_an_open_position_and_a_dotted_line_saved_at_0009_are_read_back(tmp_path):
    copy = tmp_path / "0009.db"
    shutil.copy(DATA / "schema-0009_dotted_positions.db", copy)
    database = open_database(copy, create=False)
    data = map_queries.map_data(database, 1, with_affiliates=True)
    database.close()
    seat = data.people[2]
    assert (seat.full_name, seat.is_vacancy, seat.vacancy_note) == (
        "Head of Sales France",
        True,
        "hire expected Q3",
    )
    assert [(d.person_id, d.manager_id) for d in data.dotted] == [(data.people[1].id, seat.id)]


def test_a_0009_file_with_data_upgrades_to_account_access_keeping_its_data(tmp_path):
    from keyplan.store.access import grants

    copy = tmp_path / "0009.db"
    shutil.copy(DATA / "schema-0009_dotted_positions.db", copy)
    database = open_database(copy, create=False)
    names = [row.name for row in queries.portfolio(database)]
    people = [p["full_name"] for p in queries.people(database, 2)]
    account_grants = grants.grants(database, 2)
    level = grants.level_of(database, 2)
    database.close()
    assert names == ["Nordwind France", "Nordwind Logistik"]
    assert people[0] == "François Müller"
    assert account_grants == []  # a laptop file: nothing is granted, its user may do all
    assert level == "owner"


def test_a_grant_saved_at_0010_is_read_back(tmp_path):
    from keyplan.store.access import grants

    copy = tmp_path / "0010.db"
    shutil.copy(DATA / "schema-0010_account_access.db", copy)
    database = open_database(copy, create=False)
    listed = grants.grants(database, 2)
    database.close()
    assert listed == [grants.Grant("zoe", "viewer", "keyplan-tests")]


def test_the_0010_migration_goes_down_and_up_again(db_path):
    from alembic import command
    from sqlalchemy import inspect

    from keyplan.store.migrate import alembic_config

    database = open_database(db_path)
    config = alembic_config(database.engine)
    command.downgrade(config, "0009_dotted_positions")
    assert "account_access" not in inspect(database.engine).get_table_names()
    command.upgrade(config, "head")
    assert "account_access" in inspect(database.engine).get_table_names()
    database.close()
