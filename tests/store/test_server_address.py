"""One reading of a team database's address (issue 20): the address the window shows, the one
it remembers and the login its password is kept under are cut at the same places."""

from __future__ import annotations

import pytest

from keyplan.store.server_address import parse_server_address
from keyplan.store.team.credentials import server_login, split_password

TYPED = "postgresql://dana:p%40ss:w0rd@db.example:5433/sales?sslmode=require"


def test_the_shown_and_the_remembered_address_differ_only_by_the_stars():
    address = parse_server_address(TYPED)
    remembered, password = split_password(TYPED)

    assert address is not None
    assert password == "p@ss:w0rd"
    assert address.display == "postgresql+psycopg://dana:***@db.example:5433/sales?sslmode=require"
    assert address.display.replace(":***@", "@") == remembered.replace(
        "postgresql://", "postgresql+psycopg://"
    )
    login = server_login(remembered)
    assert login is not None
    assert (login.host, login.port, login.database, login.user) == (
        "db.example",
        5433,
        "sales",
        "dana",
    )


@pytest.mark.parametrize("location", ["postgresql://dana:secret@db.example:port/sales"])
def test_a_bad_port_is_refused_but_its_password_still_leaves_the_address(location):
    assert parse_server_address(location) is None  # the open says what is wrong
    assert server_login(location) is None
    assert split_password(location) == ("postgresql://dana@db.example:port/sales", "secret")
