"""The stakeholder map on paper: the org-chart layout drawn as vector graphics.

The positions come only from ``keyplan.domain.layout.layout_org_chart`` (the same function the
screen uses), with cards of the size the layout benchmarks use (2.2 × 0.9 in). A chart that
would print too small to read on one landscape page is cut into tiles, each on its own page,
with a small overlap so a card cut at one edge is whole on the next tile.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from keyplan.domain.layout import Box, CardSpec, OrgChartLayout, layout_org_chart
from keyplan.domain.vocabulary import BuyingRole, InfluenceKind, Stance
from keyplan.reports.context import Context, label_of
from keyplan.reports.document import SectionHeading
from keyplan.reports.map_drawing import MapCard, draw_map_window
from keyplan.reports.styles import STANCE_COLOURS, WHITE, styles
from keyplan.reports.text import escape
from keyplan.store.queries import PersonRow

CARD_WIDTH = 2.2 * inch
CARD_HEIGHT = 0.9 * inch
MIN_SCALE = 0.42  # a 9 pt name prints at ~3.8 pt: the smallest that still reads on paper
RESERVED_HEIGHT = 96.0  # heading and legend on the first map page
CAPTION_HEIGHT = 16.0  # "Part 3 of 12" above each part

ROLE_SHORT = {
    BuyingRole.DECISION_MAKER.value: "DM",
    BuyingRole.TECHNICAL_EVALUATOR.value: "TE",
    BuyingRole.USER.value: "U",
    BuyingRole.CHAMPION_COACH.value: "CC",
    BuyingRole.GATEKEEPER.value: "GK",
    BuyingRole.INFLUENCER.value: "IN",
}


@dataclass(frozen=True, slots=True)
class MapModel:
    """What the map draws: the layout, the cards' texts, and the influence lines."""

    layout: OrgChartLayout
    cards: dict[int, MapCard]
    influence: tuple[tuple[int, int, str], ...]
    internal: bool


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
    cards = {p.id: _card(p, ctx.internal) for p in people}
    lines = tuple(
        (line.from_id, line.to_id, line.kind)
        for line in ctx.plan.influence_lines
        if line.from_id in present and line.to_id in present
    )
    return MapModel(layout_org_chart(specs), cards, lines if ctx.internal else (), ctx.internal)


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


def _card(person: PersonRow, internal: bool) -> MapCard:
    if not internal:
        return MapCard(person["full_name"], person["job_title"] or "", person["department"] or "")
    role = ROLE_SHORT.get(person["buying_role"] or "", "")
    influence = person["influence"]
    badges = " · ".join(b for b in (role, f"Infl. {influence}" if influence else "") if b)
    return MapCard(
        name=person["full_name"],
        title=person["job_title"] or "",
        department=person["department"] or "",
        stance=person["stance"] or Stance.UNKNOWN.value,
        badges=badges,
        strength=person["strength"] or 0,
    )


class MapTile(Flowable):
    """One window of the map, drawn at a fixed scale.

    Args:
        model: the laid-out map.
        window: the part of the chart to draw, in layout units.
        scale: points per layout unit.
        parts: on an overview, the numbered parts to outline (cards are then drawn as
            plain coloured blocks, readable at any scale).
    """

    def __init__(
        self, model: MapModel, window: Box, scale: float, parts: Sequence[Box] = ()
    ) -> None:
        super().__init__()
        self.model, self.window, self.scale, self.parts = model, window, scale, tuple(parts)
        self.width, self.height = window.width * scale, window.height * scale
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_map_window(self.canv, self.model, self.window, self.scale, self.parts)


