"""Plan sections about the customer's business and our position in it."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from keyplan.domain.money import format_totals, money_totals
from keyplan.domain.plan_vocabulary import OpportunityStatus
from keyplan.reports.document import SectionHeading
from keyplan.reports.plan.context import Context, money
from keyplan.reports.plan.whitespace import company_grids, installed_where, whitespace_section
from keyplan.reports.styles import styles
from keyplan.reports.tables import Column, data_table, key_values
from keyplan.reports.text import escape, note_flowables

# (sub-heading, [(field, label), ...]) in the order a planning session walks through them.
BUSINESS_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Mission, vision and values",
        (("mission", "Mission"), ("vision", "Vision"), ("values", "Values")),
    ),
    ("History", (("history", ""),)),
    (
        "Current objectives and strategy",
        (("current_objectives", "Current objectives"), ("strategy", "Strategy")),
    ),
    (
        "Resources, structures, systems and skills",
        (
            ("resources", "Resources"),
            ("structures", "Structures"),
            ("systems", "Systems"),
            ("skills", "Skills"),
        ),
    ),
    ("Business plans that change their needs", (("business_drivers", ""),)),
    ("Cost and quality", (("cost_quality_issues", ""),)),
)
NOT_RECORDED = "Not recorded yet."


def customer_business(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Facts of the account, then what we know of their business, group by group.

    Internal plans show empty fields as gaps to fill; the customer-safe plan skips them.
    """
    account = ctx.plan.account
    story: list[Flowable] = [SectionHeading(title, key), *_facts(ctx)]
    for heading, fields in BUSINESS_GROUPS:
        texts = [(label, account.get(field)) for field, label in fields]
        if not ctx.internal and not any(text and text.strip() for _l, text in texts):
            continue
        story.append(Paragraph(escape(heading), styles().h2))
        for label, text in texts:
            if not ctx.internal and not (text and text.strip()):
                continue
            if label:
                story.append(Paragraph(escape(label), styles().h3))
            story.extend(note_flowables(text, empty=NOT_RECORDED))
    return story


def _facts(ctx: Context) -> list[Flowable]:
    account = ctx.plan.account
    pairs: list[tuple[str, object]] = [
        ("Industry", account.get("industry")),
        (
            "Region / country",
            " / ".join(v for v in (account.get("region"), account.get("country")) if v) or None,
        ),
        ("Website", account.get("website")),
    ]
    if not ctx.internal:  # no "—" for what we do not know in a document the customer reads
        pairs = [(label, value) for label, value in pairs if value]
    if ctx.plan.affiliates:
        names = ", ".join(a.name for a in ctx.plan.affiliates)
        pairs.append(("Affiliates", names))
    return [key_values(pairs, ctx.width)] if pairs else []


def our_position(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Value proposition, revenue and potential, share of wallet, and the whitespace grid."""
    account = ctx.plan.account
    story: list[Flowable] = [SectionHeading(title, key)]
    story.append(Paragraph("Value proposition", styles().h2))
    story.extend(note_flowables(account.get("value_proposition"), empty=NOT_RECORDED))
    story.append(Paragraph("Revenue and potential", styles().h2))
    story.append(key_values(_figures(ctx), ctx.width))
    story.append(Paragraph("Whitespace", styles().h2))
    story.extend(whitespace_section(ctx))
    if account.get("notes"):
        story.append(Paragraph("Internal notes", styles().h2))
        story.extend(note_flowables(account["notes"]))
    return story


def _figures(ctx: Context) -> list[tuple[str, object]]:
    account = ctx.plan.account
    revenue, potential = account.get("annual_revenue"), account.get("potential")
    share = f"{revenue / potential:.0%}" if revenue is not None and potential else None
    open_value = money_totals(
        (
            (o.value, o.currency)
            for o in ctx.plan.opportunities
            if o.status == OpportunityStatus.OPEN.value
        ),
        ctx.currency,
    )
    return [
        ("Annual revenue with us", money(revenue, ctx.currency)),
        ("Potential (wallet)", money(potential, ctx.currency)),
        ("Share of wallet", share),
        ("Open pipeline", format_totals(open_value, ctx.currency)),
    ]


def what_we_provide(ctx: Context, key: str, title: str) -> list[Flowable]:
    """Customer-safe: the value we bring and the offerings each department already uses."""
    story: list[Flowable] = [SectionHeading(title, key)]
    proposition = ctx.plan.account.get("value_proposition")
    if proposition and proposition.strip():
        story.append(Paragraph("Our value proposition", styles().h2))
        story.extend(note_flowables(proposition))
    installed = installed_where(ctx.plan)  # the plan is already reduced to what is installed
    if not installed:
        return story  # a customer document prints no "nothing recorded" lines
    story.append(Paragraph("What we provide today", styles().h2))
    with_where = len(company_grids(ctx.plan)) > 1
    rows = []
    for department in sorted(installed, key=str.casefold):
        for offering in sorted(installed[department], key=str.casefold):
            where = ", ".join(installed[department][offering])
            rows.append([department, offering, where] if with_where else [department, offering])
    columns = [Column("Department", 1), Column("Our offering", 1.3)]
    if with_where:
        columns.append(Column("Where", 2))
    story.append(data_table(columns, rows, ctx.width))
    return story
