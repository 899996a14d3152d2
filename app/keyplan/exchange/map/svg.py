"""The stakeholder map as an SVG drawing, written as text: no Qt, no SQLAlchemy.

Draws the one drawing description (``keyplan.domain.map``): cards with their stance letter,
badges, dots and marks; orthogonal reporting lines; influence lines routed around the cards,
dashed by kind, with arrow heads (or dots on both ends for alliances and rivalries); a title
and the legend above. Every text is real ``<text>``, so names can be searched and edited in a
slide. Text widths are estimated from the characters (``looks.text_width``; the viewer's font
decides the exact width), with a margin, to shorten what would not fit on a card.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from keyplan.domain.map import looks
from keyplan.domain.map.looks import fit, text_width
from keyplan.domain.map.shapes import (
    BadgeShape,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    DottedShape,
    InfluenceShape,
    MapDrawing,
    Point,
    TextRun,
    rounded_corners,
)
from keyplan.domain.wording import count_of
from keyplan.exchange.map.design import map_drawing
from keyplan.exchange.map.svg_legend import LEGEND_ROW, legend_rows, legend_svg, legend_width
from keyplan.exchange.map.svg_text import escape, svg_text
from keyplan.store.map.rows import MapData, MapPerson

__all__ = [
    "drawing_svg",
    "drawing_svg_pieces",
    "escape",
    "fit",
    "map_svg",
    "map_title",
    "text_width",
]

FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"
MARGIN = 24.0
TITLE_SIZE = 18.0


def map_svg(
    data: MapData,
    *,
    title: str,
    today: date,
    people: Sequence[MapPerson] | None = None,
    with_lines: bool = True,
) -> str:
    """Draw a map as an SVG document.

    Args:
        data: the map (people, influence lines, accounts).
        title: the line above the legend.
        today: the day staleness is measured against.
        people: only these people (as filtered on screen); all of ``data.people`` when None.
        with_lines: draw the influence and dotted reporting lines.
    """
    return drawing_svg(map_drawing(data, today, people=people, with_lines=with_lines), title)


def drawing_svg(drawing: MapDrawing, title: str) -> str:
    """A map drawing as an SVG document, with a title and the legend above it."""
    return "".join(drawing_svg_pieces(drawing, title))


def drawing_svg_pieces(drawing: MapDrawing, title: str) -> Iterator[str]:
    """``drawing_svg`` in pieces, a card at a time: a writer that streams them into a file
    never holds the whole document (megabytes for a map of thousands) twice at once. A card
    comes in three pieces, its name alone in the middle (see ``_card``)."""
    bounds = drawing.bounds
    rows = legend_rows(drawing.legend)
    header = TITLE_SIZE + 12.0 + rows * LEGEND_ROW + 14.0
    width = max(bounds.width, legend_width(drawing.legend)) + 2 * MARGIN
    height = bounds.height + header + 2 * MARGIN
    shift_x, shift_y = MARGIN - bounds.x, MARGIN + header - bounds.y
    yield "".join(
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT_FAMILY}">\n',
            f"<title>{escape(title)}</title>\n",
            f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>\n',
            svg_text(MARGIN, MARGIN + TITLE_SIZE * 0.8, title, TITLE_SIZE, looks.INK, bold=True),
            legend_svg(drawing.legend, MARGIN, MARGIN + TITLE_SIZE + 12.0),
            f'<g transform="translate({shift_x:.1f},{shift_y:.1f})">\n',
        )
    )
    numbers = OneDecimal()
    yield _reporting(drawing, numbers)
    yield _dotted(drawing.dotted)
    yield "".join(_influence(line) for line in drawing.influence)
    memo: dict = {}
    for card in drawing.cards:
        yield from _card(card, memo, numbers)
    yield "</g>\n</svg>\n"


def map_title(account_name: str, people: int, today: date, *, vacancies: int = 0) -> str:
    """The picture's title: whose map, how many people (open positions apart), and when."""
    seats = f" · {count_of(vacancies, 'open position')}" if vacancies else ""
    return f"{account_name} — stakeholder map · {people} people{seats} · {today.isoformat()}"


