"""On the demo, evidence changes what the map and the findings show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people import queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map.card_face import card_face
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

TODAY = date.today()  # the demo's evidence is dated from the day it is made


@pytest.fixture
def demo_window(qtbot, db: Database, answers) -> Iterator[MainWindow]:
    create_demo_portfolio(db, today=TODAY)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main


def test_recent_evidence_clears_a_blockers_doubt_in_the_findings_and_on_the_map(
    demo_window, db, qtbot
):
    aldermark = queries.find_account(db, "Aldermark Group")
    sebastian = next(p.id for p in queries.people(db, aldermark)
                     if p["full_name"] == "Sebastian Wallin")  # fmt: skip
    tab = demo_window.show_tab("Insights")
    tab.refresh()
    lines = tab.politics.texts()
    assert any(line.startswith("Route to Charlotte Blom (VP Sales Operations)") for line in lines)
    assert any("Sebastian Wallin (VP Group Procurement): Blocker? — last evidence 14 months ago, "
               "second hand, guess" in line for line in lines)  # fmt: skip

    map_tab = demo_window.show_tab("Map")
    card = map_tab.scene.cards[sebastian]
    assert "stance" in card_face(card.person, None, TODAY).uncertain

    seen = {
        "rating": "stance",
        "rated_as": "blocker",
        "observed": "Said to us: no renewal.",
        "observed_on": TODAY.isoformat(),
        "source": "meeting",
        "confidence": "confirmed",
    }
    demo_window.document.evidence_editor.edit_person(sebastian, {}, [seen])
    qtbot.waitUntil(lambda: "stance" not in card_face(
        map_tab.scene.cards[sebastian].person, None, TODAY).uncertain)  # fmt: skip
    tab = demo_window.show_tab("Insights")
    qtbot.waitUntil(lambda: not any(
        "Blocker?" in line for line in tab.politics.texts()))  # fmt: skip
    demo_window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: any("Blocker?" in line for line in tab.politics.texts()))
