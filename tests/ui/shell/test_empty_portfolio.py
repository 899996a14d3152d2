"""An empty database is a place to begin, not a trap (typing into a form with no account)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from keyplan.store.people.queries import portfolio
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def empty_window(qtbot, db, answers) -> MainWindow:
    window = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_empty_portfolio_shows_how_to_begin_instead_of_a_form(empty_window):
    assert empty_window.pages.currentWidget() is empty_window.empty_page
    assert empty_window.empty_page.isVisible()


def test_the_overview_of_no_account_takes_no_typing(empty_window):
    empty_window.show_account_tabs()  # View › Account tabs: still the way to begin
    assert empty_window.pages.currentWidget() is empty_window.empty_page
    assert not empty_window.overview_tab.isEnabled()


def test_creating_the_first_account_brings_its_tabs(empty_window, qtbot, db, answers):
    answers.texts.append("Aldermark")
    qtbot.mouseClick(empty_window.empty_page.new_account_button, Qt.MouseButton.LeftButton)
    assert [row.name for row in portfolio(db)] == ["Aldermark"]
    assert empty_window.pages.currentWidget() is empty_window.tabs
    assert empty_window.overview_tab.isEnabled()
    assert empty_window.overview_tab.title.text() == "Aldermark"


def test_undoing_the_first_account_shows_the_way_to_begin_again(empty_window, qtbot, answers):
    answers.texts.append("Aldermark")
    qtbot.mouseClick(empty_window.empty_page.new_account_button, Qt.MouseButton.LeftButton)
    empty_window.undo_action.trigger()
    assert empty_window.pages.currentWidget() is empty_window.empty_page


def test_the_demo_opens_in_a_file_of_its_own(empty_window, qtbot, db, tmp_path, monkeypatch):
    demo_file = tmp_path / "data" / "demo.db"
    monkeypatch.setattr("keyplan.paths.demo_database_path", lambda: demo_file)
    qtbot.mouseClick(empty_window.empty_page.demo_button, Qt.MouseButton.LeftButton)
    assert demo_file.exists()
    assert empty_window.document.database.path == demo_file
    assert empty_window.portfolio_model.first_account_id() is not None
    assert empty_window.pages.currentWidget() is not empty_window.empty_page
    assert portfolio(db) == [], "the user's own database stays empty"


def test_a_portfolio_with_accounts_builds_the_way_to_begin_only_once_it_is_empty(
    qtbot, db, answers
):
    from keyplan.store.people.edits import add_account

    add_account(db, "Aldermark")
    window = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(window)
    window.show()
    assert window._empty_page is None  # its wrapped text is not laid out at start-up
    assert window.pages.currentWidget() is window.tabs

    window.document.delete_account(window.account_id)  # the portfolio's last account

    assert window.pages.currentWidget() is window.empty_page
    assert window.empty_page.new_account_button.isEnabled()
