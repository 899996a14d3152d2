"""An import of meetings from a calendar file: the preview first, then one transaction.

The steps every front end takes: ``preview_calendar`` reads the file (nothing is written, and
a file that cannot be read is refused before the database is asked anything), matches its
meetings against the database and says what would happen (``preview_lines``); the user may
choose unknown attendees to add as people (``with_new_people``); ``import_calendar`` writes
it all in one transaction. The command line and the window share these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, tzinfo
from pathlib import Path

from keyplan.domain.calendar_meetings import (
    CalendarDirectory,
    CalendarPlan,
    NewPerson,
    new_people,
    plan_meetings,
    with_people,
)
from keyplan.domain.wording import count_of
from keyplan.exchange.transfer.calendar_file import CalendarRead, read_calendar
from keyplan.store.database import Database
from keyplan.store.meetings.calendar_import import (
    CalendarReceipt,
    calendar_directory,
    import_meetings,
)

#: Unknown attendees the command line prints by name (all are counted).
LISTED_UNKNOWN = 50


@dataclass(frozen=True)
class CalendarPreview:
    """A calendar file read and matched: what an import would write."""

    read: CalendarRead
    directory: CalendarDirectory
    plan: CalendarPlan
    since: datetime
    until: datetime
    new_people: tuple[NewPerson, ...] = field(default=())


def read_and_match(
    path: str | Path, db: Database, since: datetime, until: datetime, zone: tzinfo | None = None
) -> CalendarPreview:
    """Read the file, then match its meetings against the database (nothing is written)."""
    read = read_calendar(path, since, until, zone=zone)
    return match(read, calendar_directory(db), since, until)


def match(
    read: CalendarRead, directory: CalendarDirectory, since: datetime, until: datetime
) -> CalendarPreview:
    """Match meetings already read against what the database knows."""
    return CalendarPreview(read, directory, plan_meetings(read.meetings, directory), since, until)


def with_new_people(preview: CalendarPreview, emails: Iterable[str]) -> CalendarPreview:
    """The preview again, with the unknown attendees of ``emails`` added as people.

    Their meetings are matched again, so a meeting only they attended becomes an interaction
    too. Attendees with no likely account cannot be added and are left out.
    """
    wanted = {email.casefold() for email in emails}
    chosen = [attendee for attendee in preview.plan.unknown if attendee.email in wanted]
    people = new_people(chosen)
    directory = with_people(preview.directory, people)
    plan = plan_meetings(preview.read.meetings, directory)
    plan.unknown = [a for a in plan.unknown if a.email not in {p.email for p in people}]
    return replace(preview, directory=directory, plan=plan, new_people=tuple(people))


def import_calendar(db: Database, preview: CalendarPreview) -> CalendarReceipt:
    """Write the previewed meetings (and chosen people) in one transaction."""
    return import_meetings(db, preview.plan.meetings, preview.new_people)


def preview_lines(preview: CalendarPreview) -> list[str]:
    """What an import would do, as lines for a terminal (the window shows the same)."""
    read, plan, names = preview.read, preview.plan, preview.directory.account_names
    left_out = _left_out(read)
    lines = [
        f"Read {read.file_name}: {count_of(len(read.meetings), 'meeting')} from "
        f"{preview.since:%Y-%m-%d} to {preview.until - timedelta(microseconds=1):%Y-%m-%d}"
        + (f" ({left_out} left out)" if left_out else "")
        + "."
    ]
    if plan.meetings:
        one = len(plan.meetings) == 1
        becomes = "becomes an interaction" if one else "become interactions"
        lines.append(f"{count_of(len(plan.meetings), 'meeting')} {becomes}:")
        width = max(len(names.get(account_id, "?")) for account_id, _ in plan.per_account())
        lines += [
            f"  {names.get(account_id, '?'):<{width}}  {count:>5}"
            for account_id, count in plan.per_account()
        ]
    else:
        lines.append("No meeting becomes an interaction.")
    if preview.new_people:
        lines.append(f"{count_of(len(preview.new_people), 'attendee')} added as people.")
    if plan.already_imported:
        lines.append(f"{count_of(plan.already_imported, 'meeting')} imported before: skipped.")
    if plan.without_our_people:
        lines.append(
            f"{count_of(plan.without_our_people, 'meeting')} with none of your accounts' people: "
            f"{'not an interaction' if plan.without_our_people == 1 else 'not interactions'}."
        )
    lines += unknown_lines(preview)
    return lines


def unknown_lines(preview: CalendarPreview) -> list[str]:
    unknown, names = preview.plan.unknown, preview.directory.account_names
    if not unknown:
        return []
    lines = [f"{count_of(len(unknown), 'attendee')} nobody knows yet (add them as people?):"]
    for attendee in unknown[:LISTED_UNKNOWN]:
        who = f"{attendee.name} <{attendee.email}>" if attendee.name else attendee.email
        where = names.get(attendee.account_id, "") if attendee.account_id else ""
        lines.append(
            f"  {who}, {count_of(attendee.meetings, 'meeting')}"
            + (f", probably {where}" if where else "")
        )
    if len(unknown) > LISTED_UNKNOWN:
        lines.append(f"  … and {len(unknown) - LISTED_UNKNOWN} more")
    return lines


def import_summary(receipt: CalendarReceipt) -> str:
    """One line after the writing: what came in."""
    text = f"Imported {count_of(len(receipt.interaction_ids), 'meeting')} as interactions"
    if receipt.added_person_ids:
        text += f" and added {count_of(len(receipt.added_person_ids), 'person')}"
    if receipt.skipped_meanwhile:
        text += f" ({receipt.skipped_meanwhile} imported meanwhile by someone else: skipped)"
    return text + "."


def _left_out(read: CalendarRead) -> str:
    parts = []
    if read.all_day:
        parts.append(count_of(read.all_day, "all-day event"))
    if read.cancelled:
        parts.append(count_of(read.cancelled, "cancelled meeting"))
    return " and ".join(parts)
