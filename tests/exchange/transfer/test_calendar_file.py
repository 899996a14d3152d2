"""Reading calendar exports: Outlook's Windows zones, Google's series, Apple's Tokyo trip.

Each file in tests/data/calendar/ is written as that program writes its exports. The range is
the year 2026 in Berlin, where the director lives.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from calendar_portfolio import CALENDARS
from keyplan.exchange.transfer.calendar_file import (
    CalendarRefused,
    day_range,
    default_range,
    read_calendar,
)

BERLIN = ZoneInfo("Europe/Berlin")
YEAR = day_range(date(2026, 1, 1), date(2026, 12, 31), datetime(2026, 12, 7, tzinfo=BERLIN),
                 BERLIN)  # fmt: skip


def read(name: str):
    return read_calendar(CALENDARS / name, *YEAR, zone=BERLIN)


def by_summary(meetings):
    return {meeting.summary: meeting for meeting in meetings}


def test_outlooks_windows_zone_names_are_read_from_their_own_vtimezone_blocks():
    calendar = read("outlook_windows_zones.ics")
    meetings = by_summary(calendar.meetings)
    review = meetings["Quarterly service review"]
    # 09:00 "W. Europe Standard Time" in March (winter time) is 08:00 UTC.
    assert review.starts_utc == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    assert review.ends_utc == datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
    assert review.starts_local == datetime(2026, 3, 10, 9, 0, tzinfo=BERLIN)
    # 16:00 "Pacific Standard Time" on 12 March is daylight time already (UTC-7).
    pilot = meetings["Joint logistics pilot (Acme + Globex)"]
    assert pilot.starts_utc == datetime(2026, 3, 12, 23, 0, tzinfo=UTC)
    assert pilot.starts_local.date() == date(2026, 3, 13)  # midnight in Berlin…
    assert pilot.day == date(2026, 3, 12)  # …but the meeting was on the 12th where it was held


def test_outlook_names_emails_and_online_meetings_as_people_write_them():
    review, pilot = sorted(read("outlook_windows_zones.ics").meetings, key=lambda m: m.day)
    assert review.organiser.email == "tom.weber@ourco.example"  # "Tom.Weber@…" in the file
    assert review.organiser.name == "Tom Weber"  # "Weber, Tom"
    assert [a.email for a in review.attendees] == [
        "ingrid.olsen@acme.example", "harald.berg@acme.example",
        "lena.fischer@acme.example", "tom.weber@ourco.example",
    ]  # fmt: skip
    assert review.uid.startswith("040000008200E00074C5B7101A82E008") and review.occurrence == ""
    assert not review.online and pilot.online  # a Teams meeting


def test_all_day_and_cancelled_events_are_not_meetings():
    calendar = read("outlook_windows_zones.ics")
    assert (len(calendar.meetings), calendar.all_day, calendar.cancelled) == (2, 1, 1)
    assert "Canceled: Contract talk" not in by_summary(calendar.meetings)


def test_googles_weekly_series_is_expanded_with_its_exdate_its_moved_and_cancelled_weeks():
    calendar = read("google_recurring.ics")
    steering = [m for m in calendar.meetings if m.summary.startswith("Migration steering")]
    assert [m.day for m in steering] == [
        date(2026, 1, 7),  # 14 January: EXDATE
        date(2026, 1, 22),  # the 21st, moved to Thursday 14:00
        date(2026, 1, 28),  # 4 February: cancelled
        date(2026, 2, 11), date(2026, 2, 18), date(2026, 2, 25),
    ]  # fmt: skip
    moved = steering[1]
    assert moved.starts_utc == datetime(2026, 1, 22, 13, 0, tzinfo=UTC)
    assert moved.summary == "Migration steering committee (moved to Thursday)"
    # Each occurrence is named by its original start, which a move does not change.
    assert moved.occurrence == "20260121T090000Z"
    assert len({m.key for m in steering}) == 6
    assert calendar.cancelled == 1
    assert "harald.berg@acme.example" in {a.email for a in steering[0].attendees}


def test_past_meetings_only_by_default():
    now = datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN)
    calendar = read_calendar(CALENDARS / "google_recurring.ics", *default_range(now), zone=BERLIN)
    assert "Planning 2027" not in by_summary(calendar.meetings)
    assert "Intro call Initech" in by_summary(calendar.meetings)


def test_apple_export_in_tokyo_time_and_rooms_are_not_attendees():
    meetings = by_summary(read("apple_tokyo.ics").meetings)
    dinner = meetings["Dinner with Mia in Tokyo"]
    assert dinner.starts_utc == datetime(2026, 4, 15, 1, 0, tzinfo=UTC)
    assert dinner.day == date(2026, 4, 15)
    assert [a.email for a in dinner.attendees] == [
        "mia.chen@acme-france.example", "kenji.sato@acme-france.example",
    ]  # fmt: skip
    assert dinner.attendees[1].name == "Kenji Sato"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("broken_dates.ics", "broken_dates.ics is not a calendar Keyplan can read: "),
        ("not_a_calendar.ics", "not_a_calendar.ics is not a calendar file (.ics)"),
        ("missing.ics", "There is no file"),
    ],
)
def test_a_file_that_is_not_a_readable_calendar_is_refused_in_one_line(name, message):
    with pytest.raises(CalendarRefused, match=message.replace("(", r"\(").replace(")", r"\)")) as e:
        read(name)
    assert "\n" not in str(e.value)


def test_an_empty_range_is_refused():
    with pytest.raises(CalendarRefused, match="The range is empty"):
        day_range(date(2026, 5, 1), date(2026, 4, 1), datetime(2026, 12, 7, tzinfo=BERLIN))


def test_outlooks_customized_zone_is_honoured_and_a_zoom_link_in_the_text_means_online():
    (visit,) = read("outlook_custom_zone.ics").meetings
    # 15:00 at +05:30, a zone with no name the time-zone database knows: its block is used.
    assert visit.starts_utc == datetime(2026, 5, 7, 9, 30, tzinfo=UTC)
    assert visit.day == date(2026, 5, 7)
    assert visit.online  # the Zoom link is folded over two lines of the description
    assert [a.email for a in visit.attendees] == ["ingrid.olsen@acme.example"]


def test_invitees_set_aside_before_parsing_come_back_to_each_meeting_and_occurrence(tmp_path):
    # Invitee lines are parsed once per distinct line (calendar_people.py): the same person
    # in two meetings, a folded line, an alarm's e-mail recipient, and a file's own
    # X-KEYPLAN-PEOPLE line (which must not be taken for the numbers) all read as before.
    path = tmp_path / "people.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:one\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T100000Z\r\n"
        b"SUMMARY:First\r\nX-KEYPLAN-PEOPLE:0 0 0\r\n"
        b'ORGANIZER;CN="Weber, Tom":mailto:tom@ourco.example\r\n'
        b"ATTENDEE;CN=Ingrid Olsen;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:ingrid@acme.examp\r\n"
        b" le\r\n"
        b"ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@ourco.example\r\n"
        b"BEGIN:VALARM\r\nACTION:EMAIL\r\nATTENDEE:mailto:alarm@ourco.example\r\n"
        b"END:VALARM\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:two\r\nDTSTART:20260311T090000Z\r\nDTEND:20260311T100000Z\r\n"
        b"SUMMARY:Weekly\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"
        b"ATTENDEE;CN=Harald Berg:mailto:harald@acme.example\r\n"
        b"ATTENDEE;CN=Ingrid Olsen;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:ingrid@acme.examp\r\n"
        b" le\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:three\r\nDTSTART:20260312T090000Z\r\nSUMMARY:Alone\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    meetings = sorted(read_calendar(path, *YEAR, zone=BERLIN).meetings, key=lambda m: m.day)
    first, weekly, alone, weekly_again = meetings
    assert first.organiser is not None and first.organiser.name == "Tom Weber"
    assert [a.email for a in first.attendees] == ["ingrid@acme.example"]  # no room, no alarm
    for occurrence in (weekly, weekly_again):
        assert [(a.email, a.name) for a in occurrence.attendees] == [
            ("harald@acme.example", "Harald Berg"), ("ingrid@acme.example", "Ingrid Olsen")
        ]  # fmt: skip
        assert occurrence.organiser is None
    assert alone.attendees == () and alone.organiser is None


def test_windows_zone_names_reach_icalendar_as_the_zones_it_maps_them_to(tmp_path):
    # Quoted names with spaces were most of the parsing of a time's line; the zone is the one
    # icalendar itself maps the name to, so the times are the same. Other names stay as written.
    from keyplan.exchange.transfer.calendar_people import PeopleLines
    from keyplan.exchange.transfer.calendar_trim import only_what_meetings_need

    windows = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w\r\nSUMMARY:Review\r\n"
        b'DTSTART;TZID="W. Europe Standard Time":20260310T090000\r\n'
        b"DTEND;TZID=Tokyo Standard Time;X-SEEN=1:20260310T180000\r\n"
        b'EXDATE;TZID="Customized Time Zone":20260317T090000\r\n'
        b"RRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    lines = only_what_meetings_need(windows, PeopleLines()).split(b"\r\n")
    assert b"DTSTART;TZID=Europe/Berlin:20260310T090000" in lines
    assert b"DTEND;TZID=Asia/Tokyo;X-SEEN=1:20260310T180000" in lines
    assert b'EXDATE;TZID="Customized Time Zone":20260317T090000' in lines
    path = tmp_path / "windows.ics"
    path.write_bytes(windows.replace(b"EXDATE", b"X-NOT-EXDATE").replace(b"RRULE", b"X-NOT"))
    (review,) = read_calendar(path, *YEAR, zone=BERLIN).meetings
    assert review.starts_utc == datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    assert review.ends_utc == datetime(2026, 3, 10, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo


def test_an_invitee_line_icalendar_cannot_split_does_not_shift_the_others(tmp_path):
    # The distinct invitee lines are read as one event; a line icalendar leaves out (here an
    # empty parameter section) must not hand its neighbours' values to the wrong lines.
    path = tmp_path / "skipped.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260310T090000Z\r\nSUMMARY:First\r\n"
        b"ATTENDEE;CN=Ingrid Olsen:mailto:ingrid@acme.example\r\n"
        b"ATTENDEE;:mailto:nobody@acme.example\r\n"
        b"END:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20260311T090000Z\r\nSUMMARY:Second\r\n"
        b"ATTENDEE;CN=Harald Berg:mailto:harald@acme.example\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    first, second = sorted(read_calendar(path, *YEAR, zone=BERLIN).meetings, key=lambda m: m.day)
    assert [(a.email, a.name) for a in first.attendees] == [("ingrid@acme.example", "Ingrid Olsen")]
    assert [(a.email, a.name) for a in second.attendees] == [("harald@acme.example", "Harald Berg")]
