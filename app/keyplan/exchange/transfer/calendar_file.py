"""Read an .ics calendar export (Outlook, Google, Apple) into the meetings of a time range.

The file format is the libraries' business: ``icalendar`` parses it (Outlook's Windows
time-zone names such as "W. Europe Standard Time" with their own VTIMEZONE blocks included)
and ``recurring-ical-events`` expands recurring meetings, leaving out the occurrences an
EXDATE cancels and putting moved occurrences (RECURRENCE-ID) where they were moved to.
Here we keep what an interaction needs and leave out what is not a meeting: all-day events
and cancelled meetings or occurrences (STATUS:CANCELLED). Rooms and other resources invited
are not attendees. No Qt, no SQL: the same from the command line, a test or the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from keyplan.domain.calendar_meetings import Attendee, CalendarMeeting
from keyplan.domain.errors import KeyplanError
from keyplan.exchange.transfer.calendar_people import (
    PeopleLines,
    invitees,
)
from keyplan.exchange.transfer.calendar_trim import (
    ONLINE,
    only_what_meetings_need,
    without_windows_zone_blocks,
)

#: A year of a busy calendar is a few megabytes; far more is not a calendar export.
MAX_CALENDAR_BYTES = 64 * 1024 * 1024
_ONLINE_PROPERTIES = ("X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE", "CONFERENCE")
#: Invitees that are places or things, not people.
_NOT_PEOPLE = {"ROOM", "RESOURCE"}


class CalendarRefused(KeyplanError):
    """A file that is not a calendar this import can read; nothing was written."""


@dataclass(frozen=True, slots=True)
class CalendarRead:
    """The meetings of a calendar file within the range asked for."""

    file_name: str
    meetings: list[CalendarMeeting]
    all_day: int  # all-day events in the range: holidays, fairs, travel — not meetings
    cancelled: int  # cancelled meetings and occurrences in the range


def default_range(now: datetime) -> tuple[datetime, datetime]:
    """Past meetings by default: the year up to now."""
    return now - timedelta(days=365), now


def day_range(
    first: date | None, last: date | None, now: datetime, zone: tzinfo | None = None
) -> tuple[datetime, datetime]:
    """The range from the start of ``first`` to the end of ``last``, in the user's zone.

    Without ``first``: a year before the end; without ``last``: now (past meetings only).
    """
    since_default, until_default = default_range(now)
    until = _start_of(last + timedelta(days=1), zone) if last else until_default
    since = _start_of(first, zone) if first else until - (now - since_default)
    if since >= until:
        raise CalendarRefused(f"The range is empty: {first} is not before {last}.")
    return since, until


def _start_of(day: date, zone: tzinfo | None) -> datetime:
    midnight = datetime.combine(day, time())
    return midnight.replace(tzinfo=zone) if zone else midnight.astimezone()


def read_calendar(
    path: str | Path, since: datetime, until: datetime, *, zone: tzinfo | None = None
) -> CalendarRead:
    """The meetings that start in [since, until) in an .ics file.

    Args:
        path: the calendar file.
        since: the range's start (aware).
        until: the range's end (aware), not included.
        zone: the user's time zone for the local times; None: this computer's.

    Raises:
        CalendarRefused: the file cannot be read or is not a calendar (one line says why).
    """
    path = Path(path)
    return meetings_in(path.name, calendar_bytes(path), since, until, zone=zone)


def meetings_in(
    name: str, data: bytes, since: datetime, until: datetime, *, zone: tzinfo | None = None
) -> CalendarRead:
    """``read_calendar`` of a file's bytes (``name``: the file's name, for the messages)."""
    try:
        return _meetings_of(name, data, since, until, zone)
    except CalendarRefused:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as error:
        # The libraries say what is wrong in their own words; keep their first line.
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise CalendarRefused(f"{name} is not a calendar Keyplan can read: {reason}") from None


def calendar_bytes(path: Path) -> bytes:
    """The bytes of a calendar file.

    Raises:
        CalendarRefused: the file is missing, a folder, unreadable or far too big.
    """
    try:
        size = path.stat().st_size
        if size > MAX_CALENDAR_BYTES:
            raise CalendarRefused(
                f"{path.name} is {size // (1024 * 1024)} MB; a calendar export of a year is a "
                f"few MB. Export a shorter range."
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise CalendarRefused(f"{path} is a folder, not a calendar file.") from None
    except FileNotFoundError:
        raise CalendarRefused(f"There is no file {path}.") from None
    except OSError as error:
        raise CalendarRefused(f"{path} cannot be read: {error.strerror or error}.") from None


def _meetings_of(
    name: str, data: bytes, since: datetime, until: datetime, zone: tzinfo | None
) -> CalendarRead:
    import icalendar  # loaded on first use: start-up never pays for it

    if b"BEGIN:VCALENDAR" not in data[:4096].upper():
        raise CalendarRefused(f"{name} is not a calendar file (.ics): it has no BEGIN:VCALENDAR.")
    people = PeopleLines()
    lean = only_what_meetings_need(without_windows_zone_blocks(data), people)
    calendars = icalendar.Calendar.from_ical(lean, multiple=True)
    invited = _Invited(people.parse())
    found = CalendarRead(name, [], 0, 0)
    for calendar in calendars:
        events = [
            (event, _properties(event)) for event in _in_its_own_zone(calendar).walk("VEVENT")
        ]
        in_series = _uids_in_series(events)
        for event in _events_between(events, in_series, since, until):
            found = _with_event(found, event, in_series, zone, invited)
    return found


def _properties(event: Any) -> dict[str, Any]:
    """An event's properties as a plain dict, by their upper-case names.

    icalendar keeps a component's property names in upper case; its case-insensitive lookup
    upper-cases the name asked for each time (and raises and catches for a name that is not
    there). A meeting asks for some fifteen, most of them absent: in a plain dict that is
    about a tenth of the cost, and the values are the same objects.
    """
    return dict(event.items())


def _in_its_own_zone(calendar: Any) -> Any:
    """Google writes single meetings in UTC and names the calendar's zone apart
    (X-WR-TIMEZONE): in that zone, a meeting falls on the day its people saw.

    A calendar without that property is standard already (``to_standard`` returns it as it
    is); its converter, and the command-line kit it loads, are then never imported.
    """
    if calendar.get("X-WR-TIMEZONE") is None:
        return calendar
    import x_wr_timezone

    return x_wr_timezone.to_standard(calendar)


def _events_between(
    events: list[tuple[Any, dict[str, Any]]], in_series: set[str], since: datetime, until: datetime
) -> Iterator[dict[str, Any]]:
    """The properties of the events that start in the range (``events``: each event with its
    ``_properties``): single ones as they are, series expanded.

    Only the series go through recurring-ical-events: a single meeting happens once, at its
    start, and letting the library copy each of a year's two thousand cost a third of the
    import's time.
    """
    import icalendar
    import recurring_ical_events

    series = icalendar.Calendar()
    for event, properties in events:
        if str(properties.get("UID", "")) in in_series:
            series.add_component(event)
        elif _starts_between(properties, since, until):
            yield properties
    if series.subcomponents:
        for occurrence in recurring_ical_events.of(series).between(since, until):
            yield _properties(occurrence)


def _starts_between(event: dict[str, Any], since: datetime, until: datetime) -> bool:
    start = event.get("DTSTART")
    if start is None:
        return False  # a VEVENT without a start is not a meeting at any time
    moment = start.dt
    if not isinstance(moment, datetime):
        return since.date() <= moment < until.date()
    moment = _aware(moment, since.tzinfo)
    return since <= moment < until


def _with_event(
    found: CalendarRead,
    event: dict[str, Any],
    in_series: set[str],
    zone: tzinfo | None,
    invited: _Invited,
) -> CalendarRead:
    start = event.get("DTSTART")
    if start is None:
        return found
    if not isinstance(start.dt, datetime):
        return replace(found, all_day=found.all_day + 1)
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return replace(found, cancelled=found.cancelled + 1)
    found.meetings.append(_meeting(event, in_series, zone, invited))
    return found


def _uids_in_series(events: list[tuple[Any, dict[str, Any]]]) -> set[str]:
    """The uids of recurring meetings: their occurrences are told apart by their start."""
    return {
        str(properties.get("UID", ""))
        for _event, properties in events
        if any(properties.get(name) is not None for name in ("RRULE", "RDATE", "RECURRENCE-ID"))
    }


def _meeting(
    event: dict[str, Any], in_series: set[str], zone: tzinfo | None, invited: _Invited
) -> CalendarMeeting:
    starts = _aware(event["DTSTART"].dt, zone)
    ends = _end(event, starts, zone)
    uid = str(event.get("UID", "")) or _uid_from_content(event, starts)
    occurrence = ""
    if uid in in_series:
        original = event.get("RECURRENCE-ID")
        occurrence = _utc_text(_aware(original.dt, zone) if original is not None else starts)
    starts_utc, ends_utc = starts.astimezone(UTC), ends.astimezone(UTC)
    organiser, attendees = invitees(event, invited.lines)
    return CalendarMeeting(
        uid=uid,
        occurrence=occurrence,
        day=starts.date(),
        starts_utc=starts_utc,
        ends_utc=ends_utc,
        starts_local=_local(starts_utc, zone),
        ends_local=_local(ends_utc, zone),
        summary=_text(event.get("SUMMARY")),
        organiser=invited.organiser(organiser),
        attendees=invited.attendees(attendees),
        online=_is_online(event),
    )


class _Invited:
    """The file's distinct invitee lines as icalendar read them (``calendar_people``), and
    each of their addresses as a meeting keeps it, worked out once per line.

    A year of meetings names the same few hundred lines thousands of times: turning every
    address of every meeting into an ``Attendee`` again was a tenth of the reading.
    """

    def __init__(self, lines: list[tuple[str, Any]]) -> None:
        self.lines = lines
        # By the identity of icalendar's address objects: each belongs to one line, and the
        # lines live as long as this reading.
        self._kept: dict[int, Attendee | None] = {}
        for name, value in lines:
            if value is None:
                continue
            if name != "ATTENDEE":  # the organiser: ``invitees`` hands its value on as it is
                self._kept[id(value)] = _attendee(value)
                continue
            for address in value if isinstance(value, list) else [value]:
                self._kept[id(address)] = next(_attendees(address), None)

    def organiser(self, address: Any) -> Attendee | None:
        """``_attendee`` of an organiser's address from ``lines``."""
        return None if address is None else self._kept[id(address)]

    def attendees(self, addresses: list[Any]) -> tuple[Attendee, ...]:
        """``_attendees`` of attendee addresses from ``lines``: rooms and addresses without
        an e-mail left out."""
        kept = self._kept
        return tuple(
            attendee
            for attendee in (kept[id(address)] for address in addresses)
            if attendee is not None
        )


