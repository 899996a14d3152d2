"""Slides of the plan's work items: opportunities, competitors, risks, objectives, actions
and promises, each a table over as many slides as its rows need."""

from __future__ import annotations

from keyplan.domain.money import format_totals, money_totals, weighted_amount
from keyplan.domain.plan_vocabulary import (
    OpportunityStage,
    OpportunityStatus,
    Rating,
    RiskStatus,
    WorkStatus,
)
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.reports.deck.slides import (
    BODY_TOP,
    BODY_WIDTH,
    MARGIN,
    MUTED,
    Column,
    TableSlides,
    add_table_slides,
    add_text,
)
from keyplan.reports.plan.context import Context, money, vocab
from keyplan.store.plan.queries import CommitmentRow

_RANK = {Rating.HIGH.value: 3, Rating.MEDIUM.value: 2, Rating.LOW.value: 1}


def text(value: object) -> str:
    """A value as a cell shows it; nothing is an empty cell, never a placeholder."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def opportunities(deck, frame, ctx: Context, title: str) -> None:
    rows = [
        [
            o.name,
            text(o.department),
            text(o.offering),
            money(o.value, o.currency),
            vocab(OpportunityStage, o.stage),
            f"{o.probability}%" if o.probability is not None else "",
            text(o.expected_close_on),
            vocab(OpportunityStatus, o.status),
        ]
        for o in ctx.plan.opportunities
    ]
    open_rows = [o for o in ctx.plan.opportunities if o.status == OpportunityStatus.OPEN.value]
    total = money_totals(((o.value, o.currency) for o in open_rows), ctx.currency)
    weighted = money_totals(
        ((weighted_amount(o.value, o.probability), o.currency) for o in open_rows), ctx.currency
    )
    caption = (
        f"{len(open_rows)} open, worth {format_totals(total, ctx.currency)}"
        f" (weighted {format_totals(weighted, ctx.currency)})."
    )
    columns = [
        Column("Opportunity", 1.7),
        Column("Department", 1.1),
        Column("Offering", 1.3),
        Column("Value", 1.1),
        Column("Stage", 1.1),
        Column("Prob.", 0.55),
        Column("Close", 0.85),
        Column("Status", 0.8),
    ]
    _table_or_nothing(
        deck, frame, TableSlides(title, columns, rows, caption=caption), "opportunities"
    )


def competitors(deck, frame, ctx: Context, title: str) -> None:
    rows = [
        [c.competitor, text(c.area), vocab(Rating, c.threat_level), text(c.notes)]
        for c in ctx.plan.competitors
    ]
    columns = [
        Column("Competitor", 1.2),
        Column("Area", 1.2),
        Column("Threat", 0.6),
        Column("What we know", 3.0),
    ]
    _table_or_nothing(deck, frame, TableSlides(title, columns, rows), "competitors")


def risks(deck, frame, ctx: Context, title: str) -> None:
    ordered = sorted(
        ctx.plan.risks, key=lambda r: -_RANK.get(r.likelihood, 0) * _RANK.get(r.impact, 0)
    )
    rows = [
        [
            r.description,
            vocab(Rating, r.likelihood),
            vocab(Rating, r.impact),
            str(_RANK.get(r.likelihood, 0) * _RANK.get(r.impact, 0)),
            text(r.mitigation),
            text(r.owner),
            vocab(RiskStatus, r.status),
        ]
        for r in ordered
    ]
    columns = [
        Column("Risk", 2.4),
        Column("Likelihood", 0.8),
        Column("Impact", 0.7),
        Column("L × I", 0.5),
        Column("Mitigation", 2.2),
        Column("Owner", 0.9),
        Column("Status", 0.8),
    ]
    caption = "L × I: likelihood times impact, 1 (low × low) to 9 (high × high)."
    _table_or_nothing(deck, frame, TableSlides(title, columns, rows, caption=caption), "risks")


def objectives(deck, frame, ctx: Context, title: str) -> None:
    rows = [
        [
            o.description,
            text(o.measure),
            text(o.target),
            text(o.due_on),
            vocab(WorkStatus, o.status),
        ]
        for o in ctx.plan.objectives
    ]
    columns = [
        Column("Objective", 2.6),
        Column("Measure", 1.3),
        Column("Target", 1.0),
        Column("Due", 0.8),
        Column("Status", 0.9),
    ]
    _table_or_nothing(deck, frame, TableSlides(title, columns, rows), "objectives")


def actions(deck, frame, ctx: Context, title: str) -> None:
    rows = [
        [
            a.description,
            text(a.owner),
            text(a.due_on),
            vocab(WorkStatus, a.status),
            "; ".join(v for v in (a.person, a.opportunity, a.objective) if v),
        ]
        for a in ctx.plan.actions
    ]
    columns = [
        Column("Action", 2.6),
        Column("Owner", 1.0),
        Column("Due", 0.8),
        Column("Status", 0.9),
        Column("Related to", 1.7),
    ]
    _table_or_nothing(deck, frame, TableSlides(title, columns, rows), "actions")


def _commitment_rows(rows_in, delivered: bool) -> list[list[str]]:
    from keyplan.reports.plan.sections_plan import promise_status

    rows = []
    for c in rows_in:
        row = [c.promise, text(c.to_person), text(c.by_member), text(c.due_on), promise_status(c)]
        rows.append([*row, text(c.delivered_on)] if delivered else row)
    return rows


def _commitment_columns(delivered: bool) -> list[Column]:
    columns = [
        Column("Promise", 2.6),
        Column("To", 1.1),
        Column("By", 1.0),
        Column("Due", 0.8),
        Column("Status", 1.0),
    ]
    return [*columns, Column("Delivered", 0.8)] if delivered else columns


def commitments(deck, frame, ctx: Context, title: str) -> None:
    from keyplan.reports.plan.sections_plan import promise_summary

    rows_in = ctx.plan.commitments
    caption = promise_summary(rows_in) if rows_in else ""
    table = TableSlides(
        title, _commitment_columns(True), _commitment_rows(rows_in, True), caption=caption
    )
    _table_or_nothing(deck, frame, table, "commitments")


def promises(deck, frame, ctx: Context, title: str, still_open: bool) -> None:
    from keyplan.reports.plan.sections_plan import promise_summary

    chosen: list[CommitmentRow] = [
        c for c in ctx.plan.commitments if (c.status == CommitmentStatus.OPEN.value) == still_open
    ]
    caption = "" if still_open else promise_summary(ctx.plan.commitments)
    table = TableSlides(
        title,
        _commitment_columns(not still_open),
        _commitment_rows(chosen, not still_open),
        caption=caption,
    )
    add_table_slides(deck, frame, table)


def _table_or_nothing(deck, frame, table: TableSlides, what: str) -> None:
    """A section with no rows still gets its slide (the internal plan shows the gap)."""
    if table.rows:
        add_table_slides(deck, frame, table)
    else:
        slide = frame.slide(deck, table.title)
        box = (MARGIN, BODY_TOP, BODY_WIDTH, 24)
        add_text(slide, box, f"No {what} recorded yet.", 14, colour=MUTED)
