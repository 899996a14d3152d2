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
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.slide import Slide

from keyplan.domain.layout import Box
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

    tree = slide.shapes._spTree
    ids = _ShapeIds(slide.shapes._next_shape_id)
    cards = {}  # person -> (shape id, rectangle on the slide)
    lines: list[etree._Element] = []
    for person, box in layout.boxes.items():
        rect = place(box)
        cards[person] = (ids.next(), rect)
        tree.append(
            _card(
                cards[person][0],
                rect,
                model.cards[person],
                model.internal,
                notes.get(person),
                scale,
            )
        )
    for connector in layout.connectors:
        box = layout.boxes[connector.report_id]
        side = LEFT if abs(connector.points[-1][0] - box.x) < 1e-6 else TOP
        begin, end = cards[connector.manager_id], cards[connector.report_id]
        lines.append(_connector(ids.next(), begin, BOTTOM, end, side, _REPORTING_STYLE))
    for source, target, kind in model.influence:
        if source in cards and target in cards:
            lines.append(_influence_line(ids.next(), cards[source], cards[target], kind))
    for line in lines:  # behind the cards: a line never runs over a card's text
        tree.insert(2, line)


class _ShapeIds:
    """Shape ids unique on a slide, handed out in turn."""

    def __init__(self, first: int) -> None:
        self._next = first

    def next(self) -> int:
        self._next += 1
        return self._next - 1


_NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)


def _card(shape_id: int, rect, card: MapCard, internal: bool, note: str | None, scale: float):
    """An editable rounded rectangle holding the card's lines of text (built as XML: a
    500-person deck has thousands of them, and python-pptx's setters are slow)."""
    x, y, width, height = rect
    border = STANCE_RGB.get(card.stance or "", NEUTRAL_BORDER) if internal else NEUTRAL_BORDER
    line_width = emu(2.25 if internal else 1.25)
    pad = CARD_PAD * scale
    shape = etree.fromstring(
        f'<p:sp {_NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name="Card {shape_id}"/><p:cNvSpPr/>'
        f"<p:nvPr/></p:nvSpPr><p:spPr>"
        f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f'</a:xfrm><a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 12000"/>'
        f'</a:avLst></a:prstGeom><a:solidFill><a:srgbClr val="{WHITE}"/></a:solidFill>'
        f'<a:ln w="{line_width}"><a:solidFill><a:srgbClr val="{border}"/></a:solidFill></a:ln>'
        f"</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>"
    )
    text_body = shape[2]
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


def _site(rect, site: int) -> tuple[float, float]:
    """Where a connection site of a rectangle is: top, left, bottom or right middle."""
    x, y, width, height = rect
    return {
        TOP: (x + width / 2, y),
        LEFT: (x, y + height / 2),
        BOTTOM: (x + width / 2, y + height),
        RIGHT: (x + width, y + height / 2),
    }[site]


@dataclass(frozen=True, slots=True)
class _LineStyle:
    geometry: str  # "bentConnector3" (elbow) or "straightConnector1"
    colour: RGBColor
    width: float
    dash: str | None = None  # a preset dash name: "dash", "sysDot", "lgDash", …
    arrow: bool = False


_REPORTING_STYLE = _LineStyle("bentConnector3", REPORTING, 1.0)


def _connector(shape_id: int, begin, begin_site: int, end, end_site: int, style: _LineStyle):
    """A connector glued to two cards: moving either card in PowerPoint drags the line."""
    (begin_id, begin_rect), (end_id, end_rect) = begin, end
    x1, y1 = _site(begin_rect, begin_site)
    x2, y2 = _site(end_rect, end_site)
    flips = (' flipH="1"' if x2 < x1 else "") + (' flipV="1"' if y2 < y1 else "")
    dash = f'<a:prstDash val="{style.dash}"/>' if style.dash else ""
    arrow = '<a:tailEnd type="triangle" w="med" len="med"/>' if style.arrow else ""
    return etree.fromstring(
        f'<p:cxnSp {_NS}><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Line {shape_id}"/>'
        f'<p:cNvCxnSpPr><a:stCxn id="{begin_id}" idx="{begin_site}"/>'
        f'<a:endCxn id="{end_id}" idx="{end_site}"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>'
        f"<p:spPr><a:xfrm{flips}>"
        f'<a:off x="{emu(min(x1, x2))}" y="{emu(min(y1, y2))}"/>'
        f'<a:ext cx="{emu(abs(x2 - x1))}" cy="{emu(abs(y2 - y1))}"/></a:xfrm>'
        f'<a:prstGeom prst="{style.geometry}"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{emu(style.width)}"><a:solidFill><a:srgbClr val="{style.colour}"/>'
        f"</a:solidFill>{dash}{arrow}</a:ln></p:spPr></p:cxnSp>"
    )


def _influence_line(shape_id: int, source, target, kind: str):
    (_a, a), (_b, b) = source, target
    dx = (b[0] + b[2] / 2) - (a[0] + a[2] / 2)
    dy = (b[1] + b[3] / 2) - (a[1] + a[3] / 2)
    if abs(dx) * a[3] >= abs(dy) * a[2]:  # mostly side by side
        start, end = (RIGHT, LEFT) if dx > 0 else (LEFT, RIGHT)
    else:
        start, end = (BOTTOM, TOP) if dy > 0 else (TOP, BOTTOM)
    colour, dash, directed = LINE_STYLES.get(kind, LINE_STYLES[InfluenceKind.INFLUENCES.value])
    style = _LineStyle("straightConnector1", colour, 1.75, _DASH_NAMES[dash], directed)
    return _connector(shape_id, source, start, target, end, style)


_DASH_NAMES = {
    MSO_LINE_DASH_STYLE.DASH: "dash",
    MSO_LINE_DASH_STYLE.ROUND_DOT: "sysDot",
    MSO_LINE_DASH_STYLE.LONG_DASH: "lgDash",
    MSO_LINE_DASH_STYLE.DASH_DOT: "dashDot",
    MSO_LINE_DASH_STYLE.SQUARE_DOT: "sysDash",
}


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
