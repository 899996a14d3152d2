"""``keyplan access`` against a real PostgreSQL server, and its refusals."""

from __future__ import annotations

import pytest

from access_helpers import login_url, plain_sql
from keyplan.cli.program import main
from keyplan.store.access import grants
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.people.queries import find_account


@pytest.fixture
def globex(postgres_url: str, logins: None) -> str:
    admin = open_database(postgres_url)
    account = edits.add_account(admin, "Globex")
    edits.add_stakeholder(admin, account, "Gus Grant")
    admin.close()
    return postgres_url


def keyplan(*argv: str) -> int:
    return main(list(argv))


@pytest.mark.postgresql
def test_an_admin_grants_lists_and_revokes(globex, capsys):
    assert keyplan("access", "--db", globex, "--account", "globex", "--grant", "bob",
                   "--as", "viewer") == 0  # fmt: skip
    assert "bob is now viewer of globex." in capsys.readouterr().out
    assert plain_sql(globex, "bob", "SELECT full_name FROM stakeholders") == [("Gus Grant",)]
    assert keyplan("access", "--db", globex, "--account", "Globex", "--list") == 0
    assert "bob\tviewer" in capsys.readouterr().out
    assert keyplan("access", "--db", globex, "--account", "Globex", "--revoke", "bob") == 0
    assert plain_sql(globex, "bob", "SELECT full_name FROM stakeholders") == []


@pytest.mark.postgresql
def test_refusals_are_one_line_and_change_nothing(globex, capsys):
    bob_url = login_url(globex, "bob")
    cases = [
        (["--db", globex, "--account", "Initech", "--list"], "no account named 'Initech'"),
        (["--db", globex, "--account", "Globex", "--grant", "nobody", "--as", "viewer"],
         "no database role 'nobody'"),
        (["--db", globex, "--account", "Globex", "--grant", "bob"], "--grant needs --as"),
        # bob cannot see Globex at all: to him it does not exist.
        (["--db", bob_url, "--account", "Globex", "--grant", "bob", "--as", "owner"],
         "no account named 'Globex'"),
    ]  # fmt: skip
    for argv, message in cases:
        assert keyplan("access", *argv) == 1
        error = capsys.readouterr().err
        assert message in error and error.count("\n") == 1, error
    database = open_database(globex)
    assert grants.grants(database, find_account(database, "Globex")) == []
    database.close()


@pytest.mark.postgresql
def test_a_viewer_may_not_grant(globex, capsys):
    keyplan("access", "--db", globex, "--account", "Globex", "--grant", "bob", "--as", "viewer")
    capsys.readouterr()
    bob_url = login_url(globex, "bob")
    assert keyplan("access", "--db", bob_url, "--account", "Globex", "--grant", "alice",
                   "--as", "owner") == 1  # fmt: skip
    assert "Only an owner of this account or a Keyplan admin" in capsys.readouterr().err


def test_a_file_is_refused(db_path, capsys):
    open_database(db_path).close()
    assert keyplan("access", "--db", str(db_path), "--account", "Globex", "--list") == 1
    assert "Access applies to a team database" in capsys.readouterr().err


@pytest.mark.postgresql
def test_a_viewers_write_from_the_command_line_is_a_one_line_refusal(globex, capsys):
    keyplan("access", "--db", globex, "--account", "Globex", "--grant", "bob", "--as", "viewer")
    capsys.readouterr()
    bob_url = login_url(globex, "bob")
    assert keyplan("snapshot", "--db", bob_url, "--account", "Globex", "--name", "Mine") == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "The team database refused" in error
    assert plain_sql(globex, "postgres", "SELECT count(*) FROM snapshots") == [(0,)]
