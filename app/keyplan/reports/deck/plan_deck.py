"""The internal and the customer-safe plan as decks: a title slide, then a slide (or a few)
per plan section, in the order and with the titles of the PDF.

The customer-safe deck is built from the same redacted data as the customer-safe PDF
(``redaction.redact_for_customer``: one table of what is left out) and shows the same sections
(``outline.customer_sections``), so the two can never disagree about what the customer sees.
"""

from __future__ import annotations

from collections.abc import Callable

from pptx import Presentation

from keyplan.domain.money import format_totals, money_totals, weighted_amount
from keyplan.domain.vocabulary import (
    CommitmentStatus,
    EngagementRule,
    InfluenceKind,
    OpportunityStage,
    OpportunityStatus,
    PeopleShown,
    Rating,
    RiskStatus,
    TeamRole,
    WhitespaceStatus,
    WorkStatus,
)
from keyplan.reports.deck.map_slides import map_slides
from keyplan.reports.deck.slides import (
    BODY_TOP,
    BODY_WIDTH,
    MARGIN,
    MUTED,
    Column,
    DeckFrame,
    TableSlides,
    add_table_slides,
    add_text,
    add_title_slide,
    labelled_slides,
    new_presentation,
)
from keyplan.reports.names import plain_team_names
from keyplan.reports.plan.context import Context, label_of, money, vocab
from keyplan.reports.plan.outline import customer_sections
from keyplan.reports.plan.redaction import redact_for_customer
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import CommitmentRow, PlanData

INTERNAL_LABEL = "Internal — confidential"
A4 = (595.27, 841.89)  # the map's layout works in points; the page size only sets frames
BUSINESS_FIELDS = (
    ("mission", "Mission"),
    ("vision", "Vision"),
    ("values", "Values"),
    ("history", "History"),
    ("current_objectives", "Current objectives"),
    ("strategy", "Strategy"),
    ("resources", "Resources"),
    ("structures", "Structures"),
    ("systems", "Systems"),
    ("skills", "Skills"),
    ("business_drivers", "Business plans that change their needs"),
    ("cost_quality_issues", "Cost and quality"),
)
_RANK = {Rating.HIGH.value: 3, Rating.MEDIUM.value: 2, Rating.LOW.value: 1}

Builder = Callable[[Presentation, DeckFrame, Context, str], None]


def text(value: object) -> str:
    """A value as a cell shows it; nothing is an empty cell, never a placeholder."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)


def internal_deck(plan: PlanData, reading=None) -> Presentation:
    """The internal plan: every section the internal PDF has."""
    plan = plain_team_names(plan)
    ctx = Context(plan, A4, internal=True, insights=reading)
    deck = new_presentation()
    frame = DeckFrame(f"{plan.name} · {plan.today.isoformat()} · {INTERNAL_LABEL}")
    _title(deck, plan, "Account plan", INTERNAL_LABEL)
    for title, build in INTERNAL_SLIDES:
        build(deck, frame, ctx, title)
    return deck


def customer_deck(plan: PlanData, people_shown: PeopleShown | str = PeopleShown.WORKED):
    """The joint plan for the customer: the redacted data, the customer PDF's sections."""
    safe = redact_for_customer(plain_team_names(plan), people_shown)
    ctx = Context(safe, A4, internal=False)
    deck = new_presentation()
    label = f"Prepared for {safe.name}"
    frame = DeckFrame(f"{safe.name} · {safe.today.isoformat()} · {label}")
    _title(deck, safe, "Joint account plan", label)
    for key, title in customer_sections(safe):
        CUSTOMER_SLIDES[key](deck, frame, ctx, title)
    return deck


def _title(deck: Presentation, plan: PlanData, kind: str, label: str) -> None:
    facts = [("Account director", plan.director or ""), ("Date", plan.today.isoformat())]
    if plan.affiliates:
        facts.append(("Affiliates", str(len(plan.affiliates))))
    add_title_slide(deck, plan.name, kind, facts, label)


