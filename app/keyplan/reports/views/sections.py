"""The internal plan's sections "Power / interest", "Buying centre", "Team × stakeholder matrix".

The matrix is built for a landscape page (a column per team member); the others for portrait.

Each is read from ``plan_views`` (the same answers the app shows). Internal only: every line is
our assessment of the customer's people or our own coverage of them; the customer-safe plan is
built without these sections (``plan.CUSTOMER_SECTIONS``, guarded by its leak test).

Everything reads in black and white: quadrants, red flags, gaps and crowds are written in
words, and shading only repeats what the words say.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from keyplan.domain.plan_vocabulary import OpportunityStage
from keyplan.domain.views.buying_centre import BuyingCentre
from keyplan.domain.views.people import ViewPerson
from keyplan.domain.views.power_interest import (
    INFLUENCE_ROWS,
    INTEREST_COLUMNS,
    QUADRANT_ADVICE,
    Quadrant,
    quadrant_of,
)
from keyplan.domain.views.team_matrix import TeamMatrix
from keyplan.domain.vocabulary import Influence, Interest
from keyplan.reports.document import SectionHeading
from keyplan.reports.fonts import SANS_BOLD
from keyplan.reports.plan.context import Context, label_of, vocab
from keyplan.reports.styles import ACCENT, INK, LATE, RATING_COLOURS, RULE, WHITE, styles
from keyplan.reports.tables import Column, data_table, date_column
from keyplan.reports.text import blank_cell, escape, para
from keyplan.reports.views.plan_views import plan_buying_centres, plan_grid, plan_team_matrix

#: Light shading for the quadrant we must manage closely (a grey that prints as grey).
CLOSE_SHADE = colors.HexColor("#ECECEC")


# ---- power / interest ---------------------------------------------------------------------


def power_interest(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The 3 × 3 grid of influence (rows) by interest in what we do (columns), names in cells."""
    grid = plan_grid(ctx.plan)
    style_set = styles()
    story: list[Flowable] = [
        SectionHeading(title, key),
        Paragraph(
            "Influence from top to bottom, interest in what we do from left to right. "
            "Medium counts with high: the heavy lines mark the quadrants.",
            style_set.muted,
        ),
        Spacer(1, 4),
    ]
    header = [Paragraph("Influence ↓ · Interest →", style_set.compact_header)] + [
        Paragraph(f"{Interest(value).label} interest", style_set.header_cell)
        for value in INTEREST_COLUMNS
    ]
    rows: list[list[object]] = [header]
    for influence in INFLUENCE_ROWS:
        row: list[object] = [
            Paragraph(f"{Influence(influence).label} influence", style_set.cell_bold)
        ]
        for interest in INTEREST_COLUMNS:
            row.append(
                _grid_cell(quadrant_of(influence, interest), grid.cells[(influence, interest)])
            )
        rows.append(row)
    first = 74.0
    rest = (ctx.width - first) / len(INTEREST_COLUMNS)
    table = Table(rows, colWidths=[first] + [rest] * len(INTEREST_COLUMNS), splitInRow=1)
    commands: list[tuple] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BOX", (0, 0), (-1, -1), 1, INK),
        # The quadrant boundaries: below medium influence, after low interest.
        ("LINEBELOW", (0, 2), (-1, 2), 2, INK),
        ("LINEAFTER", (1, 0), (1, -1), 2, INK),
    ]
    for r, influence in enumerate(INFLUENCE_ROWS, start=1):
        for c, interest in enumerate(INTEREST_COLUMNS, start=1):
            if quadrant_of(influence, interest) is Quadrant.MANAGE_CLOSELY:
                commands.append(("BACKGROUND", (c, r), (c, r), CLOSE_SHADE))
    table.setStyle(TableStyle(commands))
    story.append(table)
    story.append(Spacer(1, 6))
    for quadrant in Quadrant:
        story.append(para(f"{quadrant.value}: {QUADRANT_ADVICE[quadrant]}.", style_set.small))
    unrated = ", ".join(p.name for p in grid.not_rated)
    story.append(Spacer(1, 4))
    story.append(
        para(
            f"Not rated ({len(grid.not_rated)}): {unrated}."
            if grid.not_rated
            else "Everyone is rated for influence and interest.",
            style_set.small,
        )
    )
    return story


def _grid_cell(quadrant: Quadrant, people: tuple[ViewPerson, ...]) -> list[Flowable]:
    style_set = styles()
    cell: list[Flowable] = [Paragraph(escape(quadrant.value.upper()), style_set.label)]
    if not people:
        return [*cell, Paragraph("—", style_set.muted)]
    # One paragraph for the whole cell (a line per person): a 500-person grid stays cheap.
    lines = [f"{p.name} ({label_of('stance', p.stance).lower()})" for p in people]
    return [*cell, para("\n".join(lines), style_set.cell)]


# ---- buying centre ------------------------------------------------------------------------

#: The most people a role lists in print (the most influential); the app lists everyone.
PER_ROLE = 6
_INFLUENCE_ORDER = {level.value: rank for rank, level in enumerate(Influence)}

BUYING_COLUMNS = (
    Column("Role", 1.0, bold=True),
    Column("Person", 1.3),
    Column("Job title", 1.4),
    Column("Stance", 0.8),
    Column("Influence", 0.85),
    Column("Owner", 1.0),
    date_column("Last contact"),
)


