"""The internal plan's "Coverage and relationship health" section: the insights on paper.

One page or less: the health score with its largest reasons, the department × level grid,
breadth and contact concentration, the relationship findings (a few of each kind), promise-
keeping and plan freshness, and the next contacts to make. The sentences are the ones the
Insights tab and the command line show (``insights_text``).

Internal only: every line is our judgement of the customer's people (who blocks, who is out
of reach, whose relationship went stale), which ``redaction`` keeps out of the customer-safe
plan; the customer plan is built without this section and without the insights.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.insights import AccountInsights, CoverageCell, PersonFacts, analyse_account
from keyplan.reports.document import SectionHeading
from keyplan.reports.insights.insights_text import (
    DOUBTS_TITLE,
    FINDING_TITLES,
    POLITICS_TITLE,
    breadth_line,
    concentration_line,
    freshness_line,
    level_name,
    promise_line,
)
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import RATING_COLOURS, styles
from keyplan.reports.tables import grid_table
from keyplan.reports.text import escape, para, user_markup
from keyplan.store.database import Database
from keyplan.store.insights.queries import account_facts

#: How many reasons of the score, findings of each kind, overdue promises and next contacts
#: the page lists: enough to act on, short enough for one page.
TOP_REASONS = 4
FINDINGS_PER_KIND = 2
OVERDUE_LISTED = 3
NEXT_CONTACTS = 3


@dataclass(frozen=True, slots=True)
class InsightsReading:
    """The insights of the account the plan is about, with its people's facts."""

    insights: AccountInsights
    people: Mapping[int, PersonFacts]


def read_insights(db: Database, account_id: int, today: date) -> InsightsReading:
    """Analyse an account with its affiliates, as its Insights tab does, for ``today``."""
    facts = account_facts(db, account_id, today=today)
    return InsightsReading(
        insights=analyse_account(facts, today),
        people={person.id: person for person in facts.people},
    )


