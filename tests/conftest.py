"""Test set-up shared by every test: Qt offscreen, private settings, a fresh database each."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt: no display in CI, and a settings folder of the tests' own so
# tests never read or write the developer's real Keyplan settings.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="keyplan-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="keyplan-test-data-")

from pathlib import Path

import pytest

from keyplan.store.database import Database, open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "keyplan.db"


@pytest.fixture
def db(db_path: Path) -> Database:
    """A fresh, empty Keyplan database for one test."""
    database = open_database(db_path)
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
