"""Internal plan: "What changed since the last review" — joins, leaves, moves, assessments,
influence lines and the account's own changes.

Read from the change log (``PlanData.history``), grouped the way an account review presents
them, each with its date. Never in the customer-safe plan: who moved, left or turned into a
blocker is our own reading of their people (``redaction`` drops it, and its section is not
among the customer's).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.history.compare import CHANGED, JOINED, LEFT, MOVED, MapChange
from keyplan.domain.history.entries import ACCOUNT, INFLUENCE
from keyplan.domain.history.lines_and_accounts import OtherChange
from keyplan.domain.history.wording import change_text, day_text
from keyplan.domain.wording import count_of
from keyplan.reports.document import SectionHeading
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import styles
from keyplan.reports.tables import Column, data_table, date_column
from keyplan.reports.text import escape

GROUPS = (
    (JOINED, "New people"),
    (LEFT, "People who left"),
    (MOVED, "Moves (who they report to)"),
    (CHANGED, "Changed titles and assessments"),
)
COLUMNS = (date_column("Date"), Column("Person", 1.2, bold=True), Column("What changed", 3.0))
OTHER_COLUMNS = (date_column("Date"), Column("What changed", 4.2))
# (kind, what the intro counts, the table's heading)
OTHER_GROUPS = (
    (INFLUENCE, "influence-line change", "Influence lines"),
    (ACCOUNT, "account change", "The account"),
)


def what_changed(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The changes since the last review, one table per kind, oldest first within each."""
    story: list[Flowable] = [SectionHeading(title, key)]
    history = ctx.plan.history
    if history is None:
        return [*story, Paragraph("No history is recorded for this account.", styles().muted)]
    last_review = ctx.plan.account.get("last_review_on")
    since = day_text(history.start, ctx.plan.today)
    if last_review:
        intro = f"Since the last plan review on {since}"
    else:
        intro = f"No plan review is recorded: the changes since {since}"
    others = ctx.plan.other_changes
    counts = [f"{n} {kind}" for kind, _t in GROUPS if (n := len(_of(history.changes, kind)))]
    counts += [
        count_of(n, words)
        for kind, words, _title in OTHER_GROUPS
        if (n := sum(1 for change in others if change.kind == kind))
    ]
    if not history.changes and not others:
        return [*story, Paragraph(escape(f"{intro}: nothing changed."), styles().body)]
    story.append(Paragraph(escape(f"{intro}: {', '.join(counts)}."), styles().body))
    for kind, heading in GROUPS:
        changes = sorted(_of(history.changes, kind), key=lambda c: (c.when is None, c.when))
        if not changes:
            continue
        rows = [
            [
                c.when.date() if c.when else None,
                c.name,
                change_text(c, history.names, with_date=False),
            ]
            for c in changes
        ]
        story += [Paragraph(heading, styles().h2), data_table(COLUMNS, rows, ctx.width)]
    return story + _other_tables(ctx, others)


def _other_tables(ctx: Context, others: Sequence[OtherChange]) -> list[Flowable]:
    """The influence lines drawn, dropped or changed, and the account's own changes."""
    story: list[Flowable] = []
    for kind, _words, heading in OTHER_GROUPS:
        rows = [[c.when.date(), c.text] for c in others if c.kind == kind]
        if rows:
            story += [Paragraph(heading, styles().h2), data_table(OTHER_COLUMNS, rows, ctx.width)]
    return story


def _of(changes: list[MapChange], kind: str) -> list[MapChange]:
    return [change for change in changes if change.kind == kind]
