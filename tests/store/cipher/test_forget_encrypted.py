"""Forgetting a person in an encrypted file: the file, its rewritten backups and the temporary
copy the rewrite works on all stay encrypted with the file's key (never a plain byte on disk)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.cli import main
from keyplan.store.cipher import keys
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.database import Database, open_database
from keyplan.store.forget import files
from keyplan.store.forget.erase import forget_person
from keyplan.store.forget.files import rewrite_backups
from keyplan.store.safety import backup, restore

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files

GROUP = "Aldermark Group"
NAME = "Ingrid Solberg"


def person_id(path: Path, full_name: str) -> int:
    database = open_database(path, create=False)
    try:
        rows = database.rows("SELECT id FROM stakeholders WHERE full_name = :n", n=full_name)
        return int(rows[0][0])
    finally:
        database.close()


def people_named(path: Path, full_name: str) -> int:
    database = open_database(path, create=False)
    try:
        rows = database.rows("SELECT count(*) FROM stakeholders WHERE full_name = :n", n=full_name)
        return int(rows[0][0])
    finally:
        database.close()


def assert_encrypted_with_the_passphrase(path: Path, salt: bytes) -> None:
    """Noise to plain sqlite3 and to a byte search; the file's salt; opens with the passphrase
    alone (no key remembered in this process)."""
    assert is_encrypted_file(path)
    assert keys.file_salt(path) == salt
    assert NAME.encode() not in path.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True).execute(
            "SELECT count(*) FROM sqlite_master"
        ).fetchall()
    remembered = keys.known_key(path)
    keys.forget_keys()
    assert keys.try_passphrase(path, "not the passphrase") is None
    assert keys.try_passphrase(path, PASSPHRASE) is not None
    assert keys.known_key(path) == remembered


def test_forgetting_keeps_the_file_and_its_rewritten_backup_encrypted(
    encrypted_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    salt = keys.file_salt(encrypted_demo)
    folder = tmp_path / "backups"
    kept = backup.make_rolling_backup(encrypted_demo, folder=folder)
    held = restore.backup_contents(kept)
    them = person_id(encrypted_demo, NAME)

    copies_seen: list[tuple[Path, bool, bool]] = []
    real_backup_file = files.backup_file

    def watched_backup_file(source: Path, target: Path) -> Path:
        """Each step of the rewrite: the temporary copy, as written and as read back."""
        written = real_backup_file(source, target)
        for path in (source, target):
            if path.parent != folder:  # the temporary copy beside the backups
                copies_seen.append(
                    (path, is_encrypted_file(path), NAME.encode() in path.read_bytes())
                )
        return written

    monkeypatch.setattr(files, "backup_file", watched_backup_file)

    database = open_database(encrypted_demo, create=False)
    try:
        report = forget_person(database, them)
    finally:
        database.close()
    rewrites = rewrite_backups(encrypted_demo, GROUP, NAME, [them], folder=folder)

    assert report.file_cleaned is True
    assert_encrypted_with_the_passphrase(encrypted_demo, salt)
    assert people_named(encrypted_demo, NAME) == 0
    assert [(r.path, r.records) for r in rewrites] == [(kept, 1)]
    # The copy was written encrypted, and was still encrypted after forgetting and VACUUM in it.
    assert [(encrypted, named) for _path, encrypted, named in copies_seen] == [
        (True, False),
        (True, False),
    ]
    assert_encrypted_with_the_passphrase(kept, salt)
    assert restore.backup_contents(kept) == type(held)(held.accounts, held.people - 1)
    assert [p.name for p in folder.iterdir()] == [kept.name]  # no temporary copy left


def test_the_rewritten_encrypted_backup_restores_without_her(
    encrypted_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    folder = tmp_path / "backups"
    kept = backup.make_rolling_backup(encrypted_demo, folder=folder)
    them = person_id(encrypted_demo, NAME)
    database = Database(path=encrypted_demo)
    try:
        forget_person(database, them)
    finally:
        database.close()
    rewrite_backups(encrypted_demo, GROUP, NAME, [them], folder=folder)
    keys.forget_keys()  # the restore finds the key from the passphrase again

    restore.restore_backup(kept, encrypted_demo, folder=folder)

    assert is_encrypted_file(encrypted_demo)
    assert people_named(encrypted_demo, NAME) == 0


def test_keyplan_forget_rewrites_an_encrypted_files_backups_encrypted(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    salt = keys.file_salt(encrypted_demo)
    kept = backup.make_rolling_backup(encrypted_demo)  # the automatic backups' own folder
    keys.forget_keys()  # the command gets the key from the variable, as a script's would

    code = main(
        ["forget", "--db", str(encrypted_demo), "--account", GROUP, "--person", NAME,
         "--rewrite-backups", "--yes"]
    )  # fmt: skip

    out = capsys.readouterr().out
    assert code == 0, out
    assert f"Forgot {NAME}" in out
    assert "Rewrote 1 of 1 backup" in out
    assert_encrypted_with_the_passphrase(encrypted_demo, salt)
    assert_encrypted_with_the_passphrase(kept, salt)
    assert people_named(encrypted_demo, NAME) == 0
