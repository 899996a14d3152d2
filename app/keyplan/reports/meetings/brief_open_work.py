"""What is open with the attendees: promises and actions (overdue first), and the risks on them.

A director must not walk into a room owing someone a business case without knowing it: the
open promises made to an attendee and the open actions aimed at one (or naming one) are listed
together, the overdue ones first, most overdue at the top. Open risks are those whose text
names an attendee (full name, or a first name no one else in the account has) or an
attendee's department.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.plan_fields import is_work_overdue
from keyplan.domain.plan_vocabulary import Rating, RiskStatus, WorkStatus
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.reports.meetings.brief_politics import brief_heading
from keyplan.reports.plan.context import Context, vocab
from keyplan.reports.styles import LATE, styles
from keyplan.reports.tables import Column, data_table, date_column
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import RiskRow

OPEN_ITEMS = 5  # rows of the promises-and-actions table; overdue rows come first
OPEN_RISKS = 1
_FINISHED = {WorkStatus.DONE.value, WorkStatus.DROPPED.value}


@dataclass(frozen=True)
class OpenItem:
    """A promise we made to an attendee, or an action aimed at one, still open."""

    kind: str  # "Promise" or "Action"
    text: str
    person: str  # the attendee it concerns
    owner: str | None  # who on our side
    due_on: date | None
    overdue: bool

    def days_late(self, today: date) -> int:
        return (today - self.due_on).days if self.overdue and self.due_on else 0


def open_items(ctx: Context, attendees: Sequence[PersonRow]) -> list[OpenItem]:
    """Open promises to and actions with the attendees: overdue first, then by due date."""
    today = ctx.plan.today
    ids = {p.id for p in attendees}
    names = [p["full_name"] for p in attendees]
    items = [
        OpenItem("Promise", c.promise, c.to_person or "", c.by_member, c.due_on, c.late)
        for c in ctx.plan.commitments
        if c.to_person_id in ids and c.status == CommitmentStatus.OPEN.value
    ]
    for action in ctx.plan.actions:
        if action.status in _FINISHED:
            continue
        person = action.person if action.person in names else _named_in(action.description, names)
        if person is None:
            continue
        overdue = is_work_overdue(action.status, action.due_on, today)
        items.append(
            OpenItem("Action", action.description, person, action.owner, action.due_on, overdue)
        )
    items.sort(
        key=lambda i: (not i.overdue, i.due_on is None, i.due_on or today, i.kind != "Promise")
    )
    return items


def _named_in(text: str, names: Sequence[str]) -> str | None:
    folded = text.casefold()
    return next((name for name in names if name.casefold() in folded), None)


def open_work(ctx: Context, attendees: Sequence[PersonRow], characters: int = 0) -> list[Flowable]:
    """The "Open promises and actions" table (capped, overdue first) and the risks on them.

    Every overdue item is listed, beyond the cap if need be. With ``characters``, each item's
    and risk's text is cut at a word to about that length, so a row keeps to one line.
    """
    style_set = styles()
    story: list[Flowable] = [Paragraph("Open promises and actions with them", brief_heading())]
    items = open_items(ctx, attendees)
    today = ctx.plan.today
    if not items:
        story.append(Paragraph("None open.", style_set.muted))
    else:
        shown = items[: max(OPEN_ITEMS, sum(i.overdue for i in items))]
        rows = [
            [f"{i.kind}: {cut(i.text, characters)}", i.person, i.owner, i.due_on, _state(i, today)]
            for i in shown
        ]
        columns = [
            Column("What", 3.1),
            Column("For", 1.0),
            Column("Our owner", 1.1),  # a full name on one line
            date_column("Due"),
            Column("Status", 0.85),
        ]
        highlights = [(index, LATE) for index, item in enumerate(shown) if item.overdue]
        story.append(data_table(columns, rows, ctx.width, highlights=highlights))
        if len(items) > len(shown):
            more = len(items) - len(shown)
            story.append(Paragraph(f"… and {more} more in the account plan.", style_set.muted))
    story += _risks(ctx, attendees, characters)
    return story


def cut(text: str, characters: int) -> str:
    """``text`` on one line, cut at a word with an ellipsis past ``characters`` (0: in full)."""
    flat = " ".join(text.split())
    if not characters or len(flat) <= characters:
        return flat
    return f"{flat[: characters - 1].rsplit(' ', 1)[0].rstrip(' ,;:.')}…"


def _state(item: OpenItem, today: date) -> str:
    if item.overdue:
        days = item.days_late(today)
        return f"{days} days late" if days else "Overdue"
    return "Open"


def risks_on(ctx: Context, attendees: Sequence[PersonRow]) -> list[tuple[RiskRow, str]]:
    """Open risks naming an attendee or their department, with what they name; worst first."""
    first_names = Counter(_first(p) for p in ctx.present_people)
    found: list[tuple[RiskRow, str]] = []
    for risk in ctx.plan.risks:
        if risk.status != RiskStatus.OPEN.value:
            continue
        text = f"{risk.description} {risk.mitigation or ''}"
        hit = _risk_names(text, attendees, first_names)
        if hit:
            found.append((risk, hit))
    order = {"high": 0, "medium": 1, "low": 2}
    found.sort(key=lambda f: (order.get(f[0].impact, 3), order.get(f[0].likelihood, 3)))
    return found


def _risk_names(text: str, attendees: Sequence[PersonRow], first_names: Counter[str]) -> str:
    """Which attendee (or their department) the risk's text names; "" for none."""
    for person in attendees:
        first = _first(person)
        if _has_words(text, person["full_name"]) or (
            first and first_names[first] == 1 and _has_words(text, first)
        ):
            return person["full_name"]
    for person in attendees:
        department = person["department"]
        if department and _has_words(text, department):
            return department
    return ""


def _first(person: PersonRow) -> str:
    words = (person["full_name"] or "").split()
    return words[0] if words else ""


def _has_words(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` as whole words, case ignored."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text, re.IGNORECASE) is not None


def _risks(ctx: Context, attendees: Sequence[PersonRow], characters: int = 0) -> list[Flowable]:
    found = risks_on(ctx, attendees)
    if not found:
        return []
    style_set = styles()
    shown = found[:OPEN_RISKS]
    rows = [
        [
            cut(risk.description, characters),
            about,
            f"{vocab(Rating, risk.likelihood)} / {vocab(Rating, risk.impact)}",
            risk.owner,
        ]
        for risk, about in shown
    ]
    columns = [
        Column("Open risk on them", 3.4),
        Column("Names", 1.0),
        Column("Likely / impact", 1.0),
        Column("Our owner", 1.1),
    ]
    story: list[Flowable] = [data_table(columns, rows, ctx.width)]
    if len(found) > len(shown):
        more = len(found) - len(shown)
        story.append(Paragraph(f"… and {more} more risks in the account plan.", style_set.muted))
    return story