def map_section(ctx: Context, key: str, title: str) -> list[Flowable]:
    """The map section: the whole chart when it reads on one page, else an overview and parts.

    The parts flow one after the other, so several strips of a wide, shallow chart share a
    page; each is captioned with its number, which the overview shows where it lies.
    """
    model = build_map(ctx)
    story: list[Flowable] = [SectionHeading(title, key), legend(ctx.internal), Spacer(1, 6)]
    if not model.cards:
        return [*story, Paragraph("No people recorded yet.", styles().muted)]
    width, height = ctx.landscape_frame
    bounds = model.layout.bounds
    fit = _fit_scale(bounds, width, height - RESERVED_HEIGHT)
    if fit >= MIN_SCALE:
        return [*story, MapTile(model, bounds, fit)]
    windows, scale = plan_tiles(bounds, width, height - CAPTION_HEIGHT)
    windows = [w for w in (_trimmed(model.layout, w) for w in windows) if w is not None]
    story.append(
        Paragraph(
            escape(
                f"The chart is too large to read on one page: the overview shows where each of its "
                f"{len(windows)} parts lies; the parts follow."
            ),
            styles().muted,
        )
    )
    story += _overview(model, windows, width, height - RESERVED_HEIGHT - 20)
    caption_style = ParagraphStyle("map_caption", parent=styles().muted, keepWithNext=1)
    for index, window in enumerate(windows):
        story.append(PageBreak() if index == 0 else Spacer(1, 4))
        story.append(Paragraph(f"Part {index + 1} of {len(windows)}", caption_style))
        story.append(MapTile(model, window, scale))
    return story


def _fit_scale(bounds: Box, width: float, height: float) -> float:
    if bounds.width <= 0 or bounds.height <= 0:
        return 1.0
    return min(width / bounds.width, height / bounds.height, 1.0)


def _overview(model: MapModel, parts: Sequence[Box], width: float, height: float) -> list[Flowable]:
    """The whole chart, small, wrapped into bands like lines of text, with parts outlined."""
    bounds = model.layout.bounds
    gap = 6.0

    def scale_for(bands: int) -> float:
        return min(width * bands / bounds.width, (height - gap * bands) / (bands * bounds.height))

    bands = max(range(1, 13), key=scale_for)
    scale = scale_for(bands)
    band_width = bounds.width / bands
    flowables: list[Flowable] = []
    for index in range(bands):
        window = Box(bounds.x + index * band_width, bounds.y, band_width, bounds.height)
        flowables += [MapTile(model, window, scale, parts=parts), Spacer(1, gap)]
    return flowables


def plan_tiles(bounds: Box, width: float, height: float) -> tuple[list[Box], float]:
    """Overlapping windows (in layout units) that print the chart at ``MIN_SCALE``.

    A window is as wide as the frame and as tall as the frame or the chart, whichever is
    less, so a shallow chart becomes strips that share pages. Some windows may hold no card
    (see ``_trimmed``).
    """
    scale = MIN_SCALE
    tile_w = width / scale
    tile_h = min(height / scale, bounds.height)
    step_x = tile_w - CARD_WIDTH / 2
    step_y = max(tile_h - CARD_HEIGHT / 2, 1.0)
    columns = max(1, math.ceil((bounds.width - tile_w) / step_x) + 1)
    rows = max(1, math.ceil((bounds.height - tile_h) / step_y) + 1)
    windows = [
        Box(bounds.x + c * step_x, bounds.y + r * step_y, tile_w, tile_h)
        for r in range(rows)
        for c in range(columns)
    ]
    return windows, scale


def _trimmed(layout: OrgChartLayout, window: Box) -> Box | None:
    """The window cut down to the rows that hold cards in it; None when it holds none.

    Lower parts of a wide chart are mostly empty; trimmed parts are short and share pages.
    """
    inside = [box for box in layout.boxes.values() if _overlaps(box, window)]
    if not inside:
        return None
    margin = 8.0
    top = max(window.y, min(box.y for box in inside) - margin)
    bottom = min(window.bottom, max(box.bottom for box in inside) + margin)
    return Box(window.x, top, window.width, bottom - top)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


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
    roles = ", ".join(
        f"{short} {BuyingRole(value).label.lower()}" for value, short in ROLE_SHORT.items()
    )
    kinds = ", ".join(InfluenceKind(k).label.lower() for k in ("ally", "rival", "influences"))
    note = Paragraph(
        escape(
            f"Bar colour: stance. Badges: {roles}; Infl. = influence. Dots: relationship "
            f"strength (0–4). Solid lines: reporting; dashed: informal lines ({kinds})."
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