def _run(run: TextRun) -> str:
    """A run as ``_text`` writes it, in one format: a name on every card goes through here."""
    text = escape(fit(run.text, run.size, run.max_width, bold=run.bold))
    weight = ' font-weight="bold"' if run.bold else ""
    middle = ' text-anchor="middle"' if run.anchor == "middle" else ""
    return (
        f'<text x="{run.x:.1f}" y="{run.baseline:.1f}" font-size="{run.size:g}" '
        f'fill="{run.colour}"{weight}{middle}>{text}</text>\n'
    )


# ---- lines ------------------------------------------------------------------------------------


class OneDecimal(dict[float, str]):
    """Numbers as the SVG writes most of them, with one decimal, each distinct one formatted
    once: a chart of thousands repeats its rows' y and its cards' x in thousands of lines and
    cards, and formatting a float costs several times a look-up."""

    def __missing__(self, number: float) -> str:
        text = f"{number:.1f}"
        if number != 0.0:  # 0.0 and -0.0 are one key, but are written "0.0" and "-0.0"
            self[number] = text
        return text


def _reporting(drawing: MapDrawing, numbers: OneDecimal) -> str:
    steps = [_steps(line.points, numbers) for line in drawing.reporting]
    if not steps:
        return ""
    return (
        f'<path d="{"".join(steps)}" fill="none" stroke="{looks.CONNECTOR_COLOUR}" '
        f'stroke-width="1.6"/>\n'
    )


def _steps(points: tuple[Point, ...], n: OneDecimal) -> str:
    """A polyline's path steps; an elbow (four points), a straight drop (two) or a stacked
    leaf's spine (three) in one format each, as nearly every reporting line is."""
    count = len(points)
    if count == 4:
        (a, b), (c, d), (e, f), (g, h) = points
        return f"M{n[a]},{n[b]}L{n[c]},{n[d]}L{n[e]},{n[f]}L{n[g]},{n[h]}"
    if count == 3:
        (a, b), (c, d), (e, f) = points
        return f"M{n[a]},{n[b]}L{n[c]},{n[d]}L{n[e]},{n[f]}"
    if count == 2:
        (a, b), (c, d) = points
        return f"M{n[a]},{n[b]}L{n[c]},{n[d]}"
    (x0, y0), *rest = points
    return f"M{x0:.1f},{y0:.1f}" + "".join(f"L{x:.1f},{y:.1f}" for x, y in rest)


def _dotted(lines: Sequence[DottedShape]) -> str:
    """The dotted (matrix) reporting lines, one path: round dots from edge to edge."""
    if not lines:
        return ""
    steps = "".join(
        f"M{sx:.1f},{sy:.1f}L{ex:.1f},{ey:.1f}" for (sx, sy), (ex, ey) in (d.points for d in lines)
    )
    first = lines[0]
    dashes = ",".join(f"{d:g}" for d in first.dash_lengths)
    return (
        f'<path class="dotted-line" d="{steps}" fill="none" stroke="{first.colour}" '
        f'stroke-width="{first.width:g}" stroke-linecap="round" stroke-dasharray="{dashes}">'
        f"<title>{escape(looks.DOTTED_LABEL)}</title></path>\n"
    )


def path_data(line: InfluenceShape) -> str:
    """The SVG path of an influence line: a curve, or a route with rounded corners."""
    (x0, y0) = line.points[0]
    if line.curved:
        (cx, cy), (ex, ey) = line.points[1], line.points[2]
        return f"M{x0:.1f},{y0:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
    steps = [f"M{x0:.1f},{y0:.1f}"]
    for (ax, ay), (cx, cy), (bx, by) in rounded_corners(line.points, line.corner_radius):
        steps.append(f"L{ax:.1f},{ay:.1f} Q{cx:.1f},{cy:.1f} {bx:.1f},{by:.1f}")
    ex, ey = line.points[-1]
    steps.append(f"L{ex:.1f},{ey:.1f}")
    return " ".join(steps)


