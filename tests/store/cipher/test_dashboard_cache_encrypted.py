"""The dashboard's kept reading on an encrypted file: watched through SQLCipher with the file's
key (as the app's own connections are), so it is kept, and a write by another connection is
counted at the next reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.store.cipher import keys
from keyplan.store.cipher.detect import connect_file
from keyplan.store.database import open_database
from keyplan.store.insights.dashboard_cache import cache_of
from keyplan.store.insights.queries import dashboard_facts

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files

TODAY = date(2026, 12, 7)


def test_an_encrypted_file_is_kept_and_a_write_elsewhere_is_counted(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    database = open_database(encrypted_demo, create=False)
    try:
        cache = cache_of(database)
        assert cache is not None
        dashboard_facts(database, TODAY)  # the first may write (a review's snapshot is due)
        accounts, _tallies = dashboard_facts(database, TODAY)
        dashboard_facts(database, TODAY)
        assert cache.hits >= 1
        hits = cache.hits

        other = connect_file(encrypted_demo)  # the command line, another window
        try:
            other.execute("UPDATE accounts SET name = 'Renamed Elsewhere' WHERE id = 1")
            other.commit()
        finally:
            other.close()
        renamed, _tallies = dashboard_facts(database, TODAY)
        assert cache.hits == hits
        assert "Renamed Elsewhere" in repr(renamed)
        assert "Renamed Elsewhere" not in repr(accounts)
    finally:
        database.close()
