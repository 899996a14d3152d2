"""A calendar's invitees, parsed once per distinct line rather than once per meeting.

A year of meetings invites the same few hundred people again and again: 2,000 meetings hold
some 7,000 ATTENDEE and ORGANIZER lines but under a thousand different ones, and those lines,
with their parameters (CN, RSVP, ROLE, …), were most of icalendar's parsing time. Before the
file is parsed, ``PeopleLines`` takes each event's invitee lines out and leaves one short
property in their place, ``X-KEYPLAN-PEOPLE``, that numbers them; each distinct line is then
parsed once, by icalendar itself (``parse``), so every value is what the whole file's parse
would have given. Series occurrences are copies of their event and carry the numbers along.
"""

from __future__ import annotations

from typing import Any

#: The property that stands in for an event's invitee lines (numbers, space-separated).
PEOPLE_PROPERTY = "X-KEYPLAN-PEOPLE"
PEOPLE_LINES = frozenset({b"ATTENDEE", b"ORGANIZER"})


class PeopleLines:
    """The distinct invitee lines of a file, numbered in the order they were first met."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[bytes, bytes], int] = {}
        self._event: list[int] = []

    def take(self, name: bytes, line: bytes) -> None:
        """Set aside one invitee line (``name``: ATTENDEE or ORGANIZER) of the open event."""
        self._event.append(self.numbers.setdefault((name, line), len(self.numbers)))

    def end_of_event(self) -> bytes | None:
        """The stand-in line for the event that ends here (None: it invited nobody)."""
        numbers, self._event = self._event, []
        if not numbers:
            return None
        return f"{PEOPLE_PROPERTY}:{' '.join(map(str, numbers))}".encode()

    def parse(self) -> list[tuple[str, Any]]:
        """Each distinct line as icalendar reads it: (property name, value or None).

        All the lines go to icalendar as one event, which keeps each name's values in the
        order of its lines; a line that gives no value of its own (icalendar leaves out a line
        it cannot split) would shift the rest, so then each line is read as an event of its
        own, where such a line is None.
        """
        if not self.numbers:
            return []
        names = [name.decode("ascii") for name, _line in self.numbers]
        lines = [line for _name, line in self.numbers]
        (event,) = _events([b"\r\n".join(lines)])
        values = {name: _listed(event.get(name)) for name in set(names)}
        if any(len(values[name]) != names.count(name) for name in values):
            return [
                (name, event.get(name)) for name, event in zip(names, _events(lines), strict=True)
            ]
        taken = dict.fromkeys(values, 0)
        parsed = []
        for name in names:
            parsed.append((name, values[name][taken[name]]))
            taken[name] += 1
        return parsed


def _events(bodies: list[bytes]) -> list[Any]:
    """One event for each body of content lines, as icalendar reads them."""
    import icalendar

    events = b"".join(b"BEGIN:VEVENT\r\n" + body + b"\r\nEND:VEVENT\r\n" for body in bodies)
    calendar = icalendar.Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + events + b"END:VCALENDAR\r\n")
    return list(calendar.walk("VEVENT"))


def _listed(value: Any) -> list[Any]:
    """A property's values: icalendar gives a name met once its value, else their list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def invitees(event: Any, parsed: list[tuple[str, Any]]) -> tuple[Any, list[Any]]:
    """An event's organiser (or None) and attendees, in the order the file gives them."""
    organiser: Any = None
    attendees: list[Any] = []
    for word in str(event.get(PEOPLE_PROPERTY, "")).split():
        if not word.isdigit() or int(word) >= len(parsed):
            continue
        name, value = parsed[int(word)]
        if value is None:
            continue
        if name == "ATTENDEE":
            attendees.extend(value if isinstance(value, list) else [value])
        elif organiser is None:
            organiser = value
    return organiser, attendees
