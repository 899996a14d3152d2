"""The map's drawing description (``keyplan.domain.map.shapes``) as native PowerPoint shapes.

Every shape is written as DrawingML text and parsed once per slide (python-pptx's setters cost
milliseconds per shape; a 500-person deck has thousands). What each drawing shape becomes:

- a card: a group holding an editable rounded rectangle with the name, job title and
  department as its text (the shape reporting lines are glued to), the stance band with its
  letter, the note band ("Team of N → slide M"), and the small parts (badges, relationship
  dots, the contact mark) — so that moving the group in PowerPoint moves the whole card;
- the lines: see ``map_lines``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import (
    BadgeShape,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    Point,
    TextRun,
)
from keyplan.reports.deck.slides import shorten
from keyplan.reports.map.drawing import NOTE_FILL

NS = (
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
)
FONT = "Arial"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Ascent share of a line set with exact spacing: where its baseline sits in it.
_ASCENT = 0.8


def emu(points: float) -> int:
    return round(points * 12700)


def hex_colour(colour: str) -> str:
    return colour.lstrip("#").upper()


def text(value: str) -> str:
    """A text escaped for XML, characters XML cannot hold left out."""
    return escape(_NOT_XML.sub("", value))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the drawing lands on the slide: drawing point (x, y) is at ``point(x, y)``."""

    left: float
    top: float
    origin_x: float
    origin_y: float
    scale: float

    def point(self, x: float, y: float) -> Point:
        return (
            self.left + (x - self.origin_x) * self.scale,
            self.top + (y - self.origin_y) * self.scale,
        )


class ShapeIds:
    """Shape ids unique on a slide, handed out in turn."""

    def __init__(self, first: int) -> None:
        self._next = first

    def next(self) -> int:
        self._next += 1
        return self._next - 1


# ---- plain pieces -----------------------------------------------------------------------------


def solid(colour: str, opacity: float = 1.0) -> str:
    alpha = f'<a:alpha val="{round(opacity * 100000)}"/>' if opacity < 1.0 else ""
    return f'<a:solidFill><a:srgbClr val="{hex_colour(colour)}">{alpha}</a:srgbClr></a:solidFill>'


def _card_outline(card: CardShape, scale: float) -> str:
    """A card's edge; an open position's is dashed (the drawing's seat)."""
    if not card.vacant:
        return outline(card.edge, 1.0 * scale)
    return outline(card.edge, card.edge_width * scale, '<a:prstDash val="dash"/>')


def outline(colour: str | None, width: float, extra: str = "") -> str:
    if colour is None:
        return "<a:ln><a:noFill/></a:ln>"
    return f'<a:ln w="{emu(width)}">{solid(colour)}{extra}</a:ln>'


def preset(name: str, adjust: Sequence[tuple[str, float]] = ()) -> str:
    """A preset geometry with its adjust values (guide name, value)."""
    guides = "".join(f'<a:gd name="{guide}" fmla="val {round(value)}"/>' for guide, value in adjust)
    return f'<a:prstGeom prst="{name}"><a:avLst>{guides}</a:avLst></a:prstGeom>'


def freeform(path: str, width: float, height: float, closed: bool = True) -> str:
    """A custom geometry of one path, in EMU of a ``width`` × ``height`` box."""
    fill = "" if closed else ' fill="none"'
    return (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{emu(width)}" h="{emu(height)}"{fill}>{path}</a:path>'
        "</a:pathLst></a:custGeom>"
    )


def pt(point: Point) -> str:
    return f'<a:pt x="{emu(point[0])}" y="{emu(point[1])}"/>'


def shape(
    shape_id: int,
    name: str,
    box: tuple[float, float, float, float],
    geometry: str,
    fill: str,
    line: str,
    body: str = "",
    *,
    transform: str = "",
    description: str = "",
) -> str:
    """A ``p:sp`` at ``box`` (left, top, width, height in points)."""
    x, y, width, height = box
    descr = f' descr="{text(description)}"' if description else ""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{text(name)}"{descr}/><p:cNvSpPr/>'
        f"<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm{transform}>"
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm>{geometry}{fill}{line}</p:spPr>{body}</p:sp>"
    )


