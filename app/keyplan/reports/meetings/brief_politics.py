"""The "Between them" part of the meeting brief: the influence lines a director must know.

First the lines among the attendees (who backs whom across the table), then the lines from an
attendee to somebody who will not be in the room ("Lars influences the CEO": the lever this
meeting gives us), then the strongest lines from people absent into an attendee (who whispers
in their ear). Ally and rival lines work both ways and count with either end in the room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import LINE_STRENGTH_WORDS, Influence, Level
from keyplan.reports.fonts import markup
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import styles
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import InfluenceRow

BETWEEN_LINES = 4  # the whole part: among the attendees, then levers, then whispers
_TWO_WAY = {InfluenceKind.ALLY.value, InfluenceKind.RIVAL.value}
NOTE_CHARACTERS = 60


@dataclass(frozen=True)
class PoliticalLine:
    """One influence line of the brief, with whether each end is in the meeting."""

    line: InfluenceRow
    source: PersonRow
    target: PersonRow
    among_attendees: bool


def seniority_key(person: PersonRow) -> tuple[int, int]:
    """Board first, then down the levels; within a level, high influence first."""
    return (_rank(Level, person["level"]), _rank(Influence, person["influence"]))


def _rank(words: type[Level] | type[Influence], value: object) -> int:
    """The position of a value in its vocabulary; not recorded or unknown sorts last."""
    members = [member.value for member in words]
    return members.index(value) if value in members else len(members)


def brief_heading() -> ParagraphStyle:
    """The brief's section heading: the plan's h2, tighter, so five attendees fit on a page."""
    return ParagraphStyle(
        "brief_h2", parent=styles().h2, fontSize=10.5, leading=13, spaceBefore=5, spaceAfter=2
    )


def political_lines(
    ctx: Context, attendees: Sequence[PersonRow], limit: int = BETWEEN_LINES
) -> list[PoliticalLine]:
    """The lines to print: among the attendees, then from others, strongest first, capped."""
    present = {p.id for p in attendees}
    people = ctx.people_by_id
    among: list[PoliticalLine] = []
    levers: list[PoliticalLine] = []
    outside: list[PoliticalLine] = []
    for line in ctx.plan.influence_lines:
        source, target = people.get(line.from_id), people.get(line.to_id)
        if source is None or target is None:
            continue
        if line.from_id in present and line.to_id in present:
            among.append(PoliticalLine(line, source, target, True))
            continue
        into_attendee = line.to_id in present
        other = source if into_attendee else target
        if other.values.get("has_left") or not (into_attendee or line.from_id in present):
            continue
        item = PoliticalLine(line, source, target, False)
        lever = line.from_id in present and line.kind not in _TWO_WAY
        (levers if lever else outside).append(item)
    among.sort(key=lambda p: -p.line.strength)
    for found in (levers, outside):
        found.sort(key=lambda p: (-p.line.strength, *seniority_key(_absent(p, present))))
    return _capped(limit, among, levers, outside)


def _capped(limit: int, *groups: list[PoliticalLine]) -> list[PoliticalLine]:
    """At most ``limit``, in group order: the best lever and the best whisper always keep a
    place (a crowded table must not hide the lever of the meeting), the rest by group."""
    among, levers, outside = groups
    reserved = [group[0] for group in (levers, outside) if group][:limit]
    chosen = among[: max(limit - len(reserved), 0)] + reserved
    leftovers = [item for group in groups for item in group if item not in chosen]
    chosen += leftovers[: limit - len(chosen)]
    rank = {id(item): n for n, item in enumerate(item for group in groups for item in group)}
    return sorted(chosen, key=lambda item: rank[id(item)])


def _absent(item: PoliticalLine, present: set[int]) -> PersonRow:
    return item.target if item.source.id in present else item.source


def between_them(
    ctx: Context, attendees: Sequence[PersonRow], limit: int = BETWEEN_LINES
) -> list[Flowable]:
    """The heading and one short sentence per line (nothing when no line touches them)."""
    lines = political_lines(ctx, attendees, limit)
    if not lines:
        return []
    present = {p.id for p in attendees}
    story: list[Flowable] = [Paragraph("Between them", brief_heading())]
    for item in lines:
        story.append(Paragraph(line_sentence(item, present), brief_bullet(), bulletText="•"))
    return story


def brief_bullet() -> ParagraphStyle:
    return ParagraphStyle("brief_bullet", parent=styles().bullet, fontSize=8.5, leading=10.5)


def line_sentence(item: PoliticalLine, present: set[int]) -> str:
    """ "Sebastian Wallin is Zoë Åkesson's ally (strong) — Sebastian carries out …" as markup."""
    source = _name(item.source, present)
    target = _name(item.target, present)
    kind = item.line.kind
    if kind == InfluenceKind.ALLY.value:
        text = f"{source} is {target}’s ally"
    elif kind == InfluenceKind.RIVAL.value:
        text = f"{source} and {target} are rivals"
    elif kind == InfluenceKind.MENTOR.value:
        text = f"{source} mentors {target}"
    elif kind == InfluenceKind.SPONSOR.value:
        text = f"{source} sponsors {target}"
    else:
        text = f"{source} influences {target}"
    text += f" ({LINE_STRENGTH_WORDS.get(item.line.strength, 'unknown strength')})"
    note = " ".join((item.line.note or "").split()).rstrip(" .;:,")
    if note:
        short = note if len(note) <= NOTE_CHARACTERS else note[: NOTE_CHARACTERS - 1] + "…"
        text += f" — <i>{markup(short)}</i>"
    return text + "."


def _name(person: PersonRow, present: set[int]) -> str:
    """An attendee in bold; someone absent with their title, marked as not in the meeting."""
    if person.id in present:
        return f"<b>{markup(person['full_name'], True)}</b>"
    title = person["job_title"]
    about = f"{markup(title)}, not attending" if title else "not attending"
    return f"{markup(person['full_name'])} ({about})"
