"""The stakeholder map as native PowerPoint shapes: rounded cards and connectors between them.

Each card is an editable rounded rectangle holding the person's texts; each reporting line is
an elbow connector glued to the manager's bottom and the report's top (or side, for stacked
leaves), so moving a card in PowerPoint drags its lines along. Informal lines (internal decks
only) are straight connectors with their own dash and colour per kind, and an arrowhead where
the line has a direction. A chart that does not fit one slide at a readable size is split by
team, exactly as the printed map is (``reports.map.pages``): the top of the organisation
first, then a slide per large team, each manager's card naming the slide its team is on.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.slide import Slide

from keyplan.domain.layout import Box, OrgChartLayout
from keyplan.domain.vocabulary import ROLE_BADGE_KEY, InfluenceKind, Stance
from keyplan.reports.deck import xml
from keyplan.reports.deck.slides import (
    BODY_BOTTOM,
    BODY_TOP,
    BODY_WIDTH,
    INK,
    MARGIN,
    MUTED,
    WHITE,
    DeckFrame,
    add_text,
    emu,
    shorten,
)
from keyplan.reports.map.drawing import MapCard
from keyplan.reports.map.pages import ChartPage, PageRoom
from keyplan.reports.map.stakeholder_map import MapModel, build_map, split_into_pages
from keyplan.reports.plan.context import Context, label_of

NAME_SIZE, TITLE_SIZE, DETAIL_SIZE = 11.0, 9.0, 8.0  # points at scale 1
MIN_NAME_SIZE = 8.0  # the smallest name a slide shows: readable on a projector
MIN_SCALE = MIN_NAME_SIZE / NAME_SIZE
LEGEND_HEIGHT = 22.0
CARD_PAD = 6.0

STANCE_RGB = {
    Stance.CHAMPION.value: RGBColor(0x2E, 0x85, 0x40),
    Stance.SUPPORTER.value: RGBColor(0x8C, 0xC0, 0x84),
    Stance.NEUTRAL.value: RGBColor(0x9E, 0x9E, 0x9E),
    Stance.SKEPTIC.value: RGBColor(0xE0, 0xA0, 0x30),
    Stance.BLOCKER.value: RGBColor(0xC8, 0x38, 0x2E),
    Stance.UNKNOWN.value: RGBColor(0xBF, 0xBF, 0xBF),
}
NEUTRAL_BORDER = RGBColor(0x8A, 0xA0, 0xB4)
REPORTING = RGBColor(0x7D, 0x8F, 0x9E)
# kind -> (colour, dash, directed): the dash tells the kinds apart in greyscale too.
LINE_STYLES = {
    InfluenceKind.INFLUENCES.value: (RGBColor(0x7B, 0x5E, 0xA7), MSO_LINE_DASH_STYLE.DASH, True),
    InfluenceKind.ALLY.value: (RGBColor(0x2E, 0x85, 0x40), MSO_LINE_DASH_STYLE.ROUND_DOT, False),
    InfluenceKind.RIVAL.value: (RGBColor(0xC8, 0x38, 0x2E), MSO_LINE_DASH_STYLE.LONG_DASH, False),
    InfluenceKind.MENTOR.value: (RGBColor(0x3A, 0x6E, 0xA5), MSO_LINE_DASH_STYLE.DASH_DOT, True),
    InfluenceKind.SPONSOR.value: (RGBColor(0xA0, 0x6A, 0x1E), MSO_LINE_DASH_STYLE.SQUARE_DOT, True),
}
# Connection sites of a rounded rectangle: top, left, bottom, right.
TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3


def map_slides(deck: Presentation, frame: DeckFrame, ctx: Context, title: str) -> list[Slide]:
    """The map's slides: one when the chart reads on one slide, else one per team page."""
    model = build_map(ctx)
    room_height = BODY_BOTTOM - BODY_TOP - LEGEND_HEIGHT
    room = PageRoom(BODY_WIDTH, room_height, MIN_SCALE)
    if not model.cards:
        return []
    if room.fits(model.layout):
        scale = room.scale_for(model.layout)
        pages = [ChartPage(None, model.layout, {}, {}, 1, 1, scale)]
    else:
        pages = split_into_pages(model, room, room)
    first_number = len(deck.slides) + 1
    slides = []
    for index, page in enumerate(pages):
        heading = title if index == 0 else f"{title}: {_caption(ctx, model, page)}"
        slide = frame.slide(deck, heading, _notes(ctx, page.layout.boxes))
        notes = {
            person: f"Team of {page.team_size[person]} → slide {first_number + target}"
            for person, target in page.continued.items()
        }
        _draw_page(slide, model, page, notes)
        _legend(slide, model.internal)
        slides.append(slide)
    return slides