def run(line: TextRun, scale: float, spacing: float | None = None, align: str = "l") -> str:
    """A paragraph of one run: the drawing's text, cut with "…" to its room on the slide."""
    size = line.size * scale
    value = shorten(line.text, line.max_width * scale * 0.97, size, 1, line.bold)
    spaced = f'<a:lnSpc><a:spcPts val="{round(spacing * 100)}"/></a:lnSpc>' if spacing else ""
    properties = f'<a:pPr algn="{align}">{spaced}<a:spcBef><a:spcPts val="0"/></a:spcBef></a:pPr>'
    size_text = str(max(100, round(size * 100)))
    return (
        f'<a:p>{properties}<a:r><a:rPr lang="en-GB" sz="{size_text}" b="{int(line.bold)}">'
        f'{solid(line.colour)}<a:latin typeface="{FONT}"/><a:cs typeface="{FONT}"/></a:rPr>'
        f'<a:t>{text(value)}</a:t></a:r><a:endParaRPr lang="en-GB" sz="{size_text}"/></a:p>'
    )


def text_body(paragraphs: str, insets: tuple[float, float, float], anchor: str = "t") -> str:
    """One line per paragraph, never wrapped (the drawing's texts are cut to fit)."""
    left, top, right = (emu(v) for v in insets)
    return (
        f'<p:txBody><a:bodyPr wrap="none" lIns="{left}" tIns="{top}" rIns="{right}" bIns="0" '
        f'anchor="{anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f"{paragraphs}</p:txBody>"
    )


def lines_at_baselines(
    runs: Sequence[TextRun], scale: float, align: str = "l"
) -> tuple[str, float]:
    """Paragraphs whose baselines land where the drawing puts them (exact line spacing: a
    line's baseline sits at ``_ASCENT`` of its height), and the top inset they need."""
    paragraphs, top, previous = [], 0.0, 0.0
    for number, line in enumerate(runs):
        if number == 0:
            height = line.size * 1.2 * scale
            top = line.baseline * scale - _ASCENT * height
        else:
            gap = (line.baseline - runs[number - 1].baseline) * scale
            height = max((gap - (1 - _ASCENT) * previous) / _ASCENT, line.size * scale)
        paragraphs.append(run(line, scale, height, align))
        previous = height
    return "".join(paragraphs), max(0.0, top)


# ---- cards ------------------------------------------------------------------------------------


def card_group(ids: ShapeIds, card: CardShape, at: Placement) -> tuple[int, str]:
    """A card as a group of shapes; returns the id of its rectangle (for glued lines)."""
    scale = at.scale
    x, y = at.point(card.x, card.y)
    width, height = card.width * scale, card.height * scale
    group_id, card_id = ids.next(), ids.next()
    radius = card.radius / min(card.width, card.height) * 100000
    first = card.texts[0].x if card.texts else looks.TEXT_LEFT
    paragraphs, top = lines_at_baselines(card.texts, scale)
    body = text_body(paragraphs, (first * scale, top, looks.TEXT_RIGHT * scale))
    name = card.texts[0].text if card.texts else ""
    members = [
        shape(card_id, f"Card: {name}", (x, y, width, height), _rounded(radius),
              solid(card.fill), _card_outline(card, scale), body)
    ]  # fmt: skip
    if not card.vacant:  # an open position has no stance band
        members.append(_band(ids.next(), card, x, y, scale))
    if card.note is not None:
        members.append(_note(ids.next(), card, x, y, scale))
    members += [_part(ids, part, x, y, scale) for part in card.parts]
    group = (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{group_id}" name="{text(name)}"/><p:cNvGrpSpPr/>'
        f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
        f'<a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f'<a:chOff x="{emu(x)}" y="{emu(y)}"/><a:chExt cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm></p:grpSpPr>{''.join(members)}</p:grpSp>"
    )
    return card_id, group


def _rounded(adjust: float) -> str:
    """PowerPoint's rounded rectangle; ``adjust``: the corner radius in 1/100,000 of the
    shorter side."""
    return preset("roundRect", [("adj", adjust)])


def _rounded_path(width: float, height: float, radii: tuple[float, float, float, float]) -> str:
    """A rectangle's outline with the corners (top-left, top-right, bottom-right,
    bottom-left) rounded by these radii."""
    tl, tr, br, bl = radii
    return (
        f"<a:moveTo>{pt((tl, 0))}</a:moveTo><a:lnTo>{pt((width - tr, 0))}</a:lnTo>"
        f"<a:quadBezTo>{pt((width, 0))}{pt((width, tr))}</a:quadBezTo>"
        f"<a:lnTo>{pt((width, height - br))}</a:lnTo>"
        f"<a:quadBezTo>{pt((width, height))}{pt((width - br, height))}</a:quadBezTo>"
        f"<a:lnTo>{pt((bl, height))}</a:lnTo>"
        f"<a:quadBezTo>{pt((0, height))}{pt((0, height - bl))}</a:quadBezTo>"
        f"<a:lnTo>{pt((0, tl))}</a:lnTo>"
        f"<a:quadBezTo>{pt((0, 0))}{pt((tl, 0))}</a:quadBezTo><a:close/>"
    )


