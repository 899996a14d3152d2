"""Per-account access on a real PostgreSQL server: what each login sees and may change.

Two logins (alice, bob) and three accounts. The data is set up by the superuser (an admin);
then each login reads through Keyplan's store and through plain SQL, as psql would.
"""

from __future__ import annotations

import json

import psycopg
import pytest
from sqlalchemy.engine import make_url

from access_helpers import login_url, make_login, plain_sql
from keyplan.store.access import grants
from keyplan.store.access.grants import AccessRefused
from keyplan.store.database import Database, open_database
from keyplan.store.models import Base
from keyplan.store.people import edits, queries
from keyplan.store.team.conflicts import EditConflict

pytestmark = pytest.mark.postgresql

# Tables with account data (every one the policies cover; offerings are the shared catalogue).
ACCOUNT_TABLES = (
    "accounts", "stakeholders", "influence_lines", "dotted_lines", "relationship_owners",
    "interactions", "interaction_stakeholders", "evidence", "opportunities", "risks",
    "objectives", "actions", "commitments", "competitor_presences", "whitespace_cells",
    "change_log", "snapshots", "export_records", "account_access", "interaction_team_members",
    "calendar_events", "team_members",
)  # fmt: skip


def names(database: Database) -> list[str]:
    return sorted(row.name for row in queries.portfolio(database))


def test_a_login_with_no_grant_sees_no_row_of_any_account_in_any_table(team):
    for table in ACCOUNT_TABLES:
        assert plain_sql(team["url"], "bob", f"SELECT * FROM {table}") == [], table


def test_a_viewer_sees_the_account_and_cannot_change_it(team, as_login):
    grants.grant(team["admin"], team["globex"], "bob", "viewer")
    bob = as_login("bob")
    assert names(bob) == ["Globex"]
    assert [p["full_name"] for p in queries.people(bob, team["globex"])] == ["Gus Grant"]
    assert grants.level_of(bob, team["globex"]) == "viewer"
    with pytest.raises(EditConflict, match="You can view this account but not change it"):
        edits.set_stakeholder_field(bob, team["gus"], "job_title", "Boss")
    rows = plain_sql(team["url"], "bob",
                     "UPDATE stakeholders SET job_title = 'Boss' RETURNING id")  # fmt: skip
    assert rows == []  # the update reached no row
    assert plain_sql(team["url"], "postgres", "SELECT job_title FROM stakeholders "
                     f"WHERE id = {team['gus']}") == [(None,)]  # fmt: skip


def test_an_umbrella_grant_covers_its_affiliates_unless_narrowed(team, as_login):
    grants.grant(team["admin"], team["acme"], "alice", "editor")
    alice = as_login("alice")
    assert names(alice) == ["Acme Group", "Acme Labs"]
    edits.set_stakeholder_field(alice, team["lena"], "job_title", "CTO")
    grants.grant(team["admin"], team["labs"], "alice", "viewer")
    assert grants.level_of(alice, team["labs"]) == "viewer"
    grants.grant(team["admin"], team["labs"], "alice", "none")
    assert names(alice) == ["Acme Group"]
    people = plain_sql(team["url"], "alice", "SELECT full_name FROM stakeholders")
    assert people == [("Harald Berg",)]


def test_an_editor_edits_and_the_server_records_the_login_not_the_claimed_name(
    team, as_login, monkeypatch
):
    monkeypatch.setenv("KEYPLAN_USER", "the-ceo")
    monkeypatch.setenv("USER", "the-ceo")
    grants.grant(team["admin"], team["globex"], "alice", "editor")
    alice = as_login("alice")
    assert alice.user_name == "alice"
    alice.user_name = "the-ceo"  # a client that lies about who it is
    edits.set_stakeholder_field(alice, team["gus"], "job_title", "COO")
    stored = plain_sql(
        team["url"],
        "postgres",
        f"SELECT job_title, updated_by FROM stakeholders WHERE id = {team['gus']}",
    )
    assert stored == [("COO", "alice")]
    who = plain_sql(team["url"], "postgres", "SELECT DISTINCT changed_by FROM change_log "
                    f"WHERE entity_id = {team['gus']} AND field = 'job_title'")  # fmt: skip
    assert who == [("alice",)]


def test_an_owner_grants_and_a_revoke_takes_effect(team, as_login):
    grants.grant(team["admin"], team["globex"], "alice", "owner")
    alice = as_login("alice")
    grants.grant(alice, team["globex"], "bob", "viewer")
    assert [(g.role_name, g.level) for g in grants.grants(alice, team["globex"])] == [
        ("alice", "owner"),
        ("bob", "viewer"),
    ]
    bob = as_login("bob")
    assert names(bob) == ["Globex"]
    with pytest.raises(AccessRefused, match="Only an owner"):
        grants.grant(bob, team["globex"], "bob", "owner")
    grants.revoke(alice, team["globex"], "bob")
    assert names(bob) == []
    assert plain_sql(team["url"], "bob", "SELECT count(*) FROM stakeholders") == [(0,)]


def test_an_editor_cannot_grant_and_plain_sql_cannot_either(team, as_login):
    grants.grant(team["admin"], team["globex"], "bob", "editor")
    with pytest.raises(AccessRefused, match="Only an owner"):
        grants.grant(as_login("bob"), team["globex"], "bob", "owner")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        plain_sql(team["url"], "bob", f"INSERT INTO account_access (account_id, role_name, "
                  f"level) VALUES ({team['globex']}, 'bob', 'owner')")  # fmt: skip


