"""Plan sections about people: the stakeholder table and governance."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.matrix import VACANT
from keyplan.domain.plan_vocabulary import EngagementRule, InfluenceKind, TeamRole
from keyplan.domain.vocabulary import BuyingRole, Influence, Level, Stance
from keyplan.domain.wording import count_of
from keyplan.reports.document import SectionHeading
from keyplan.reports.fonts import markup
from keyplan.reports.plan.context import Context, label_of, vocab
from keyplan.reports.plan.evidence import evidence_section
from keyplan.reports.styles import STANCE_COLOURS, styles, tint
from keyplan.reports.tables import Column, data_table, date_column, key_values
from keyplan.reports.text import display, escape
from keyplan.store.people.queries import PersonRow

STAKEHOLDER_COLUMNS = (
    Column("Name", 1.7, bold=True),
    Column("Title", 1.7),
    Column("Department", 1.2),
    Column("Level", 0.9),
    Column("Stance", 0.85),
    Column("Influence", 0.9),
    Column("Buying role", 1.1),
    Column("Relationship", 1.0),
    Column("Owner(s)", 1.2),
    date_column("Last contact"),
)
STANCE_COLUMN = 4
KEY_ROLES = {
    BuyingRole.ECONOMIC_BUYER.value,
    BuyingRole.DECISION_MAKER.value,
    BuyingRole.CHAMPION_COACH.value,
}
KEY_STANCES = {Stance.CHAMPION.value, Stance.BLOCKER.value}


def _sort_key(person: PersonRow) -> tuple:
    level = person["level"]
    rank = Level(level).rank if level else len(Level)
    return ((person["department"] or "~").lower(), rank, person["full_name"].lower())


def _level_label(value: str | None) -> str:
    return Level(value).label if value else "—"


def stakeholders(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Internal: every present person with our assessment of them, by department and level."""
    people = sorted(ctx.present_people, key=_sort_key)
    story: list[Flowable] = [SectionHeading(title, key)]
    if not people:
        return [*story, Paragraph("No people recorded yet.", styles().muted)]
    rows, colours = [], []
    for index, p in enumerate(people):
        rows.append(
            [
                p["full_name"],
                p["job_title"],
                p["department"],
                _level_label(p["level"]),
                label_of("stance", p["stance"]),
                label_of("influence", p["influence"]),
                label_of("buying_role", p["buying_role"]),
                label_of("strength", p["strength"]),
                ", ".join(p.owners) or None,
                p.last_contact,
            ]
        )
        colour = STANCE_COLOURS.get(p["stance"] or "", STANCE_COLOURS[Stance.UNKNOWN.value])
        colours.append((index, STANCE_COLUMN, tint(colour, 0.45)))  # dark text stays legible
    rows += [_vacancy_row(seat) for seat in sorted(ctx.plan.vacancies, key=_sort_key)]
    width = ctx.landscape_frame[0]
    story.append(data_table(STAKEHOLDER_COLUMNS, rows, width, cell_colours=colours))
    left = len(ctx.plan.people) - len(people)
    if left:
        story.append(Paragraph(f"{left} people who have left are not listed.", styles().muted))
    story += _open_positions(ctx)
    story += _key_people(people, width)
    story += evidence_section(ctx, width)
    story += _informal_lines(ctx, width)
    return story


def _vacancy_row(seat: PersonRow) -> list[object]:
    """An open position in the people table: "Vacant" where a name would be, never a person."""
    title = seat["job_title"] or seat["full_name"]
    return [VACANT.capitalize(), title, seat["department"], _level_label(seat["level"]),
            None, None, None, None, None, None]  # fmt: skip


def _open_positions(ctx: Context) -> list[Flowable]:
    """One line per open position: its title, who it reports to, and the note."""
    if not ctx.plan.vacancies:
        return []
    names = {p.id: p["full_name"] for p in (*ctx.plan.people, *ctx.plan.vacancies)}
    parts = []
    for seat in sorted(ctx.plan.vacancies, key=_sort_key):
        text = f"{seat['job_title'] or seat['full_name']} — {VACANT}"
        manager = names.get(seat["reports_to_id"])
        details = [d for d in (seat.vacancy_note, manager and f"reports to {manager}") if d]
        parts.append(text + (f" ({', '.join(details)})" if details else ""))
    heading = f"{count_of(len(parts), 'open position')}, not counted among the people: "
    return [Paragraph(escape(heading + "; ".join(parts) + "."), styles().muted)]


def _informal_lines(ctx: Context, width: float) -> list[Flowable]:
    """Who influences, allies with or opposes whom: the politics the org chart does not show."""
    lines = ctx.plan.influence_lines
    if not lines:
        return []
    names = {p.id: p["full_name"] for p in ctx.plan.people}
    rows = [
        [
            names.get(line.from_id),
            vocab(InfluenceKind, line.kind),
            names.get(line.to_id),
            "●" * line.strength,
            line.note,
        ]
        for line in lines
    ]
    columns = [
        Column("From", 1.2, bold=True),
        Column("Line", 0.8),
        Column("To", 1.2, bold=True),
        Column("Strength", fixed=52),
        Column("Note", 2.4),
    ]
    return [Paragraph("Informal lines", styles().h2), data_table(columns, rows, width)]


