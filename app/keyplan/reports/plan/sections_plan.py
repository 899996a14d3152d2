"""Plan sections of work items: opportunities, competitors, risks, objectives, actions, promises."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.interaction_fields import promise_record
from keyplan.domain.money import format_totals, money_totals, weighted_amount
from keyplan.domain.plan_vocabulary import (
    OpportunityStage,
    OpportunityStatus,
    Rating,
    RiskStatus,
    WorkStatus,
)
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.reports.document import SectionHeading
from keyplan.reports.plan.context import Context, money, vocab
from keyplan.reports.styles import COMMITMENT_COLOURS, LATE, RATING_COLOURS, styles
from keyplan.reports.tables import Column, data_table, date_column, fitted_column
from keyplan.reports.text import blank_cell, escape
from keyplan.store.plan.queries import CommitmentRow

_RANK = {Rating.HIGH.value: 3, Rating.MEDIUM.value: 2, Rating.LOW.value: 1}


def _empty(story: list[Flowable], what: str) -> list[Flowable]:
    return [*story, Paragraph(escape(f"No {what} recorded yet."), styles().muted)]


def opportunities(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Every opportunity with value, stage and expected close; the open pipeline per currency."""
    story: list[Flowable] = [SectionHeading(title, key)]
    rows_in = ctx.plan.opportunities
    if not rows_in:
        return _empty(story, "opportunities")
    rows = [
        [
            o.name,
            o.department,
            o.offering,
            money(o.value, o.currency),
            vocab(OpportunityStage, o.stage),
            f"{o.probability}%" if o.probability is not None else "—",
            o.expected_close_on,
            vocab(OpportunityStatus, o.status),
        ]
        for o in rows_in
    ]
    columns = [
        Column("Opportunity", 1.7, bold=True),
        Column("Department", 1.1),
        Column("Offering", 1.4),
        fitted_column("Value", [row[3] for row in rows]),
        Column("Stage", 1.25),
        Column("Prob.", fixed=34, align="RIGHT"),
        date_column("Close"),
        Column("Status", 0.8),
    ]
    story.append(data_table(columns, rows, ctx.width))
    open_rows = [o for o in rows_in if o.status == OpportunityStatus.OPEN.value]
    total = money_totals(((o.value, o.currency) for o in open_rows), ctx.currency)
    weighted = money_totals(
        ((weighted_amount(o.value, o.probability), o.currency) for o in open_rows), ctx.currency
    )
    story.append(
        Paragraph(
            escape(
                f"{len(open_rows)} open, worth {format_totals(total, ctx.currency)}"
                f" (weighted {format_totals(weighted, ctx.currency)})."
            ),
            styles().muted,
        )
    )
    return story


