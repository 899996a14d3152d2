"""Encryption at rest: an encrypted file reads as noise without its passphrase, and as the
same portfolio with it; a wrong passphrase is refused and changes nothing."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.domain.errors import DatabaseRefused, RuleViolation
from keyplan.store.cipher import keys
from keyplan.store.cipher.convert import decrypt_database, encrypt_database
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.database import open_database
from keyplan.store.people import queries

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files


def portfolio(path: Path) -> list[tuple[str, int]]:
    database = open_database(path, create=False)
    try:
        return [(row.name, row.people) for row in queries.portfolio(database)]
    finally:
        database.close()


def all_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a plain file, for comparing two files' data."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
    finally:
        connection.close()


def test_sqlite_cannot_read_an_encrypted_file_and_no_name_is_in_its_bytes(
    encrypted_demo: Path, demo_people: list[str]
) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(encrypted_demo).execute("SELECT * FROM sqlite_master").fetchall()
    data = encrypted_demo.read_bytes()
    assert len(demo_people) > 100
    found = [name for name in demo_people if name.encode("utf-8") in data]
    assert found == []
    assert not data.startswith(b"SQLite format 3")
    assert is_encrypted_file(encrypted_demo)
    for side in ("-wal", "-shm", "-journal"):  # no plain leftovers beside it
        assert not encrypted_demo.with_name(encrypted_demo.name + side).exists()
    assert oct(encrypted_demo.stat().st_mode & 0o777) == "0o600"


def test_it_opens_with_the_passphrase_and_holds_the_same_portfolio(
    plain_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = portfolio(plain_demo)
    encrypt_database(plain_demo, PASSPHRASE)
    keys.forget_keys()
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    assert portfolio(plain_demo) == before
    assert len(before) == 8


def test_without_a_passphrase_it_is_refused_with_the_way_to_give_one(
    encrypted_demo: Path,
) -> None:
    with pytest.raises(DatabaseRefused, match="is encrypted: give its passphrase in KEYPLAN_PASS"):
        open_database(encrypted_demo, create=False)


def test_a_wrong_passphrase_is_refused_by_name_and_changes_nothing(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hashlib.sha256(encrypted_demo.read_bytes()).hexdigest()
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "wrong horse battery")
    refusal = re.escape(f"Wrong passphrase for {encrypted_demo}")
    with pytest.raises(keys.WrongPassphrase, match=refusal):
        open_database(encrypted_demo, create=False)
    assert hashlib.sha256(encrypted_demo.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in encrypted_demo.parent.iterdir()) == ["plan.db", "plan.db.lock"]


def test_the_source_is_asked_again_after_a_wrong_passphrase_and_may_cancel(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "wrong horse battery")
    problems: list[str | None] = []

    def cancel(path: Path, problem: str | None) -> bytes | None:
        problems.append(problem)
        return None

    keys.set_passphrase_source(cancel)
    with pytest.raises(keys.PassphraseNeeded, match="was not opened: no passphrase given"):
        open_database(encrypted_demo, create=False)
    assert problems == [
        f"Wrong passphrase for {encrypted_demo} (from KEYPLAN_PASSPHRASE). Nothing was changed."
    ]
    keys.set_passphrase_source(lambda path, _problem: keys.try_passphrase(path, PASSPHRASE))
    assert len(portfolio(encrypted_demo)) == 8


def test_decrypting_gives_back_exactly_the_data(plain_demo: Path, tmp_path: Path) -> None:
    original = all_rows(plain_demo)
    encrypt_database(plain_demo, PASSPHRASE)
    receipt = decrypt_database(plain_demo)  # the key is known in this process
    assert not receipt.encrypted
    assert plain_demo.read_bytes().startswith(b"SQLite format 3\x00")
    assert all_rows(plain_demo) == original


def test_edits_to_an_encrypted_file_are_kept_encrypted(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyplan.store.people import edits

    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    database = open_database(encrypted_demo, create=False)
    try:
        edits.add_account(database, "Zebulon Quarantelli Holdings")
    finally:
        database.close()
    assert "Zebulon Quarantelli Holdings" in [name for name, _n in portfolio(encrypted_demo)]
    for path in encrypted_demo.parent.iterdir():  # the file, and a -wal if one is left
        assert b"Zebulon Quarantelli" not in path.read_bytes(), path.name


def test_encrypting_twice_or_decrypting_a_plain_file_is_refused(
    encrypted_demo: Path, plain_demo_file: Path
) -> None:
    with pytest.raises(RuleViolation, match="is encrypted already"):
        encrypt_database(encrypted_demo, PASSPHRASE)
    with pytest.raises(RuleViolation, match="is not an encrypted Keyplan database"):
        decrypt_database(plain_demo_file)


def test_a_file_that_is_neither_keeps_its_not_an_sqlite_file_message(tmp_path: Path) -> None:
    photo = tmp_path / "holiday.jpg.db"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"JFIF" * 999)
    assert not is_encrypted_file(photo)
    with pytest.raises(DatabaseRefused, match="it is not an SQLite file"):
        open_database(photo, create=False)


def test_a_kill_half_way_leaves_the_original_whole(
    plain_demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyplan.store.cipher import convert

    before = all_rows(plain_demo)

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # as a kill would, after the new file was written

    monkeypatch.setattr(convert, "_check_written", killed)
    with pytest.raises(KeyboardInterrupt):
        encrypt_database(plain_demo, PASSPHRASE)
    assert all_rows(plain_demo) == before
    assert not is_encrypted_file(plain_demo)
    assert [p.name for p in plain_demo.parent.iterdir() if p.name.startswith(".keyplan-")] == []