def test_a_new_account_belongs_to_whoever_made_it(team, as_login):
    bob = as_login("bob")
    initech = edits.add_account(bob, "Initech")
    assert names(bob) == ["Initech"]
    assert grants.level_of(bob, initech) == "owner"
    assert plain_sql(team["url"], "alice", "SELECT name FROM accounts") == []


def test_unknown_roles_and_sqlite_files_get_clear_refusals(team, db_path):
    with pytest.raises(AccessRefused, match="no database role 'nobody'"):
        grants.grant(team["admin"], team["globex"], "nobody", "viewer")
    laptop = open_database(db_path)
    with pytest.raises(AccessRefused, match="team database"):
        grants.grant(laptop, 1, "bob", "viewer")
    assert grants.level_of(laptop, 1) == "owner"
    laptop.close()


def test_export_records_are_seen_by_their_exporter_only(team, as_login):
    for login in ("alice", "bob"):
        grants.grant(team["admin"], team["globex"], login, "viewer")
        plain_sql(team["url"], login, "INSERT INTO export_records (account_id, variant, "
                  f"file_name, exported_at) VALUES ({team['globex']}, 'pdf', "
                  f"'/home/{login}/plan.pdf', now())")  # fmt: skip
    assert plain_sql(team["url"], "bob", "SELECT file_name FROM export_records") == [
        ("/home/bob/plan.pdf",)
    ]


def test_notifications_name_no_account_and_reach_only_those_who_may_read_it(team, as_login):
    import queue

    from keyplan.store.team.notify import ChangeListener

    grants.grant(team["admin"], team["acme"], "bob", "viewer")
    bob = as_login("bob")
    heard: queue.Queue = queue.Queue()
    listener = ChangeListener(bob, heard.put)
    listener.start()
    assert listener.wait_until_listening()
    parsed = make_url(team["url"])
    dsn = f"host={parsed.host} port={parsed.port} dbname={parsed.database} user=alice"
    with psycopg.connect(dsn, autocommit=True) as raw:  # a curious listener, with no grant
        raw.execute("LISTEN keyplan")
        edits.set_stakeholder_field(team["admin"], team["gus"], "job_title", "Secret title")
        edits.set_stakeholder_field(team["admin"], team["harald"], "job_title", "Group CFO")
        payloads = [n.payload for n in raw.notifies(timeout=2, stop_after=2)]
    try:
        batch = heard.get(timeout=10)
        assert [(c.table, c.row_id, c.account_id) for c in batch.changes] == [
            ("stakeholders", team["harald"], team["acme"])
        ]
        assert heard.empty()  # Globex's change never reached Bob's window
    finally:
        listener.stop()
    assert len(payloads) == 2
    for payload in payloads:
        assert "Secret" not in payload and "Globex" not in payload
        assert all(account is None for _table, _id, account, *_ in json.loads(payload)["c"])


def test_the_policies_go_down_with_the_migration_and_up_again(postgres_url, logins):
    from alembic import command
    from sqlalchemy import create_engine, text

    from keyplan.store.migrate import alembic_config
    from keyplan.store.schema import SERVER_ONLY_TABLES

    engine = create_engine(postgres_url)

    def policed_tables() -> int:
        with engine.connect() as connection:
            return connection.execute(
                text(
                    "SELECT count(DISTINCT tablename) FROM pg_policies WHERE "
                    "policyname LIKE 'keyplan_%'"
                )
            ).scalar()

    # The account tables, and the dashboard's kept tallies (revision 0013, no model).
    assert policed_tables() == len(ACCOUNT_TABLES) + len(SERVER_ONLY_TABLES)
    # Every table but the shared offerings catalogue carries account data, and is policed.
    assert set(Base.metadata.tables) - {"offerings"} == set(ACCOUNT_TABLES)
    command.downgrade(alembic_config(engine), "0009_dotted_positions")
    assert policed_tables() == 0
    command.upgrade(alembic_config(engine), "head")
    assert policed_tables() == len(ACCOUNT_TABLES) + len(SERVER_ONLY_TABLES)
    engine.dispose()


def test_a_keyplan_admin_login_sees_every_account_and_may_grant(team, postgres_server):
    make_login(postgres_server, "lead", "keyplan_admin")
    lead = open_database(login_url(team["url"], "lead"))
    try:
        assert names(lead) == ["Acme Group", "Acme Labs", "Globex"]
        assert grants.is_admin(lead) and grants.level_of(lead, team["globex"]) == "owner"
        grants.grant(lead, team["globex"], "bob", "editor")
        edits.set_stakeholder_field(lead, team["gus"], "job_title", "CEO")
    finally:
        lead.close()
    assert plain_sql(team["url"], "bob", "SELECT job_title, updated_by FROM stakeholders") == [
        ("CEO", "lead")
    ]
    assert plain_sql(team["url"], "lead", "SELECT count(*) FROM stakeholders") == [(3,)]


def test_an_owner_deletes_an_account_and_undo_gives_it_back_to_them(team, as_login):
    grants.grant(team["admin"], team["globex"], "alice", "owner")
    alice = as_login("alice")
    snapshot = edits.delete_account(alice, team["globex"], cascade=True)
    assert names(alice) == []
    edits.restore_rows(alice, snapshot)
    assert names(alice) == ["Globex"]
    assert grants.level_of(alice, team["globex"]) == "owner"
    assert [p["full_name"] for p in queries.people(alice, team["globex"])] == ["Gus Grant"]