# ---- the business ----------------------------------------------------------------------


def _business(deck, frame, ctx: Context, title: str) -> None:
    account = ctx.plan.account
    facts = [
        ("Industry", account.get("industry")),
        (
            "Region / country",
            " / ".join(v for v in (account.get("region"), account.get("country")) if v),
        ),
        ("Website", account.get("website")),
        ("Affiliates", ", ".join(a.name for a in ctx.plan.affiliates)),
    ]
    fields = [(label, account.get(field)) for field, label in BUSINESS_FIELDS]
    items = [(label, text(value)) for label, value in facts + fields]
    if ctx.internal:  # our own readers see the gaps to fill
        missing = [label for label, value in fields if not (value and str(value).strip())]
        notes = "Not recorded yet: " + ", ".join(missing) if missing else ""
    else:
        notes = ""
    labelled_slides(deck, frame, title, items, ("Topic", "What we know"), notes)


def _position(deck, frame, ctx: Context, title: str) -> None:
    account = ctx.plan.account
    revenue, potential = account.get("annual_revenue"), account.get("potential")
    share = f"{revenue / potential:.0%}" if revenue is not None and potential else ""
    open_deals = [o for o in ctx.plan.opportunities if o.status == OpportunityStatus.OPEN.value]
    pipeline = money_totals(((o.value, o.currency) for o in open_deals), ctx.currency)
    installed = sorted(
        {(c.department, c.offering_id) for c in ctx.plan.whitespace if c.status == "installed"}
    )
    offerings = {o.id: o.name for o in ctx.plan.offerings}
    items = [
        ("Value proposition", text(account.get("value_proposition"))),
        ("Annual revenue with us", money(revenue, ctx.currency) if revenue is not None else ""),
        ("Potential (wallet)", money(potential, ctx.currency) if potential is not None else ""),
        ("Share of wallet", share),
        ("Open pipeline", format_totals(pipeline, ctx.currency)),
        ("What we supply", ", ".join(f"{d}: {offerings.get(o, '')}" for d, o in installed)),
    ]
    labelled_slides(
        deck, frame, title, items, ("Topic", "Where we stand"), text(account.get("notes"))
    )
    _whitespace(deck, frame, ctx)


def _whitespace(deck, frame, ctx: Context) -> None:
    """Every department × offering cell we know something about, with its status."""
    offerings = {o.id: o.name for o in ctx.plan.offerings}
    companies = {a.id: a.name for a in ctx.plan.affiliates}
    cells = sorted(
        ctx.plan.whitespace,
        key=lambda c: (c.department.casefold(), offerings.get(c.offering_id, "").casefold()),
    )
    rows = [
        [
            c.department,
            offerings.get(c.offering_id, ""),
            vocab(WhitespaceStatus, c.status),
            companies.get(c.account_id or 0, ctx.plan.name),
        ]
        for c in cells
    ]
    if rows:
        columns = [
            Column("Department", 1.2),
            Column("Offering", 1.4),
            Column("Status", 1.2),
            Column("Company", 1.4),
        ]
        add_table_slides(deck, frame, TableSlides("Whitespace", columns, rows))


def _what_we_bring(deck, frame, ctx: Context, title: str) -> None:
    offerings = {o.id: o.name for o in ctx.plan.offerings}
    rows = sorted(
        {(c.department, offerings.get(c.offering_id, "")) for c in ctx.plan.whitespace},
        key=lambda row: (row[0].casefold(), row[1].casefold()),
    )
    proposition = text(ctx.plan.account.get("value_proposition")).strip()
    if rows:
        table = TableSlides(
            title,
            [Column("Department", 1.0), Column("Our offering", 1.3)],
            [list(row) for row in rows],
            intro=proposition,
        )
        add_table_slides(deck, frame, table)
    else:
        items = [("Our value proposition", proposition)]
        labelled_slides(deck, frame, title, items, ("Topic", "What we bring"))


# ---- people ----------------------------------------------------------------------------


