"""File › Import calendar…: a director previews a year of meetings, adds an unknown attendee,
imports, and takes it all back with one undo.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import func, select

from calendar_portfolio import CALENDARS, CalendarPortfolio, make_calendar_portfolio
from keyplan.store.meetings.queries import interactions
from keyplan.store.models import CalendarEvent, Interaction
from keyplan.store.people import queries
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow
from keyplan.ui.transfer.calendar_dialog import CalendarImportDialog


@pytest.fixture
def portfolio(db) -> CalendarPortfolio:
    return make_calendar_portfolio(db)


@pytest.fixture
def window(qtbot, db, portfolio, answers) -> Iterator[MainWindow]:
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main


def open_calendar(qtbot, window, monkeypatch, name: str) -> CalendarImportDialog:
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a, **k: str(CALENDARS / name))
    window.import_calendar_action.trigger()
    dialog = window.findChild(CalendarImportDialog)
    assert dialog is not None and dialog.isVisible()
    # The year 2026, whatever today is.
    dialog.first_edit.setDate(QDate(2026, 1, 1))
    dialog.last_edit.setDate(QDate(2026, 12, 31))
    return dialog


def wait_for_preview(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(),
                    timeout=10_000)  # fmt: skip


def count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_google_series_is_previewed_imported_with_a_new_person_and_undone(
    qtbot, window, db, portfolio, answers, monkeypatch
):
    dialog = open_calendar(qtbot, window, monkeypatch, "google_recurring.ics")
    wait_for_preview(qtbot, dialog)

    assert "6 meetings become interactions" in dialog.summary.text()
    assert "Acme Group 6" in dialog.summary.text()
    assert "1 cancelled left out" in dialog.details.text()
    assert "2 with none of your accounts' people" in dialog.details.text()
    table = dialog.meetings_table
    assert table.rowCount() == 6
    moved = [table.item(row, 0).text() for row in range(6)]
    assert "Thu 2026-01-22" in moved[1]  # the moved week, where it was moved to
    assert table.item(1, 4).text() == "Harald Berg" and table.item(1, 5).text() == "me"
    unknown = dialog.unknown_table
    assert unknown.rowCount() == 1
    assert (unknown.item(0, 0).text(), unknown.item(0, 1).text(), unknown.item(0, 3).text()) == (
        "Piet de Vries", "piet.devries@acme.example", "Acme Group",
    )  # fmt: skip

    unknown.item(0, 0).setCheckState(Qt.CheckState.Checked)  # add Piet as a person
    assert "1 attendee added as people" in dialog.details.text()
    assert table.item(0, 4).text() == "Harald Berg, Piet de Vries"
    assert dialog.import_button.text() == "Import 6 meetings"
    steps = window.document.undo_stack.count()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.receipt is not None, timeout=10_000)

    assert answers.errors == []
    assert count(db, Interaction) == 6 and count(db, CalendarEvent) == 6
    piet = [p for p in queries.people(db, portfolio.acme) if p["full_name"] == "Piet de Vries"]
    assert piet and piet[0]["email"] == "piet.devries@acme.example"
    met = interactions(db, portfolio.acme)
    assert sum("Piet de Vries" in [n for _, n in row.people] for row in met) == 5
    stack = window.document.undo_stack
    assert stack.count() == steps + 1
    assert stack.undoText() == "Import 6 meetings from google_recurring.ics"

    stack.undo()
    assert count(db, Interaction) == 0 and count(db, CalendarEvent) == 0
    assert "Piet de Vries" not in [p["full_name"] for p in queries.people(db, portfolio.acme)]
    stack.redo()
    assert count(db, Interaction) == 6 and len(queries.people(db, portfolio.acme)) == 3


def test_outlook_across_zones_shows_the_joint_meeting_on_acme(
    qtbot, window, db, portfolio, answers, monkeypatch
):
    dialog = open_calendar(qtbot, window, monkeypatch, "outlook_windows_zones.ics")
    wait_for_preview(qtbot, dialog)
    table = dialog.meetings_table
    rows = {table.item(r, 2).text(): r for r in range(table.rowCount())}
    pilot = rows["Joint logistics pilot (Acme + Globex) (video)"]
    assert table.item(pilot, 0).text().startswith("Thu 2026-03-12")
    assert table.item(pilot, 3).text() == "Acme Group"
    assert table.item(pilot, 4).text() == "Ingrid Olsen, Mia Chen"
    assert table.item(pilot, 5).text() == "Tom Weber"
    assert "1 all-day event left out" in dialog.details.text()
    dialog.reject()
    assert count(db, Interaction) == 0


def test_a_broken_file_says_so_and_writes_nothing(
    qtbot, window, db, portfolio, answers, monkeypatch
):
    dialog = open_calendar(qtbot, window, monkeypatch, "broken_dates.ics")
    qtbot.waitUntil(lambda: len(answers.errors) >= 1, timeout=10_000)
    assert answers.errors[-1].startswith("broken_dates.ics is not a calendar Keyplan can read")
    assert "Cannot import" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert count(db, Interaction) == 0


def test_past_meetings_of_the_last_year_by_default(qtbot, window, db, portfolio, answers):
    # On 1 February 2026 the year before holds the first three weeks of the series only.
    dialog = CalendarImportDialog(
        window.document, str(CALENDARS / "google_recurring.ics"), window, today=date(2026, 2, 1)
    )
    dialog.show()
    assert dialog.first_edit.date() == QDate(2025, 2, 1)
    dialog.read()
    wait_for_preview(qtbot, dialog)
    assert dialog.meetings_table.rowCount() == 3
    assert dialog.import_button.text() == "Import 3 meetings"
    dialog.reject()
