"""The meeting brief as a deck: who you will meet, one slide per person, what is open with
them, and the politics between them. The detail (full notes, recent meetings) is in the
speaker notes, where the director reads it while presenting.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pptx import Presentation

from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import Channel
from keyplan.reports.deck.plan_deck import A4, INTERNAL_LABEL
from keyplan.reports.deck.slides import (
    Column,
    DeckFrame,
    TableSlides,
    add_table_slides,
    add_title_slide,
    labelled_slides,
    new_presentation,
)
from keyplan.reports.deck.work_slides import text
from keyplan.reports.meetings.brief_open_work import open_items
from keyplan.reports.meetings.brief_politics import (
    PoliticalLine,
    political_lines,
    seniority_key,
)
from keyplan.reports.names import plain_name, plain_team_names
from keyplan.reports.plan.context import Context, label_of, vocab
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import InteractionRow, PlanData

RECENT_MEETINGS = 5


def brief_deck(
    plan: PlanData, attendees: Sequence[PersonRow], interactions: Sequence[InteractionRow]
) -> Presentation:
    """The brief for a meeting with ``attendees``, most senior first."""
    plan = plain_team_names(plan)
    by_id = {p.id: p for p in plan.people}
    people = sorted((by_id.get(p.id, p) for p in attendees), key=seniority_key)
    meetings = [
        dataclasses.replace(i, team=tuple(plain_name(n) or n for n in i.team)) for i in interactions
    ]
    ctx = Context(plan, A4, internal=True)
    deck = new_presentation()
    frame = DeckFrame(f"{plan.name} · {plan.today.isoformat()} · {INTERNAL_LABEL}")
    names = ", ".join(p["full_name"] for p in people)
    add_title_slide(
        deck,
        plan.name,
        "Meeting brief",
        [("With", names), ("Date", plan.today.isoformat())],
        INTERNAL_LABEL,
    )
    _who(deck, frame, people)
    for person in people:
        _person(deck, frame, person, meetings)
    _open_work(deck, frame, ctx, people)
    _politics(deck, frame, ctx, people)
    return deck


def _who(deck, frame: DeckFrame, people: Sequence[PersonRow]) -> None:
    rows = [
        [
            p["full_name"],
            text(p["job_title"]),
            text(p["department"]),
            label_of("stance", p["stance"]),
            label_of("buying_role", p["buying_role"]),
            ", ".join(p.owners),
        ]
        for p in people
    ]
    columns = [
        Column("Name", 1.4),
        Column("Title", 1.5),
        Column("Department", 1.1),
        Column("Stance", 0.9),
        Column("Buying role", 1.1),
        Column("Our owner(s)", 1.2),
    ]
    add_table_slides(deck, frame, TableSlides("Who you will meet", columns, rows))


def _person(deck, frame: DeckFrame, person: PersonRow, meetings: Sequence[InteractionRow]):
    mine = [m for m in meetings if person.id in m.person_ids][:RECENT_MEETINGS]
    last = mine[0] if mine else None
    items = [
        ("Role", " · ".join(v for v in (person["job_title"], person["department"]) if v)),
        ("Buying role", label_of("buying_role", person["buying_role"])),
        ("Stance (internal)", label_of("stance", person["stance"])),
        ("Influence", label_of("influence", person["influence"])),
        ("Relationship", label_of("strength", person["strength"])),
        ("Our owner(s)", ", ".join(person.owners)),
        ("Cares about", person["priorities"]),
        ("Challenge now", person["major_challenge"]),
        ("How to talk to them", person["personality_notes"]),
        ("Last met", last and f"{last.occurred_on.isoformat()} · {text(last.summary)}"),
    ]
    notes = "\n".join(
        f"{m.occurred_on.isoformat()} ({vocab(Channel, m.channel)}, with "
        f"{', '.join(m.team) or 'nobody of ours recorded'}): {text(m.summary)}"
        + (f" Next: {m.next_step}" if m.next_step else "")
        for m in mine
    )
    interests = person["personal_interests"]
    if interests:
        notes = f"Interests: {interests}\n{notes}"
    labelled_slides(deck, frame, person["full_name"], items, ("", "What to know"), notes)


def _open_work(deck, frame: DeckFrame, ctx: Context, people: Sequence[PersonRow]) -> None:
    items = open_items(ctx, people)
    if not items:
        return
    rows = [
        [
            item.kind,
            item.text,
            item.person,
            text(item.owner),
            text(item.due_on) + (" (overdue)" if item.overdue else ""),
        ]
        for item in items
    ]
    columns = [
        Column("", 0.7),
        Column("What", 3.0),
        Column("For", 1.1),
        Column("Ours", 1.0),
        Column("Due", 1.1),
    ]
    add_table_slides(deck, frame, TableSlides("Open with them", columns, rows))


def _politics(deck, frame: DeckFrame, ctx: Context, people: Sequence[PersonRow]) -> None:
    lines = political_lines(ctx, people)
    if not lines:
        return
    present = {p.id for p in people}
    rows = [_sentence(item, present) for item in lines]
    columns = [Column("Informal line", 2.2), Column("What we know", 2.0)]
    add_table_slides(deck, frame, TableSlides("Between them", columns, rows))


_VERBS = {
    InfluenceKind.ALLY.value: "{a} is {b}’s ally",
    InfluenceKind.RIVAL.value: "{a} and {b} are rivals",
    InfluenceKind.MENTOR.value: "{a} mentors {b}",
    InfluenceKind.SPONSOR.value: "{a} sponsors {b}",
}


def _sentence(item: PoliticalLine, present: set[int]) -> list[str]:
    """ "Sebastian Wallin is Zoë Åkesson's ally (strength 3 of 3)", and the line's note."""

    def name(person: PersonRow) -> str:
        if person.id in present:
            return person["full_name"]
        return f"{person['full_name']} (not attending)"

    verb = _VERBS.get(item.line.kind, "{a} influences {b}")
    sentence = verb.format(a=name(item.source), b=name(item.target))
    return [f"{sentence} ({'●' * item.line.strength or 'strength unknown'})", text(item.line.note)]
