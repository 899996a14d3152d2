"""Stories of the map through time: a person's history in their dialog, and two dates compared
on the Map tab (who joined, left, moved, changed), with undo kept in the history as undone."""

from __future__ import annotations

import pytest

from history_helpers import age_the_history
from keyplan.store.models import utc_now
from keyplan.store.people import edits
from keyplan.ui import dialogs
from keyplan.ui.map import person_dialog
from keyplan.ui.map.compare_panel import PersonIdRole


@pytest.fixture
def history_map(db, small_portfolio, olaf, map_opener):
    """Acme two months ago: Ingrid, and Harald (who reports to nobody), Mia under Harald."""
    edits.set_stakeholder_field(db, small_portfolio.harald, "reports_to_id", None)
    age_the_history(db, 60)
    return map_opener()


def test_drag_ingrid_under_harald_compare_last_month_to_now_then_undo(
    history_map, window, qtbot, db, small_portfolio
):
    from tests.ui.map.conftest import MapHand  # the map's hand, on this map

    hand = MapHand(history_map, window, qtbot)
    ingrid, harald = small_portfolio.ingrid, small_portfolio.harald
    hand.drag(hand.card_point(ingrid), hand.card_point(harald))
    assert edits_manager(db, ingrid) == harald

    history_map.controls.compare_box.setChecked(True)
    comparison = history_map.comparison
    panel = comparison.panel
    assert panel.isVisible()
    assert panel.from_box.currentText() == "1 month ago" and panel.to_box.currentText() == "Now"
    assert [t for t in panel.texts() if t.startswith("Ingrid Olsen")] == [
        f"Ingrid Olsen — moved: nobody → Harald Berg on {today_text()}"
    ]
    assert comparison.marks.marks[ingrid].moved_label == "moved from nobody"
    assert comparison.marks.isVisible()

    panel.changes_list.setCurrentRow(0)  # choosing the change selects Ingrid's card
    assert history_map.scene.selected_person_ids() == [
        panel.changes_list.item(0).data(PersonIdRole)
    ]

    hand.undo()
    assert edits_manager(db, ingrid) is None
    assert not [t for t in panel.texts() if "moved" in t]  # compared again after the undo
    assert ingrid not in comparison.marks.marks
    lines = window.document.person_history(ingrid)
    assert lines[0].text.endswith("(undo)") and lines[0].is_undo
    assert lines[1].text == f"manager nobody → Harald Berg on {today_text()} (undone)"


def test_a_year_back_shows_everybody_joined_and_a_deleted_person_as_left(
    history_map, window, db, small_portfolio, olaf
):
    edits.delete_stakeholder(db, olaf)
    window.document.people_changed.emit(small_portfolio.acme)
    history_map.show_comparison(True)
    panel = history_map.comparison.panel
    panel.from_box.setCurrentIndex(panel.from_box.findData(1))
    assert any(text == f"Olaf Lund — left on {today_text()}" for text in panel.texts())
    marks = history_map.comparison.marks.marks
    assert marks[olaf].ghost_name == "Olaf Lund" and marks[olaf].left

    panel.slider.setValue(3)  # three months back: before everyone was added
    assert panel.from_box.currentText() == "3 months ago"
    joined = [t for t in panel.texts() if "joined" in t]
    assert len(joined) == 3  # Ingrid, Harald, Mia (Olaf came and went)
    assert "3 joined" in panel.summary.text()

    history_map.controls.compare_box.setChecked(False)
    assert not panel.isVisible() and history_map.comparison.marks.marks == {}


def test_a_named_snapshot_is_offered_in_both_dates(history_map, db, small_portfolio, monkeypatch):
    history_map.show_comparison(True)
    monkeypatch.setattr(dialogs, "ask_text", lambda *a, **k: "Before the reorg")
    history_map.comparison.panel.snapshot_button.click()
    panel = history_map.comparison.panel
    assert panel.from_box.findText("“Before the reorg”", flags=MATCH_START) >= 0
    assert panel.to_box.findText("“Before the reorg”", flags=MATCH_START) >= 0
    edits.set_stakeholder_field(db, small_portfolio.mia, "stance", "blocker")
    panel.from_box.setCurrentIndex(panel.from_box.findText("“Before the reorg”", MATCH_START))
    assert any("stance" in t and "blocker" in t for t in panel.texts())


def test_the_slider_steps_through_months_on_one_read_of_the_log(
    history_map, db, small_portfolio, monkeypatch
):
    from keyplan.store.history import queries
    from keyplan.ui.map.compare_panel import MONTHS_BACK, months_ago

    reads: list[object] = []
    read_window = queries.read_window
    monkeypatch.setattr(
        queries, "read_window", lambda *args: reads.append(args[2]) or read_window(*args)
    )
    history_map.show_comparison(True)  # a month back, the log read as far as the slider goes
    panel = history_map.comparison.panel
    assert len(reads) == 1 and reads[0] <= months_ago(utc_now(), MONTHS_BACK)
    panel.slider.setValue(12)
    assert "4 joined" in panel.summary.text()  # Olaf too
    for months in (6, 3, 1, 0, 12):
        panel.slider.setValue(months)
    assert len(reads) == 1  # nothing written meanwhile: the year read serves every step
    edits.set_stakeholder_field(db, small_portfolio.mia, "stance", "blocker")  # another window
    panel.slider.setValue(1)
    assert len(reads) == 2
    assert any(t.startswith("Mia") and "blocker" in t for t in panel.texts())
    history_map.controls.compare_box.setChecked(False)
    history_map.controls.compare_box.setChecked(True)  # ticked again: read afresh
    assert len(reads) == 3


def test_the_person_dialog_shows_their_history_newest_first(
    history_map, window, qtbot, db, small_portfolio, monkeypatch
):
    harald = small_portfolio.harald
    edits.set_stakeholder_field(db, harald, "job_title", "Head of IT")
    edits.set_stakeholder_field(db, harald, "job_title", "CIO")
    shown = []
    monkeypatch.setattr(person_dialog, "exec_dialog", lambda d: shown.append(d.history.texts()))
    history_map.edit_person(harald)
    (texts,) = shown
    by = db.user_name
    assert texts[0] == f"Head of IT → CIO on {today_text()} — {by}"
    assert texts[1] == f"title none → Head of IT on {today_text()} — {by}"
    assert texts[-1].startswith("added to the map on ")


MATCH_START = __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MatchFlag.MatchStartsWith


def today_text() -> str:
    from keyplan.domain.history.wording import day_text

    return day_text(utc_now())


def edits_manager(db, person_id):
    from keyplan.store.people import queries

    return queries.person(db, person_id)["reports_to_id"]
