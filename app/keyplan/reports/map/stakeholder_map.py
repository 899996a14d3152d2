"""The stakeholder map on paper: the one drawing description drawn as vector graphics.

The cards, lines and legend come from ``keyplan.domain.map.draw_map`` (the same drawing as the
SVG and PNG exports), laid out by ``layout_org_chart`` with the screen's card size. A name is
14 units at full size and no page prints below ``MIN_SCALE``, so no name on a map page is
smaller than 7.5 pt: about where printed labels stop being comfortable to read at arm's length
across a meeting table (our page footers are 7.5 pt).

The whole chart prints on one page whenever it fits at that size, in landscape or portrait
(whichever prints it larger), with the screen's spacing or with small teams stacked in columns.
Only a chart that cannot is split along reporting lines (``pages``): a one-page overview of the
whole organisation first (names as large as the page allows), then the top of the chart, then
a page per large team, each starting with its manager. No card is ever cut by a page edge.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from keyplan.domain.evidence import EvidenceFacts, claimed_ratings, person_doubts
from keyplan.domain.layout import CardSpec, OrgChartLayout
from keyplan.domain.map import looks
from keyplan.domain.map.drawing import (
    NAME_SIZE,
    NOTE_HEIGHT,
    LineFacts,
    PersonFacts,
    draw_map,
    lay_out,
    layout_order,
    legend,
)
from keyplan.domain.map.marks import contact_mark, owner_mark
from keyplan.domain.map.shapes import MapDrawing
from keyplan.domain.map.team_columns import team_columns_layout
from keyplan.reports.document import LANDSCAPE, PORTRAIT, SectionHeading
from keyplan.reports.map.legend import MapLegend
from keyplan.reports.map.map_flowables import CAPTION_HEIGHT, MapPageFlowable, MapTile
from keyplan.reports.map.pages import ChartPage, ChartSplitter, PageRoom
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import FOOTER_HEIGHT, MARGIN, styles
from keyplan.store.people.queries import PersonRow

MIN_NAME_SIZE = 7.5  # points on paper: see the module docstring
MIN_SCALE = MIN_NAME_SIZE / NAME_SIZE  # 0.58: every text on a card shrinks together
MAX_SCALE = 0.9  # a small chart is not blown up beyond what reads comfortably
SAFETY = 4.0  # points kept free on each page against rounding in the flow
# No more cards than this fit one page with names at 7.5 pt: larger charts skip the compact
# layouts (a card then takes about 115 × 48 pt of a 740 × 360 pt landscape frame).
COMPACT_LIMIT = 80
STACKED = replace(looks.LAYOUT_OPTIONS, stack_threshold=2, stack_columns_max=2)
OVERVIEW_CAPTION = "Overview of the whole organisation: each team follows on its own page"


@dataclass(frozen=True, slots=True)
class MapModel:
    """What the map draws: the people's and lines' facts, and the reporting tree."""

    people: tuple[PersonFacts, ...]
    lines: tuple[LineFacts, ...]
    internal: bool
    order: tuple[int, ...]
    manager_of: dict[int, int | None]
    dotted: tuple[tuple[int, int], ...] = ()  # (person, dotted-line manager): drawn, not laid out

    @property
    def by_id(self) -> dict[int, PersonFacts]:
        return {p.id: p for p in self.people}

    def drawing(
        self, layout: OrgChartLayout, notes: dict[int, str] | None = None, *, lines: bool = True
    ) -> MapDrawing:
        return draw_map(self.people, self.lines if lines else (), internal=self.internal,
                        layout=layout, notes=notes,
                        dotted=self.dotted if lines else ())  # fmt: skip


@dataclass(frozen=True, slots=True)
class MapPlan:
    """How the map prints: the orientation, and the whole chart's layout and scale."""

    model: MapModel
    orientation: str
    layout: OrgChartLayout
    scale: float

    @property
    def one_page(self) -> bool:
        return self.scale >= MIN_SCALE


def build_map(ctx: Context) -> MapModel:
    """The present people of the plan, its open positions and their lines, as the drawing's
    facts. Dotted lines are drawn on customer-safe maps too: they are the customer's structure."""
    people = (*ctx.present_people, *ctx.plan.vacancies)
    present = {p.id for p in people}
    managers = {p.id: p["reports_to_id"] for p in (*ctx.plan.people, *ctx.plan.vacancies)}
    # What each person's ratings rest on, grouped once (a map of thousands asks per card).
    evidence: dict[int, list[EvidenceFacts]] = {}
    for item in ctx.plan.evidence:
        evidence.setdefault(item.person_id, []).append(item)
    facts = [
        _facts(p, _nearest_present_manager(p.id, managers, present), ctx, evidence.get(p.id, ()))
        for p in people
    ]
    lines = tuple(
        LineFacts(line.from_id, line.to_id, line.kind, line.strength or 1)
        for line in ctx.plan.influence_lines
        if line.from_id in present and line.to_id in present
    )
    ordered = layout_order(facts)
    return MapModel(
        tuple(facts),
        lines if ctx.internal else (),
        ctx.internal,
        order=tuple(p.id for p in ordered),
        manager_of={p.id: p.manager_id for p in facts},
        dotted=tuple(
            (report, manager)
            for report, manager in ctx.plan.dotted_lines
            if report in present and manager in present
        ),
    )