def _caption(ctx: Context, model: MapModel, page: ChartPage) -> str:
    if page.manager is None:
        return f"top of the chart ({page.chunk} of {page.chunks})"
    person = ctx.people_by_id[page.manager]
    text = f"team of {person['full_name']}"
    if page.chunks > 1:
        text += f" ({page.chunk} of {page.chunks})"
    return text


def _draw_page(slide: Slide, model: MapModel, page: ChartPage, notes: Mapping[int, str]) -> None:
    layout, scale = page.layout, page.scale
    bounds = layout.bounds
    room_height = BODY_BOTTOM - BODY_TOP - LEGEND_HEIGHT
    left = MARGIN + (BODY_WIDTH - bounds.width * scale) / 2
    top = BODY_TOP + max(0.0, (room_height - bounds.height * scale) / 2)

    def place(box: Box) -> tuple[float, float, float, float]:
        return (
            left + (box.x - bounds.x) * scale,
            top + (box.y - bounds.y) * scale,
            box.width * scale,
            box.height * scale,
        )

    shapes = {
        person: _card(
            slide, place(box), model.cards[person], model.internal, notes.get(person), scale
        )
        for person, box in layout.boxes.items()
    }
    lines = [_reporting_line(slide, layout, c, shapes) for c in layout.connectors]
    lines += [
        _influence_line(slide, shapes, layout.boxes, source, target, kind)
        for source, target, kind in model.influence
        if source in shapes and target in shapes
    ]
    tree = slide.shapes._spTree
    for line in lines:  # behind the cards: a line never runs over a card's text
        tree.remove(line._element)
        tree.insert(2, line._element)


def _card(slide: Slide, place, card: MapCard, internal: bool, note: str | None, scale: float):
    x, y, width, height = place
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, emu(x), emu(y), emu(width), emu(height)
    )
    shape.adjustments[0] = 0.12
    shape.fill.solid()
    shape.fill.fore_color.rgb = WHITE
    border = STANCE_RGB.get(card.stance or "", NEUTRAL_BORDER) if internal else NEUTRAL_BORDER
    shape.line.color.rgb = border
    shape.line.width = emu(2.25 if internal else 1.25)
    shape.shadow.inherit = False
    text_body = shape.text_frame._txBody
    pad = CARD_PAD * scale
    xml.body_properties(text_body, pad, pad * 0.6, "t")
    room = width - 2 * pad - 2
    lines = [(card.name, NAME_SIZE, True, INK)]
    if card.title:
        lines.append((card.title, TITLE_SIZE, False, INK))
    detail = _detail(card, internal)
    if detail:
        lines.append((detail, DETAIL_SIZE, False, MUTED))
    if note:
        lines.append((note, DETAIL_SIZE, True, INK))
    # One line each: a long name is cut with "…" (the speaker notes have it whole).
    xml.set_paragraphs(
        text_body,
        [
            xml.Line(shorten(text, room, size * scale, 1, bold), size * scale, bold, str(colour))
            for text, size, bold, colour in lines
        ],
    )
    return shape