def _sort_key(person: PersonRow) -> tuple:
    return ((person["department"] or "~").casefold(), person["full_name"].casefold())


def _stakeholders(deck, frame, ctx: Context, title: str) -> None:
    people = sorted(ctx.present_people, key=_sort_key)
    rows = [
        [
            p["full_name"],
            text(p["job_title"]),
            text(p["department"]),
            label_of("level", p["level"]),
            label_of("stance", p["stance"]),
            label_of("influence", p["influence"]),
            label_of("buying_role", p["buying_role"]),
            label_of("strength", p["strength"]),
            ", ".join(p.owners),
            text(p.last_contact),
        ]
        for p in people
    ]
    columns = [
        Column("Name", 1.5),
        Column("Title", 1.5),
        Column("Department", 1.1),
        Column("Level", 0.9),
        Column("Stance", 0.9),
        Column("Influence", 0.8),
        Column("Buying role", 1.0),
        Column("Relationship", 0.9),
        Column("Owner(s)", 1.1),
        Column("Last contact", 0.9),
    ]
    notes = "\n".join(_person_detail(p) for p in people if _person_detail(p))
    add_table_slides(deck, frame, TableSlides(title, columns, rows, notes=notes, size=9.5))
    names = {p.id: p["full_name"] for p in ctx.plan.people}
    lines = [
        [
            names.get(line.from_id, ""),
            vocab(InfluenceKind, line.kind),
            names.get(line.to_id, ""),
            "●" * line.strength,
            text(line.note),
        ]
        for line in ctx.plan.influence_lines
    ]
    if lines:
        columns = [
            Column("From", 1.2),
            Column("Line", 0.9),
            Column("To", 1.2),
            Column("Strength", 0.6),
            Column("Note", 2.6),
        ]
        add_table_slides(deck, frame, TableSlides("Informal lines", columns, lines))


def _person_detail(person: PersonRow) -> str:
    parts = [
        ("cares about", person["priorities"]),
        ("major challenge", person["major_challenge"]),
        ("personality", person["personality_notes"]),
        ("interests", person["personal_interests"]),
    ]
    shown = "; ".join(f"{label}: {value}" for label, value in parts if value)
    return f"{person['full_name']}: {shown}" if shown else ""


def _people_we_work_with(deck, frame, ctx: Context, title: str) -> None:
    people = sorted(ctx.present_people, key=_sort_key)
    rows = [
        [p["full_name"], text(p["job_title"]), text(p["department"]), ", ".join(p.owners)]
        for p in people
    ]
    columns = [
        Column("Name", 1.3),
        Column("Title", 1.5),
        Column("Department", 1.1),
        Column("Your contact with us", 1.3),
    ]
    add_table_slides(deck, frame, TableSlides(title, columns, rows))


# ---- the plan's work items --------------------------------------------------------------


def _opportunities(deck, frame, ctx: Context, title: str) -> None:
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


def _competitors(deck, frame, ctx: Context, title: str) -> None:
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


def _risks(deck, frame, ctx: Context, title: str) -> None:
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


def _objectives(deck, frame, ctx: Context, title: str) -> None:
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


def _actions(deck, frame, ctx: Context, title: str) -> None:
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


def _commitments(deck, frame, ctx: Context, title: str) -> None:
    from keyplan.reports.plan.sections_plan import promise_summary

    rows_in = ctx.plan.commitments
    caption = promise_summary(rows_in) if rows_in else ""
    table = TableSlides(
        title, _commitment_columns(True), _commitment_rows(rows_in, True), caption=caption
    )
    _table_or_nothing(deck, frame, table, "commitments")


def _promises(deck, frame, ctx: Context, title: str, still_open: bool) -> None:
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