def _band(shape_id: int, card: CardShape, x: float, y: float, scale: float) -> str:
    """The stance band on the card's left edge, carrying the stance letter (internal maps)."""
    width, height, radius = card.band.width * scale, card.height * scale, card.radius * scale
    geometry = freeform(_rounded_path(width, height, (radius, 0, 0, radius)), width, height)
    body = ""
    if card.band.letter is not None:
        letter = card.band.letter
        paragraphs, top = lines_at_baselines([letter], scale, "ctr")
        body = text_body(paragraphs, (0, top, 0))
    name = f"Stance {card.band.letter.text}" if card.band.letter else "Band"
    return shape(shape_id, name, (x, y, width, height), geometry, solid(card.band.colour),
                 outline(None, 0), body)  # fmt: skip


def _note(shape_id: int, card: CardShape, x: float, y: float, scale: float) -> str:
    """The band across the card's foot: "Team of N → slide M"."""
    assert card.note is not None
    left = card.band.width * scale
    width, height = card.width * scale - left, card.note_height * scale
    top = y + card.height * scale - height
    radius = card.radius * scale
    geometry = freeform(_rounded_path(width, height, (0, 0, radius, 0)), width, height)
    moved = replace(card.note, x=card.note.x - card.band.width,
                    baseline=card.note.baseline - (card.height - card.note_height))  # fmt: skip
    paragraphs, inset = lines_at_baselines([moved], scale)
    body = text_body(paragraphs, (moved.x * scale, inset, 0))
    return shape(shape_id, "Team continues", (x + left, top, width, height), geometry,
                 solid(NOTE_FILL), outline(None, 0), body)  # fmt: skip


def _part(ids: ShapeIds, part: CardPart, x: float, y: float, scale: float) -> str:
    if isinstance(part, BadgeShape):
        box = (x + part.x * scale, y + part.y * scale, part.width * scale, part.height * scale)
        radius = part.radius / min(part.width, part.height) * 100000
        label = run(part.label, scale, align="ctr")
        body = text_body(label, (0, 0, 0), anchor="ctr")
        line = outline(part.border, 0.8 * scale)
        return shape(ids.next(), f"Badge {part.label.text}", box, _rounded(radius),
                     solid(part.fill, part.fill_opacity), line, body)  # fmt: skip
    if isinstance(part, DotShape):
        box = (x + (part.cx - part.r) * scale, y + (part.cy - part.r) * scale,
               2 * part.r * scale, 2 * part.r * scale)  # fmt: skip
        fill = solid(part.fill) if part.fill else "<a:noFill/>"
        return shape(ids.next(), "Relationship dot", box, preset("ellipse"), fill,
                     outline(part.stroke, 0.8 * scale))  # fmt: skip
    return _clock(ids, part, x, y, scale)


def _clock(ids: ShapeIds, mark: ClockShape, x: float, y: float, scale: float) -> str:
    """The contact mark: a clock face when overdue, a dashed ring when never contacted."""
    r = mark.r * scale
    cx, cy = x + mark.cx * scale, y + mark.cy * scale
    dash = "" if mark.overdue else '<a:prstDash val="sysDot"/>'
    name = "Contact overdue" if mark.overdue else "Never contacted"
    face = shape(ids.next(), name, (cx - r, cy - r, 2 * r, 2 * r), preset("ellipse"),
                 solid("#ffffff"), outline(mark.colour, 1.4 * scale, dash))  # fmt: skip
    if not mark.overdue:
        return face
    up, across = 4.5 * scale, 3.5 * scale
    path = (
        f"<a:moveTo>{pt((0, 0))}</a:moveTo><a:lnTo>{pt((0, up))}</a:lnTo>"
        f"<a:lnTo>{pt((across, up))}</a:lnTo>"
    )
    hands = shape(ids.next(), "Clock hands", (cx, cy - up, across, up),
                  freeform(path, across, up, closed=False), "<a:noFill/>",
                  outline(mark.colour, 1.4 * scale))  # fmt: skip
    return face + hands
