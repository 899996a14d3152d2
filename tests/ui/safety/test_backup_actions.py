"""File menu stories: back up, restore, export CSV and JSON, import JSON (undoable), read-only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from keyplan.exchange.transfer.csv_export import read_csv_cells
from keyplan.store.database import Database, open_database
from keyplan.store.people import queries
from keyplan.store.safety import backup
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.safety import backup_actions
from keyplan.ui.shell.main_window import MainWindow
from keyplan.ui.transfer import exchange_actions


def menu_action(window: MainWindow, text: str):
    file_menu = window.menuBar().actions()[0].menu()
    return next(a for a in file_menu.actions() if a.text().replace("&", "") == text)


def top_names(db: Database) -> list[str]:
    return sorted(row.name for row in queries.portfolio(db) if row.parent_id is None)


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, message, *a: shown.append(message))
    return shown


def test_back_up_now_writes_the_chosen_file(qtbot, window, answers, infos, tmp_path, monkeypatch):
    target = tmp_path / "friday.db"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(target))
    menu_action(window, "Back up now…").trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)
    assert infos == [f"Backed up to {target}."]
    copy = open_database(target, create=False)
    assert top_names(copy) == ["Acme Group", "Globex"]
    copy.close()


def test_restore_from_backup_confirms_keeps_the_current_data_and_reopens(
    qtbot, window, answers, infos, small_portfolio, monkeypatch
):
    path = window.document.database.path
    saved = backup.make_rolling_backup(path)
    window.document.add_account("Initech")
    offered = []

    def choose(_parent, backups):
        offered.extend(backups)
        return backups[0][0]

    monkeypatch.setattr(dialogs, "ask_backup_to_restore", choose)
    answers.confirmations.append(True)
    old_document = window.document
    menu_action(window, "Restore from backup…").trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)
    assert offered[0][0] == str(saved) and " — " in offered[0][1]  # date — size
    assert window.document is not old_document  # a fresh document: a fresh undo history
    assert not window.document.undo_stack.canUndo()
    assert top_names(window.document.database) == ["Acme Group", "Globex"]
    assert "as it was before is kept in" in infos[0]
    assert window.isEnabled()


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, window, answers, tmp_path, monkeypatch):
    bogus = tmp_path / "contacts.db"
    bogus.write_text("Name,Email\nIngrid,ingrid@example.com\n")
    monkeypatch.setattr(dialogs, "ask_backup_to_restore", lambda *a: str(bogus))
    before = window.document.database.path.read_bytes()
    assert backup_actions.restore_from_backup(window) is None
    assert answers.errors == ["contacts.db is not a Keyplan backup (it is not an SQLite database)."]
    assert window.document.database.path.read_bytes() == before


def test_export_people_as_csv_asks_about_affiliates(
    qtbot, window, answers, infos, small_portfolio, tmp_path, monkeypatch
):
    target = tmp_path / "acme.csv"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(target))
    window.select_account(small_portfolio.acme)
    answers.confirmations.append(True)  # include Acme France
    task = exchange_actions.export_csv(window, "people")
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)
    assert task is not None
    rows = read_csv_cells(target.read_bytes())
    assert sorted(row[1] for row in rows[1:]) == ["Harald Berg", "Ingrid Olsen", "Mia Chen"]
    assert infos == [f"Exported 3 people to {target}."]


def test_export_account_as_json_then_import_it_as_one_undoable_step(
    qtbot, window, answers, infos, small_portfolio, tmp_path, monkeypatch
):
    target = tmp_path / "acme.json"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(target))
    window.select_account(small_portfolio.acme)
    menu_action(window, "Export account as JSON…").trigger()
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)
    assert "Exported 2 account(s) with 3 people" in infos[0]
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(target))
    answers.confirmations.append(True)
    menu_action(window, "Import JSON…").trigger()
    qtbot.waitUntil(lambda: len(infos) == 2, timeout=10_000)
    database = window.document.database
    assert top_names(database) == ["Acme Group", "Acme Group (2)", "Globex"]
    assert "imported as Acme Group (2)" in infos[1]
    assert window.portfolio_model.index_of(window.account_id).isValid()
    window.undo_action.trigger()
    assert top_names(database) == ["Acme Group", "Globex"]
    window.redo_action.trigger()
    assert top_names(database) == ["Acme Group", "Acme Group (2)", "Globex"]


def test_a_bad_json_file_is_refused_before_anything_is_asked(
    qtbot, window, answers, tmp_path, monkeypatch
):
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "keyplan-export", "format_version": 99}')
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(bad))
    assert exchange_actions.import_json(window) is None
    assert "newer version of Keyplan" in answers.errors[0]
    assert not window.document.undo_stack.canUndo()


def test_automatic_backups_run_in_the_background_only_after_changes(qtbot, window, answers):
    schedule = backup_actions.BackupSchedule(window, every_minutes=60)
    path = window.document.database.path
    task = schedule.back_up_if_changed()
    assert task is not None
    qtbot.waitUntil(lambda: schedule.task is None, timeout=10_000)
    assert task.thread_name != "MainThread"
    first = schedule.last_backup
    assert first is not None and backup.list_backups(path)[0].path == first
    schedule.back_up_if_changed()
    qtbot.waitUntil(lambda: schedule.task is None, timeout=10_000)
    assert len(backup.list_backups(path)) == 1  # nothing changed: no second copy


def test_a_second_window_on_a_file_another_process_edits_is_read_only(
    read_only_window, answers, db
):
    second = read_only_window  # another process holds the file's writer lock
    assert second.read_only_banner.isVisible()
    assert "Read-only" in second.read_only_banner.text()
    # Nothing invites an edit that would be refused: actions off, fields read-only.
    assert second.writing_actions and not any(a.isEnabled() for a in second.writing_actions)
    assert second.overview_tab.findChild(QLineEdit, "account_country").isReadOnly()
    people = second.show_tab("People").findChild(QAbstractItemView)
    assert people.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert people.model().rowCount() > 0  # still there to read
    answers.texts.append("Initech")
    second.new_account()  # the user types a name, and is told why it cannot be added
    assert "open for editing in another Keyplan window" in answers.errors[-1]
    assert top_names(db) == ["Acme Group", "Globex"]


def test_the_writer_window_shows_no_banner(window) -> None:
    assert not window.read_only_banner.isVisible()
    assert all(action.isEnabled() for action in window.writing_actions)
    assert not window.overview_tab.findChild(QLineEdit, "account_country").isReadOnly()
    assert isinstance(window.document, PortfolioDocument)


def test_restoring_a_backup_of_another_portfolio_asks_with_the_reason(
    qtbot, window, answers, small_portfolio, tmp_path, monkeypatch
):
    theirs = open_database(tmp_path / "theirs.db")
    from keyplan.store.people import edits

    edits.add_account(theirs, "Initech")
    theirs.close()
    saved = backup.backup_file(tmp_path / "theirs.db", tmp_path / "colleague.db")
    monkeypatch.setattr(dialogs, "ask_backup_to_restore", lambda *a: str(saved))
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _p, text, *a: questions.append(text) or False)
    before = window.document.database.path.read_bytes()
    assert backup_actions.restore_from_backup(window) is None
    assert questions[0].startswith(
        "colleague.db looks like a backup of another portfolio: it shares no account with"
    )
    assert "Replace everything in" in questions[0]
    assert window.document.database.path.read_bytes() == before
    assert top_names(window.document.database) == ["Acme Group", "Globex"]
