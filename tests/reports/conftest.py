"""Fixtures of the PDF tests: the sample database, and its documents exported once."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The PDF tests share pdf_sample.py; in importlib mode pytest does not put their folder on
# sys.path, so we do, before anything imports it.
sys.path.insert(0, str(Path(__file__).parent))

from pdf_sample import ACCOUNT, SampleAccount, build_sample, export_all, export_decks

from keyplan.store.database import open_database
from keyplan.store.people.queries import find_account, people


@pytest.fixture(scope="session")
def sample_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample database, built once per test session."""
    path = tmp_path_factory.mktemp("reports") / "sample.keyplan"
    db = open_database(path)
    try:
        build_sample(db)
    finally:
        db.close()
    return path


@pytest.fixture(scope="session")
def pdfs(sample_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every document of the sample account, exported once and only read by the tests."""
    return export_all(sample_db_path, tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(scope="session")
def decks(sample_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every PowerPoint deck of the sample account, exported once and only read by the tests."""
    return export_decks(sample_db_path, tmp_path_factory.mktemp("decks"))


@pytest.fixture
def sample(tmp_path: Path) -> Iterator[SampleAccount]:
    """A fresh sample database of this test's own, for tests that export or change data."""
    db = open_database(tmp_path / "own.keyplan")
    try:
        build_sample(db)
        account_id = find_account(db, ACCOUNT)
        ids = {row["full_name"]: row.id for row in people(db, account_id, with_affiliates=True)}
        yield SampleAccount(db, account_id, ids)
    finally:
        db.close()
