"""An encrypted file from an older Keyplan: it upgrades when opened with its passphrase, and the
copy kept before the upgrade is encrypted with the same key (never a plain copy beside it)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.store.cipher import keys
from keyplan.store.cipher.convert import encrypt_database
from keyplan.store.cipher.detect import connect_file, is_encrypted_file
from keyplan.store.database import open_database
from keyplan.store.schema import HEAD_REVISION

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files

OLDER = "0008_interest_economic_buyer"
FIXTURE = Path(__file__).parents[2] / "data" / f"schema-{OLDER}.db"


def rows_of(path: Path, sql: str) -> list[tuple[object, ...]]:
    database = open_database(path, create=False)
    try:
        return database.rows(sql)
    finally:
        database.close()


def test_an_older_encrypted_file_upgrades_and_its_kept_copy_is_encrypted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "older.db"
    shutil.copyfile(FIXTURE, path)
    with sqlite3.connect(path) as plain:
        accounts = plain.execute("SELECT id, name FROM accounts ORDER BY id").fetchall()
        people = plain.execute("SELECT id, full_name FROM stakeholders ORDER BY id").fetchall()
    plain.close()
    assert accounts and people
    encrypt_database(path, PASSPHRASE)
    salt = keys.file_salt(path)
    keys.forget_keys()
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)

    assert rows_of(path, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]

    assert is_encrypted_file(path) and keys.file_salt(path) == salt
    assert rows_of(path, "SELECT id, name FROM accounts ORDER BY id") == accounts
    assert rows_of(path, "SELECT id, full_name FROM stakeholders ORDER BY id") == people
    kept = path.with_name(f"{path.name}.before-upgrade-from-{OLDER}.bak")
    assert is_encrypted_file(kept) and keys.file_salt(kept) == salt
    assert people[0][1].encode() not in kept.read_bytes()
    keys.forget_keys()
    assert keys.try_passphrase(kept, PASSPHRASE) is not None
    copy = connect_file(kept, f"{kept.as_uri()}?mode=ro&immutable=1", uri=True)  # not upgraded
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(OLDER,)]
        assert copy.execute("SELECT id, full_name FROM stakeholders ORDER BY id").fetchall() == (
            people
        )
    finally:
        copy.close()