def _influence(line: InfluenceShape) -> str:
    dashes = ",".join(f"{d:g}" for d in line.dash_lengths)
    parts = [
        f'<path d="{path_data(line)}" fill="none" stroke="{line.colour}" '
        f'stroke-width="{line.width:g}" stroke-dasharray="{dashes}">'
        f"<title>{escape(line.label)}</title></path>\n"
    ]
    if line.head:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in line.head)
        parts.append(f'<polygon points="{points}" fill="{line.colour}"/>\n')
    for x, y in line.end_dots:
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{looks.END_DOT_RADIUS:g}" '
            f'fill="{line.colour}"/>\n'
        )
    return "".join(parts)


# ---- cards ------------------------------------------------------------------------------------


def _card(card: CardShape, memo: dict, numbers: OneDecimal) -> tuple[str, ...]:
    """One card, in pieces: up to the name, the name, the rest. Cards of one look (frame,
    band, name's place and font) differ only in their position and name: that look is written
    once into the text around them, and the shared runs and parts (the drawing makes each
    once) are looked up by identity. Thousands of cards in a blink.

    The name stands alone because it is the text most often outside ASCII (a Greek or Swedish
    name): a piece with one such character is encoded character by character, while the
    plain ones are copied as they are."""
    texts = card.texts
    name = texts[0] if texts else None
    if card.note is not None or name is None or name.role != "name":
        return (_card_in_full(card, memo),)
    key = (id(card.band), card.fill, card.edge, card.width, card.height, card.radius,
           card.edge_width, card.edge_dashes, card.faded, card.vacant, name.x, name.baseline,
           name.size, name.colour, name.bold, name.anchor)  # fmt: skip
    look = memo.get(key)
    if look is None:  # the same few looks (one per stance) over thousands of cards
        look = memo[key] = _look(card, name, memo)
    shared = ""
    for run in texts[1:]:  # a title or department run is shared by the cards that show it
        written = memo.get(id(run))
        if written is None:
            if run.role == "name":  # a second name: not a card of the common kind
                return (_card_in_full(card, memo),)
            written = memo[id(run)] = _run(run)
        shared += written
    parts = memo.get(id(card.parts))  # one tuple shared by every card with the same face
    if parts is None:
        parts = memo[id(card.parts)] = "".join(_shared_part(part, memo) for part in card.parts)
    text = escape(fit(name.text, name.size, name.max_width, bold=name.bold))
    return (
        f'<g transform="translate({numbers[card.x]},{numbers[card.y]})"{look}',
        text,
        f"</text>\n{shared}{parts}</g>\n",
    )


def _look(card: CardShape, name: TextRun, memo: dict) -> str:
    """What a card of this look writes between its position and its name: the rest of the
    group's tag, the frame and band, and the name's ``<text>`` tag."""
    opening = _run(name)
    opening = opening[: opening.index(">") + 1]  # the tag only: the name goes after it
    return f"{_faded(card)}>\n{_shared_frame(card, memo)}{opening}"


def _card_in_full(card: CardShape, memo: dict) -> str:
    """A card of an uncommon kind (a note at its foot, no name run first), piece by piece."""
    pieces = [f'<g transform="translate({card.x:.1f},{card.y:.1f})"{_faded(card)}>\n',
              _shared_frame(card, memo)]  # fmt: skip
    for run in card.texts:  # a name is one card's; a title or department run is shared
        if run.role == "name":
            pieces.append(_run(run))
            continue
        written = memo.get(id(run))
        if written is None:
            written = memo[id(run)] = _run(run)
        pieces.append(written)
    parts = memo.get(id(card.parts))
    if parts is None:
        parts = memo[id(card.parts)] = "".join(_shared_part(part, memo) for part in card.parts)
    pieces.append(parts)
    if card.note is not None:
        top = card.height - card.note_height
        pieces.append(
            f'<rect x="{card.band.width:g}" y="{top:.1f}" width="{card.width - card.band.width:g}" '
            f'height="{card.note_height:g}" fill="#e3ecf5"/>\n'
        )
        pieces.append(_run(card.note))
    pieces.append("</g>\n")
    return "".join(pieces)


