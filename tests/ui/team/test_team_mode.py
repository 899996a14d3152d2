"""Stories of two people on one database: a conflicting edit, a reload, changes seen live."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from keyplan.store.database import Database, open_database
from keyplan.store.people import edits, queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import person_dialog
from keyplan.ui.people.people_model import COLUMN_OF_FIELD
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow
from keyplan.ui.team.team_mode import ConflictBar


def cell_text(window: MainWindow, person_id: int, field: str) -> str:
    model = window.people_tab.model
    row = model.row_of(person_id)
    return "" if row is None else model.index(row, COLUMN_OF_FIELD[field]).data()


def set_cell(window: MainWindow, person_id: int, field: str, value: object) -> bool:
    model = window.people_tab.model
    return model.setData(model.index(model.row_of(person_id), COLUMN_OF_FIELD[field]), value)


@pytest.fixture
def bob(db: Database):
    """Bob's Keyplan on the same file as the window (Alice's)."""
    db.user_name = "alice"
    other = open_database(db.path, user_name="bob")
    yield other
    other.close()


def test_a_conflicting_edit_is_refused_then_reload_shows_the_teammates_version(
    window, qtbot, db, small_portfolio, answers, bob
):
    harald = small_portfolio.harald
    window.show_people_tab()
    assert cell_text(window, harald, "job_title") == ""
    queries.person(bob, harald)
    edits.set_stakeholder_field(bob, harald, "job_title", "Group CFO")

    # Alice, still looking at the old Harald, changes his stance: refused, nothing lost.
    assert set_cell(window, harald, "stance", "blocker") is False
    assert len(answers.errors) == 1
    assert answers.errors[0].startswith("bob changed Harald Berg (job title)")
    assert queries.person(db, harald)["stance"] == "champion"
    assert queries.person(db, harald)["job_title"] == "Group CFO"
    bar = window.findChild(ConflictBar, "conflict_bar")
    assert bar.isVisible()
    assert "bob changed Harald Berg" in bar.message.text()

    qtbot.mouseClick(bar.reload_button, Qt.MouseButton.LeftButton)

    assert not bar.isVisible()
    assert cell_text(window, harald, "job_title") == "Group CFO"
    assert set_cell(window, harald, "stance", "blocker") is True
    stored = queries.person(bob, harald)
    assert (stored["stance"], stored["job_title"]) == ("blocker", "Group CFO")
    assert window.document.undo_stack.undoText() == "Change stance of Harald Berg"


def test_the_person_dialog_says_who_changed_them_last(window, small_portfolio, monkeypatch, bob):
    queries.person(bob, small_portfolio.mia)
    edits.set_stakeholder_field(bob, small_portfolio.mia, "department", "Finance")
    shown = []
    monkeypatch.setattr(person_dialog, "exec_dialog", lambda dialog: shown.append(dialog) or False)

    person_dialog.edit_person(window, window.document, small_portfolio.mia)

    label = shown[0].last_change
    assert label.text().startswith("Last changed by bob on ")
    assert not label.isHidden()


@pytest.fixture
def name_setting():
    """The user-name setting, emptied again afterwards (settings outlive a test)."""
    from keyplan.ui.shell import settings

    yield settings
    settings.write(settings.USER_NAME, "")


def test_the_name_on_changes_is_the_one_the_user_gives(
    window, small_portfolio, answers, name_setting
):
    from keyplan.ui.team import team_mode

    settings = name_setting
    answers.texts.append("  Alice Martin ")
    team_mode.ask_user_name(window)
    window.document.set_person_field(small_portfolio.mia, "job_title", "Analyst")

    assert settings.read(settings.USER_NAME) == "Alice Martin"
    text = window.document.last_change_text("stakeholders", small_portfolio.mia)
    assert text.startswith("Last changed by Alice Martin on ")


# ---- two windows on a team database ---------------------------------------------------------


@pytest.fixture
def team_windows(qtbot, postgres_url):
    """Alice's and Bob's windows on one PostgreSQL database holding Acme with Harald."""
    windows = []
    for user in ("alice", "bob"):
        document = PortfolioDocument(open_database(postgres_url, user_name=user))
        if user == "alice":
            acme = edits.add_account(document.database, "Acme Group")
            edits.add_stakeholder(document.database, acme, "Harald Berg")
        main = MainWindow(document, open_document)
        qtbot.addWidget(main)
        main.show()
        main.show_people_tab()
        assert main.teammate_changes.listener.wait_until_listening()
        windows.append(main)
    yield windows
    for main in windows:
        main.teammate_changes.listener.stop()
        main.document.database.close()


@pytest.mark.postgresql
def test_two_windows_on_a_team_database_see_each_others_changes(qtbot, team_windows, answers):
    alice, bob = team_windows
    harald = alice.people_tab.model.person_id(0)

    assert set_cell(bob, harald, "job_title", "Group CFO") is True
    qtbot.waitUntil(lambda: cell_text(alice, harald, "job_title") == "Group CFO", timeout=10_000)
    assert "bob" in alice.statusBar().currentMessage()

    mia = bob.document.add_person(bob.account_id, "Mia Chen")
    qtbot.waitUntil(lambda: alice.people_tab.model.row_of(mia) is not None, timeout=10_000)

    # Alice's window was refreshed, so her edit builds on Bob's: no conflict.
    assert set_cell(alice, harald, "stance", "champion") is True
    qtbot.waitUntil(lambda: cell_text(bob, harald, "stance") == "Champion", timeout=10_000)
    assert answers.errors == []


# ---- File menu ------------------------------------------------------------------------------


def test_copy_this_database_to_a_new_file(window, qtbot, db, small_portfolio, answers, tmp_path):
    from keyplan.ui.team import team_mode

    target = tmp_path / "copy.db"
    answers.texts.append(str(target))
    answers.confirmations.append(False)  # "Open the copy now?" No.
    team_mode.copy_database_to(window)
    qtbot.waitUntil(lambda: not answers.confirmations, timeout=20_000)

    copy = open_database(target, create=False)
    try:
        assert [row.name for row in queries.portfolio(copy)] == [
            row.name for row in queries.portfolio(db)
        ]
        assert queries.person(copy, small_portfolio.mia)["full_name"] == "Mia Chen"
    finally:
        copy.close()
    assert window.document.database is db  # still on the original


def test_copying_onto_a_database_with_data_is_refused_with_a_message(
    window, qtbot, db, small_portfolio, answers, tmp_path
):
    from keyplan.ui.team import team_mode

    other = open_database(tmp_path / "other.db")
    edits.add_account(other, "Globex")
    other.close()
    answers.texts.append(str(tmp_path / "other.db"))
    team_mode.copy_database_to(window)
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=20_000)
    assert "already holds data" in answers.errors[0]


@pytest.mark.postgresql
def test_open_a_team_database_from_the_file_menu(window, answers, postgres_url):
    from keyplan.ui.team import team_mode

    answers.texts.append(postgres_url)
    team_mode.open_team_database(window)
    try:
        assert window.document.database.path is None
        assert window.teammate_changes.listener.wait_until_listening()
        assert window.windowTitle().startswith("Keyplan — postgresql+psycopg://")
    finally:
        window.teammate_changes.listener.stop()
        window.document.database.close()
