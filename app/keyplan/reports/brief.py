"""The meeting brief: one or two pages about the people a director is about to meet.

For each attendee: a card (title, department, buying role, stance and relationship — it is an
internal document), what they care about, their major challenge and the last interactions;
then the open promises to them, the open opportunities in their departments, and talking
points drawn from their priorities, challenges and what we owe them.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from keyplan.domain.errors import NotFound
from keyplan.domain.vocabulary import Channel, CommitmentStatus, OpportunityStage, OpportunityStatus
from keyplan.reports.context import Context, label_of, money, vocab
from keyplan.reports.document import DocumentInfo, SectionHeading
from keyplan.reports.fonts import markup
from keyplan.reports.names import plain_name, plain_team_names
from keyplan.reports.plan import INTERNAL_LABEL, BuiltDocument
from keyplan.reports.styles import ACCENT_LIGHT, LATE, RULE, STANCE_COLOURS, styles
from keyplan.reports.tables import Column, data_table, date_column, fitted_column
from keyplan.reports.text import BULLET_MARKS, display, escape, note_flowables, para, user_markup
from keyplan.store.plan_queries import InteractionRow, PlanData
from keyplan.store.queries import PersonRow

INTERACTIONS_PER_PERSON = 3
KEEP_POINTS_TOGETHER = 12  # talking points kept on one page with their heading


def find_attendees(plan: PlanData, names: Sequence[str]) -> list[PersonRow]:
    """The people of the plan with these names (case and spacing ignored), in the given order.

    Raises:
        NotFound: naming every name that matches nobody, with close matches when there are.
    """
    by_name: dict[str, PersonRow] = {}
    for person in plan.people:
        by_name.setdefault(_normal(person["full_name"]), person)
    wanted = [name for name in names if name.strip()]
    if not wanted:
        raise NotFound("Choose at least one person for the meeting brief.")
    missing = [name for name in wanted if _normal(name) not in by_name]
    if missing:
        raise NotFound(_missing_message(plan, missing))
    found: list[PersonRow] = []
    for name in wanted:
        person = by_name[_normal(name)]
        if person not in found:
            found.append(person)
    return found


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _missing_message(plan: PlanData, missing: Sequence[str]) -> str:
    known = [p["full_name"] for p in plan.people]
    parts = []
    for name in missing:
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        parts.append(f"'{name}'{hint}")
    return f"Nobody at {plan.name} is named {'; '.join(parts)}."


def meeting_brief(
    plan: PlanData,
    attendees: Sequence[PersonRow],
    interactions: Sequence[InteractionRow],
    page_size: tuple[float, float],
) -> BuiltDocument:
    """The brief for a meeting with ``attendees`` (found with ``find_attendees``)."""
    plan = plain_team_names(plan)
    by_id = {p.id: p for p in plan.people}
    attendees = [by_id.get(p.id, p) for p in attendees]
    interactions = [
        dataclasses.replace(i, team=tuple(plain_name(n) or n for n in i.team)) for i in interactions
    ]
    ctx = Context(plan, page_size, internal=True)
    names = ", ".join(p["full_name"] for p in attendees)
    info = DocumentInfo(
        title=f"Meeting brief — {plan.name}",
        subject=f"Meeting with {names}",
        author=plan.director or "Keyplan",
        account_name=plan.name,
        label=INTERNAL_LABEL,
        printed_on=plan.today,
        page_size=page_size,
    )
    story: list[Flowable] = [
        SectionHeading(f"Meeting brief: {plan.name}", "brief"),
        para(f"With {names}. Printed {plan.today.isoformat()}.", styles().muted),
        Spacer(1, 6),
    ]
    for person in attendees:
        story.append(_person_block(ctx, person, interactions))
    ids = {p.id for p in attendees}
    story += _open_promises(ctx, ids)
    story += _open_opportunities(ctx, attendees)
    story += _talking_points(ctx, attendees)
    return BuiltDocument(info, story, ())


def _person_block(
    ctx: Context, person: PersonRow, interactions: Sequence[InteractionRow]
) -> Flowable:
    style_set = styles()
    facts = [
        ("Title", person["job_title"]),
        ("Department", person["department"]),
        ("Buying role", label_of("buying_role", person["buying_role"])),
        ("Stance (internal)", label_of("stance", person["stance"])),
        ("Relationship", label_of("strength", person["strength"])),
        ("Our owner(s)", ", ".join(person.owners) or None),
    ]
    fact_text = " · ".join(
        f"<b>{escape(k)}:</b> {user_markup(v, style_set.small)}" for k, v in facts if v
    )
    left: list[Flowable] = [
        para(person["full_name"], style_set.card_name),
        Paragraph(fact_text, style_set.small),
    ]
    for label, field in (
        ("What they care about", "priorities"),
        ("Major challenge now", "major_challenge"),
        ("Personality and communication", "personality_notes"),
    ):
        if person[field]:
            left += [Paragraph(escape(label), style_set.label), *note_flowables(person[field])]
    mine = [i for i in interactions if person.id in i.person_ids][:INTERACTIONS_PER_PERSON]
    left.append(Paragraph("Last interactions", style_set.label))
    if not mine:
        left.append(Paragraph("None recorded.", style_set.muted))
    for item in mine:
        when = f"{item.occurred_on.isoformat()} · {vocab(Channel, item.channel)}"
        left.append(para(f"{when}: {display(item.summary)}", style_set.small))
    stance_colour = STANCE_COLOURS.get(person["stance"] or "unknown")
    table = Table([["", left]], colWidths=[5, ctx.width - 5], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), stance_colour),
                ("BACKGROUND", (1, 0), (1, 0), ACCENT_LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (1, 0), (1, 0), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([table, Spacer(1, 8)])


def _open_promises(ctx: Context, ids: set[int]) -> list[Flowable]:
    rows_in = [
        c
        for c in ctx.plan.commitments
        if c.to_person_id in ids and c.status == CommitmentStatus.OPEN.value
    ]
    story: list[Flowable] = [Paragraph("Open promises to them", styles().h2)]
    if not rows_in:
        return [*story, Paragraph("None open.", styles().muted)]
    rows = [
        [c.promise, c.to_person, c.by_member, c.due_on, "Overdue" if c.late else "Open"]
        for c in rows_in
    ]
    highlights = [(i, LATE) for i, c in enumerate(rows_in) if c.late]
    columns = [
        Column("Promise", 2.6),
        Column("To", 1.1),
        Column("By", 1.0),
        date_column("Due"),
        Column("Status", 0.6),
    ]
    return [*story, data_table(columns, rows, ctx.width, highlights=highlights)]


def _open_opportunities(ctx: Context, attendees: Sequence[PersonRow]) -> list[Flowable]:
    departments = {(p["department"] or "").casefold() for p in attendees} - {""}
    rows_in = [
        o
        for o in ctx.plan.opportunities
        if o.status == OpportunityStatus.OPEN.value
        and (o.department or "").casefold() in departments
    ]
    story: list[Flowable] = [Paragraph("Open opportunities in their departments", styles().h2)]
    if not rows_in:
        return [*story, Paragraph("None open.", styles().muted)]
    rows = [
        [
            o.name,
            o.department,
            money(o.value, o.currency),
            vocab(OpportunityStage, o.stage),
            o.expected_close_on,
        ]
        for o in rows_in
    ]
    columns = [
        Column("Opportunity", 2.4),
        Column("Department", 1.3),
        fitted_column("Value", [row[2] for row in rows]),
        Column("Stage", 1.0),
        date_column("Close"),
    ]
    return [*story, data_table(columns, rows, ctx.width)]


def _talking_points(ctx: Context, attendees: Sequence[PersonRow]) -> list[Flowable]:
    """Points to raise: their stated priorities, their challenge, and what we owe them."""
    points: list[str] = []
    for person in attendees:
        first = person["full_name"].split()[0] if person["full_name"].split() else ""
        for line in _lines(person["priorities"]):
            points.append(_sentence(f"{first}: show how we support {_quoted(line)}"))
        if person["major_challenge"]:
            challenge = _quoted(" ".join(person["major_challenge"].split()))
            points.append(f"{first}: ask how {challenge} is going, and offer help.")
    for c in ctx.plan.commitments:
        if c.status == CommitmentStatus.OPEN.value and c.to_person_id in {p.id for p in attendees}:
            state = "overdue — apologise and give a date" if c.late else f"due {display(c.due_on)}"
            points.append(f"Report on the promise {_quoted(c.promise)} ({state}).")
    heading = Paragraph("Suggested talking points", styles().h2)
    if not points:
        return [
            heading,
            Paragraph("Record priorities and challenges to get suggestions.", styles().muted),
        ]
    bullet = styles().bullet
    bullets: list[Flowable] = [Paragraph(markup(p), bullet, bulletText="•") for p in points]
    # Never a page holding one stray bullet: a short list stays with its heading, a long one
    # carries its last bullets over together.
    if len(bullets) <= KEEP_POINTS_TOGETHER:
        return [KeepTogether([heading, *bullets])]
    return [heading, *bullets[:-3], KeepTogether(bullets[-3:])]


def _quoted(text: str) -> str:
    """Someone's words in quotes, inside our sentence: its own closing full stop dropped.

    "A faster close." becomes “A faster close”, so the sentence around it ends once, not
    with “…close.”. (a question or exclamation mark is kept: it is part of the words).
    """
    return f"“{text.strip().rstrip('.;:, ').strip()}”"


def _sentence(text: str) -> str:
    """A sentence ending in a full stop, unless its quoted words end with ? or !."""
    return text if text.endswith(("?”", "!”")) else f"{text}."


def _lines(text: str | None) -> list[str]:
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
