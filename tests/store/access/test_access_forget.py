"""Forgetting a person on a team database leaves no trace the forgetter cannot see; a copy
taken out by a member holds what that member may see.

Export records are private to their exporter, and a login sees only its accounts: forgetting
reaches colleagues' export records through the server, and is refused when the person's
account family holds an account the login may not change (their name would stay there).
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from access_helpers import login_url, plain_sql
from keyplan.store.access import grants
from keyplan.store.access.grants import AccessRefused
from keyplan.store.forget.erase import forget_person
from keyplan.store.people import queries
from pg_server import SUPERUSER

pytestmark = pytest.mark.postgresql


def export_as(team: dict, login: str, account: int, file_name: str) -> None:
    plain_sql(team["url"], login, "INSERT INTO export_records (account_id, variant, file_name, "
              f"exported_at) VALUES ({account}, 'pdf', '{file_name}', now())")  # fmt: skip


def export_files(team: dict) -> list[str]:
    return sorted(row[0] for row in plain_sql(team["url"], SUPERUSER, _FILES))


_FILES = "SELECT file_name FROM export_records"


def test_forgetting_removes_a_colleagues_export_records_that_name_the_person(team, as_login):
    for login in ("alice", "bob"):
        grants.grant(team["admin"], team["acme"], login, "editor")
    export_as(team, "alice", team["labs"], "/home/alice/Acme Labs - Lena Vogt.pdf")
    export_as(team, "alice", team["labs"], "/home/alice/Acme Labs - plan.pdf")
    export_as(team, "alice", team["globex"], "/home/alice/Lena Vogt at Globex.pdf")
    bob = as_login("bob")
    assert plain_sql(team["url"], "bob", _FILES) == []  # alice's records are hers alone

    report = forget_person(bob, team["lena"])

    assert report.counts["export records"] == 1
    # Globex is not Lena's family, and bob may not change it: that record is not his to touch.
    assert export_files(team) == [
        "/home/alice/Acme Labs - plan.pdf",
        "/home/alice/Lena Vogt at Globex.pdf",
    ]


def test_forgetting_is_refused_where_the_family_holds_an_account_the_login_may_not_change(
    team, as_login
):
    grants.grant(team["admin"], team["acme"], "alice", "editor")
    grants.grant(team["admin"], team["labs"], "alice", "viewer")  # narrowed on the affiliate
    export_as(team, "alice", team["acme"], "/home/alice/Harald Berg.pdf")
    alice = as_login("alice")

    with pytest.raises(AccessRefused, match=r"Harald Berg cannot be forgotten.*\(Acme Labs\)"):
        forget_person(alice, team["harald"])

    assert "Harald Berg" in [
        p.values["full_name"] for p in queries.people(team["admin"], team["acme"])
    ]
    assert export_files(team) == ["/home/alice/Harald Berg.pdf"]


def test_an_account_hidden_from_the_login_is_counted_not_named(team, as_login):
    grants.grant(team["admin"], team["acme"], "alice", "editor")
    grants.grant(team["admin"], team["labs"], "alice", "none")
    alice = as_login("alice")

    with pytest.raises(AccessRefused, match=r"1 account\(s\) you cannot see") as refused:
        forget_person(alice, team["harald"])

    assert "Labs" not in str(refused.value)


def test_an_owner_of_the_whole_family_forgets_and_the_record_is_gone(team, as_login):
    grants.grant(team["admin"], team["acme"], "alice", "owner")
    alice = as_login("alice")

    forget_person(alice, team["harald"])

    assert plain_sql(team["url"], SUPERUSER, "SELECT 1 FROM stakeholders WHERE full_name = "
                     "'Harald Berg'") == []  # fmt: skip


def test_a_member_copying_the_team_database_out_gets_their_accounts_only(team, tmp_path):
    from keyplan.store.database import open_database
    from keyplan.store.transfer.copy_db import copy_database

    grants.grant(team["admin"], team["globex"], "alice", "viewer")
    export_as(team, "bob", team["globex"], "/home/bob/Globex.pdf")
    target = tmp_path / "alice.db"

    copy_database(login_url(team["url"], "alice"), target)

    copy = open_database(target)
    try:
        assert [row.name for row in queries.portfolio(copy)] == ["Globex"]
        with copy.read() as session:
            people = session.execute(text("SELECT full_name FROM stakeholders")).scalars()
            assert list(people) == ["Gus Grant"]  # none of Acme's
            assert session.execute(text("SELECT count(*) FROM export_records")).scalar() == 0
    finally:
        copy.close()
