"""The compare view redraws the map as it stood on the From date (issue 15), on the demo's
umbrella account: a year ago Gunnar Lindqvist was the CFO, Zoë Åkesson was not there yet."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import style
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def aldermark_map(qtbot, db: Database, answers) -> Iterator:
    create_demo_portfolio(db)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.select_account(find_account(db, "Aldermark Group"))
    tab = main.show_tab("Map")
    qtbot.waitExposed(tab.view)
    yield tab


def card_named(cards: dict, name: str):
    return next((card for card in cards.values() if card.person.full_name == name), None)


def test_a_year_back_the_map_shows_gunnar_as_cfo_and_no_zoe(aldermark_map, qtbot):
    tab = aldermark_map
    tab.controls.compare_box.setChecked(True)  # as a user ticks "Compare dates"
    comparison = tab.comparison
    comparison.panel.slider.setValue(12)  # From: 12 months ago, To: now
    past = comparison.past
    assert past.box.text().startswith("Show the map as it was on ")
    assert not past.view.isVisible()

    past.box.click()
    assert past.view.isVisible() and not tab.view.isVisible()
    assert tab.hint.text().startswith("The map as it was on ")
    tab.view.fit.readable()  # today's hidden view fits itself (the window changed size)
    assert tab.hint.text().startswith("The map as it was on ")  # it still says which map
    gunnar = card_named(past.all_cards(), "Gunnar Lindqvist")
    assert gunnar is not None  # back in his place, not faded: he had not left then
    assert gunnar.person.job_title == "Group Chief Financial Officer"
    assert not gunnar.person.has_left
    assert card_named(past.all_cards(), "Zoë Åkesson") is None  # she joined since
    # The controller reported to Gunnar then (to Zoë now).
    zoe_now = card_named(tab.scene.cards, "Zoë Åkesson")
    reports_now = [
        c for c in tab.scene.cards.values() if c.person.reports_to_id == zoe_now.person_id
    ]
    assert reports_now
    for card in reports_now:
        then = past.all_cards().get(card.person_id)
        if then is not None:
            assert then.person.reports_to_id == gunnar.person_id
    assert "Gunnar Lindqvist" in {m.ghost_name or "" for m in past.marks.marks.values()} or any(
        m.left for pid, m in past.marks.marks.items() if pid == gunnar.person_id
    )  # marked: gone by the To date
    # Shown as Fit shows today's map: where names read, the head of the group at the top.
    qtbot.wait(20)
    area = past.view.mapToScene(past.view.viewport().rect()).boundingRect()
    head = card_named(past.all_cards(), "Henrik Dahlgren")
    assert area.contains(head.scene_card_rect())
    assert past.view.transform().m11() >= style.READABLE_ZOOM
    zoom = past.view.transform().m11()
    centre = QPointF(past.view.viewport().rect().center())
    wheel = QWheelEvent(centre, past.view.viewport().mapToGlobal(centre), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)  # fmt: skip
    QApplication.sendEvent(past.view.viewport(), wheel)
    assert past.view.transform().m11() > zoom  # Ctrl+wheel zooms in, as on today's map

    comparison.panel.slider.setValue(1)  # a month back: Zoë was already CFO
    assert card_named(past.all_cards(), "Zoë Åkesson") is not None
    assert card_named(past.all_cards(), "Gunnar Lindqvist") is None

    past.box.click()
    assert tab.view.isVisible() and not past.view.isVisible()
    assert not tab.hint.text().startswith("The map as it was")
    tab.controls.compare_box.setChecked(False)
    assert not past.box.isChecked()