def _aware(moment: datetime | date, zone: tzinfo | None) -> datetime:
    """A start as an aware datetime: a floating time is the user's own clock time."""
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone else moment.astimezone()
    return moment


def _end(event: Any, starts: datetime, zone: tzinfo | None) -> datetime:
    end = event.get("DTEND")
    if end is not None and isinstance(end.dt, datetime):
        return _aware(end.dt, zone)
    duration = event.get("DURATION")
    if duration is not None and isinstance(duration.dt, timedelta):
        return starts + duration.dt
    return starts


def _local(moment: datetime, zone: tzinfo | None) -> datetime:
    return moment.astimezone(zone) if zone else moment.astimezone()


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid_from_content(event: Any, starts: datetime) -> str:
    """A file without UIDs (rare, hand-made) still re-imports without duplicates."""
    import hashlib

    text = f"{_utc_text(starts)}|{_text(event.get('SUMMARY')) or ''}"
    return "keyplan-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _attendees(value: Any) -> Iterator[Attendee]:
    for address in value if isinstance(value, list) else [value] if value is not None else []:
        if str(address.params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        attendee = _attendee(address)
        if attendee is not None:
            yield attendee


def _attendee(address: Any) -> Attendee | None:
    """An invitee's e-mail (lower case, from mailto: or the EMAIL parameter) and name."""
    if address is None:
        return None
    params = getattr(address, "params", {})
    email = str(params.get("EMAIL", "") or "")
    if not email:
        text = str(address).strip()
        email = text[7:] if text.lower().startswith("mailto:") else text
    email = email.strip().strip("<>").casefold()
    if "@" not in email:
        return None
    name = _text(params.get("CN"))
    if name and name.casefold() == email:
        name = None  # Google writes the address where it knows no name
    return Attendee(email, _natural_name(name))


def _natural_name(name: str | None) -> str | None:
    """Outlook's "Olsen, Ingrid" as "Ingrid Olsen"; other names as they are."""
    if name and name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        if first and last and " " not in last:
            return f"{first} {last}"
    return name


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _is_online(event: Any) -> bool:
    if any(event.get(name) is not None for name in _ONLINE_PROPERTIES):
        return True
    where = " ".join(_text(event.get(name)) or "" for name in ("LOCATION", "DESCRIPTION"))
    return bool(ONLINE.search(where))
