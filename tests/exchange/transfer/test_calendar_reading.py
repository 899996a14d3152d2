"""A big calendar read by a worker process: the same meetings, the same refusals.

The command line hands a file of many events to a worker while it loads the store. Here the
threshold is lowered so that the small test files go to a worker too, started both ways:
forked (Linux) and as a new interpreter (Windows and macOS start it so).
"""

from __future__ import annotations

import os
import threading
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendar_portfolio import CALENDARS
from keyplan.exchange.transfer import calendar_reading
from keyplan.exchange.transfer.calendar_file import CalendarRefused, day_range, read_calendar
from keyplan.exchange.transfer.calendar_reading import CalendarReading, start_reading

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = day_range(date(2026, 1, 1), date(2026, 12, 31), datetime(2026, 12, 7, tzinfo=BERLIN),
                 BERLIN)  # fmt: skip
FILES = ["outlook_windows_zones.ics", "google_recurring.ics", "demo_autumn_outlook.ics",
         "apple_tokyo.ics", "outlook_custom_zone.ics"]  # fmt: skip


def by_worker(name: str, method: str) -> CalendarReading:
    path = CALENDARS / name
    reading = CalendarReading(path.name, path.read_bytes(), *YEAR, BERLIN)
    reading.start_worker(method)
    assert reading.by_worker
    return reading


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.parametrize("name", FILES)
def test_a_worker_reads_the_same_meetings(name, method):
    with by_worker(name, method) as reading:
        read = reading.result()
    assert read == read_calendar(CALENDARS / name, *YEAR, zone=BERLIN)
    assert read.meetings


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_worker_refuses_a_broken_file_in_the_same_words(method):
    with pytest.raises(CalendarRefused) as here:
        read_calendar(CALENDARS / "broken_dates.ics", *YEAR, zone=BERLIN)
    with pytest.raises(CalendarRefused) as there, by_worker("broken_dates.ics", method) as reading:
        reading.result()
    assert str(there.value) == str(here.value)
    assert str(here.value).startswith("broken_dates.ics is not a calendar Keyplan can read: ")


def _die_without_a_word(*_request: object) -> None:
    os._exit(3)


def test_a_worker_that_dies_without_a_word_leaves_the_reading_to_this_process(monkeypatch):
    monkeypatch.setattr(calendar_reading, "_read_for", _die_without_a_word)
    with by_worker("google_recurring.ics", "fork") as reading:
        read = reading.result()
        assert not reading.by_worker
    assert read == read_calendar(CALENDARS / "google_recurring.ics", *YEAR, zone=BERLIN)


def test_only_a_file_of_many_events_goes_to_a_worker(monkeypatch):
    path = CALENDARS / "google_recurring.ics"
    events = path.read_bytes().count(b"BEGIN:VEVENT")
    monkeypatch.setattr(calendar_reading, "WORKER_EVENTS", events + 1)
    with start_reading(path, *YEAR, zone=BERLIN) as reading:
        assert not reading.by_worker
        assert reading.result() == read_calendar(path, *YEAR, zone=BERLIN)
    monkeypatch.setattr(calendar_reading, "WORKER_EVENTS", events)
    with start_reading(path, *YEAR, zone=BERLIN) as reading:
        assert reading.by_worker == (calendar_reading.worker_method() is not None)
        assert reading.result() == read_calendar(path, *YEAR, zone=BERLIN)


def test_a_missing_file_is_refused_before_any_worker_starts(tmp_path):
    with pytest.raises(CalendarRefused, match="There is no file"):
        start_reading(tmp_path / "missing.ics", *YEAR, zone=BERLIN)


def test_a_reading_left_unfinished_stops_its_worker():
    reading = by_worker("demo_autumn_outlook.ics", "fork")
    worker = reading._worker
    reading.close()
    assert not reading.by_worker and not worker.is_alive()


def test_a_process_with_threads_is_never_forked():
    # A fork would copy a lock another thread holds, and the child could wait on it forever.
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert calendar_reading.worker_method() != "fork"
    finally:
        release.set()
        other.join()