def _facts(
    person: PersonRow, manager: int | None, ctx: Context, evidence: Sequence[EvidenceFacts]
) -> PersonFacts:
    title, department = person["job_title"] or "", person["department"] or ""
    if person.is_vacancy:  # an open position: a dashed seat, whatever the map
        return PersonFacts(person.id, manager, person["full_name"], title, department,
                           level=person["level"], manual_position=person.map_position,
                           is_vacancy=True, vacancy_note=person.vacancy_note)  # fmt: skip
    if not ctx.internal:
        return PersonFacts(person.id, manager, person["full_name"], title, department,
                           level=person["level"], manual_position=person.map_position)  # fmt: skip
    strength = person["strength"] or 0
    return PersonFacts(
        id=person.id,
        manager_id=manager,
        full_name=person["full_name"],
        job_title=title,
        department=department,
        level=person["level"],
        stance=person["stance"] or "unknown",
        buying_role=person["buying_role"] or "",
        influence=person["influence"],
        strength=strength,
        owner=owner_mark(tuple(person.owners)),
        contact=contact_mark(
            has_left=False,
            strength=strength,
            owned=bool(person.owners),
            contact_days=person["contact_frequency_days"],
            buying_role=person["buying_role"] or "",
            influence=person["influence"],
            last_contact=person.last_contact,
            today=ctx.plan.today,
        ),
        manual_position=person.map_position,
        uncertain=_uncertain(ctx, person, evidence),
    )


def _uncertain(
    ctx: Context, person: PersonRow, evidence: Sequence[EvidenceFacts]
) -> tuple[str, ...]:
    """The person's ratings without recent evidence (the internal map's dashed cards)."""
    claimed = claimed_ratings(
        stance=person["stance"],
        influence=person["influence"],
        buying_role=person["buying_role"],
        strength=person["strength"],
    )
    cadence = ctx.plan.cadences.get(person.account_id)
    doubts = person_doubts(claimed, evidence, cadence, ctx.plan.today)
    return tuple(doubt.rating for doubt in doubts)


def _nearest_present_manager(
    person_id: int, managers: dict[int, int | None], present: set[int]
) -> int | None:
    """The manager, or the first manager up the chain still at the company (cycle-safe)."""
    seen = {person_id}
    current = managers.get(person_id)
    while current is not None and current not in present and current not in seen:
        seen.add(current)
        current = managers.get(current)
    return current if current in present else None


# ---- how the map prints: one page if it can --------------------------------------------------


def plan_map(ctx: Context) -> MapPlan:
    """The orientation and layout that print the whole chart largest (see the docstring)."""
    model = build_map(ctx)
    frames = []
    for orientation in (LANDSCAPE, PORTRAIT):
        width, height = _frame(ctx, orientation)
        frames.append((orientation, width, height - _header_height(model.internal, width)))
    return plan_in_frames(model, frames)


def plan_in_frames(model: MapModel, frames: Sequence[tuple[str, float, float]]) -> MapPlan:
    """The layout and frame that show the whole chart largest: the first layout (the screen's
    tree first, then stacked teams, then team columns) that reads on one frame at
    ``MIN_SCALE`` or more, else the tree at its largest. ``frames``: (name, width, height) of
    the room each choice offers the chart (the PDF's page orientations; a deck's slide)."""
    if not model.people:
        return MapPlan(model, frames[0][0], lay_out([]), 1.0)
    screen = lay_out(model.people)
    others = [lay_out(model.people, STACKED), *_compact(model)]
    # Hand-placed cards keep their place in the screen's layout and may land on cards the
    # denser layouts moved: such a layout is not used.
    stacked, *compact = others
    trees = [screen] + ([stacked] if not _overlapping(stacked) else [])
    layouts = [*trees, *(layout for layout in compact if not _overlapping(layout))]
    # The first layout (in the order above: the screen's tree first) that prints readably on
    # one page wins, in the orientation that prints it larger; if none does, the largest.
    best: MapPlan | None = None
    for layout in layouts:
        for orientation, width, height in frames:
            scale = _fit_scale(layout, width, height)
            if best is None or scale > best.scale + 1e-6:
                best = MapPlan(model, orientation, layout, scale)
        if best is not None and best.one_page:
            return best
    # Split over pages: the overview shows the organisation as a tree, as the screen does.
    best = None
    for layout in trees:
        for orientation, width, height in frames:
            scale = _fit_scale(layout, width, height)
            if best is None or scale > best.scale + 1e-6:
                best = MapPlan(model, orientation, layout, scale)
    assert best is not None
    return best


