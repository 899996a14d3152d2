"""Save dialogs: a name that is the plan itself is refused before anything is written.

The director picks the open database (or its lock file) in a save dialog by mistake: Keyplan
says what that file is, writes nothing, and the plan is exactly as it was (issue 18, item 1).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from keyplan.ui import dialogs
from keyplan.ui.safety import backup_actions
from keyplan.ui.transfer import exchange_actions


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, message, *a: shown.append(message))
    return shown


def test_exporting_json_over_the_open_database_is_refused_and_nothing_is_written(
    window, small_portfolio, errors, monkeypatch
):
    path = window.document.database.path
    before = digest(path)
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(path))
    window.select_account(small_portfolio.acme)
    assert exchange_actions.export_json(window) is None
    assert errors == [f"{path} is the database itself: choose another file."]
    assert digest(path) == before


def test_exporting_csv_onto_the_lock_file_is_refused(
    window, small_portfolio, answers, errors, monkeypatch
):
    lock = window.document.database.path.with_name(window.document.database.path.name + ".lock")
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(lock))
    window.select_account(small_portfolio.acme)
    answers.confirmations.append(False)
    assert exchange_actions.export_csv(window, "people") is None
    assert errors == [f"{lock} is the database's lock file: choose another file."]


def test_backing_up_onto_the_database_through_a_link_is_refused(
    window, errors, tmp_path, monkeypatch
):
    path = window.document.database.path
    link = tmp_path / "friday.db"
    link.symlink_to(path)
    before = digest(path)
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(link))
    assert backup_actions.back_up_now(window) is None
    assert errors == [f"{link} is the database itself: choose another file."]
    assert digest(path) == before
