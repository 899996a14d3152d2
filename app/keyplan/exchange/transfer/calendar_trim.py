"""What a calendar file loses before ``icalendar`` parses it: most of its size and parse time.

Event properties and reminders no meeting reads are cut out line by line (a description stays
only when it names an online meeting), each event's invitee lines are set aside for
``calendar_people``, and Outlook's VTIMEZONE blocks for Windows zones the time-zone database
knows are dropped (their 1601 rules made a year of meetings take seconds); the times name
those zones as icalendar then finds them, by their time-zone database names.
"""

from __future__ import annotations

import re

from keyplan.exchange.transfer.calendar_people import PEOPLE_LINES, PEOPLE_PROPERTY, PeopleLines

#: Where a meeting says it is online: a video link, or Outlook's Teams property.
ONLINE = re.compile(
    r"teams\.microsoft\.com|zoom\.us|meet\.google\.com|webex\.com|gotomeeting|whereby\.com",
    re.IGNORECASE,
)

#: Event properties no meeting reads: left out before parsing. Outlook's HTML descriptions
#: (X-ALT-DESC) and reminders are most of an export's size and of its parsing time.
_UNUSED = frozenset(
    b"DTSTAMP CREATED LAST-MODIFIED SEQUENCE PRIORITY CLASS TRANSP X-ALT-DESC ATTACH "
    b"CATEGORIES COMMENT CONTACT RESOURCES GEO URL".split()
)
_UNUSED_PREFIXES = (b"X-MICROSOFT-CDO-", b"X-MS-OLK-", b"X-APPLE-", b"X-MOZ-")


def only_what_meetings_need(data: bytes, people: PeopleLines) -> bytes:
    """The file without the event properties and reminders a meeting never reads, and with
    each event's invitee lines set aside in ``people`` (``calendar_people``).

    Content lines are cut at their first ":" or ";" for the name, after unfolding
    (RFC 5545 3.1); everything else, and everything outside events, goes to icalendar as
    written. A description stays only when it names an online meeting (a Teams or Zoom link).
    """
    lines = re.split(rb"\r?\n(?![ \t])", data)  # logical lines: folded ones kept together
    zones = _windows_zones()
    kept: list[bytes] = []
    in_event = in_alarm = False
    for line in lines:
        name = _NAME_END.split(line, maxsplit=1)[0].upper()
        if name == b"BEGIN" or name == b"END":
            value = line[len(name) + 1 :].strip().upper()
            if value == b"VALARM":
                in_alarm = name == b"BEGIN"
                continue
            if value == b"VEVENT":
                in_event = name == b"BEGIN"
                stand_in = people.end_of_event()  # the previous event's, at its END
                if stand_in is not None and not in_event:
                    kept.append(stand_in)
        elif in_alarm or (in_event and _unused(name, line)):
            continue
        elif in_event and name in PEOPLE_LINES:
            people.take(name, line)
            continue
        elif in_event and name in _ZONED:
            line = _with_olson_zone(line, zones)
        kept.append(line)
    return b"\r\n".join(kept)


# Where a content line's name ends. Compiled once: looked up in re's cache for each of a year's
# some 20,000 lines, the pattern cost more than the split.
_NAME_END = re.compile(rb"[;:]")


def _unused(name: bytes, line: bytes) -> bool:
    if name == b"DESCRIPTION":
        unfolded = re.sub(rb"\r?\n[ \t]", b"", line)
        return not ONLINE.search(unfolded.decode("utf-8", "replace"))
    # A file's own X-KEYPLAN-PEOPLE would be taken for the numbers of its invitees.
    return name in _UNUSED or name.startswith(_UNUSED_PREFIXES) or name == _STAND_IN


_STAND_IN = PEOPLE_PROPERTY.encode()
#: The properties whose TZID parameter icalendar reads as the zone of their times.
_ZONED = frozenset(b"DTSTART DTEND RECURRENCE-ID EXDATE RDATE DUE".split())
_TZID_PARAMETER = re.compile(rb';TZID=(?:"([^"]*)"|([^;:"]*))(?=[;:])')


def _windows_zones() -> dict[bytes, bytes]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    return {windows.encode(): olson.encode() for windows, olson in WINDOWS_TO_OLSON.items()}


def _with_olson_zone(line: bytes, zones: dict[bytes, bytes]) -> bytes:
    """A time's line with Outlook's Windows zone name given as the time-zone database's name
    that icalendar maps it to ("W. Europe Standard Time" as Europe/Berlin).

    The same zone, so the same times (their blocks are gone: ``without_windows_zone_blocks``),
    but a parameter without quotes and spaces, which icalendar splits several times faster:
    with two or three such lines an event, it was about a sixth of the file's parsing. A name
    written any other way (other spaces, lower case) goes to icalendar as it is.
    """
    found = _TZID_PARAMETER.search(line)
    if found is None:
        return line
    olson = zones.get(found.group(1) if found.group(1) is not None else found.group(2))
    if olson is None:
        return line
    return b"%s;TZID=%s%s" % (line[: found.start()], olson, line[found.end() :])


_VTIMEZONE = re.compile(rb"BEGIN:VTIMEZONE\r?\n.*?END:VTIMEZONE\r?\n", re.DOTALL)
_TZID = re.compile(rb"^TZID[^:]*:(.*?)\r?$", re.MULTILINE)


def without_windows_zone_blocks(data: bytes) -> bytes:
    """The file without the VTIMEZONE blocks of Windows zones the time-zone database knows.

    Outlook names its zones the Windows way ("W. Europe Standard Time") and describes each in
    a VTIMEZONE block whose rules start in 1601. icalendar maps the Windows names to the
    time-zone database's zones (Europe/Berlin) by itself, but a block in the file wins, and
    working out an offset from a 1601 rule walks four centuries each time: a year of
    meetings took seconds. The database's zone gives the same times (and the right ones
    before the last rule change, which the block does not know). Blocks of any other zone,
    Outlook's "Customized Time Zone" among them, stay and are honoured as written.
    """
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    def keep_or_drop(block: re.Match[bytes]) -> bytes:
        text = block.group(0).replace(b"\r\n ", b"").replace(b"\n ", b"")  # unfolded
        found = _TZID.search(text)
        name = found.group(1).decode("utf-8", "replace").strip().strip('"') if found else ""
        return b"" if name in WINDOWS_TO_OLSON else block.group(0)

    return _VTIMEZONE.sub(keep_or_drop, data)
