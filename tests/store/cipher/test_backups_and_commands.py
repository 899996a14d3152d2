"""An encrypted file's backups, its copies and exports, and the encrypt/decrypt commands."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.cli import main
from keyplan.cli import passphrase as terminal
from keyplan.domain.errors import DatabaseRefused
from keyplan.store.cipher import keys
from keyplan.store.cipher.convert import encrypt_database
from keyplan.store.cipher.detect import is_encrypted_file
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries
from keyplan.store.safety import backup, restore

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files


def account_names(path: Path) -> list[str]:
    database = open_database(path, create=False)
    try:
        return [row.name for row in queries.portfolio(database)]
    finally:
        database.close()


def typed(monkeypatch: pytest.MonkeyPatch, *answers: str) -> list[str]:
    """The terminal, with ``answers`` typed at its prompts; returns the prompts shown."""
    prompts: list[str] = []
    queue = list(answers)

    def read_secret(prompt: str) -> str:
        prompts.append(prompt)
        return queue.pop(0)

    monkeypatch.setattr(terminal, "terminal_attached", lambda: True)
    monkeypatch.setattr(terminal, "read_secret", read_secret)
    return prompts


def test_a_backup_of_an_encrypted_file_is_encrypted_and_restores(
    encrypted_demo: Path, demo_people: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    before = account_names(encrypted_demo)
    copy = backup.make_rolling_backup(encrypted_demo)
    assert is_encrypted_file(copy)
    assert [name for name in demo_people if name.encode() in copy.read_bytes()] == []
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(copy).execute("SELECT * FROM accounts").fetchall()
    assert restore.backup_contents(copy).accounts == 8

    database = open_database(encrypted_demo, create=False)
    try:
        edits.add_account(database, "Added after the backup")
    finally:
        database.close()
    keys.forget_keys()  # the restore finds the key again, from the passphrase
    receipt = restore.restore_backup(copy, encrypted_demo)
    assert account_names(encrypted_demo) == before
    assert receipt.previous_copy is not None and is_encrypted_file(receipt.previous_copy)
    assert is_encrypted_file(encrypted_demo)


def test_a_backup_needs_the_passphrase_too(encrypted_demo: Path) -> None:
    with pytest.raises(DatabaseRefused, match="is encrypted"):
        backup.make_rolling_backup(encrypted_demo)
    assert backup.list_backups(encrypted_demo) == []


def test_an_encrypted_backup_is_not_restored_into_a_plain_file(
    encrypted_demo: Path, plain_demo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    copy = backup.backup_to(encrypted_demo, tmp_path / "saved.db")
    plain = tmp_path / "plain.db"
    plain.write_bytes(plain_demo_file.read_bytes())
    before = plain.read_bytes()
    with pytest.raises(DatabaseRefused, match=r"saved\.db is encrypted and plain\.db is not kept"):
        restore.restore_backup(copy, plain)
    assert plain.read_bytes() == before


def test_encrypting_encrypts_the_backups_keyplan_kept_before(
    plain_demo: Path, demo_people: list[str]
) -> None:
    older = backup.make_rolling_backup(plain_demo)
    assert not is_encrypted_file(older)
    receipt = encrypt_database(plain_demo, PASSPHRASE)
    assert receipt.backups == [older]
    assert is_encrypted_file(older)
    assert [name for name in demo_people if name.encode() in older.read_bytes()] == []
    keys.forget_keys()
    assert keys.try_passphrase(older, PASSPHRASE) is not None  # the same passphrase opens it
    assert "its 1 backup kept by Keyplan too" in "\n".join(receipt.lines())


def test_copy_db_and_export_json_read_an_encrypted_file(
    encrypted_demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)
    out = tmp_path / "plan.json"
    assert main(["export-json", "--db", str(encrypted_demo), "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert "Meridian Health Partners" in json.dumps(exported)
    copy = tmp_path / "copy.db"
    assert main(["copy-db", str(encrypted_demo), str(copy)]) == 0
    assert f"{copy} is not encrypted: keyplan encrypt --db {copy}" in capsys.readouterr().out
    monkeypatch.delenv(keys.PASSPHRASE_VARIABLE)
    assert account_names(copy) == account_names(encrypted_demo)


def test_keyplan_encrypt_asks_twice_and_decrypt_asks_once(
    plain_demo: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    prompts = typed(monkeypatch, PASSPHRASE, PASSPHRASE)
    assert main(["encrypt", "--db", str(plain_demo)]) == 0
    assert prompts == [f"New passphrase for {plain_demo}: ", "The same passphrase again: "]
    assert f"Encrypted {plain_demo}." in capsys.readouterr().out
    assert is_encrypted_file(plain_demo)

    keys.forget_keys()
    prompts = typed(monkeypatch, "not it at all", PASSPHRASE)
    assert main(["accounts", "--db", str(plain_demo)]) == 0
    output = capsys.readouterr()
    assert f"Wrong passphrase for {plain_demo}. Nothing was changed." in output.err
    assert "8 accounts" in output.out
    assert len(prompts) == 2

    keys.forget_keys()
    typed(monkeypatch, PASSPHRASE)
    assert main(["decrypt", "--db", str(plain_demo)]) == 0
    assert not is_encrypted_file(plain_demo)
    assert len(account_names(plain_demo)) == 8


def test_keyplan_encrypt_refuses_two_different_passphrases_and_changes_nothing(
    plain_demo: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = plain_demo.read_bytes()
    typed(monkeypatch, PASSPHRASE, PASSPHRASE + "!")
    assert main(["encrypt", "--db", str(plain_demo)]) == 1
    assert capsys.readouterr().err == "keyplan: The two passphrases differ. Nothing was changed.\n"
    assert plain_demo.read_bytes() == before


def test_without_a_terminal_the_commands_say_to_use_the_variable(
    encrypted_demo: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setattr(terminal, "terminal_attached", lambda: False)
    assert main(["export-json", "--db", str(encrypted_demo), "--out", "x.json"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"keyplan: {encrypted_demo} is encrypted: give its passphrase in ")
    assert "KEYPLAN_PASSPHRASE" in error
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "wrong horse battery")
    assert main(["accounts", "--db", str(encrypted_demo)]) == 1
    assert f"Wrong passphrase for {encrypted_demo}" in capsys.readouterr().err
