"""Moving between an account's tabs by keyboard, and coming back to the tab you left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_page_down_and_ctrl_tab_move_between_tabs_even_from_a_table(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    people = window.show_tab("People")
    people.table.setFocus()
    start = window.tabs.currentIndex()
    qtbot.keyClick(people.table, Qt.Key.Key_PageDown, CTRL)
    assert window.tabs.currentIndex() == start + 1
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_PageUp, CTRL)
    assert window.tabs.currentIndex() == start
    people.table.setFocus()
    qtbot.keyClick(people.table, Qt.Key.Key_Tab, CTRL)
    assert window.tabs.currentIndex() == start + 1


def test_the_window_reopens_on_the_tab_left_once_it_is_up(window, qtbot, db, small_portfolio):
    window.select_account(small_portfolio.globex)
    window.show_tab("Plan")
    window.close()  # remembers where the user was

    again = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(again)
    assert again.tabs.tabText(again.tabs.currentIndex()) == "Overview"  # shown first
    again.show()
    qtbot.waitUntil(lambda: again.tabs.tabText(again.tabs.currentIndex()) == "Plan")
    assert again.account_id == small_portfolio.globex