def competitors(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Who else sells here, where, how dangerous, and what we know."""
    story: list[Flowable] = [SectionHeading(title, key)]
    if not ctx.plan.competitors:
        return _empty(story, "competitors")
    rows, colours = [], []
    for index, c in enumerate(ctx.plan.competitors):
        rows.append([c.competitor, c.area, vocab(Rating, c.threat_level), c.notes])
        colours.append((index, 2, RATING_COLOURS.get(c.threat_level)))
    columns = [
        Column("Competitor", 1.2, bold=True),
        Column("Area", 1.2),
        Column("Threat", 0.6),
        Column("What we know", 3.0),
    ]
    story.append(
        data_table(columns, rows, ctx.width, cell_colours=[c for c in colours if c[2] is not None])
    )
    return story


def risks(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Risks by severity (likelihood × impact), coloured, with mitigation and owner."""
    story: list[Flowable] = [SectionHeading(title, key)]
    if not ctx.plan.risks:
        return _empty(story, "risks")
    ordered = sorted(
        ctx.plan.risks,
        key=lambda r: -_RANK.get(r.likelihood, 0) * _RANK.get(r.impact, 0),
    )
    rows, colours = [], []
    for index, r in enumerate(ordered):
        severity = _RANK.get(r.likelihood, 0) * _RANK.get(r.impact, 0)
        rows.append(
            [
                r.description,
                vocab(Rating, r.likelihood),
                vocab(Rating, r.impact),
                str(severity),
                r.mitigation,
                r.owner,
                vocab(RiskStatus, r.status),
            ]
        )
        colours.append((index, 3, RATING_COLOURS[_severity_band(severity)]))
    columns = [
        Column("Risk", 2.4),
        Column("Likelihood", fixed=56),
        Column("Impact", fixed=46),
        Column("L × I", fixed=30),
        Column("Mitigation", 2.2),
        Column("Owner", 0.9),
        Column("Status", 0.8),
    ]
    story.append(data_table(columns, rows, ctx.width, cell_colours=colours))
    story.append(
        Paragraph(
            "L × I: likelihood times impact, 1 (low × low) to 9 (high × high).", styles().muted
        )
    )
    return story


def _severity_band(severity: int) -> str:
    return "high" if severity >= 6 else "medium" if severity >= 3 else "low"


def objectives(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Our goals for the account, with measure, target and due date."""
    story: list[Flowable] = [SectionHeading(title, key)]
    if not ctx.plan.objectives:
        return _empty(story, "objectives")
    rows = [
        [o.description, o.measure, o.target, o.due_on, vocab(WorkStatus, o.status)]
        for o in ctx.plan.objectives
    ]
    columns = [
        Column("Objective", 2.6),
        Column("Measure", 1.3),
        Column("Target", 1.0),
        date_column("Due"),
        Column("Status", 0.9),
    ]
    story.append(data_table(columns, rows, ctx.width))
    return story


def actions(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The action plan: what, who, when, and what it serves; overdue open actions marked."""
    story: list[Flowable] = [SectionHeading(title, key)]
    if not ctx.plan.actions:
        return _empty(story, "actions")
    rows, late = [], []
    closed = {WorkStatus.DONE.value, WorkStatus.DROPPED.value}
    for index, a in enumerate(ctx.plan.actions):
        related = "; ".join(v for v in (a.person, a.opportunity, a.objective) if v) or None
        rows.append([a.description, a.owner, a.due_on, vocab(WorkStatus, a.status), related])
        if a.due_on is not None and a.due_on < ctx.plan.today and a.status not in closed:
            late.append((index, LATE))
    columns = [
        Column("Action", 2.6),
        Column("Owner", 1.0),
        date_column("Due"),
        Column("Status", 0.9),
        Column("Related to", 1.7),
    ]
    story.append(data_table(columns, rows, ctx.width, highlights=late))
    if late:
        story.append(
            Paragraph(
                f"{len(late)} open {'action' if len(late) == 1 else 'actions'} past their "
                "due date (shaded).",
                styles().muted,
            )
        )
    return story


def commitments(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Every promise: to whom, by whom, due, status; late ones shaded; a keeping record."""
    story: list[Flowable] = [SectionHeading(title, key)]
    rows_in = ctx.plan.commitments
    if not rows_in:
        return _empty(story, "commitments")
    story.append(_commitment_table(ctx, rows_in))
    story.append(Paragraph(escape(_promise_record(rows_in)), styles().muted))
    return story


def _commitment_table(
    ctx: Context, rows_in: tuple[CommitmentRow, ...] | list, delivered: bool = True
) -> Flowable:
    """The promises; without the Delivered column for open ones (a column of dashes)."""
    rows, highlights = [], []
    for index, c in enumerate(rows_in):
        row = [c.promise, c.to_person, c.by_member, c.due_on, promise_status(c)]
        row = [*row, c.delivered_on] if delivered else row
        # The customer reads an empty cell where we have nothing, never a "—" placeholder.
        rows.append(row if ctx.internal else [_blank_if_none(v) for v in row])
        colour = LATE if c.late else COMMITMENT_COLOURS.get(c.status)
        if colour is not None:
            highlights.append((index, colour))
    columns = [
        Column("Promise", 2.6),
        Column("To", 1.1),
        Column("By", 1.0),
        date_column("Due"),
        Column("Status", 0.9),
    ]
    if delivered:
        columns.append(date_column("Delivered"))
    return data_table(columns, rows, ctx.width, highlights=highlights)


def _blank_if_none(value: object) -> object:
    return blank_cell() if value is None else value


def promise_status(row: CommitmentRow) -> str:
    """A promise's status in the app's words: "Open (overdue)", "Kept (late)", "Late"."""
    label = vocab(CommitmentStatus, row.status)
    if not row.late or row.status in (CommitmentStatus.LATE.value, CommitmentStatus.BROKEN.value):
        return label  # a status of "Late" says it already
    if row.status == CommitmentStatus.OPEN.value:
        return f"{label} (overdue)"
    return f"{label} (late)"  # kept, but delivered after the due date


def promise_summary(rows: tuple[CommitmentRow, ...] | list[CommitmentRow]) -> str:
    """Each promise counted once by its status, as the Commitments tab counts them.

    ``10 promises: 3 open (2 overdue), 4 kept, 2 late, 1 broken``: overdue promises are a part
    of the open ones, not a category of their own.
    """
    overdue = sum(1 for r in rows if r.status == CommitmentStatus.OPEN.value and r.late)
    return promise_record((r.status for r in rows), overdue) + "."


def _promise_record(rows: tuple[CommitmentRow, ...]) -> str:
    shaded = " Overdue and late ones are shaded." if any(r.late for r in rows) else ""
    return promise_summary(rows) + shaded


def what_we_will_do(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Customer-safe: the promises still open, by due date."""
    story: list[Flowable] = [SectionHeading(title, key)]
    open_rows = [c for c in ctx.plan.commitments if c.status == CommitmentStatus.OPEN.value]
    if not open_rows:
        return [*story, Paragraph("Nothing open at the moment.", styles().muted)]
    story.append(_commitment_table(ctx, open_rows, delivered=False))
    return story


def what_we_promised(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Customer-safe: the promises already closed, kept or not, with their record."""
    story: list[Flowable] = [SectionHeading(title, key)]
    closed = [c for c in ctx.plan.commitments if c.status != CommitmentStatus.OPEN.value]
    if not closed:
        return [*story, Paragraph("No promises closed yet.", styles().muted)]
    story.append(_commitment_table(ctx, closed))
    story.append(Paragraph(escape(_promise_record(ctx.plan.commitments)), styles().muted))
    return story
