"""The logins alice and bob, members of the team (roles outlive a test database)."""

from __future__ import annotations

import pytest

from access_helpers import make_login


@pytest.fixture
def logins(postgres_server) -> None:
    for login in ("alice", "bob"):
        make_login(postgres_server, login)
