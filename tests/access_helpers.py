"""Logins on the throw-away PostgreSQL server, for the per-account access tests."""

from __future__ import annotations

import psycopg
from sqlalchemy.engine import make_url


def make_login(server, login: str, group: str = "keyplan_member") -> None:
    """A login role in ``group`` (roles belong to the server: made once per test session)."""
    server.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{login}') "
        f"THEN CREATE ROLE {login} LOGIN; END IF; END $$"
    )
    server.execute(f"GRANT {group} TO {login}")


def login_url(url: str, login: str) -> str:
    """The same database, as ``login``."""
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def plain_sql(url: str, login: str, sql: str) -> list[tuple]:
    """What ``psql`` as ``login`` returns (no rows for a statement that returns none)."""
    parsed = make_url(url)
    dsn = f"host={parsed.host} port={parsed.port} dbname={parsed.database} user={login}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        cursor = connection.execute(sql)
        return cursor.fetchall() if cursor.description else []
