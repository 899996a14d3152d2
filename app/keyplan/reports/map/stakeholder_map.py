"""The stakeholder map on paper: the org-chart layout drawn as vector graphics.

The positions come only from ``keyplan.domain.layout.layout_org_chart`` (the same function the
screen uses), with cards of the size the layout benchmarks use (2.2 × 0.9 in). A chart that
would print too small to read on one landscape page is split along reporting lines into pages
(``map_pages``): the top of the organisation first, then a page per large team, each starting
with its manager. No card is ever cut by a page edge.

Type size: a card's name is 9.5 pt at full size and no page prints below ``MIN_SCALE``, so a
name is never smaller than 7.6 pt (titles 6 pt). About 7 pt is where printed labels stop being
comfortable to read at arm's length across a meeting table; our page footers are 7.5 pt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from keyplan.domain.evidence import claimed_ratings, person_doubts
from keyplan.domain.layout import Box, CardSpec, OrgChartLayout, layout_org_chart
from keyplan.domain.vocabulary import (
    ROLE_BADGE_KEY,
    ROLE_BADGES,
    InfluenceKind,
    RatedField,
    Stance,
)
from keyplan.reports.document import SectionHeading
from keyplan.reports.fonts import SANS_BOLD, draw_text
from keyplan.reports.map.drawing import NAME_SIZE, NOTE_BAND, MapCard, draw_map_page
from keyplan.reports.map.pages import ChartPage, ChartSplitter, PageRoom
from keyplan.reports.plan.context import Context, label_of
from keyplan.reports.styles import INK, STANCE_COLOURS, WHITE, styles
from keyplan.reports.text import escape
from keyplan.store.people.queries import PersonRow

CARD_WIDTH = 2.2 * inch
CARD_HEIGHT = 0.9 * inch
MIN_NAME_SIZE = 7.5  # points on paper: see the module docstring
MIN_SCALE = MIN_NAME_SIZE / NAME_SIZE  # 0.79: every text on a card shrinks together
CAPTION_HEIGHT = 20.0  # "Team of … · reports to …" above a continuation page
CAPTION_SIZE = 10.0
SAFETY = 4.0  # points kept free on each page against rounding in the flow


@dataclass(frozen=True, slots=True)
class MapModel:
    """What the map draws: the layout, the cards' texts, and the influence lines."""

    layout: OrgChartLayout
    cards: dict[int, MapCard]
    influence: tuple[tuple[int, int, str], ...]
    internal: bool
    order: tuple[int, ...] = ()
    manager_of: dict[int, int | None] = field(default_factory=dict)


def build_map(ctx: Context) -> MapModel:
    """Lay out the present people of the plan as an org chart."""
    people = ctx.present_people
    present = {p.id for p in people}
    managers = {p.id: p["reports_to_id"] for p in ctx.plan.people}
    specs = [
        CardSpec(
            id=p.id,
            manager_id=_nearest_present_manager(p.id, managers, present),
            width=CARD_WIDTH,
            height=CARD_HEIGHT,
            manual_position=p.map_position,
        )
        for p in people
    ]
    cards = {p.id: _card(p, ctx.internal, _uncertain(ctx, p)) for p in people}
    lines = tuple(
        (line.from_id, line.to_id, line.kind)
        for line in ctx.plan.influence_lines
        if line.from_id in present and line.to_id in present
    )
    return MapModel(
        layout_org_chart(specs),
        cards,
        lines if ctx.internal else (),
        ctx.internal,
        order=tuple(spec.id for spec in specs),
        manager_of={spec.id: spec.manager_id for spec in specs},
    )


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


def _uncertain(ctx: Context, person: PersonRow) -> tuple[str, ...]:
    """The person's ratings without recent evidence (internal maps only)."""
    if not ctx.internal:
        return ()
    claimed = claimed_ratings(
        stance=person["stance"],
        influence=person["influence"],
        buying_role=person["buying_role"],
        strength=person["strength"],
    )
    cadence = ctx.plan.cadences.get(person.account_id)
    doubts = person_doubts(claimed, ctx.plan.person_evidence(person.id), cadence, ctx.plan.today)
    return tuple(doubt.rating for doubt in doubts)


def _card(person: PersonRow, internal: bool, uncertain: tuple[str, ...] = ()) -> MapCard:
    if not internal:
        return MapCard(person["full_name"], person["job_title"] or "", person["department"] or "")
    role = ROLE_BADGES.get(person["buying_role"] or "", "")
    influence = person["influence"]
    if role and RatedField.BUYING_ROLE.value in uncertain:
        role += "?"
    if influence:
        influence = f"Infl. {influence}" + ("?" if RatedField.INFLUENCE.value in uncertain else "")
    stance_doubt = "?" if RatedField.STANCE.value in uncertain else ""
    badges = " · ".join(b for b in (stance_doubt, role, influence or "") if b)
    return MapCard(
        name=person["full_name"],
        title=person["job_title"] or "",
        department=person["department"] or "",
        stance=person["stance"] or Stance.UNKNOWN.value,
        badges=badges,
        strength=person["strength"] or 0,
        uncertain=bool(uncertain),
    )


