"""The internal and the customer-safe plan as decks: a title slide, then a slide (or a few)
per plan section, in the order and with the titles of the PDF.

The customer-safe deck is built from the same redacted data as the customer-safe PDF
(``redaction.redact_for_customer``: one table of what is left out) and shows the same sections
(``outline.customer_sections``), so the two can never disagree about what the customer sees.
"""

from __future__ import annotations

from collections.abc import Callable

from pptx import Presentation

from keyplan.domain.money import format_totals, money_totals
from keyplan.domain.plan_vocabulary import (
    EngagementRule,
    InfluenceKind,
    OpportunityStatus,
    PeopleShown,
    TeamRole,
    WhitespaceStatus,
)
from keyplan.reports.deck import work_slides as work
from keyplan.reports.deck.map_slides import map_slides
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
from keyplan.reports.names import plain_team_names
from keyplan.reports.plan.context import Context, label_of, money, vocab
from keyplan.reports.plan.outline import customer_sections
from keyplan.reports.plan.redaction import redact_for_customer
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import PlanData

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

Builder = Callable[[Presentation, DeckFrame, Context, str], None]


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
    details = [_person_detail(p) for p in people]
    add_table_slides(deck, frame, TableSlides(title, columns, rows, size=9.5, row_notes=details))
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


def _map(deck, frame, ctx: Context, title: str) -> None:
    map_slides(deck, frame, ctx, title)


INTERNAL_SLIDES: tuple[tuple[str, Builder], ...] = (
    ("Customer business", _business),
    ("Our position", _position),
    ("Stakeholder map", _map),
    ("Stakeholders", _stakeholders),
    ("Opportunities", work.opportunities),
    ("Competitors", work.competitors),
    ("Risks", work.risks),
    ("Objectives", work.objectives),
    ("Action plan", work.actions),
    ("Commitments", work.commitments),
    ("Governance", _governance),
    ("Coverage and relationship health", _coverage),
)

CUSTOMER_SLIDES: dict[str, Builder] = {
    "business": _business,
    "value": _what_we_bring,
    "organisation": _map,
    "people": _people_we_work_with,
    "together": lambda deck, frame, ctx, title: work.promises(deck, frame, ctx, title, True),
    "promised": lambda deck, frame, ctx, title: work.promises(deck, frame, ctx, title, False),
    "working": lambda deck, frame, ctx, title: _review_and_team(
        deck, frame, ctx, title, "Your team with us"
    ),
}
