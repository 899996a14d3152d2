"""The dashboard's kept tallies under the access policies: a login keeps its own, of the
accounts it sees, and a grant given means a count again (revision 0013, ``kept_tallies``)."""

from __future__ import annotations

import itertools
import os

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from tests.store.insights.test_kept_tallies import (
    TODAY,
    _comparable,
    _family,
    _person_edited,
    team,
)

from keyplan.store.access.grants import MEMBER_ROLE, grant_access
from keyplan.store.database import Database, open_database
from keyplan.store.insights.dashboard_tally import dashboard_tallies
from keyplan.store.insights.queries import dashboard_facts

pytestmark = pytest.mark.postgresql
_logins = itertools.count(1)
__all__ = ["team"]  # the fixture, shared with the tests of the writes


def _login_seeing(db: Database, url: str, account_id: int) -> tuple[str, str]:
    login = f"keeper_{os.getpid()}_{next(_logins)}"
    with db.engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {login} LOGIN"))
        connection.execute(text(f"GRANT {MEMBER_ROLE} TO {login}"))
        grant_access(connection, account_id, login, "viewer")
    return login, make_url(url).set(username=login).render_as_string(hide_password=False)


def test_a_login_reads_and_writes_only_its_own_kept_tallies_of_accounts_it_sees(
    team: Database, postgres_url: str
):
    _umbrella, affiliate, other = _family(team)
    dashboard_facts(team, TODAY)  # the owner's tallies of every account, kept
    login, url = _login_seeing(team, postgres_url, other)
    viewer = open_database(url)
    try:
        accounts, tallies = dashboard_facts(viewer, TODAY)
        assert [a.id for a in accounts] == [other] and set(tallies) == {other}
        with team.engine.begin() as c:  # the login's account written: counted again, the same
            _person_edited(c, 0, other, 0, lambda: None)
        _accounts, kept_reading = dashboard_facts(viewer, TODAY)
        _all, counted_now = dashboard_tallies(viewer, TODAY, None)
        assert _comparable(kept_reading[other]) == _comparable(counted_now[other])
        assert _comparable(counted_now[other]) != _comparable(tallies[other])
        with viewer.engine.connect() as c:
            visible = c.execute(text("SELECT login, account_id FROM kept_tallies")).all()
            assert visible == [(login, other)]  # its own, not the owner's
            with pytest.raises(Exception, match="row-level security"):
                c.execute(
                    text(
                        "INSERT INTO kept_tallies (account_id, day, generation, seen, version, "
                        "tally) VALUES (:a, :d, 0, '', '', '{}')"
                    ),
                    {"a": affiliate, "d": TODAY},
                )
            c.rollback()
            with pytest.raises(Exception, match="row-level security"):
                c.execute(
                    text(
                        "INSERT INTO kept_tallies (login, account_id, day, generation, seen, "
                        "version, tally) VALUES (:l, :a, :d, 0, '', '', '{}')"
                    ),
                    {"l": team.engine.url.username, "a": other, "d": TODAY},
                )
    finally:
        viewer.close()
        with team.engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {login}"))
            connection.execute(text(f"DROP ROLE {login}"))


def test_a_grant_given_counts_the_login_again(team: Database, postgres_url: str):
    _umbrella, affiliate, other = _family(team)
    login, url = _login_seeing(team, postgres_url, other)
    viewer = open_database(url)
    try:
        dashboard_facts(viewer, TODAY)
        with team.engine.begin() as connection:
            grant_access(connection, affiliate, login, "viewer")
        accounts, tallies = dashboard_facts(viewer, TODAY)
        assert {a.id for a in accounts} == {other, affiliate}
        _all, counted_now = dashboard_tallies(viewer, TODAY, None)
        assert {a: _comparable(t) for a, t in tallies.items()} == {
            a: _comparable(t) for a, t in counted_now.items()
        }
    finally:
        viewer.close()
        with team.engine.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {login}"))
            connection.execute(text(f"DROP ROLE {login}"))
