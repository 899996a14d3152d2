"""The logins alice and bob, members of the team (roles outlive a test database), and three
accounts made by the admin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from access_helpers import login_url, make_login
from keyplan.store.database import Database, open_database
from keyplan.store.people import edits


@pytest.fixture
def logins(postgres_server) -> None:
    for login in ("alice", "bob"):
        make_login(postgres_server, login)


@pytest.fixture
def team(postgres_url: str, logins: None) -> Iterator[dict]:
    """Three accounts made by the admin: Acme (umbrella) with Acme Labs, and Globex."""
    admin = open_database(postgres_url, user_name="admin")
    acme = edits.add_account(admin, "Acme Group")
    labs = edits.add_account(admin, "Acme Labs", parent_id=acme)
    globex = edits.add_account(admin, "Globex")
    people = {
        "harald": edits.add_stakeholder(admin, acme, "Harald Berg", job_title="CFO"),
        "lena": edits.add_stakeholder(admin, labs, "Lena Vogt"),
        "gus": edits.add_stakeholder(admin, globex, "Gus Grant"),
    }
    yield {"url": postgres_url, "admin": admin, "acme": acme, "labs": labs, "globex": globex,
           **people}  # fmt: skip
    admin.close()


@pytest.fixture
def as_login(team) -> Iterator:
    opened: list[Database] = []

    def open_as(login: str) -> Database:
        database = open_database(login_url(team["url"], login))
        opened.append(database)
        return database

    yield open_as
    for database in opened:
        database.close()
