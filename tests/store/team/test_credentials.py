"""A team database's password never stays in a remembered address (issue 19).

It moves to libpq's password file or the system keyring; a connection without it in the
address still logs in, on a real server that asks for a password.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote

import pytest

from keyplan.domain.errors import KeyplanError
from keyplan.store.database import open_database
from keyplan.store.team import credentials
from keyplan.store.team.credentials import PasswordStore, move_password_out, split_password
from memory_keyring import memory_keyring as in_memory_keyring

ADDRESS = "postgresql+psycopg://sofie:s%3Acr%40t@db.example.com:5433/keyplan"


@pytest.fixture
def memory_keyring():
    with in_memory_keyring() as memory:
        yield memory


@pytest.fixture
def pgpass(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(path))
    return path


def test_the_password_is_split_from_the_address_and_decoded():
    assert split_password(ADDRESS) == (
        "postgresql+psycopg://sofie@db.example.com:5433/keyplan",
        "s:cr@t",
    )


@pytest.mark.parametrize(
    "location",
    [
        "postgresql+psycopg://sofie@db.example.com/keyplan",
        "/home/sofie/plans/keyplan.db",
        "C:\\Users\\sofie\\keyplan.db",
    ],
)
def test_an_address_without_password_and_a_file_are_unchanged(location):
    assert split_password(location) == (location, None)


def test_moving_to_the_password_file_writes_a_private_line_libpq_reads(pgpass):
    pgpass.write_text("# mine\nother:5432:*:bob:hunter2\n")

    remembered, where = move_password_out(ADDRESS, PasswordStore.PGPASS)

    assert remembered == "postgresql+psycopg://sofie@db.example.com:5433/keyplan"
    assert where == str(pgpass)
    assert pgpass.read_text().splitlines() == [
        "# mine",
        "other:5432:*:bob:hunter2",
        "db.example.com:5433:keyplan:sofie:s\\:cr@t",
    ]
    assert stat.S_IMODE(os.stat(pgpass).st_mode) == 0o600


def test_a_new_password_replaces_the_old_line_of_the_same_login(pgpass):
    move_password_out(ADDRESS, PasswordStore.PGPASS)
    move_password_out(
        "postgresql+psycopg://sofie:new@db.example.com:5433/keyplan", PasswordStore.PGPASS
    )

    assert pgpass.read_text().splitlines() == ["db.example.com:5433:keyplan:sofie:new"]


def test_moving_to_the_keyring_leaves_the_password_file_alone(pgpass, memory_keyring):
    remembered, where = move_password_out(ADDRESS, PasswordStore.KEYRING)

    assert where == "the system keyring"
    assert not pgpass.exists()
    assert memory_keyring.passwords == {
        (credentials.KEYRING_SERVICE, "sofie@db.example.com:5433/keyplan"): "s:cr@t"
    }
    assert credentials.password_from_keyring(remembered) == "s:cr@t"


def test_without_a_usable_keyring_the_password_file_takes_it(pgpass):
    # conftest sets the failing keyring backend: as on a desktop without a keychain
    remembered, where = move_password_out(ADDRESS, PasswordStore.KEYRING)

    assert where == str(pgpass)
    assert "s\\:cr@t" in pgpass.read_text()
    assert credentials.password_from_keyring(remembered) is None


# ---- on a real server that asks for a password ------------------------------------------

PASSWORD_ROLE = "keyplan_password_user"
PASSWORD = "tr:ck\\y pass"


@pytest.fixture
def password_address(postgres_server, postgres_url) -> str:
    """The test database's address for a login the server asks a password of (scram)."""
    _require_password_for(postgres_server, PASSWORD_ROLE)
    postgres_server.execute(
        f"DO $$ BEGIN CREATE ROLE {PASSWORD_ROLE} LOGIN; EXCEPTION WHEN duplicate_object "
        f"THEN NULL; END $$"
    )
    postgres_server.execute(f"ALTER ROLE {PASSWORD_ROLE} PASSWORD '{PASSWORD}'")
    database = postgres_url.rsplit("/", 1)[1]
    _grant_reading(postgres_server, database)
    return f"postgresql+psycopg://{PASSWORD_ROLE}@127.0.0.1:{postgres_server.port}/{database}"


def _require_password_for(server, role: str) -> None:
    hba = server.data_dir / "pg_hba.conf"
    rule = f"host all {role} 127.0.0.1/32 scram-sha-256"
    text = hba.read_text()
    if rule not in text:
        hba.write_text(f"{rule}\n{text}")  # first match wins: before the trust lines
        server.execute("SELECT pg_reload_conf()")


def _grant_reading(server, database: str) -> None:
    import psycopg

    dsn = f"host=127.0.0.1 port={server.port} user=postgres dbname={database}"
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}")


@pytest.mark.postgresql
def test_the_server_refuses_the_address_without_its_password(password_address, pgpass):
    with pytest.raises(KeyplanError, match="password"):
        open_database(password_address, create=False)


@pytest.mark.postgresql
def test_the_password_file_logs_in_an_address_without_password(password_address, pgpass):
    login = credentials.server_login(password_address)
    credentials.save_in_pgpass(login, PASSWORD)

    open_database(password_address, create=False).close()


@pytest.mark.postgresql
def test_the_keyring_logs_in_an_address_without_password(password_address, memory_keyring):
    with_password = password_address.replace(
        f"{PASSWORD_ROLE}@", f"{PASSWORD_ROLE}:{quote(PASSWORD, safe='')}@"
    )
    remembered, where = move_password_out(with_password, PasswordStore.KEYRING)
    assert (remembered, where) == (password_address, "the system keyring")

    open_database(remembered, create=False).close()
