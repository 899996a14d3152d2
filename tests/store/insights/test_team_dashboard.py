"""The dashboard on a team server where the access policies leave a login a few accounts.

The login is granted one account through issue 19's access policies (revision
``0010_account_access``), so the dashboard's reading through the server's policies is tested
on a real PostgreSQL server: the login's accounts only, with the same figures as a full read.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from keyplan.domain.insights.summary import summarise_tally
from keyplan.store.access.grants import MEMBER_ROLE, grant_access
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.people import edits

pytestmark = pytest.mark.postgresql
TODAY = date(2026, 5, 4)
_logins = itertools.count(1)


def _login_seeing(db: Database, url: str, account_id: int) -> tuple[str, str]:
    """A database login granted one account, as a viewer (issue 19's access policies)."""
    login = f"viewer_{os.getpid()}_{next(_logins)}"
    with db.engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {login} LOGIN"))
        connection.execute(text(f"GRANT {MEMBER_ROLE} TO {login}"))
        grant_access(connection, account_id, login, "viewer")
        connection.execute(text("ANALYZE"))
    return login, make_url(url).set(username=login).render_as_string(hide_password=False)


def _drop_login(db: Database, login: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(text(f"DROP OWNED BY {login}"))
        connection.execute(text(f"DROP ROLE {login}"))


@pytest.fixture
def team(postgres_url: str) -> Database:
    """A small team database: 40 accounts or so, with people, meetings and promises."""
    db = open_database(postgres_url)
    create_synthetic_portfolio(db, people=8000, today=TODAY, largest_share=0.01)
    yield db
    db.close()


def test_a_login_on_one_account_of_many_has_its_dashboard_with_the_same_scores(
    team: Database, postgres_url: str
):
    everything_accounts, everything = dashboard_facts(team, TODAY)
    assert len(everything_accounts) >= 30
    theirs = max(everything, key=lambda account_id: len(everything[account_id].cells))
    login, url = _login_seeing(team, postgres_url, theirs)
    viewer = open_database(url)
    try:
        accounts, tallies = dashboard_facts(viewer, TODAY)
        assert [account.id for account in accounts] == [theirs]
        # The same scores; ``names`` (who was met, to name the best-served person) is shared
        # by every account of a read, so a full read simply knows more of them.
        mine, full = tallies[theirs], everything[theirs]
        assert replace(mine, names={}) == replace(full, names={})
        assert set(mine.names) <= set(full.names)
        assert summarise_tally(mine, TODAY) == summarise_tally(full, TODAY)
    finally:
        viewer.close()
        _drop_login(team, login)


def test_a_generated_portfolio_on_a_team_server_lets_the_next_person_have_a_new_id(
    postgres_url: str,
):
    db = open_database(postgres_url)
    try:
        create_synthetic_portfolio(db, people=400, today=TODAY, largest_share=0.01)
        accounts, _tallies = dashboard_facts(db, TODAY)
        newcomer = edits.add_stakeholder(db, accounts[0].id, "Nora Lindqvist")
        with db.read() as session:
            highest = session.scalar(text("SELECT max(id) FROM stakeholders"))
            meetings = session.scalar(text("SELECT count(*) FROM interactions"))
    finally:
        db.close()
    assert newcomer == highest
    assert meetings >= 3 * 400 - 1  # written with COPY: every row is there
