"""Whole tree on the demo's biggest account shows every card and no scroll bar, at any size.

The scene keeps half a view of margin around the chart (so any card can be scrolled to the
middle); at a whole-chart zoom that margin was wider than the window, and the scroll bars
showed with nothing to scroll to.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from keyplan.ui.map.map_tab import MapTab
from keyplan.ui.shell.main_window import MainWindow

from .test_map_first_view import demo_window, first_look  # noqa: F401 (the fixture)


def whole_tree(window: MainWindow, qtbot, size: tuple[int, int]) -> MapTab:
    window.resize(*size)
    tab = first_look(window, qtbot, "Aldermark Group")
    tab.controls.whole_tree_action.trigger()
    qtbot.wait(10)
    return tab


def shown_area(tab: MapTab) -> QRectF:
    view = tab.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def no_scroll_bar(tab: MapTab) -> bool:
    across, down = tab.view.horizontalScrollBar(), tab.view.verticalScrollBar()
    return across.maximum() == across.minimum() and down.maximum() == down.minimum()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_whole_tree_shows_every_card_and_no_scroll_bar(demo_window, qtbot, size):  # noqa: F811
    tab = whole_tree(demo_window, qtbot, size)

    assert tab.view.horizontalScrollBar().maximum() == tab.view.horizontalScrollBar().minimum()
    assert not tab.view.horizontalScrollBar().isVisible()
    assert no_scroll_bar(tab)
    assert shown_area(tab).contains(tab.scene.content_rect())


def test_after_whole_tree_zooming_in_scrolls_again_around_the_same_spot(demo_window, qtbot):  # noqa: F811
    tab = whole_tree(demo_window, qtbot, (1280, 800))
    middle = shown_area(tab).center()

    tab.view.zoom_by(4.0)

    assert tab.view.horizontalScrollBar().maximum() > tab.view.horizontalScrollBar().minimum()
    # The same spot, give or take the room the scroll bars now take from the window.
    assert (shown_area(tab).center() - middle).manhattanLength() < 20 / tab.view.zoom


def test_whole_tree_follows_a_resized_window_without_scroll_bars(demo_window, qtbot):  # noqa: F811
    tab = whole_tree(demo_window, qtbot, (1920, 1080))

    demo_window.resize(1024, 640)
    qtbot.waitUntil(lambda: tab.view.viewport().width() < 900)

    assert no_scroll_bar(tab)
    assert shown_area(tab).contains(tab.scene.content_rect())
