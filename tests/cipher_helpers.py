"""Encrypted files for the tests (store, CLI and app): the demo portfolio made once, copied for
each test. A conftest imports the fixtures it wants from here."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from keyplan.store.cipher import keys
from keyplan.store.database import open_database

PASSPHRASE = "correct horse battery"


@pytest.fixture(autouse=True)
def no_key_known(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts with no key remembered, no passphrase variable and nobody to ask."""
    monkeypatch.delenv(keys.PASSPHRASE_VARIABLE, raising=False)
    keys.forget_keys()
    keys.set_passphrase_source(None)
    yield
    keys.forget_keys()
    keys.set_passphrase_source(None)


@pytest.fixture(scope="session")
def plain_demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from keyplan.store.demo import create_demo_portfolio

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    try:
        create_demo_portfolio(database)
    finally:
        database.close()
    return path


@pytest.fixture
def plain_demo(plain_demo_file: Path, tmp_path: Path) -> Path:
    """A plain demo portfolio of this test's own."""
    path = tmp_path / "plan.db"
    shutil.copyfile(plain_demo_file, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def demo_people(plain_demo_file: Path) -> list[str]:
    connection = sqlite3.connect(f"{plain_demo_file.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT full_name FROM stakeholders")]
    finally:
        connection.close()


@pytest.fixture
def encrypted_demo(plain_demo: Path) -> Path:
    """This test's own demo portfolio, encrypted with ``PASSPHRASE`` (key then forgotten)."""
    from keyplan.store.cipher.convert import encrypt_database

    encrypt_database(plain_demo, PASSPHRASE)
    keys.forget_keys()
    return plain_demo