def _governance(deck, frame, ctx: Context, title: str) -> None:
    _review_and_team(deck, frame, ctx, title, "Account team")
    rows = [
        [
            o.member_name,
            vocab(TeamRole, o.member_role),
            o.person_name,
            vocab(EngagementRule, o.rule),
        ]
        for o in ctx.plan.owners
    ]
    columns = [
        Column("Team member", 1.2),
        Column("Role", 1.0),
        Column("Owns the relationship with", 1.5),
        Column("Rule of engagement", 1.3),
    ]
    if rows:
        add_table_slides(
            deck, frame, TableSlides("Relationship owners and rules of engagement", columns, rows)
        )


def _review_and_team(deck, frame, ctx: Context, title: str, team_heading: str) -> None:
    from datetime import timedelta

    account = ctx.plan.account
    cadence, last = account.get("review_cadence_days"), account.get("last_review_on")
    next_review = last + timedelta(days=cadence) if cadence and last else None
    review = "; ".join(
        part
        for part in (
            f"every {cadence} days" if cadence else "",
            f"last {last.isoformat()}" if last else "",
            f"next {next_review.isoformat()}" if next_review else "",
        )
        if part
    )
    rows = [[m.name, vocab(TeamRole, m.role), text(m.email)] for m in ctx.plan.team]
    intro = f"Reviews {review}." if review else ""
    if not rows:
        labelled_slides(deck, frame, title, [("Reviews", review)], ("", team_heading))
        return
    columns = [Column(f"{team_heading}: name", 1.3), Column("Role", 1.2), Column("E-mail", 1.5)]
    add_table_slides(deck, frame, TableSlides(title, columns, rows, intro=intro))


def _coverage(deck, frame, ctx: Context, title: str) -> None:
    from keyplan.reports.insights.insights_text import (
        breadth_line,
        concentration_line,
        freshness_line,
        insights_text,
        promise_line,
    )

    reading = ctx.insights
    if reading is None:
        return
    insights = reading.insights
    items = [
        ("Health score", f"{insights.score.value}/100"),
        *((f"−{r.points_lost:.1f}", r.reason) for r in insights.score.reasons),
        ("Coverage", breadth_line(insights.coverage)),
        ("Concentration", concentration_line(insights.concentration)),
        ("Promises", promise_line(insights.promises.account)),
        ("Plan", freshness_line(insights.freshness)),
    ]
    team = {m.id: m.name for m in ctx.plan.team}
    notes = insights_text(insights, reading.people, team, affiliates=len(ctx.plan.affiliates))
    labelled_slides(deck, frame, title, items, ("", "Finding"), notes)


def _table_or_nothing(deck, frame, table: TableSlides, what: str) -> None:
    """A section with no rows still gets its slide (the internal plan shows the gap)."""
    if table.rows:
        add_table_slides(deck, frame, table)
    else:
        slide = frame.slide(deck, table.title)
        box = (MARGIN, BODY_TOP, BODY_WIDTH, 24)
        add_text(slide, box, f"No {what} recorded yet.", 14, colour=MUTED)


def _map(deck, frame, ctx: Context, title: str) -> None:
    map_slides(deck, frame, ctx, title)


INTERNAL_SLIDES: tuple[tuple[str, Builder], ...] = (
    ("Customer business", _business),
    ("Our position", _position),
    ("Stakeholder map", _map),
    ("Stakeholders", _stakeholders),
    ("Opportunities", _opportunities),
    ("Competitors", _competitors),
    ("Risks", _risks),
    ("Objectives", _objectives),
    ("Action plan", _actions),
    ("Commitments", _commitments),
    ("Governance", _governance),
    ("Coverage and relationship health", _coverage),
)

CUSTOMER_SLIDES: dict[str, Builder] = {
    "business": _business,
    "value": _what_we_bring,
    "organisation": _map,
    "people": _people_we_work_with,
    "together": lambda deck, frame, ctx, title: _promises(deck, frame, ctx, title, True),
    "promised": lambda deck, frame, ctx, title: _promises(deck, frame, ctx, title, False),
    "working": lambda deck, frame, ctx, title: _review_and_team(
        deck, frame, ctx, title, "Your team with us"
    ),
}
