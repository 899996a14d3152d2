"""A team database's password never reaches Keyplan's settings file (issue 19).

Typed into File › Open team database…, given to ``--db``, or left in settings written by an
older Keyplan: the remembered address has none, and the password is where the user chose.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from keyplan.store.team.credentials import KEYRING_SERVICE
from keyplan.ui.shell import launch, settings
from keyplan.ui.team.team_mode import open_team_database
from memory_keyring import memory_keyring

PASSWORD = "Winter-2026"


@pytest.fixture(autouse=True)
def not_asked_yet():
    """Each story starts before the user was asked where passwords go."""
    settings.write(settings.PASSWORD_STORE, "")


@pytest.fixture
def pgpass(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "pgpass"
    monkeypatch.setenv("PGPASSFILE", str(path))
    return path


@pytest.fixture
def with_password(postgres_url: str) -> str:
    """The test database's address with a password in it (the test server trusts anyone)."""
    return postgres_url.replace("postgres@", f"postgres:{PASSWORD}@")


def settings_file_text() -> str:
    store = QSettings("Keyplan", "Keyplan")
    store.sync()
    return Path(store.fileName()).read_text(encoding="utf-8", errors="replace")


@pytest.mark.postgresql
def test_a_typed_password_goes_to_the_password_file_not_the_settings(
    window, answers, pgpass, with_password, postgres_url
):
    answers.texts.append(with_password)
    answers.confirmations.append(False)  # not the keyring: ~/.pgpass

    open_team_database(window)

    assert window.document.database.path is None  # the team database is open
    assert settings.read(settings.LAST_DATABASE) == postgres_url
    assert PASSWORD not in settings_file_text()
    assert f":postgres:{PASSWORD}" in pgpass.read_text()
    assert settings.read(settings.PASSWORD_STORE) == "pgpass"
    assert "not in Keyplan's settings" in window.statusBar().currentMessage()
    window.document.database.close()


@pytest.mark.postgresql
def test_a_typed_password_goes_to_the_keyring_when_the_user_allows(
    window, answers, pgpass, with_password, postgres_url
):
    answers.texts.append(with_password)
    answers.confirmations.append(True)

    with memory_keyring() as keyring:
        open_team_database(window)

    assert list(keyring.passwords.values()) == [PASSWORD]
    assert next(iter(keyring.passwords))[0] == KEYRING_SERVICE
    assert not pgpass.exists()
    assert PASSWORD not in settings_file_text()
    window.document.database.close()


def test_settings_of_an_older_keyplan_are_cleaned_at_start(pgpass):
    address = "postgresql+psycopg://sofie:{}@db.example.com/keyplan"
    settings.write(settings.LAST_DATABASE, address.format(PASSWORD))
    settings.write(settings.RECENT_DATABASES, [address.format(PASSWORD), "/home/sofie/a.db"])
    settings.write(settings.LAST_PLACE_DATABASE, address.format("***"))

    note = settings.forget_remembered_passwords()

    bare = "postgresql+psycopg://sofie@db.example.com/keyplan"
    assert settings.read(settings.LAST_DATABASE) == bare
    assert settings.read(settings.RECENT_DATABASES) == [bare, "/home/sofie/a.db"]
    assert settings.read(settings.LAST_PLACE_DATABASE) == bare
    assert PASSWORD not in settings_file_text()
    assert pgpass.read_text() == f"db.example.com:5432:keyplan:sofie:{PASSWORD}\n"
    assert note is not None and str(pgpass) in note
    assert settings.forget_remembered_passwords() is None  # nothing left to move


@pytest.mark.postgresql
def test_a_start_on_an_address_with_password_remembers_it_without(
    qtbot, pgpass, with_password, postgres_url, capsys
):
    document = launch._first_document(with_password, ask=False)
    assert document is not None
    document.database.close()

    assert settings.read(settings.LAST_DATABASE) == postgres_url
    assert PASSWORD not in settings_file_text()
    assert str(pgpass) in capsys.readouterr().err
