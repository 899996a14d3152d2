"""The account plan in its two versions: internal, and customer-safe (a joint plan).

Both are a cover page followed by sections in the order a planning session runs; each
section is a builder ``(context, key, title) -> flowables``. The customer-safe plan is built
from data that ``redaction.redact_for_customer`` has already stripped, with its own choice of
sections and words addressed to the customer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from keyplan.domain.plan_vocabulary import PeopleShown
from keyplan.reports.document import (
    LANDSCAPE,
    PORTRAIT,
    ContentsEntry,
    ContentsPage,
    DocumentInfo,
    LaidOutDocument,
)
from keyplan.reports.insights import sections_insights as insights
from keyplan.reports.map.stakeholder_map import map_orientation, map_section
from keyplan.reports.names import plain_team_names
from keyplan.reports.plan import sections_business as business
from keyplan.reports.plan import sections_history as history
from keyplan.reports.plan import sections_people as people
from keyplan.reports.plan import sections_plan as work
from keyplan.reports.plan.context import Context
from keyplan.reports.plan.outline import CUSTOMER_OUTLINE, customer_sections
from keyplan.reports.plan.redaction import redact_for_customer
from keyplan.reports.styles import ACCENT, styles
from keyplan.reports.tables import key_values
from keyplan.reports.text import escape, para
from keyplan.reports.views import sections as views
from keyplan.store.plan.queries import PlanData

INTERNAL_LABEL = "Internal — confidential"
JOINT_PROMISE = "Our understanding of your objectives, what we will do together, what we promised"
Builder = Callable[[Context, str, str], list[Flowable]]


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    build: Builder
    landscape: bool = False
    new_page: bool = False
    # Decides the orientation from the content (the map: whichever prints it larger).
    orientation: Callable[[Context], str] | None = None


INTERNAL_SECTIONS = (
    Section("business", "Customer business", business.customer_business, new_page=True),
    Section("position", "Our position", business.our_position, new_page=True),
    Section("map", "Stakeholder map", map_section, new_page=True, orientation=map_orientation),
    Section("stakeholders", "Stakeholders", people.stakeholders, landscape=True, new_page=True),
    Section("changes", "What changed since the last review", history.what_changed),
    Section("power_interest", "Power / interest", views.power_interest),
    Section("opportunities", "Opportunities", work.opportunities, new_page=True),
    Section("buying_centre", "Buying centre", views.buying_centre),
    Section("competitors", "Competitors", work.competitors),
    Section("risks", "Risks", work.risks),
    Section("objectives", "Objectives", work.objectives),
    Section("actions", "Action plan", work.actions),
    Section("commitments", "Commitments", work.commitments),
    Section("governance", "Governance", people.governance),
    Section("team_matrix", "Team × stakeholder matrix", views.team_coverage, landscape=True),
    Section(
        "coverage",
        "Coverage and relationship health",
        insights.coverage_and_health,
        new_page=True,  # one page of its own, to hand round in an account review
    ),
)

_CUSTOMER_BUILDERS: dict[str, dict[str, Any]] = {
    # key -> how the section is built and laid out; the titles and order are CUSTOMER_OUTLINE's
    "business": {"build": business.customer_business, "new_page": True},
    "value": {"build": business.what_we_provide},
    "organisation": {"build": map_section, "new_page": True, "orientation": map_orientation},
    "people": {"build": people.people_we_work_with, "new_page": True},
    "together": {"build": work.what_we_will_do},
    "promised": {"build": work.what_we_promised},
    "working": {"build": people.working_together},
}
CUSTOMER_SECTIONS = tuple(
    Section(key, title, **_CUSTOMER_BUILDERS[key]) for key, title in CUSTOMER_OUTLINE
)


@dataclass(frozen=True, slots=True)
class BuiltDocument:
    """A story ready for ``KeyplanDocument.build_story``, with its metadata and contents."""

    info: DocumentInfo
    story: list[Flowable]
    contents: tuple[ContentsEntry, ...]
    # The story already laid out in memory (the brief lays it out to see that it fits a
    # page): written from there, not laid out again.
    laid_out: LaidOutDocument | None = None


def internal_plan(
    plan: PlanData,
    page_size: tuple[float, float],
    reading: insights.InsightsReading | None = None,
) -> BuiltDocument:
    """The full internal plan: cover, contents, every section (the insights from ``reading``)."""
    plan = plain_team_names(plan)
    ctx = Context(plan, page_size, internal=True, insights=reading)
    info = DocumentInfo(
        title=f"Account plan — {plan.name}",
        subject="Internal account plan",
        author=plan.director or "Keyplan",
        account_name=plan.name,
        label=INTERNAL_LABEL,
        printed_on=plan.today,
        page_size=page_size,
    )
    contents = tuple(ContentsEntry(s.title, s.key) for s in INTERNAL_SECTIONS)
    story = _cover(ctx, "Account plan", INTERNAL_LABEL)
    story += [PageBreak(), ContentsPage(contents)]
    story += _sections(ctx, INTERNAL_SECTIONS)
    return BuiltDocument(info, story, contents)


def customer_plan(
    plan: PlanData,
    page_size: tuple[float, float],
    people_shown: PeopleShown | str = PeopleShown.WORKED,
) -> BuiltDocument:
    """The joint plan for the customer: only what ``CUSTOMER_SAFE_FIELDS`` includes.

    ``people_shown``: "worked" lists only the people we work with, "all" everyone present.
    Sections with nothing to say are left out (``outline.customer_sections``).
    """
    safe = redact_for_customer(plain_team_names(plan), people_shown)
    shown = {key for key, _title in customer_sections(safe)}
    sections = tuple(s for s in CUSTOMER_SECTIONS if s.key in shown)
    ctx = Context(safe, page_size, internal=False)
    label = f"Prepared for {safe.name}"
    info = DocumentInfo(
        title=f"Joint account plan — {safe.name}",
        subject=JOINT_PROMISE,
        author=safe.director or "Keyplan",
        account_name=safe.name,
        label=label,
        printed_on=safe.today,
        page_size=page_size,
    )
    contents = tuple(ContentsEntry(s.title, s.key) for s in sections)
    story = _cover(ctx, "Joint account plan", label, JOINT_PROMISE, styles().cover_note)
    story += [PageBreak(), ContentsPage(contents)]
    story += _sections(ctx, sections)
    return BuiltDocument(info, story, contents)


def _cover(
    ctx: Context,
    kind: str,
    label: str,
    promise: str | None = None,
    label_style: ParagraphStyle | None = None,
) -> list[Flowable]:
    style_set = styles()
    plan = ctx.plan
    facts: list[tuple[str, object]] = [
        ("Account director", plan.director),
        ("Date", plan.today),
    ]
    if plan.affiliates:
        facts.append(("Affiliates", len(plan.affiliates)))
    story: list[Flowable] = [
        Spacer(1, ctx.page_size[1] * 0.18),
        HRFlowable(width="100%", thickness=4, color=ACCENT, spaceAfter=18),
        para(plan.name, style_set.cover_title),
        Paragraph(escape(kind), style_set.cover_subtitle),
    ]
    if promise:
        story += [Spacer(1, 6), Paragraph(escape(promise), style_set.body)]
    story += [
        Spacer(1, 36),
        key_values(facts, ctx.width * 0.7),
        Spacer(1, 60),
        para(label, label_style or style_set.cover_label),
    ]
    return story


def _sections(ctx: Context, sections: Sequence[Section]) -> list[Flowable]:
    """Every section, with page breaks where the orientation changes or a section asks."""
    story: list[Flowable] = []
    orientation = PORTRAIT
    for section in sections:
        wanted = LANDSCAPE if section.landscape else PORTRAIT
        if section.orientation is not None:
            wanted = section.orientation(ctx)
        if wanted != orientation:
            story += [NextPageTemplate(wanted), PageBreak()]
            orientation = wanted
        elif section.new_page:
            story.append(PageBreak())
        else:
            story.append(CondPageBreak(ctx.page_size[1] * 0.2))
        story += section.build(ctx, section.key, section.title)
    return story
