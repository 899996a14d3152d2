"""Find in portfolio (Ctrl+Shift+F): type, pick, land on the record in its account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from keyplan.store.plan import edits as plan_edits
from keyplan.ui.shell.portfolio_search import PortfolioSearch


def open_search(qtbot, window) -> PortfolioSearch:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PortfolioSearch))
    return QApplication.activeModalWidget()


def test_a_person_of_another_account_is_found_and_shown_in_the_people_tab(
    qtbot, window, small_portfolio
):
    window.select_account(small_portfolio.globex)
    search = open_search(qtbot, window)
    qtbot.keyClicks(search.query, "mia")
    qtbot.waitUntil(lambda: search.results.topLevelItemCount() == 1)
    assert search.results.topLevelItem(0).text(1) == "Mia Chen"
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    assert window.account_id == small_portfolio.acme_france
    assert window.people_tab is window.tabs.currentWidget()
    assert window.people_tab.selected_person_ids() == [small_portfolio.mia]


def test_a_word_of_a_promise_finds_the_promise(qtbot, window, db, small_portfolio):
    plan_edits.add_row(
        db, "commitments", small_portfolio.acme, {"promise": "Send the freight audit by Friday"}
    )
    search = open_search(qtbot, window)
    qtbot.keyClicks(search.query, "freight audit")
    qtbot.waitUntil(lambda: search.results.topLevelItemCount() == 1)
    item = search.results.topLevelItem(0)
    assert (item.text(0), item.text(2)) == ("Promise", "Acme Group")
