"""The map's two rows of controls read whole in a 1,400-pixel window (the filter row's end,
"Unplaced", scrolled out of view once Compare dates joined it)."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QWidget

from keyplan.ui.map.map_tab import MapTab


def holds_any(area: QScrollArea, widgets: tuple[QWidget, ...]) -> bool:
    inner = area.widget()
    return inner is not None and any(inner.isAncestorOf(widget) for widget in widgets)


def test_both_rows_of_controls_fit_a_1400_pixel_window(window, qtbot) -> None:
    window.resize(1400, 900)
    tab = window.show_tab("Map")
    assert isinstance(tab, MapTab)
    qtbot.waitExposed(tab.view)
    qtbot.wait(20)
    last_of_each_row = (tab.controls.export_button, tab.controls.unplaced_box)
    rows = [area for area in tab.findChildren(QScrollArea) if holds_any(area, last_of_each_row)]
    assert len(rows) == 2
    for area in rows:
        assert area.horizontalScrollBar().maximum() == 0, area.widget().sizeHint()
