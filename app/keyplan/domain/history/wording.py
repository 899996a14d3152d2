"""How a change reads for a person: "Head of IT → CIO on 3 Mar", "stance neutral → supporter".

Names of people and team members are looked up in plain dicts the caller reads; an id that
is not there (a person deleted since) reads "someone".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.history.compare import CHANGED, JOINED, LEFT, MOVED, MapChange
from keyplan.domain.history.entries import (
    CREATED,
    DELETED,
    DOTTED_LINE,
    OWNER,
    ChangeEntry,
    undone_positions,
)
from keyplan.domain.history.timeline import OWNERS

ARROW = "→"
_SHORT_LABELS = {
    "job_title": "title",
    "strength": "strength",
    "reports_to_id": "manager",
    OWNERS: "owner",
    OWNER: "owner",
    DOTTED_LINE: "dotted line to",
    "previous_record_id": "earlier record",
}


@dataclass(frozen=True, slots=True)
class Names:
    """People's and team members' names by id, for the words of a change."""

    people: Mapping[int, str]
    members: Mapping[int, str]

    def person(self, person_id: Any) -> str:
        return "nobody" if person_id is None else self.people.get(person_id, "someone")

    def member(self, member_id: Any) -> str:
        return "nobody" if member_id is None else self.members.get(member_id, "someone")


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One line of a person's history: the words, when, who, and whether it was undone."""

    text: str
    when: datetime
    by: str | None
    is_undo: bool
    undone: bool


def day_text(when: date | datetime, today: date | None = None) -> str:
    """'3 Mar', or '3 Mar 2025' when it is not this year."""
    today = today or date.today()
    text = f"{when.day} {when.strftime('%b')}"
    return text if when.year == today.year else f"{text} {when.year}"


def field_label(field: str) -> str:
    if field in _SHORT_LABELS:
        return _SHORT_LABELS[field]
    spec = STAKEHOLDER_FIELDS.get(field)
    return spec.label.lower() if spec is not None else field.replace("_", " ")


def value_text(field: str, value: Any, names: Names) -> str:
    """A value as a person reads it: a manager's name, a stance's label, "none"."""
    if field in ("reports_to_id", DOTTED_LINE, "previous_record_id"):
        return names.person(value)
    if field in (OWNER, "preferred_team_member_id"):
        return names.member(value)
    if field == OWNERS:
        return ", ".join(sorted(names.member(m) for m in value or ())) or "nobody"
    if value is None or value == "":
        return "none"
    spec = STAKEHOLDER_FIELDS.get(field)
    return spec.display(value).lower() if spec is not None and spec.choices else str(value)


def change_words(field: str, old: Any, new: Any, names: Names) -> str:
    """'Head of IT → CIO' for a title; 'stance neutral → supporter' for any other field."""
    arrow = f"{value_text(field, old, names)} {ARROW} {value_text(field, new, names)}"
    if field == "job_title" and old and new:
        return arrow
    return f"{field_label(field)} {arrow}"


def entry_words(entry: ChangeEntry, names: Names) -> str:
    """What one log entry says, without its date."""
    if entry.field == CREATED:
        return "added to the map"
    if entry.field == DELETED:
        return "deleted"
    if entry.field == "has_left":
        return "marked as having left" if entry.new else "back (no longer marked as left)"
    if entry.field == OWNER:
        if entry.old is None:
            return f"owner {names.member(entry.new)} added"
        if entry.new is None:
            return f"owner {names.member(entry.old)} removed"
    if entry.field == DOTTED_LINE:
        if entry.old is None:
            return f"dotted line to {names.person(entry.new)} drawn"
        if entry.new is None:
            return f"dotted line to {names.person(entry.old)} removed"
    if entry.field == "is_vacancy":
        return "made an open position" if entry.new else "position filled"
    return change_words(entry.field, entry.old, entry.new, names)


def history_lines(
    entries: Sequence[ChangeEntry], names: Names, today: date | None = None
) -> list[HistoryLine]:
    """A person's history, newest first; an undo and the change it took back are marked."""
    undone = undone_positions(entries)
    lines = []
    for position, entry in enumerate(entries):
        words = f"{entry_words(entry, names)} on {day_text(entry.changed_at, today)}"
        if entry.is_undo:
            words = f"{words} (undo)"
        elif position in undone:
            words = f"{words} (undone)"
        lines.append(
            HistoryLine(
                words, entry.changed_at, entry.changed_by, entry.is_undo, position in undone
            )
        )
    return lines[::-1]


def summary_line(lines: Sequence[HistoryLine], most: int = 3) -> str:
    """The latest few changes in one line: 'Head of IT → CIO on 3 Mar; stance … on 2 Jun'."""
    kept = [line.text for line in lines if not line.is_undo and not line.undone][:most]
    return "; ".join(reversed(kept))


def change_text(
    change: MapChange, names: Names, today: date | None = None, *, with_date: bool = True
) -> str:
    """One difference between two dates, with its date when known: 'moved: A → B on 3 Mar'."""
    if change.kind == JOINED:
        words = "joined"
    elif change.kind == LEFT:
        words = "left"
    elif change.kind == MOVED:
        words = f"moved: {value_text('reports_to_id', change.old, names)} {ARROW} " + value_text(
            "reports_to_id", change.new, names
        )
    else:
        assert change.kind == CHANGED and change.field is not None
        words = change_words(change.field, change.old, change.new, names)
        if change.field == "job_title":
            words = f"title {words}" if not words.startswith("title") else words
    if with_date and change.when:
        return f"{words} on {day_text(change.when, today)}"
    return words


def badge_text(change: MapChange, names: Names) -> str:
    """The short before → after badge a changed card carries."""
    assert change.field is not None
    old = value_text(change.field, change.old, names)
    new = value_text(change.field, change.new, names)
    return f"{field_label(change.field)}: {old} {ARROW} {new}"


def month_text(when: date | datetime, today: date | None = None) -> str:
    """'May', or 'May 2025' when it is not this year."""
    today = today or date.today()
    name = when.strftime("%B")
    return name if when.year == today.year else f"{name} {when.year}"


def attendee_line(
    changes: Sequence[MapChange], names: Names, today: date | None = None, *, compact: bool = False
) -> str | None:
    """One line for a meeting brief: "new in role since May; stance changed to supporter on 2 Jun".

    Only what a director says or asks about in the meeting: a new person or role, a new
    manager, a changed stance or relationship. None when nothing of that changed.
    ``compact``: without dates ("new in role; stance changed to blocker"), for a full page.
    """
    parts = []
    for change in changes:
        when = None if compact else change.when  # compact: the words, not the dates
        if change.kind == JOINED:
            parts.append(f"new since {month_text(when, today)}" if when else "new")
        elif change.kind == MOVED:
            since = f" since {month_text(when, today)}" if when else ""
            parts.append(f"reports to {names.person(change.new)}{since}")
        elif change.kind == CHANGED and change.field == "job_title":
            parts.append(f"new in role since {month_text(when, today)}" if when else "new in role")
        elif change.kind == CHANGED and change.field in ("stance", "strength"):
            word = "stance" if change.field == "stance" else "relationship"
            new = value_text(change.field, change.new, names)
            on = f" on {day_text(when, today)}" if when else ""
            parts.append(f"{word} changed to {new}{on}")
    return "; ".join(parts) or None