def buying_centre(ctx: Context, key: str, title: str) -> list[Flowable]:
    """For each open opportunity: who buys, decides, evaluates, uses and coaches; red flags."""
    centres = plan_buying_centres(ctx.plan)
    style_set = styles()
    story: list[Flowable] = [SectionHeading(title, key)]
    if not centres:
        return [*story, Paragraph("No open opportunities.", style_set.muted)]
    story.append(
        Paragraph(
            "Read from the buying roles of the account's people; users and technical "
            "evaluators from the opportunity's department when it has any.",
            style_set.muted,
        )
    )
    for centre in centres:
        story += _one_centre(ctx, centre)
    return story


def _one_centre(ctx: Context, centre: BuyingCentre) -> list[Flowable]:
    style_set = styles()
    opportunity = centre.opportunity
    facts = " · ".join(
        part
        for part in (
            vocab(OpportunityStage, opportunity.stage) if opportunity.stage else "",
            opportunity.department or "",
        )
        if part
    )
    story: list[Flowable] = [para(opportunity.name, style_set.h2)]
    if facts:
        story.append(para(facts, style_set.muted))
    rows = []
    for role, everyone in centre.groups():
        if not everyone:
            rows.append([role, "none named", None, None, None, None, None])
        people = sorted(everyone, key=_weight)[:PER_ROLE]
        for number, person in enumerate(people):
            rows.append(
                [
                    role if number == 0 else blank_cell(),  # role once per group
                    person.name,
                    person.job_title,
                    label_of("stance", person.stance),
                    label_of("influence", person.influence) or "—",
                    ", ".join(person.owners) or "nobody",
                    person.last_contact,
                ]
            )
        if len(everyone) > len(people):
            more = f"and {len(everyone) - len(people)} more (see Stakeholders)"
            rows.append([blank_cell(), more, None, None, None, None, None])
    story.append(data_table(BUYING_COLUMNS, rows, ctx.width))
    if centre.red_flags:
        for warning in centre.red_flags:
            story.append(para(f"RED FLAG — {warning.text}", style_set.cell_bold))
    else:
        story.append(Paragraph("No red flags.", style_set.muted))
    return story


def _weight(person: ViewPerson) -> tuple[int, str]:
    """The most influential first, then by name: who a capped list keeps."""
    return (_INFLUENCE_ORDER.get(person.influence or "", len(_INFLUENCE_ORDER)), person.name)


# ---- team × stakeholders ------------------------------------------------------------------


def team_coverage(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Who of ours met whom: counts in 90 days and 12 months, the latest day; gaps and crowds."""
    matrix = plan_team_matrix(ctx.plan)
    style_set = styles()
    story: list[Flowable] = [SectionHeading(title, key)]
    if not matrix.people:
        return [*story, Paragraph("No contacts logged in the last 12 months.", style_set.muted)]
    story.append(
        Paragraph(
            "Each cell: interactions in the last 90 days / in the last 12 months; in bold, who "
            "of us met them last. GAP: a key person none of us met in 12 months. 3+ OF US: "
            "three or more of our team contacted them in 90 days.",
            style_set.muted,
        )
    )
    story += _summary_lines(matrix)
    story.append(Spacer(1, 4))
    story.append(_matrix_table(ctx, matrix))
    return story


def _summary_lines(matrix: TeamMatrix) -> list[Flowable]:
    style_set = styles()
    lines = []
    if matrix.gaps:
        names = ", ".join(p.name for p in matrix.gaps)
        lines.append(para(f"Gaps ({len(matrix.gaps)}): {names}.", style_set.cell_bold))
    if matrix.crowded:
        names = ", ".join(p.name for p in matrix.crowded)
        lines.append(para(f"Over-covered ({len(matrix.crowded)}): {names}.", style_set.cell_bold))
    if not lines:
        lines.append(Paragraph("No gaps and no over-coverage.", style_set.muted))
    return lines


def _matrix_table(ctx: Context, matrix: TeamMatrix) -> Table:
    """Plain one-line cells (cheap for hundreds of rows); who met them last is in bold."""
    columns = [
        Column("Stakeholder", 2.0, bold=True),
        *(Column(member, 1.0, align="CENTER") for member in matrix.team),
        date_column("Last contact"),
        Column("Flag", fixed=56, bold=True),
    ]
    gaps = {p.id for p in matrix.gaps}
    crowded = {p.id for p in matrix.crowded}
    rows, highlights, last_by = [], [], []
    for index, person in enumerate(matrix.people):
        cells: list[object] = [person.name]
        for member in matrix.team:
            found = matrix.cell(person.id, member)
            cells.append(f"{found.recent} / {found.year}" if found else _NOTHING)
        last = matrix.last_contact(person.id)
        cells.append(last[0] if last else "never")
        if last:
            last_by.append((index, 1 + matrix.team.index(last[1])))
        cells.append(
            "GAP" if person.id in gaps else "3+ OF US" if person.id in crowded else _NOTHING
        )
        rows.append(cells)
        if person.id in gaps:
            highlights.append((index, LATE))
        elif person.id in crowded:
            highlights.append((index, RATING_COLOURS["medium"]))
    # A landscape page: a column per team member, wide enough for their names' words.
    width = ctx.landscape_frame[0]
    table = data_table(
        columns, rows, width, highlights=highlights, header_style=styles().compact_header
    )
    table.setStyle(
        TableStyle(
            [("LINEAFTER", (0, 0), (-2, -1), 0.4, WHITE)]
            + [("FONTNAME", (c, r + 1), (c, r + 1), SANS_BOLD) for r, c in last_by]
        )
    )
    return table


#: An empty cell: a space, as nothing prints as a dash ("not recorded") in our tables.
_NOTHING = " "
