"""A card's context menu: right-click (or the Menu key) on a person, then act on them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from keyplan.store.people import queries
from keyplan.ui.map import card_menu
from keyplan.ui.map.card_menu import ChoosePerson


@pytest.fixture
def menus(monkeypatch):
    """Record each menu the map opens and pick the entry the test names."""
    opened: list[list[str]] = []
    picks: list[str] = []

    def fake_run(menu: QMenu, _at):
        texts = [action.text().replace("&", "") for action in menu.actions() if action.text()]
        opened.append(texts)
        if picks:
            wanted = picks.pop(0)
            action = next(a for a in menu.actions() if a.text().replace("&", "") == wanted)
            action.trigger()
        return None

    monkeypatch.setattr(card_menu, "run_menu", fake_run)
    return opened, picks


def right_click(hand, person_id: int) -> None:
    point = hand.card_point(person_id)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, hand.tab.view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(hand.tab.view.viewport(), event)


def test_right_click_on_a_card_offers_what_a_director_does_to_a_person(
    hand, menus, small_portfolio
):
    opened, _picks = menus
    right_click(hand, small_portfolio.harald)
    assert opened == [["Edit…", "Set manager…", "Set relationship owner…", "Log a meeting or call…",
                       "Add a report…", "Mark as left…", "Delete…", "Forget…"]]  # fmt: skip
    assert hand.tab.scene.selected_person_ids() == [small_portfolio.harald]


def test_the_menu_key_or_shift_f10_opens_the_menu_of_the_selected_card(
    hand, menus, small_portfolio
):
    opened, _picks = menus
    hand.click(hand.card_point(small_portfolio.harald))
    hand.key(Qt.Key.Key_Menu)
    hand.key(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert len(opened) == 2 and opened[0][0] == opened[1][0] == "Edit…"


def test_mark_as_left_from_the_menu_asks_where_they_went_and_undo(
    hand, menus, db, small_portfolio, monkeypatch
):
    from keyplan.ui.map import seats

    _opened, picks = menus
    went = seats.LeavingAnswer("Brightwave", None, False)
    monkeypatch.setattr(seats, "ask_where_they_went", lambda *a, **k: went)
    picks.append("Mark as left…")
    right_click(hand, small_portfolio.harald)
    assert queries.person(db, small_portfolio.harald)["has_left"] is True
    assert hand.tab.scene.people[small_portfolio.harald].left_for == "Brightwave"
    hand.undo()
    assert queries.person(db, small_portfolio.harald)["has_left"] is False
    picks.append("Mark as back")  # no question on the way back
    hand.tab.document.set_person_fields(small_portfolio.harald, {"has_left": True})
    right_click(hand, small_portfolio.harald)
    assert queries.person(db, small_portfolio.harald)["has_left"] is False


def test_an_open_positions_menu_fills_it_and_offers_no_meeting(
    hand, menus, db, small_portfolio, answers, monkeypatch
):
    from keyplan.ui import dialogs

    opened, picks = menus
    seat = hand.tab.document.open_position(small_portfolio.acme, "CFO", note="in Q3")
    picks.append("Fill position…")
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: small_portfolio.harald)
    right_click(hand, seat)
    assert "Fill position…" in opened[0] and "Mark as left…" not in opened[0]
    assert queries.person(db, small_portfolio.harald)["job_title"] == "CFO"


def test_add_a_report_under_the_card(hand, menus, db, small_portfolio, answers):
    _opened, picks = menus
    picks.append("Add a report…")
    answers.texts.append("Nina Berg")
    right_click(hand, small_portfolio.harald)
    nina = next(
        p for p in queries.people(db, small_portfolio.acme) if p["full_name"] == "Nina Berg"
    )
    assert nina["reports_to_id"] == small_portfolio.harald


def test_set_the_manager_from_a_list_narrowed_by_typing(hand, menus, db, small_portfolio, olaf,
                                                       monkeypatch):  # fmt: skip
    _opened, picks = menus
    picks.append("Set manager…")

    def pick_by_typing(dialog: ChoosePerson) -> int:
        dialog.filter.setText("harald")
        return ChoosePerson.DialogCode.Accepted

    monkeypatch.setattr(ChoosePerson, "exec", pick_by_typing)
    right_click(hand, olaf)
    assert queries.person(db, olaf)["reports_to_id"] == small_portfolio.harald


def test_log_a_meeting_opens_the_form_with_the_person_ticked(hand, menus, window, small_portfolio):
    _opened, picks = menus
    picks.append("Log a meeting or call…")
    right_click(hand, small_portfolio.harald)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Interactions"


def test_the_chooser_narrows_without_accents_and_returns_nobody(qtbot):
    dialog = ChoosePerson("Manager", [(None, card_menu.NOBODY), (1, "Zoë Åkesson"), (2, "Ola")], 2)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == (True, 2)
    dialog.filter.setText("zoe")
    assert dialog.chosen() == (True, 1)
    dialog.filter.setText("nobody")
    assert dialog.chosen() == (True, None)
    dialog.filter.setText("xyz")
    assert dialog.chosen() == (False, None)
