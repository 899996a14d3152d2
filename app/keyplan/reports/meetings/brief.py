"""The meeting brief: one page about the people a director is about to meet.

For each attendee: a card (title, department, buying role, stance and relationship — it is an
internal document), what they care about, their major challenge and the last interactions;
then the open promises to them, the open opportunities in their departments, and talking
points drawn from their priorities, challenges and what we owe them.

The brief must fit on one page for up to five attendees. It is laid out with generous limits
first and, only when it runs past a page, again with tighter ones (fewer talking points and
opportunities, shorter card lines, fewer interactions) until it fits or the limits are at
their floor. The cards, "Between them" and overdue items are never dropped.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from keyplan.domain.errors import NotFound
from keyplan.domain.history.compare import changes_of
from keyplan.domain.history.wording import attendee_line
from keyplan.domain.vocabulary import Channel
from keyplan.reports.document import DocumentInfo, LaidOutDocument, SectionHeading
from keyplan.reports.meetings.brief_changes import account_changes, line_changes
from keyplan.reports.meetings.brief_open_work import cut, open_work
from keyplan.reports.meetings.brief_points import (
    MOST_OPPORTUNITIES,
    MOST_TALKING_POINTS,
    note_items,
    open_opportunities,
    talking_points,
)
from keyplan.reports.meetings.brief_politics import (
    BETWEEN_LINES,
    between_them,
    seniority_key,
)
from keyplan.reports.names import plain_name, plain_team_names
from keyplan.reports.plan.context import Context, label_of, vocab
from keyplan.reports.plan.evidence import brief_evidence, shows_evidence
from keyplan.reports.plan.plan import INTERNAL_LABEL, BuiltDocument
from keyplan.reports.styles import ACCENT_LIGHT, RULE, STANCE_COLOURS, styles
from keyplan.reports.text import display, escape, para, user_markup
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import InteractionRow, PlanData


@dataclass(frozen=True, slots=True)
class BriefLimits:
    """How much of each part the brief shows; tightened step by step until it fits a page."""

    interactions: int  # last interactions on each card
    note_characters: int  # each note line of a card (cares about, challenge, how to talk)
    summary_characters: int  # each interaction's summary (its date and channel come first)
    opportunities: int
    talking_points: int  # overdue items are raised even beyond this
    short_labels: bool = False  # "Role: …", not "Buying role: …": the facts keep to one line
    item_characters: int = 0  # each promise, action, risk and talking point; 0: in full
    what_changed: bool = True  # each card's "since the last review" (the floor gives it up)
    evidence_characters: int = 95  # what a decision maker's or blocker's ratings rest on; 0: off
    between_lines: int = BETWEEN_LINES  # the influence lines of "Between them"


FULL_LIMITS = BriefLimits(2, 125, 125, MOST_OPPORTUNITIES, MOST_TALKING_POINTS)
# Each step gives up a little more, the least pressing first; the last one is the floor.
TIGHTER_LIMITS = (
    BriefLimits(2, 110, 100, 3, 5, evidence_characters=90),
    BriefLimits(1, 100, 90, 2, 4, evidence_characters=80),  # where more than FEW_ATTENDEES start
    BriefLimits(1, 90, 75, 2, 3, short_labels=True, evidence_characters=70),
    BriefLimits(1, 80, 65, 1, 3, short_labels=True, evidence_characters=55),
    BriefLimits(1, 70, 58, 1, 2, short_labels=True, item_characters=60, evidence_characters=45),
    # The last contact goes before the overdue items, the politics or a card; then the
    # evidence (the plan prints it in full) and, the floor, each card's line of what changed
    # since the last review.
    BriefLimits(0, 70, 58, 1, 2, short_labels=True, item_characters=45, evidence_characters=45),
    BriefLimits(0, 70, 58, 1, 2, short_labels=True, item_characters=45, evidence_characters=0,
                between_lines=3),
    BriefLimits(0, 70, 58, 1, 2, short_labels=True, item_characters=45, evidence_characters=0,
                between_lines=3, what_changed=False),
)  # fmt: skip
LIMIT_STEPS = (FULL_LIMITS, *TIGHTER_LIMITS)
FEW_ATTENDEES = 3
INTERACTIONS_PER_PERSON = FULL_LIMITS.interactions  # the most any card shows
NOTE_CHARACTERS = FULL_LIMITS.note_characters


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
    """The brief for a meeting with ``attendees`` (found with ``find_attendees``).

    The attendees come most senior first (board, then by influence), whatever order they were
    chosen in: the director reads the card of the person who decides first.
    """
    plan = plain_team_names(plan)
    by_id = {p.id: p for p in plan.people}
    attendees = sorted((by_id.get(p.id, p) for p in attendees), key=seniority_key)
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

    def story_with(limits: BriefLimits) -> list[Flowable]:
        return _brief_story(ctx, names, attendees, interactions, limits)

    fitted = _fitted(info, story_with, len(attendees))
    return BuiltDocument(info, [], (), laid_out=fitted)


def _brief_story(
    ctx: Context,
    names: str,
    attendees: Sequence[PersonRow],
    interactions: Sequence[InteractionRow],
    limits: BriefLimits,
) -> list[Flowable]:
    story: list[Flowable] = [
        SectionHeading(f"Meeting brief: {ctx.plan.name}", "brief"),
        para(
            f"With {names}. Printed {ctx.plan.today.isoformat()}. Internal."
            + account_changes(ctx, shown=limits.what_changed),  # on the same line where it fits
            styles().muted,
        ),
        Spacer(1, 4),
    ]
    for person in attendees:
        story.append(_person_block(ctx, person, interactions, limits))
    story += open_work(ctx, attendees, limits.item_characters)
    story += between_them(ctx, attendees, limits.between_lines)
    story += open_opportunities(ctx, attendees, limits.opportunities)
    story += talking_points(ctx, attendees, limits.talking_points, limits.item_characters)
    return story


def _fitted(
    info: DocumentInfo, story_with: Callable[[BriefLimits], list[Flowable]], attendees: int
) -> LaidOutDocument:
    """The brief laid out with the most generous limits that still fit one page (else at the
    floor), ready to be written: the try that fits is the document, not laid out again.

    A meeting of more than ``FEW_ATTENDEES`` starts a few steps down: it never fits with the
    full limits, and each try is a full layout. Fitting gets only easier down the steps, so
    the steps are halved rather than walked one by one.
    """
    start = 0 if attendees <= FEW_ATTENDEES else LIMIT_STEPS.index(TIGHTER_LIMITS[1])
    tries: dict[int, LaidOutDocument] = {}

    def fits(step: int) -> bool:
        tries[step] = LaidOutDocument(info, story_with(LIMIT_STEPS[step]))
        return tries[step].pages <= 1

    if fits(start):
        return tries[start]
    low, high = start + 1, len(LIMIT_STEPS) - 1  # the answer lies in low..high
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return tries[low] if low in tries else LaidOutDocument(info, story_with(LIMIT_STEPS[low]))


def _person_block(
    ctx: Context,
    person: PersonRow,
    interactions: Sequence[InteractionRow],
    limits: BriefLimits = FULL_LIMITS,
) -> Flowable:
    """A compact card: who they are, what they want, how to talk to them, when we last met."""
    style_set = styles()
    small = style_set.small
    short = limits.short_labels
    facts = [
        ("Role" if short else "Buying role", label_of("buying_role", person["buying_role"])),
        ("Stance" if short else "Stance (internal)", label_of("stance", person["stance"])),
        ("Influence", label_of("influence", person["influence"])),
        ("Relation" if short else "Relationship", label_of("strength", person["strength"])),
        ("Owner" if short else "Our owner(s)", ", ".join(person.owners) or None),
        # On the facts line, not a line of its own: five cards must still fit one page.
        ("Changed" if short else "Since the last review", _since(ctx, person, limits)),
    ]
    fact_text = " · ".join(f"<b>{escape(k)}:</b> {user_markup(v, small)}" for k, v in facts if v)
    who = " · ".join(v for v in (person["job_title"], person["department"]) if v)
    name = user_markup(person["full_name"], style_set.card_name)
    left: list[Flowable] = [
        Paragraph(
            f"{name}  <font size=8.5 color='#6B6B6B'>{user_markup(who, small)}</font>",
            style_set.card_name,
        ),
        Paragraph(fact_text, small),
    ]
    # One line each, in the card's own words: the full notes are in the account plan.
    for label, text in (
        ("Cares about", "; ".join(note_items(person["priorities"]))),
        ("Challenge now", person["major_challenge"]),
        ("How to talk to them", person["personality_notes"]),
    ):
        if text:
            left.append(_labelled(label, _short(text, limits.note_characters)))
    if limits.evidence_characters and shows_evidence(person):  # what stance and role rest on
        evidence = brief_evidence(ctx, person)
        if evidence:
            left.append(_labelled("Evidence", _short(evidence, limits.evidence_characters)))
    mine = [i for i in interactions if person.id in i.person_ids][: limits.interactions]
    if not mine and limits.interactions:
        left.append(_labelled("Last interactions", "none recorded"))
    for item in mine:
        when = f"{item.occurred_on.isoformat()} · {vocab(Channel, item.channel)}"
        left.append(_labelled(when, _short(display(item.summary), limits.summary_characters)))
    stance_colour = STANCE_COLOURS.get(person["stance"] or "unknown")
    table = Table([["", left]], colWidths=[5, ctx.width - 5], splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (0, 0), stance_colour),
                ("BACKGROUND", (1, 0), (1, 0), ACCENT_LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (1, 0), (1, 0), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return KeepTogether([table, Spacer(1, 4)])


def _since(ctx: Context, person: PersonRow, limits: BriefLimits) -> str | None:
    """'new in role since May; stance changed to supporter on 2 Jun' (from the change log)."""
    history = ctx.plan.history
    if history is None or not limits.what_changed:
        return None
    compact = limits.short_labels
    changes = changes_of(history.changes, person.id)
    line = attendee_line(changes, history.names, ctx.plan.today, compact=compact)
    parts = [line] if line else []
    parts += line_changes(ctx, person.id, compact)  # influence lines drawn, dropped, changed
    return "; ".join(parts) or None


def _labelled(label: str, text: str) -> Paragraph:
    style = styles().small
    return Paragraph(f"<b>{escape(label)}:</b> {user_markup(text, style, keep_lines=False)}", style)


def _short(text: str, limit: int = NOTE_CHARACTERS) -> str:
    """A note on one line, cut at a word with an ellipsis when longer than ``limit``."""
    return cut(text, limit)
