"""The meeting brief's closing parts: open opportunities in the attendees' departments and
the suggested talking points (what we owe them first, then what they care about)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph

from keyplan.domain.plan_vocabulary import OpportunityStage, OpportunityStatus
from keyplan.reports.fonts import markup
from keyplan.reports.meetings.brief_open_work import OpenItem, cut, open_items
from keyplan.reports.meetings.brief_politics import brief_bullet, brief_heading, seniority_key
from keyplan.reports.plan.context import Context, money, vocab
from keyplan.reports.styles import styles
from keyplan.reports.tables import Column, data_table, date_column, fitted_column
from keyplan.reports.text import BULLET_MARKS, display
from keyplan.store.people.queries import PersonRow

MOST_OPPORTUNITIES = 3  # with the brief's most generous limits
MOST_TALKING_POINTS = 6


def open_opportunities(
    ctx: Context, attendees: Sequence[PersonRow], limit: int = MOST_OPPORTUNITIES
) -> list[Flowable]:
    departments = {(p["department"] or "").casefold() for p in attendees} - {""}
    rows_in = [
        o
        for o in ctx.plan.opportunities
        if o.status == OpportunityStatus.OPEN.value
        and (o.department or "").casefold() in departments
    ]
    story: list[Flowable] = [Paragraph("Open opportunities in their departments", brief_heading())]
    if not rows_in:
        return [*story, Paragraph("None open.", styles().muted)]
    shown = rows_in[:limit]
    rows = [
        [
            o.name,
            o.department,
            money(o.value, o.currency),
            vocab(OpportunityStage, o.stage),
            o.expected_close_on,
        ]
        for o in shown
    ]
    columns = [
        Column("Opportunity", 2.4),
        Column("Department", 1.3),
        fitted_column("Value", [row[2] for row in rows]),
        Column("Stage", 1.0),
        date_column("Close"),
    ]
    story.append(data_table(columns, rows, ctx.width))
    if len(rows_in) > len(shown):
        more = len(rows_in) - len(shown)
        story.append(Paragraph(f"… and {more} more closing later.", styles().muted))
    return story


def talking_points(
    ctx: Context,
    attendees: Sequence[PersonRow],
    limit: int = MOST_TALKING_POINTS,
    characters: int = 0,
) -> list[Flowable]:
    """Points to raise, at most ``limit`` (but every overdue item), the most pressing first.

    First what we owe them and is overdue (apologise before anything else), then one point per
    person on what they care about, then their challenge, then their other priorities and what
    is due soon. Each round goes most senior first, so a cut drops the least pressing points.
    """
    attendees = sorted(attendees, key=seniority_key)
    first_name = {p["full_name"]: _first_name(p) for p in attendees}
    owed = [_cut_item(item, characters) for item in open_items(ctx, attendees)]
    overdue = [_owed_point(item, first_name) for item in owed if item.overdue]
    cares: list[str] = []
    challenges: list[str] = []
    more_cares: list[str] = []
    for person in attendees:
        first = _first_name(person)
        lines = [
            _sentence(f"{first}: show how we support {_quoted(x)}")
            for x in note_items(person["priorities"])
        ]
        cares += lines[:1]
        more_cares += lines[1:]
        if person["major_challenge"]:
            challenge = _quoted(cut(person["major_challenge"], characters or 10_000))
            challenges.append(f"{first}: ask how {challenge} is going, and offer help.")
    due = [_owed_point(item, first_name) for item in owed if not item.overdue]
    # Never a cut overdue item: walking in without apologising is worse than a long list.
    points = [*overdue, *challenges, *cares, *more_cares, *due][: max(limit, len(overdue))]
    heading = Paragraph("Suggested talking points", brief_heading())
    if not points:
        return [
            heading,
            Paragraph("Record priorities and challenges to get suggestions.", styles().muted),
        ]
    bullet = brief_bullet()
    bullets: list[Flowable] = [Paragraph(markup(p), bullet, bulletText="•") for p in points]
    # Never a page holding one stray bullet: the (short) list stays with its heading.
    return [KeepTogether([heading, *bullets])]


def _cut_item(item: OpenItem, characters: int) -> OpenItem:
    if not characters:
        return item
    return dataclasses.replace(item, text=cut(item.text, characters))


def _first_name(person: PersonRow) -> str:
    words = (person["full_name"] or "").split()
    return words[0] if words else ""


def _owed_point(item: OpenItem, first_name: dict[str, str]) -> str:
    """ "Zoë: report on the action “…” (overdue — apologise and give a date)." """
    who = first_name.get(item.person) or item.person
    state = "overdue — apologise and give a date" if item.overdue else f"due {display(item.due_on)}"
    thing = "the promise" if item.kind == "Promise" else "the action"
    return f"{who}: report on {thing} {_quoted(item.text)} ({state})."


def _quoted(text: str) -> str:
    """Someone's words in quotes, inside our sentence: its own closing full stop dropped.

    "A faster close." becomes “A faster close”, so the sentence around it ends once, not
    with “…close.”. (a question or exclamation mark is kept: it is part of the words).
    """
    return f"“{text.strip().rstrip('.;:, ').strip()}”"


def _sentence(text: str) -> str:
    """A sentence ending in a full stop, unless its quoted words end with ? or !."""
    return text if text.endswith(("?”", "!”")) else f"{text}."


def note_items(text: str | None) -> list[str]:
    """The items of a note: its bullet lines or its lines, without the bullet marks."""
    items = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        for mark in BULLET_MARKS:
            if line.startswith(mark):
                line = line[len(mark) :].strip()
        if line:
            items.append(line)
    return items