def _compact(model: MapModel) -> list[OrgChartLayout]:
    """Team-column layouts (``team_columns``) for a chart small enough to fit one page."""
    if len(model.people) > COMPACT_LIMIT:
        return []
    specs = [
        CardSpec(p, model.manager_of[p], looks.CARD_WIDTH, looks.CARD_HEIGHT) for p in model.order
    ]
    options = replace(looks.LAYOUT_OPTIONS, level_gap=40.0)
    return [
        team_columns_layout(specs, options, rows, tree_levels=levels)
        for levels in (1, 2)
        for rows in range(2, 13)
    ]


def _overlapping(layout: OrgChartLayout) -> bool:
    """Whether two cards overlap (a sweep from left to right over the cards)."""
    boxes = sorted(layout.boxes.values(), key=lambda box: box.x)
    active: list = []
    for box in boxes:
        active = [other for other in active if other.right > box.x + 0.01]
        if any(other.y < box.bottom - 0.01 and box.y < other.bottom - 0.01 for other in active):
            return True
        active.append(box)
    return False


def map_orientation(ctx: Context) -> str:
    """The map section's page orientation (``plan_map``)."""
    return ctx.map_plan.orientation


def _frame(ctx: Context, orientation: str) -> tuple[float, float]:
    if orientation == LANDSCAPE:
        return ctx.landscape_frame
    page_width, page_height = ctx.page_size
    return page_width - 2 * MARGIN, page_height - 2 * MARGIN - FOOTER_HEIGHT


def _header_height(internal: bool, width: float) -> float:
    heading = SectionHeading("Stakeholder map", "map")
    return _height_of([heading, MapLegend(legend(internal), width)], width) + 6 + SAFETY


def _fit_scale(layout: OrgChartLayout, width: float, height: float) -> float:
    bounds = layout.bounds
    if bounds.width <= 0 or bounds.height <= 0:
        return MAX_SCALE
    return min(width / bounds.width, height / bounds.height, MAX_SCALE)


def map_section(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The map section: the whole chart when it reads on one page, else an overview and then
    pages that follow the reporting lines.

    The first team page holds the top of the organisation; each manager whose team did not fit
    carries a note with the page where the team continues, and that page starts with them.
    """
    plan = ctx.map_plan
    model = plan.model
    width, height = _frame(ctx, plan.orientation)
    heading, key_to_marks = SectionHeading(title, key), MapLegend(legend(ctx.internal), width)
    story: list[Flowable] = [heading, key_to_marks, Spacer(1, 6)]
    if not model.people:
        return [*story, Paragraph("No people recorded yet.", styles().muted)]
    if plan.one_page:
        return [*story, MapTile(model.drawing(plan.layout), plan.scale)]
    # The overview: the whole organisation on this page, as large as it fits.
    used = _header_height(model.internal, width) + CAPTION_HEIGHT
    overview_scale = _fit_scale(plan.layout, width, height - used)
    # The overview shows the organisation's shape: its lines are on the team pages, legibly.
    whole = model.drawing(plan.layout, lines=False)
    story.append(MapTile(whole, overview_scale, caption=OVERVIEW_CAPTION, detail=False))
    page_legend = MapLegend(legend(ctx.internal), width, compact=True)
    legend_height = _height_of([page_legend], width)
    room = PageRoom(width, height - CAPTION_HEIGHT - legend_height - SAFETY, MIN_SCALE)
    pages = split_into_pages(model, room, room)
    for index, page in enumerate(pages):
        story += [PageBreak(), page_legend]
        story.append(MapPageFlowable(model, page, index, _caption(ctx, model, page)))
    return story


def split_into_pages(model: MapModel, first: PageRoom, other: PageRoom) -> list[ChartPage]:
    """The map's pages (see ``pages``), with cards of the drawing's size."""
    splitter = ChartSplitter(
        model.order, model.manager_of, (looks.CARD_WIDTH, looks.CARD_HEIGHT), NOTE_HEIGHT
    )
    return splitter.plan(first, other)


def _caption(ctx: Context, model: MapModel, page: ChartPage) -> str:
    """ "Team of Marcus Feld, COO · reports to Henrik Dahlgren"; "Top of the chart"."""
    if page.manager is None:
        return "Top of the chart" + (f" ({page.chunk} of {page.chunks})" if page.chunks > 1 else "")
    person = ctx.people_by_id[page.manager]
    text = f"Team of {person['full_name']}"
    if person["job_title"]:
        text += f", {person['job_title']}"
    boss = model.manager_of.get(page.manager)
    if boss is not None:
        text += f" \u00b7 reports to {ctx.people_by_id[boss]['full_name']}"
    if page.chunks > 1:
        text += f" ({page.chunk} of {page.chunks})"
    return text


def _height_of(flowables: Sequence[Flowable], width: float) -> float:
    total = 0.0
    for flowable in flowables:
        _w, h = flowable.wrap(width, 10_000)
        total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
    return total
