"""A screen reader can name every control outside the map: each window, tab and dialog walked.

A control is named by its own text (a button's label), a form row's label, or an accessible
name set in the code; a filter box with only a placeholder, a table, a list or a date field
without one is read out as "edit" or "table" and nothing more. (The map's own items are
checked with the map.)
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from a11y_walk import unnamed_controls
from keyplan.store.demo import create_demo_portfolio
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import person_dialog
from keyplan.ui.map.map_tab import MapTab
from keyplan.ui.shell.account_tabs import ACCOUNT_TABS
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def demo_window(qtbot, db, answers):
    create_demo_portfolio(db)
    window = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def nameless(widget: QWidget) -> list[str]:
    return unnamed_controls(widget, skip=(MapTab,))


def walk_account_tabs(qtbot, window: MainWindow) -> dict[str, list[str]]:
    """Every account tab, and inside the Plan and Who's who tabs every section and view."""
    found: dict[str, list[str]] = {}
    window.show_account_tabs()
    for tab in ACCOUNT_TABS:
        page = window.show_tab(tab.title)
        qtbot.wait(5)
        if isinstance(page, MapTab):
            continue  # the map's items are the map's own test
        found[tab.title] = nameless(window)
        sections = getattr(page, "section_list", None)
        for row in range(sections.count() if sections is not None else 0):
            sections.setCurrentRow(row)
            found[f"{tab.title} › {sections.item(row).text()}"] = nameless(window)
        views = getattr(page, "views", None)
        for index in range(views.count() if hasattr(views, "count") else 0):
            views.setCurrentIndex(index)
            found[f"{tab.title} › {views.tabText(index)}"] = nameless(window)
    return found


def test_every_control_of_the_main_window_has_a_name(qtbot, demo_window):
    dashboard = demo_window.show_dashboard()
    qtbot.waitUntil(lambda: dashboard.model.loaded, timeout=10_000)
    found = {"Dashboard": nameless(demo_window)}
    found.update(walk_account_tabs(qtbot, demo_window))

    assert {where: what for where, what in found.items() if what} == {}
    assert len(found) > len(ACCOUNT_TABS)  # the sections and views were walked too


def test_every_control_of_the_dialogs_has_a_name(qtbot, demo_window, monkeypatch):
    from keyplan.ui.plan.export_dialog import ExportDialog
    from keyplan.ui.shell.portfolio_search import PortfolioSearch
    from keyplan.ui.shell.shortcuts_dialog import ShortcutsDialog

    found: dict[str, list[str]] = {}

    def look(dialog: QWidget) -> bool:
        dialog.show()
        found[type(dialog).__name__] = nameless(dialog)
        return False

    monkeypatch.setattr(person_dialog, "exec_dialog", look)
    person = demo_window.document.people(demo_window.account_id)[0]
    person_dialog.edit_person(demo_window, demo_window.document, person.id)
    roster = demo_window.show_roster()
    qtbot.addWidget(roster)
    look(roster)
    for dialog in (
        ExportDialog([("Harald Berg", "COO · Operations")]),
        PortfolioSearch(demo_window),
        ShortcutsDialog(demo_window),
    ):
        qtbot.addWidget(dialog)
        look(dialog)

    assert {where: what for where, what in found.items() if what} == {}
    assert len(found) == 5