def coverage_and_health(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Internal: the account's coverage and relationship health, most important first."""
    story: list[Flowable] = [SectionHeading(title, key)]
    reading = ctx.insights
    if reading is None:
        return [*story, Paragraph("The insights were not computed.", styles().muted)]
    insights = reading.insights
    story += _score(insights)
    story += _coverage(ctx, insights)
    story += [_heading("Contact concentration"), para(concentration_line(insights.concentration))]
    story += _findings(insights)
    story += _politics(insights)
    story += _promises(insights)
    story += [_heading("Plan"), para(freshness_line(insights.freshness))]
    story += _next_contacts(insights)
    return story


def _heading(text: str) -> Paragraph:
    return Paragraph(escape(text), styles().h3)


def _bullet(text: str) -> Paragraph:
    # The sentences carry people's names: escaped and set in the fonts their scripts need.
    style = styles().bullet
    return Paragraph(user_markup(text, style), style, bulletText="•")


def _score(insights: AccountInsights) -> list[Flowable]:
    score = insights.score
    story: list[Flowable] = [
        Paragraph(escape(f"Health score {score.value}/100"), styles().h2),
    ]
    if not score.reasons:
        return [*story, Paragraph("Nothing to fix: every part of the score is met.", styles().body)]
    for reason in score.reasons[:TOP_REASONS]:
        story.append(_bullet(f"{reason.reason} (−{reason.points_lost:g})"))
    more = len(score.reasons) - TOP_REASONS
    if more > 0:
        story.append(Paragraph(f"and {more} smaller reasons", styles().muted))
    return story


def _coverage(ctx: Context, insights: AccountInsights) -> list[Flowable]:
    coverage = insights.coverage
    story: list[Flowable] = [_heading("Coverage: departments × levels")]
    if not coverage.departments:
        return [*story, Paragraph("Nobody known yet.", styles().muted)]
    story.append(
        Paragraph(
            "Each cell: people with at least a working relationship / people known; "
            "* a decision maker sits there. Red: a decision maker's cell with nobody engaged; "
            "amber: people known, nobody engaged; green: engaged.",
            styles().muted,
        )
    )
    rows = [
        [_grid_cell(coverage.cells.get((department, level))) for level in coverage.levels]
        for department in coverage.departments
    ]
    headers = [level_name(level) for level in coverage.levels]
    story.append(grid_table("Department", headers, coverage.departments, rows, ctx.width, 1.8))
    story.append(Paragraph(escape(breadth_line(coverage)), styles().muted))
    return story


def _grid_cell(cell: CoverageCell | None) -> tuple[str, colors.Color | None]:
    if cell is None:
        return "·", None
    text = f"{cell.engaged_count}/{len(cell.person_ids)}" + ("*" if cell.has_decision_maker else "")
    if cell.engaged:
        return text, RATING_COLOURS["low"]
    return text, RATING_COLOURS["high" if cell.has_decision_maker else "medium"]


def _findings(insights: AccountInsights) -> list[Flowable]:
    story: list[Flowable] = [_heading("Relationship findings")]
    findings = insights.health.findings
    if insights.open_seats:
        title = f"Decision makers' seats vacant ({len(insights.open_seats)})"
        story.append(Paragraph(escape(title), styles().label))
        story += [_bullet(seat.reason) for seat in insights.open_seats]
    if not findings:
        if insights.open_seats:
            return story
        return [*story, Paragraph("No relationship needs attention.", styles().body)]
    for kind, kind_title in FINDING_TITLES.items():
        found = [finding for finding in findings if finding.kind is kind]
        if not found:
            continue
        story.append(Paragraph(escape(f"{kind_title} ({len(found)})"), styles().label))
        story += [_bullet(finding.reason) for finding in found[:FINDINGS_PER_KIND]]
        if len(found) > FINDINGS_PER_KIND:
            story.append(_more_findings(found[FINDINGS_PER_KIND:]))
    return story


def _politics(insights: AccountInsights) -> list[Flowable]:
    """What the informal lines say, then the key ratings that rest on nothing recent (by name
    past the first few: the plan's people section prints their evidence)."""
    story: list[Flowable] = []
    for title, found in ((POLITICS_TITLE, insights.politics), (DOUBTS_TITLE, insights.doubts)):
        if not found:
            continue
        story.append(Paragraph(escape(f"{title} ({len(found)})"), styles().label))
        story += [_bullet(finding.reason) for finding in found[:FINDINGS_PER_KIND]]
        if len(found) > FINDINGS_PER_KIND:
            names = [getattr(f, "who", "") for f in found[FINDINGS_PER_KIND:]]
            if all(names):
                story.append(para(f"Also: {', '.join(names)}.", styles().muted))
            else:
                story.append(para(f"And {len(found) - FINDINGS_PER_KIND} more.", styles().muted))
    return [_heading("Politics and evidence"), *story] if story else []


def _more_findings(rest: list) -> Paragraph:
    """The findings past the first few, by name: the reader of a PDF has no app to look in."""
    names = [finding.who for finding in rest if finding.who]
    if len(names) == len(rest):
        return para(f"Also: {', '.join(names)}.", styles().muted)
    return para(f"And {len(rest)} more of this kind.", styles().muted)


def _promises(insights: AccountInsights) -> list[Flowable]:
    promises = insights.promises
    story = [_heading("Promise-keeping"), para(promise_line(promises.account))]
    for due in promises.overdue[:OVERDUE_LISTED]:
        story.append(
            _bullet(
                f"Overdue by {due.days_late} days (due {due.due_on.isoformat()}): {due.promise}"
            )
        )
    return story


def _next_contacts(insights: AccountInsights) -> list[Flowable]:
    if not insights.next_contacts:
        return []
    story: list[Flowable] = [_heading("Next best contacts")]
    story += [_bullet(s.reason) for s in insights.next_contacts[:NEXT_CONTACTS]]
    return story
