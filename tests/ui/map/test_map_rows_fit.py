"""Every control above the map reads whole, without scrolling, in a laptop's window (issue 20:
at 1,280 pixels the ends of both rows, Export and Unplaced, scrolled out of view)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

from keyplan.ui.map.map_tab import MapTab


def map_controls(tab: MapTab) -> list[QWidget]:
    """The buttons, boxes and fields above the map (the map's own scroll bars aside)."""
    found: list[QWidget] = []
    for kind in (QAbstractButton, QComboBox, QLineEdit):
        found += [w for w in tab.findChildren(kind) if w.isVisibleTo(tab) and above_map(tab, w)]
    return found


def above_map(tab: MapTab, widget: QWidget) -> bool:
    return widget.mapTo(tab, widget.rect().bottomLeft()).y() < tab.splitter.y()


def hidden_parts(widget: QWidget) -> str:
    """What of a control a user cannot see: cut by its row, or narrower than its text needs."""
    shown = widget.visibleRegion().boundingRect()
    label = getattr(widget, "text", lambda: "")() or widget.accessibleName()
    if shown != widget.rect():
        return f"{label!r} shows {shown.width()}×{shown.height()} of {widget.width()}×" \
            f"{widget.height()}"  # fmt: skip
    if widget.width() < widget.minimumSizeHint().width():
        return f"{label!r} is squeezed to {widget.width()} px"
    return ""


def test_every_control_reads_whole_without_scrolling_in_a_1280_pixel_window(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("Map")
    assert isinstance(tab, MapTab)
    qtbot.waitExposed(tab.view)
    qtbot.wait(20)
    controls = map_controls(tab)
    c = tab.controls
    for last_of_a_row in (c.export_button, c.unplaced_box, c.legend_box, c.zoom_label):
        assert last_of_a_row in controls or last_of_a_row is c.zoom_label
    cut = [text for text in map(hidden_parts, controls) if text]
    assert cut == []
    assert c.zoom_label.visibleRegion().boundingRect() == c.zoom_label.rect()


def test_a_narrow_window_wraps_the_tools_and_the_map_keeps_its_room(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("Map")
    qtbot.waitExposed(tab.view)
    wide_map = tab.view.height()
    window.resize(900, 800)
    qtbot.waitUntil(lambda: tab.width() < 700)
    assert [text for text in map(hidden_parts, map_controls(tab)) if text] == []
    assert tab.view.height() > wide_map - 120  # a line or two more of tools, not a wall


def test_the_legend_wraps_its_words_within_the_map_at_1280_pixels(window, qtbot):
    window.resize(1280, 800)
    tab = window.show_tab("Map")
    qtbot.waitExposed(tab.view)
    qtbot.wait(20)
    legend, viewport = tab.legend, tab.view.viewport()
    assert legend.isVisible()
    assert legend.geometry().right() < viewport.width()  # its last words were cut at the edge
    window.resize(1600, 800)  # room again: the words go back to one row each
    qtbot.waitUntil(lambda: legend.height() < 4 * 18 + 2 * legend.MARGIN + 2)
    assert legend.geometry().right() < viewport.width()
