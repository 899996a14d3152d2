"""Names a screen reader gives the map's controls: buttons with a symbol for text ("−", "1:1"),
boxes with no label beside them, and the panels around the map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from keyplan.ui.map.compare_panel import ComparePanel
    from keyplan.ui.map.map_tab import MapTab


def name_map_widgets(tab: MapTab) -> None:
    """Give the map tab's controls the names and descriptions a screen reader reads out."""
    c = tab.controls
    named: list[tuple[QWidget, str, str]] = [
        (c.search_box, "Find a person on the map", "Type a name or title; Enter for the next"),
        (c.add_button, "Add person", c.add_button.toolTip()),
        (c.connect_button, "Connect people", c.connect_button.toolTip()),
        (c.relayout_button, "Re-layout", c.relayout_button.toolTip()),
        (c.open_position_button, "Open position", c.open_position_button.toolTip()),
        (c.fill_position_button, "Fill position", c.fill_position_button.toolTip()),
        (c.zoom_label, "Zoom", "The map's zoom"),
        (c.export_button, "Export the map", c.export_button.toolTip()),
        (c.department_box, "Department shown", "Show one department, or all"),
        (tab.unplaced_list, "Unplaced people", "People with no manager and no reports"),
        (tab.hint, "Map hint", "What the gesture under way will do"),
        (tab.count_label, "Map counts", "How many people and lines the map shows"),
        (tab.legend, "Map legend", "What the colours, badges and lines mean"),
    ]
    for widget, name, description in named:
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(description)
    # The zoom buttons show symbols ("−", "+", "1:1"): their actions carry words.
    for action, name in (
        (c.zoom_out_action, "Zoom out"),
        (c.zoom_in_action, "Zoom in"),
        (c.fit_action, "Fit to window"),
        (c.whole_tree_action, "Whole tree"),
        (c.actual_size_action, "Actual size"),
    ):
        for widget in action.associatedObjects():
            if isinstance(widget, QWidget):
                widget.setAccessibleName(name)


def name_compare_panel(panel: ComparePanel) -> None:
    """Names for the compare panel's controls that have no label of their own."""
    panel.slider.setAccessibleName("Months back")
    panel.slider.setAccessibleDescription("Steps the From date month by month, up to a year")
    panel.changes_list.setAccessibleName("Changes between the dates")
    panel.changes_list.setAccessibleDescription("Choosing a change selects the person's card")
    panel.from_box.setAccessibleName("From")
    panel.to_box.setAccessibleName("To")
