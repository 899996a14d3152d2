"""Stories of a director's first look at a map, Fit and Whole tree, and a search that finds no one.

The big map is the demo's Aldermark Group family: an umbrella with three affiliates, 64 people,
a chart about 6,500 wide at 100 %, in a 1280 × 800 window.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF, Qt

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people import edits
from keyplan.store.people.queries import find_account
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import style
from keyplan.ui.map.map_tab import MapTab
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

FLOOR = style.READABLE_ZOOM


@pytest.fixture
def demo_window(qtbot, db: Database, answers) -> Iterator[MainWindow]:
    create_demo_portfolio(db)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main


def first_look(window: MainWindow, qtbot, account: str) -> MapTab:
    """Choose an account, then the Map tab, as a user does; wait for the first view."""
    window.select_account(find_account(window.document.database, account))
    tab = window.show_tab("Map")
    qtbot.waitExposed(tab.view)
    qtbot.waitUntil(tab.view.fit.untouched)
    return tab


def shown_area(tab: MapTab) -> QRectF:
    """The part of the map on screen, in scene units."""
    view = tab.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def legend_area(tab: MapTab) -> QRectF:
    """The part of the map the legend covers, in scene units."""
    view, legend = tab.view, tab.legend
    if not legend.isVisible():
        return QRectF()
    in_viewport = legend.geometry().translated(-view.viewport().pos())
    return view.mapToScene(in_viewport).boundingRect()


def cards_on_screen(tab: MapTab) -> list:
    area = shown_area(tab)
    return [
        card
        for card in tab.scene.cards.values()
        if card.isVisible() and area.intersects(card.scene_card_rect())
    ]


def cut_cards(tab: MapTab) -> list[str]:
    """People whose card the window's edge cuts, or the legend hides in part or whole."""
    area, legend = shown_area(tab), legend_area(tab)
    return [
        card.person.full_name
        for card in cards_on_screen(tab)
        if not area.contains(card.scene_card_rect()) or legend.intersects(card.scene_card_rect())
    ]


def root_card(tab: MapTab):
    return tab.scene.cards[tab.scene.main_root_id()]


def test_the_first_look_at_aldermark_shows_its_head_at_the_top_readable_and_uncut(
    demo_window, qtbot
):
    tab = first_look(demo_window, qtbot, "Aldermark Group")
    view, area = tab.view, shown_area(tab)
    head = root_card(tab).scene_card_rect()

    assert root_card(tab).person.full_name == "Henrik Dahlgren"
    assert view.zoom >= FLOOR  # names read
    assert area.contains(head)
    assert head.top() - area.top() <= 40 / view.zoom  # at the top, not somewhere below
    assert abs(head.center().x() - area.center().x()) <= area.width() / 5  # and in the middle
    assert cut_cards(tab) == []
    assert len(cards_on_screen(tab)) >= 10
    assert "Showing the top of the chart" in tab.hint.text()
    assert tab.controls.zoom_label.text() == f"{view.zoom:.0%}"


def test_fit_on_aldermark_stays_readable_and_whole_tree_shows_its_shape(demo_window, qtbot):
    tab = first_look(demo_window, qtbot, "Aldermark Group")
    view = tab.view
    view.zoom_by(0.3)  # the user wanders off
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # Fit

    assert view.zoom >= FLOOR
    assert shown_area(tab).contains(root_card(tab).scene_card_rect())
    assert cut_cards(tab) == []

    tab.controls.whole_tree_action.trigger()
    assert view.zoom < FLOOR  # the whole is too wide to read: that is the point of the button
    assert shown_area(tab).contains(tab.scene.content_rect())
    assert not legend_area(tab).intersects(tab.scene.content_rect())
    assert "too small for names" in tab.hint.text()

    tab.controls.fit_action.trigger()
    assert view.zoom >= FLOOR
    view.zoom_by(1.25)
    assert "Showing the top" not in tab.hint.text()  # what Fit said was about its own zoom


def test_a_chart_that_reads_whole_is_shown_whole(demo_window, qtbot):
    tab = first_look(demo_window, qtbot, "Cedar Ridge Power & Light")
    assert FLOOR <= tab.view.zoom <= 1.0
    assert shown_area(tab).contains(tab.scene.content_rect())
    assert cut_cards(tab) == []


def test_the_first_look_follows_the_window_until_the_user_moves_it(demo_window, qtbot):
    tab = first_look(demo_window, qtbot, "Aldermark Group")
    demo_window.resize(1024, 640)
    qtbot.waitUntil(lambda: tab.view.viewport().width() < 700)

    area, head = shown_area(tab), root_card(tab).scene_card_rect()
    assert tab.view.zoom >= FLOOR
    assert area.contains(head)
    assert head.top() - area.top() <= 40 / tab.view.zoom  # still hung from the top

    tab.controls.zoom_in_action.trigger()
    chosen = tab.view.zoom
    demo_window.resize(1280, 800)
    qtbot.waitUntil(lambda: tab.view.viewport().width() > 800)
    assert tab.view.zoom == chosen  # the user's zoom is left alone


def test_a_search_that_finds_no_one_says_so_in_the_box(hand, acme_map, small_portfolio):
    box = acme_map.controls.search_box
    hand.qtbot.keyClicks(box, "mi")
    assert acme_map.scene.selected_person_ids() == [small_portfolio.mia]
    assert box.answer.text() == "1 found"

    hand.qtbot.keyClicks(box, "xyz")
    assert box.answer.isVisible()
    assert box.answer.text() == "No one matches"
    assert box.message == box.toolTip() == "No one matches 'mixyz'"
    assert box.rect().contains(box.answer.geometry())  # in the box, where the user looks
    typed_end = box.cursorRect().right()
    assert box.answer.geometry().left() > typed_end  # after the typed text, not over it
    assert acme_map.scene.selected_person_ids() == []  # Mia does not match 'mixyz'

    hand.qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert box.message == "No one matches 'mixy'"
    for _ in range(4):
        hand.qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert box.message == box.answer.text() == ""
    assert not box.answer.isVisible()


def test_a_search_for_someone_the_filters_hide_says_why(db, small_portfolio, map_opener, qtbot):
    edits.set_stakeholder_field(db, small_portfolio.mia, "has_left", True)
    tab = map_opener()
    tab.controls.left_box.setChecked(False)
    box = tab.controls.search_box
    qtbot.keyClicks(box, "Mia")
    assert box.answer.text() == "Hidden by filters"
    assert box.message == (
        "No one shown matches 'Mia': 1 person who matches is hidden by the filters"
    )


def test_choosing_another_account_clears_the_search(window, map_opener, small_portfolio, qtbot):
    tab = map_opener()
    box = tab.controls.search_box
    qtbot.keyClicks(box, "nobody here")
    assert box.message == "No one matches 'nobody here'"
    window.select_account(small_portfolio.globex)
    assert box.text() == box.message == ""
    assert not box.answer.isVisible()


def test_the_search_answer_leaves_the_tool_row_as_it_was(hand, acme_map):
    """Growing the row would push Export out of the window or shrink the box under the typing."""
    box = acme_map.controls.search_box
    export = acme_map.controls.export_button
    width, export_at = box.width(), export.mapTo(acme_map, export.rect().topLeft())
    hand.qtbot.keyClicks(box, "nobody by this name")
    hand.qtbot.wait(20)  # a layout change would land now
    assert box.answer.isVisible()
    assert box.width() == width
    assert export.mapTo(acme_map, export.rect().topLeft()) == export_at
