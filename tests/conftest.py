"""Test set-up shared by every test: Qt offscreen, private settings, a fresh database each."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display in CI, and a settings folder of the tests' own so
# tests never read or write the developer's real Keyplan settings.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="keyplan-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="keyplan-test-data-")
# Nor the developer's team passwords: a password file of the tests' own, and no system keyring
# (a test that needs one installs an in-memory keyring of its own).
os.environ["PGPASSFILE"] = os.path.join(tempfile.mkdtemp(prefix="keyplan-test-pg-"), "pgpass")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

import sys
from pathlib import Path

import pytest
from hypothesis import settings

from keyplan.store.database import Database, open_database

# In CI the property tests try the same examples on every run, so a landing never depends on
# the draw; on a developer's machine they keep exploring new ones (and keep what fails in
# .hypothesis/ to try first next time).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

# Team mode: a throw-away PostgreSQL server for the tests that need one (tests/pg_server.py).
sys.path.insert(0, str(Path(__file__).parent))
pytest_plugins = ["pg_server"]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "keyplan.db"


@pytest.fixture
def database_kind() -> str:
    """What ``db`` is: an SQLite file; tests/store/ runs on PostgreSQL too (pg_server.py)."""
    return "sqlite"


@pytest.fixture
def db(db_path: Path, database_kind: str, request: pytest.FixtureRequest) -> Database:
    """A fresh, empty Keyplan database for one test."""
    server = database_kind == "postgresql"
    database = open_database(request.getfixturevalue("postgres_url") if server else db_path)
    yield database
    database.close()


_exit_status = 0


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    global _exit_status
    _exit_status = int(exitstatus)


@pytest.hookimpl(tryfirst=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Leave without tearing Qt down: PySide6 6.11 can crash while the interpreter
    destroys leftover Qt wrappers at exit, after every test has already passed."""
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)


@pytest.fixture(autouse=True)
def own_mapping_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test's own memory of column mappings: none remembered from another test."""
    from keyplan.exchange.transfer import mapping_memory

    path = tmp_path / "config" / "import-mappings.json"
    monkeypatch.setattr(mapping_memory, "memory_path", lambda: path)
    return path
