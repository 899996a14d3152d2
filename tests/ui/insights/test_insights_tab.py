"""Stories of a director reading the insights of the demo portfolio, and acting on them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from keyplan.domain.insights import FindingKind
from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people import queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.meetings.commitments_model import CommitmentColumn
from keyplan.ui.people.people_model import LAST_CONTACT_COLUMN
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

TODAY = date(2026, 5, 4)


@pytest.fixture
def demo_window(qtbot, db: Database, answers) -> Iterator[MainWindow]:
    """The demo portfolio in a main window, every tab pinned to the same day."""
    create_demo_portfolio(db, today=TODAY)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    for title in ("Insights", "Interactions", "Commitments"):
        tab = main.show_tab(title)
        tab.today_provider = lambda: TODAY
        tab.show_account(main.account_id)  # again, as of the pinned day
    main.account_tabs["Interactions"].form.reset(TODAY)
    main.show_tab("Overview")
    yield main


def insights(window: MainWindow):
    tab = window.show_tab("Insights")
    tab.refresh()  # the day was pinned after the tab was first built
    return tab


def undo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_the_insights_open_on_the_largest_account_with_a_score_and_its_reasons(demo_window):
    tab = insights(demo_window)
    assert tab.title.text() == "Aldermark Group"
    score = tab.insights.score
    assert f">{score.value}<" in tab.badge.text()
    assert score.reasons, "a score is never shown without its reasons"
    for reason in score.reasons:
        assert reason.reason.split(";")[0][:30] in tab.reasons.text().replace("&#x27;", "'")


def test_click_a_cell_of_the_heat_map_and_see_who_is_there(demo_window, qtbot, db):
    tab = insights(demo_window)
    coverage = tab.insights.coverage
    department, level = next(
        key for key, cell in coverage.cells.items() if len(cell.person_ids) > 1
    )
    rect = tab.heatmap.cell_rect(department, level)
    qtbot.mouseClick(tab.heatmap, Qt.MouseButton.LeftButton, pos=rect.center())

    assert tab.heatmap.selected == (department, level)
    listed = {person_id for _kind, person_id in tab.cell_people.targets()}
    expected = {
        person.id
        for person in queries.people(db, demo_window.account_id, with_affiliates=True)
        if not person["has_left"]
        and coverage.row_for(person["department"]) == department
        and person["level"] == (level.value if level else None)
    }
    assert listed == expected
    assert len(listed) == len(coverage.cells[(department, level)].person_ids)


def test_open_a_person_from_a_finding_in_the_people_tab(demo_window):
    tab = insights(demo_window)
    finding = tab.insights.health.findings[0]
    item = tab.findings.item_for("person", finding.person_id)
    tab.findings.itemActivated.emit(item)
    people = demo_window.people_tab
    assert demo_window.tabs.currentWidget() is people
    assert people.selected_person_ids() == [finding.person_id]


def stale_person(tab) -> int:
    """Someone whose relationship went stale although we did meet them once."""
    return next(
        finding.person_id
        for finding in tab.insights.health.findings
        if finding.kind is FindingKind.STALE and finding.days_since_contact is not None
    )


def stale_ids(tab) -> set[int]:
    return {f.person_id for f in tab.insights.health.findings if f.kind is FindingKind.STALE}


def test_log_a_meeting_with_a_stale_contact_and_the_warning_goes_then_undo(demo_window, qtbot, db):
    tab = insights(demo_window)
    person_id = stale_person(tab)
    assert tab.findings.item_for("person", person_id) is not None

    log = demo_window.show_tab("Interactions")
    assert "none yet" in log.form.people_chosen.text()
    log.form.tick_people([person_id])
    name = queries.person(db, person_id)["full_name"]
    assert log.form.people_chosen.text() == f"With {name}"  # seen without scrolling
    log.form.summary_edit.setPlainText("Lunch: their budget round starts in June.")
    qtbot.mouseClick(log.form.log_button, Qt.MouseButton.LeftButton)
    assert log.model.row(0).people == ((person_id, queries.person(db, person_id)["full_name"]),)

    tab = demo_window.show_tab("Insights")
    # A refresh that took over 0.1 s last time runs on a worker thread: wait for it.
    qtbot.waitUntil(lambda: person_id not in stale_ids(tab))
    assert tab.findings.item_for("person", person_id) is None or all(
        "last contacted" not in text and "never been contacted" not in text
        for text in tab.findings.texts()
        if queries.person(db, person_id)["full_name"] in text
    )
    people = demo_window.show_tab("People")
    people.affiliates_box.setChecked(True)
    row = people.model.row_of(person_id)
    assert people.model.index(row, LAST_CONTACT_COLUMN).data() == TODAY.isoformat()

    undo(qtbot, demo_window)
    assert people.model.index(row, LAST_CONTACT_COLUMN).data() != TODAY.isoformat()
    tab = demo_window.show_tab("Insights")
    qtbot.waitUntil(lambda: person_id in stale_ids(tab))


def test_an_interaction_logged_while_the_insights_are_shown_updates_them_at_once(
    demo_window, qtbot
):
    tab = insights(demo_window)
    person_id = stale_person(tab)
    demo_window.document.log_interaction(
        demo_window.account_id, TODAY, [person_id], [], channel="phone"
    )
    qtbot.waitUntil(lambda: person_id not in stale_ids(tab))
    undo(qtbot, demo_window)
    qtbot.waitUntil(lambda: person_id in stale_ids(tab))


def test_logging_needs_one_of_their_people(demo_window, qtbot, answers):
    log = demo_window.show_tab("Interactions")
    count = log.model.rowCount()
    qtbot.mouseClick(log.form.log_button, Qt.MouseButton.LeftButton)
    assert answers.errors == ["Tick at least one of their people who took part."]
    assert log.model.rowCount() == count


def overdue_row(tab) -> int:
    return next(n for n in range(tab.model.rowCount()) if tab.model.is_overdue(tab.model.row(n)))


def test_mark_an_overdue_promise_kept_in_place_and_the_overdue_count_drops(demo_window, qtbot):
    overdue_before = insights(demo_window).insights.promises.account.overdue
    tab = demo_window.show_tab("Commitments")
    before = tab.model.overdue_count()
    assert before > 0
    row = overdue_row(tab)
    commitment_id = tab.model.row(row).id
    index = tab.proxy.mapFromSource(tab.model.index(row, CommitmentColumn.STATUS))
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.viewport().findChild(QComboBox)
    editor.setCurrentIndex(editor.findData("kept"))
    tab.table.itemDelegate().setModelData(editor, tab.proxy, index)

    kept = tab.model.row(tab.model.row_of(commitment_id))
    # It was overdue: ticked off today, it was kept, but late, and says so.
    assert (kept.status, kept.delivered_on) == ("late", TODAY)
    assert tab.model.overdue_count() == before - 1
    assert "overdue" in tab.summary.text()
    insights_tab = demo_window.show_tab("Insights")  # maybe on a worker thread: wait
    qtbot.waitUntil(lambda: insights_tab.insights.promises.account.overdue == overdue_before - 1)

    undo(qtbot, demo_window)  # one step undoes the status and its delivery date
    restored = demo_window.document.commitment(commitment_id)
    assert (restored.status, restored.delivered_on) == ("open", None)
    qtbot.waitUntil(lambda: insights_tab.insights.promises.account.overdue == overdue_before)


def test_open_an_overdue_promise_from_the_insights(demo_window):
    tab = insights(demo_window)
    due = tab.insights.promises.overdue[0]
    tab.promise_list.itemActivated.emit(tab.promise_list.item_for("commitment", due.commitment_id))
    commitments = demo_window.account_tabs["Commitments"]
    assert demo_window.tabs.currentWidget() is commitments
    assert commitments.selected_ids() == [due.commitment_id]


def test_add_a_promise_then_delete_it_and_undo(demo_window, qtbot, answers):
    tab = demo_window.show_tab("Commitments")
    count = tab.model.rowCount()
    tab.promise_edit.setText("Send the NIS2 readiness checklist")
    qtbot.keyClick(tab.promise_edit, Qt.Key.Key_Return)
    assert tab.model.rowCount() == count + 1
    new_id = tab.selected_ids()[0]
    assert tab.model.row(tab.model.row_of(new_id)).promise == "Send the NIS2 readiness checklist"

    answers.confirmations.append(True)
    tab.delete_selected()
    assert tab.model.row_of(new_id) is None
    undo(qtbot, demo_window)
    assert tab.model.row_of(new_id) is not None


def test_log_a_meeting_with_a_stale_contact_from_the_findings_context_menu(demo_window):
    tab = insights(demo_window)
    person_id = stale_person(tab)
    tab.findings.log_requested.emit(person_id)  # what "Log a meeting or call…" does
    log = demo_window.account_tabs["Interactions"]
    assert demo_window.tabs.currentWidget() is log
    assert log.form.checked(log.form.people_list) == [person_id]
    assert log.form.values().occurred_on == TODAY


def test_a_slow_account_is_analysed_on_a_worker_thread(demo_window, qtbot, monkeypatch):
    from keyplan.ui.insights import insights_tab

    tab = insights(demo_window)
    person_id = stale_person(tab)
    monkeypatch.setattr(insights_tab, "SLOW_SECONDS", -1.0)  # as if every account were huge
    demo_window.document.log_interaction(demo_window.account_id, TODAY, [person_id], [])
    # On a loaded machine an earlier refresh may still be on its way: wait for the last one.
    qtbot.waitUntil(
        lambda: (
            person_id not in stale_ids(tab)
            and tab.score_heading.text() == "Account health — where the points went"
        ),
        timeout=10_000,
    )