def _is_key(person: PersonRow) -> bool:
    return (
        person["influence"] == Influence.HIGH.value
        or person["buying_role"] in KEY_ROLES
        or person["stance"] in KEY_STANCES
    )


def _key_people(people: Sequence[PersonRow], width: float) -> list[Flowable]:
    """What drives the people who decide or sway the deal: priorities, challenge, character."""
    rows = []
    for p in people:
        notes = [
            p["priorities"],
            p["major_challenge"],
            p["personality_notes"],
            p["personal_interests"],
        ]
        if not _is_key(p) or not any(notes):
            continue
        character = "\n".join(
            part
            for part in (
                p["personality_notes"],
                p["personal_interests"] and f"Interests: {p['personal_interests']}",
            )
            if part
        )
        rows.append([p["full_name"], p["priorities"], p["major_challenge"], character or None])
    if not rows:
        return []
    columns = [
        Column("Name", 1.0, bold=True),
        Column("What they care about", 1.6),
        Column("Major challenge now", 1.6),
        Column("Personality and interests", 1.8),
    ]
    return [
        Paragraph("Key people: what drives them", styles().h2),
        data_table(columns, rows, width),
    ]


def people_we_work_with(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Customer-safe: name, title, department and their contact on our side."""
    people = sorted(ctx.present_people, key=_sort_key)
    story: list[Flowable] = [SectionHeading(title, key)]
    if not people:
        return [*story, Paragraph("No people recorded yet.", styles().muted)]
    # Contacts are owners, or the colleagues who met them (redaction._with_contacts); an
    # empty cell stays empty: no "—" placeholder in a document the customer reads.
    rows = [
        [p["full_name"], p["job_title"], p["department"], _text_cell(", ".join(p.owners))]
        for p in people
    ]
    columns = [
        Column("Name", 1.3, bold=True),
        Column("Title", 1.5),
        Column("Department", 1.1),
        Column("Your contact with us", 1.3),
    ]
    story.append(data_table(columns, rows, ctx.width))
    return story


def _text_cell(text: str) -> Paragraph:
    """A cell that stays empty when there is nothing: no "—" in a document for the customer."""
    return Paragraph(markup(text), styles().cell)


def governance(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Review rhythm, our team, and who owns which relationship under which rule."""
    story: list[Flowable] = [SectionHeading(title, key)]
    story.append(Paragraph("Review cadence", styles().h2))
    story.append(key_values(_review_facts(ctx), ctx.width))
    story.extend(_team_table(ctx, "Account team"))
    story.append(Paragraph("Relationship owners and rules of engagement", styles().h2))
    owners = ctx.plan.owners
    if not owners:
        story.append(Paragraph("Nobody owns a relationship yet.", styles().muted))
        return story
    rows = [
        [
            o.member_name,
            vocab(TeamRole, o.member_role),
            o.person_name,
            vocab(EngagementRule, o.rule),
        ]
        for o in owners
    ]
    columns = [
        Column("Team member", 1.2, bold=True),
        Column("Role", 1.0),
        Column("Owns the relationship with", 1.5),
        Column("Rule of engagement", 1.3),
    ]
    story.append(data_table(columns, rows, ctx.width))
    return story


def working_together(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Customer-safe governance: how often we review the plan together, and our team."""
    story: list[Flowable] = [SectionHeading(title, key)]
    story.append(Paragraph("Joint reviews", styles().h2))
    story.append(key_values(_review_facts(ctx), ctx.width))
    story.extend(_team_table(ctx, "Your team with us"))
    return story


def _review_facts(ctx: Context) -> list[tuple[str, object]]:
    account = ctx.plan.account
    cadence, last = account.get("review_cadence_days"), account.get("last_review_on")
    next_review = last + timedelta(days=cadence) if cadence and last else None
    overdue = next_review is not None and next_review < ctx.plan.today
    due_text = display(next_review) + (" (overdue)" if overdue and ctx.internal else "")
    return [
        ("Review every", f"{cadence} days" if cadence else None),
        ("Last review", last),
        ("Next review", due_text if next_review else None),
    ]


def _team_table(ctx: Context, heading: str) -> Sequence[Flowable]:
    team = ctx.plan.team
    story: list[Flowable] = [Paragraph(escape(heading), styles().h2)]
    if not team:
        return [*story, Paragraph("No team members recorded yet.", styles().muted)]
    rows = [
        [m.name, vocab(TeamRole, m.role), m.email if ctx.internal else _text_cell(m.email or "")]
        for m in team
    ]
    columns = [Column("Name", 1.3, bold=True), Column("Role", 1.2), Column("E-mail", 1.5)]
    story.append(data_table(columns, rows, ctx.width))
    return story