def _detail(card: MapCard, internal: bool) -> str:
    """Internal: the stance in words (readable without colour) and the badges; else the
    department."""
    if not internal:
        return card.department
    stance = label_of("stance", card.stance) if card.stance else ""
    return " · ".join(part for part in (stance, card.badges) if part)


def _reporting_line(slide: Slide, layout: OrgChartLayout, connector, shapes):
    manager, report = shapes[connector.manager_id], shapes[connector.report_id]
    box = layout.boxes[connector.report_id]
    end_x = connector.points[-1][0]
    side = LEFT if abs(end_x - box.x) < 1e-6 else TOP
    line = slide.shapes.add_connector(MSO_CONNECTOR.ELBOW, 0, 0, 0, 0)
    line.begin_connect(manager, BOTTOM)
    line.end_connect(report, side)
    line.line.color.rgb = REPORTING
    line.line.width = emu(1.0)
    return line


def _influence_line(slide: Slide, shapes, boxes: Mapping[int, Box], source, target, kind):
    a, b = boxes[source], boxes[target]
    dx, dy = b.center_x - a.center_x, b.center_y - a.center_y
    if abs(dx) * a.height >= abs(dy) * a.width:  # mostly side by side
        start, end = (RIGHT, LEFT) if dx > 0 else (LEFT, RIGHT)
    else:
        start, end = (BOTTOM, TOP) if dy > 0 else (TOP, BOTTOM)
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    line.begin_connect(shapes[source], start)
    line.end_connect(shapes[target], end)
    colour, dash, directed = LINE_STYLES.get(kind, LINE_STYLES[InfluenceKind.INFLUENCES.value])
    line.line.color.rgb = colour
    line.line.width = emu(1.75)
    line.line.dash_style = dash
    if directed:
        outline = line.line._get_or_add_ln()
        etree.SubElement(outline, qn("a:tailEnd"), type="triangle", w="med", len="med")
    return line


def _legend(slide: Slide, internal: bool) -> None:
    if internal:
        kinds = "; ".join(
            f"{InfluenceKind(kind).label.lower()} {_dash_word(dash)}{' →' if directed else ''}"
            for kind, (_c, dash, directed) in LINE_STYLES.items()
        )
        text = (
            f"Border: stance (also in words). {ROLE_BADGE_KEY}. Grey elbow lines: reporting. "
            f"Informal lines: {kinds}."
        )
    else:
        text = "Reporting lines as we understand them."
    add_text(
        slide,
        (MARGIN, BODY_BOTTOM - LEGEND_HEIGHT + 4, BODY_WIDTH, LEGEND_HEIGHT),
        text,
        8,
        colour=MUTED,
    )


def _dash_word(dash: MSO_LINE_DASH_STYLE) -> str:
    return {
        MSO_LINE_DASH_STYLE.DASH: "dashed",
        MSO_LINE_DASH_STYLE.ROUND_DOT: "dotted",
        MSO_LINE_DASH_STYLE.LONG_DASH: "long dashes",
        MSO_LINE_DASH_STYLE.DASH_DOT: "dash-dot",
        MSO_LINE_DASH_STYLE.SQUARE_DOT: "square dots",
    }[dash]


def _notes(ctx: Context, boxes: Mapping[int, Box]) -> str:
    """Who is on the slide, with the detail a card has no room for."""
    lines = []
    for person_id in boxes:
        person = ctx.people_by_id[person_id]
        facts = [person["job_title"], person["department"]]
        if ctx.internal:
            facts += [
                label_of("stance", person["stance"])
                and f"stance {label_of('stance', person['stance'])}",
                person["influence"] and f"influence {person['influence']}",
                label_of("buying_role", person["buying_role"]),
                label_of("strength", person["strength"])
                and f"relationship {label_of('strength', person['strength'])}",
            ]
        if person.owners:
            facts.append(f"contact with us: {', '.join(person.owners)}")
        lines.append(f"{person['full_name']}: " + "; ".join(f for f in facts if f))
    return "\n".join(lines)
