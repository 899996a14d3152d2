"""Fixtures for the exchange stories: the demo portfolio, built once per module, only read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo portfolio (people, lines, plans, interactions, team), built once, only read."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    demo = open_database(path)
    create_demo_portfolio(demo)
    demo.close()
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Database]:
    database = open_database(demo_path, create=False)
    yield database
    database.close()