class MapPageFlowable(Flowable):
    """One printed page of the map: an optional caption line, then the page's cards.

    The chart is drawn at the page's planned scale, or smaller if the frame offers less room
    than planned, so a card is never cut. The page numbers in the notes are worked out when
    the page is drawn: every map page after the first starts a PDF page of its own, so page
    ``index + k`` of the map is ``k`` PDF pages after this one.
    """

    def __init__(self, model: MapModel, page: ChartPage, index: int, caption: str) -> None:
        super().__init__()
        self.model, self.page, self.index, self.caption = model, page, index, caption
        self.scale = page.scale
        self.hAlign = "CENTER"

    def _caption_height(self) -> float:
        return CAPTION_HEIGHT if self.caption else 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        bounds = self.page.layout.bounds
        room_height = available_height - self._caption_height()
        self.scale = min(
            self.page.scale, available_width / bounds.width, max(room_height, 1) / bounds.height
        )
        self.width = max(bounds.width * self.scale, _caption_width(self.caption))
        self.height = bounds.height * self.scale + self._caption_height()
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        chart_height = self.height - self._caption_height()
        if self.caption:
            canvas.setFillColor(INK)
            draw_text(canvas, 0, chart_height + 6, self.caption, CAPTION_SIZE, bold=True)
        this_page = canvas.getPageNumber()
        notes = {
            person: _continues_note(self.page.team_size[person], this_page + target - self.index)
            for person, target in self.page.continued.items()
        }
        draw_map_page(canvas, self.model, self.page.layout, self.scale, notes)


def _caption_width(caption: str) -> float:
    return stringWidth(caption, SANS_BOLD, CAPTION_SIZE) if caption else 0.0


def _continues_note(team: int, page_number: int) -> str:
    return f"Team of {team} → page {page_number}"


def map_section(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The map section: the whole chart when it reads on one page, else pages that follow it.

    The first page holds the top of the organisation; each manager whose team did not fit
    carries a note with the page where the team continues, and that page starts with them.
    """
    model = build_map(ctx)
    heading, key_to_marks = SectionHeading(title, key), legend(ctx.internal)
    story: list[Flowable] = [heading, key_to_marks, Spacer(1, 6)]
    if not model.cards:
        return [*story, Paragraph("No people recorded yet.", styles().muted)]
    width, height = ctx.landscape_frame
    used = _height_of([heading, key_to_marks], width) + 6
    fit = _fit_scale(model.layout.bounds, width, height - used)
    if fit >= MIN_SCALE:
        return [*story, MapTile(model, model.layout.bounds, fit)]
    intro = Paragraph(
        escape(
            "Printed over several pages along the reporting lines: a card marked "
            "“Team of 12 → page 9” has that team on page 9, starting with them."
        ),
        styles().muted,
    )
    used += _height_of([intro], width) + 6
    pages = split_into_pages(
        model,
        PageRoom(width, height - used - SAFETY, MIN_SCALE),
        PageRoom(width, height - CAPTION_HEIGHT - SAFETY, MIN_SCALE),
    )
    story += [intro, Spacer(1, 6)]
    for index, page in enumerate(pages):
        if index:
            story.append(PageBreak())
        caption = _caption(ctx, model, page) if index else ""
        story.append(MapPageFlowable(model, page, index, caption))
    return story


def split_into_pages(model: MapModel, first: PageRoom, other: PageRoom) -> list[ChartPage]:
    """The map's pages (see ``map_pages``), with cards of the printed size."""
    splitter = ChartSplitter(model.order, model.manager_of, (CARD_WIDTH, CARD_HEIGHT), NOTE_BAND)
    return splitter.plan(first, other)


def _caption(ctx: Context, model: MapModel, page: ChartPage) -> str:
    """ "Team of Marcus Feld, COO · reports to Henrik Dahlgren"; nothing on the first page."""
    if page.manager is None:
        return "" if page.chunk == 1 else f"Top of the chart ({page.chunk} of {page.chunks})"
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


class MapTile(Flowable):
    """The whole chart on one page, drawn at a fixed scale."""

    def __init__(self, model: MapModel, window: Box, scale: float) -> None:
        super().__init__()
        self.model, self.window, self.scale = model, window, scale
        self.width, self.height = window.width * scale, window.height * scale
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_map_page(self.canv, self.model, self.model.layout, self.scale, {})


def _fit_scale(bounds: Box, width: float, height: float) -> float:
    if bounds.width <= 0 or bounds.height <= 0:
        return 1.0
    return min(width / bounds.width, height / bounds.height, 1.0)


def legend(internal: bool) -> Flowable:
    """Stance colours and badge meanings (internal); a one-line note (customer-safe)."""
    if not internal:
        return Paragraph("Reporting lines as we understand them.", styles().muted)
    chips = [Paragraph(escape(label_of("stance", s.value)), styles().small) for s in Stance]
    row = []
    for chip in chips:
        row.extend(["", chip])
    table = Table([row], colWidths=[10, 52] * len(chips), hAlign="LEFT")
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    for index, stance in enumerate(Stance):
        commands.append(("BACKGROUND", (2 * index, 0), (2 * index, 0), STANCE_COLOURS[stance]))
        commands.append(("BOX", (2 * index, 0), (2 * index, 0), 0.5, WHITE))
    table.setStyle(TableStyle(commands))
    kinds = ", ".join(InfluenceKind(k).label.lower() for k in ("ally", "rival", "influences"))
    note = Paragraph(
        escape(
            f"Bar colour: stance. Badges: {ROLE_BADGE_KEY}; Infl. = influence. Dots: relationship "
            f"strength (0–4). Solid lines: reporting; dashed: informal lines ({kinds}). "
            "Dashed card, ?: a rating without evidence newer than the review cadence."
        ),
        styles().muted,
    )
    return Table(
        [[table], [note]],
        hAlign="LEFT",
        style=[
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
    )