def _faded(card: CardShape) -> str:
    faded = f' opacity="{looks.LEFT_OPACITY}"' if card.faded else ""
    return faded + ' class="vacancy"' if card.vacant else faded


def _shared_frame(card: CardShape, memo: dict) -> str:
    """The frame and band: the same few (one per stance) over thousands of cards."""
    frame_key = (id(card.band), card.fill, card.edge, card.width, card.height, card.radius,
                 card.edge_width, card.edge_dashes)  # fmt: skip
    frame = memo.get(frame_key)
    if frame is None:
        frame = memo[frame_key] = _frame(card)
    return frame


def _shared_part(part: CardPart, memo: dict) -> str:
    written = memo.get(id(part))
    if written is None:
        written = memo[id(part)] = _part(part)
    return written


def _frame(card: CardShape) -> str:
    """The card's rounded box and its band with the stance letter. A dashed outline (a rating
    without recent evidence) goes round the band too, so it is drawn over it."""
    w, h, r, band = card.width, card.height, card.radius, card.band
    if card.vacant:  # an open position: a dashed seat, no band
        dashes = ",".join(f"{d:g}" for d in card.edge_dash_lengths)
        return (
            f'<rect width="{w:g}" height="{h:g}" rx="{r:g}" fill="{card.fill}" '
            f'stroke="{card.edge}" stroke-width="{card.edge_width:g}" '
            f'stroke-dasharray="{dashes}"/>\n'
        )
    letter = _run(band.letter) if band.letter is not None else ""
    outline = f'stroke="{card.edge}" stroke-width="{card.edge_width:g}"'
    dashed = ""
    if card.edge_dashes:
        pattern = ",".join(f"{d:g}" for d in card.edge_dash_lengths)
        dashed = (
            f'<rect width="{w:g}" height="{h:g}" rx="{r:g}" fill="none" {outline} '
            f'stroke-dasharray="{pattern}"/>\n'
        )
        outline = 'stroke="none"'
    return (
        f'<rect width="{w:g}" height="{h:g}" rx="{r:g}" fill="{card.fill}" {outline}/>\n'
        f'<path d="M{r:g},0 H{band.width:g} V{h:g} H{r:g} A{r:g},{r:g} 0 0 1 '
        f'0,{h - r:g} V{r:g} A{r:g},{r:g} 0 0 1 {r:g},0 Z" fill="{band.colour}"/>\n'
        + dashed
        + letter
    )


def _part(part: CardPart) -> str:
    if isinstance(part, BadgeShape):
        border = f' stroke="{part.border}"' if part.border else ""
        opacity = f' fill-opacity="{part.fill_opacity:g}"' if part.fill_opacity < 1 else ""
        return (
            f'<rect x="{part.x:.1f}" y="{part.y:g}" width="{part.width:.1f}" '
            f'height="{part.height:g}" rx="{part.radius:g}" fill="{part.fill}"{opacity}{border}/>\n'
            + _run(part.label)
        )
    if isinstance(part, DotShape):
        return (
            f'<circle cx="{part.cx:.1f}" cy="{part.cy:g}" r="{part.r:g}" '
            f'fill="{part.fill or "none"}" stroke="{part.stroke}"/>\n'
        )
    return _clock(part)


def _clock(mark: ClockShape) -> str:
    """The overdue clock, or the never-contacted dashed ring."""
    cx, cy, r, colour = mark.cx, mark.cy, mark.r, mark.colour
    if not mark.overdue:
        return (
            f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="white" stroke="{colour}" '
            f'stroke-width="1.6" stroke-dasharray="1.6,1.6"/>\n'
        )
    return (
        f'<g stroke="{colour}" stroke-width="1.6">'
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="white"/>'
        f'<line x1="{cx:g}" y1="{cy:g}" x2="{cx:g}" y2="{cy - 4.5:g}"/>'
        f'<line x1="{cx:g}" y1="{cy:g}" x2="{cx + 3.5:g}" y2="{cy:g}"/></g>\n'
    )
