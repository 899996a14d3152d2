"""The stakeholder map as an SVG drawing, written as text: no Qt, no SQLAlchemy.

The same layout and design as on screen (``map_design``): cards coloured by stance with
badges, dots and markers, orthogonal reporting lines, curved influence arrows, a title and a
legend. Every text is real ``<text>``, so names can be searched and edited in a slide. Text
widths are estimated from the characters (the viewer's font decides the exact width), with a
margin, to shorten what would not fit on a card.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from functools import cache

from keyplan.domain.layout import Box, CardSpec, OrgChartLayout, layout_org_chart
from keyplan.domain.plain_text import isolated
from keyplan.domain.relationships import ContactDue
from keyplan.domain.vocabulary import ROLE_BADGES, InfluenceKind, RatedField, Stance
from keyplan.exchange.map import design as design
from keyplan.store.map.rows import MapData, MapLine, MapPerson

FONT_FAMILY = "'DejaVu Sans', Verdana, 'Segoe UI', Arial, sans-serif"
MARGIN = 24.0
TITLE_SIZE = 18.0
LEGEND_ROW = 18.0
LEGEND_SIZE = 11.0
_W, _H = design.CARD_WIDTH, design.CARD_HEIGHT
_TEXT_WIDTH = _W - design.TEXT_LEFT - design.TEXT_RIGHT
LEGEND_BADGES = design.LEGEND_BADGES
LEGEND_MARKS = design.LEGEND_MARKS


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
        with_lines: draw the influence lines.
    """
    shown = list(data.people if people is None else people)
    chart = layout_org_chart(
        [
            CardSpec(p.id, p.reports_to_id, _W, _H, p.map_position)
            for p in design.layout_order(shown)
        ],
        design.LAYOUT_OPTIONS,
    )
    bounds = chart.bounds
    header = TITLE_SIZE + 12.0 + 4 * LEGEND_ROW + 14.0
    width = max(bounds.width, _legend_width()) + 2 * MARGIN
    height = bounds.height + header + 2 * MARGIN
    shift_x, shift_y = MARGIN - bounds.x, MARGIN + header - bounds.y
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT_FAMILY}">\n',
        f"<title>{escape(title)}</title>\n",
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>\n',
        _UNCERTAIN_DEFINITION,
        _text(MARGIN, MARGIN + TITLE_SIZE * 0.8, title, TITLE_SIZE, design.INK, bold=True),
        _legend(MARGIN, MARGIN + TITLE_SIZE + 12.0),
        f'<g transform="translate({shift_x:.1f},{shift_y:.1f})">\n',
        _connectors(chart),
    ]
    if with_lines:
        parts.append(_influence_lines(data.lines, chart))
    by_id = {p.id: p for p in shown}
    for person_id, box in chart.boxes.items():
        person = by_id[person_id]
        tag = design.affiliate_tag(person, data.account_id, data.accounts)
        parts.append(_card(person, box, tag, today))
    parts.append("</g>\n</svg>\n")
    return "".join(parts)


def map_title(account_name: str, people: int, today: date) -> str:
    """The picture's title: whose map, how many people, and when it was made."""
    return f"{account_name} — stakeholder map · {people} people · {today.isoformat()}"


# ---- text -------------------------------------------------------------------------------------


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of a text's width in a sans-serif font (DejaVu Sans's proportions)."""
    widths = _WIDTHS
    em = 0.0
    for char in text:
        width = widths.get(char)
        if width is None:
            width = widths[char] = _char_width(char)
        em += width
    return em * size * (_BOLD if bold else 1.0)


_WIDTHS: dict[str, float] = {}
_BOLD = 1.07


def _char_width(char: str) -> float:
    """A character's advance in em: narrow, wide, East Asian full width, or ordinary."""
    if char in "iljI.,:;'|!·":
        return 0.3
    if char in "frt()[]- ":
        return 0.4
    if char in "mwMW@":
        return 0.95
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char.isupper() or char.isdigit():
        return 0.7
    return 0.6


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """The text, shortened with "…" when its estimated width is more than ``width``."""
    if text_width(text, size, bold=bold) <= width:
        return text
    room = width - text_width("…", size, bold=bold)
    used = 0.0
    for end, char in enumerate(text):
        used += text_width(char, size, bold=bold)
        if used > room:
            return text[:end].rstrip() + "…"
    return text


# Characters XML 1.0 cannot hold at all, even escaped: a NUL in a name made the file malformed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute: what XML cannot hold is
    left out, and bidi controls are kept inside the text (``plain_text.isolated``)."""
    text = isolated(_NOT_XML.sub("", text))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    colour: str,
    *,
    bold: bool = False,
    anchor: str = "",
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    middle = ' text-anchor="middle"' if anchor == "middle" else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{colour}"{weight}{middle}>'
        f"{escape(text)}</text>\n"
    )


def _baseline(top: float, height: float, size: float) -> float:
    """The baseline that centres a line of text of ``size`` in a row."""
    return top + height / 2 + 0.35 * size


# ---- the chart --------------------------------------------------------------------------------


def _connectors(chart: OrgChartLayout) -> str:
    steps = []
    for connector in chart.connectors:
        (x0, y0), *rest = connector.points
        steps.append(f"M{x0:.1f},{y0:.1f}" + "".join(f"L{x:.1f},{y:.1f}" for x, y in rest))
    if not steps:
        return ""
    return (
        f'<path d="{"".join(steps)}" fill="none" stroke="{design.CONNECTOR_COLOUR}" '
        f'stroke-width="1.6"/>\n'
    )


def _influence_lines(lines: Sequence[MapLine], chart: OrgChartLayout) -> str:
    parts = []
    for line in lines:
        source, target = chart.boxes.get(line.from_id), chart.boxes.get(line.to_id)
        if source is None or target is None:
            continue
        kind = design.kind_key(line.kind)
        curve = design.influence_curve(
            (source.x, source.y, source.width, source.height),
            (target.x, target.y, target.width, target.height),
            kind not in design.SYMMETRIC_KINDS,
        )
        if curve is None:
            continue
        colour, dashes = design.LINE_COLOURS[kind], design.LINE_DASHES[kind]
        width = 1.4 + 0.5 * line.strength
        (sx, sy), (cx, cy), (ex, ey) = curve.start, curve.control, curve.end
        parts.append(
            f'<path d="M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="{width:g}" '
            f'stroke-dasharray="{",".join(f"{d * width:g}" for d in dashes)}"/>\n'
        )
        if curve.head:
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in curve.head)
            parts.append(f'<polygon points="{points}" fill="{colour}"/>\n')
    return "".join(parts)


def _card(person: MapPerson, box: Box, tag: str | None, today: date) -> str:
    """One card. Most of a card repeats across people (a stance, a badge, an owner), so those
    pieces are made once each and reused: a chart of thousands is written in a blink."""
    key = design.stance_key(person)
    faded = f' opacity="{design.LEFT_OPACITY}"' if person.has_left else ""
    tag_width = _tag_width(tag) if tag else 0.0
    department_room = _TEXT_WIDTH - (tag_width + 6.0 if tag else 0.0)
    uncertain = design.uncertain_ratings(person, today)
    return "".join(
        (
            f'<g transform="translate({box.x:.1f},{box.y:.1f})"{faded}>\n',
            _body(key),
            _UNCERTAIN_OUTLINE if uncertain else "",
            _line(person.full_name, 13.0, _TEXT_WIDTH, bold=True, top=5.0, height=18.0),
            _line(person.job_title or "", 11.0, _TEXT_WIDTH, top=23.0, height=16.0),
            _line(person.department or "", 10.0, department_room, top=39.0, height=15.0,
                  colour=design.MUTED_INK),
            _tag(tag) if tag else "",
            _badges(person.buying_role, person.influence, max(0, min(4, person.strength)), key,
                    uncertain),
            _marks(design.owner_mark(person.owners), design.contact_mark(person, today),
                   person.has_left),
            "</g>\n",
        )
    )  # fmt: skip


#: A card whose ratings lack recent evidence: a dashed dark outline over the stance's,
#: defined once and used by each such card (most cards of a large map are uncertain).
_UNCERTAIN_DEFINITION = (
    f'<defs><rect id="uncertain" width="{_W:g}" height="{_H:g}" rx="{design.CARD_RADIUS:g}" '
    f'fill="none" stroke="{design.INK}" stroke-width="1.6" '
    f'stroke-dasharray="{design.UNCERTAIN_DASH[0]:g},{design.UNCERTAIN_DASH[1]:g}"/></defs>\n'
)
_UNCERTAIN_OUTLINE = '<use href="#uncertain"/>\n'


@cache
def _body(stance: str) -> str:
    """The card's rounded box and stance band."""
    edge, fill = design.STANCE_EDGE[stance], design.STANCE_FILL[stance]
    radius, band = design.CARD_RADIUS, design.BAND_WIDTH
    return (
        f'<rect width="{_W:g}" height="{_H:g}" rx="{radius:g}" fill="{fill}" '
        f'stroke="{edge}" stroke-width="1.2"/>\n'
        f'<path d="M{radius:g},0 H{band:g} V{_H:g} H{radius:g} A{radius:g},{radius:g} 0 0 1 '
        f'0,{_H - radius:g} V{radius:g} A{radius:g},{radius:g} 0 0 1 {radius:g},0 Z" '
        f'fill="{edge}"/>\n'
    )


def _line(
    text: str,
    size: float,
    width: float,
    *,
    top: float,
    height: float,
    bold: bool = False,
    colour: str = design.INK,
) -> str:
    """A line of card text, shortened to fit."""
    if not text:
        return ""
    y = _baseline(top, height, size)
    return _text(design.TEXT_LEFT, y, fit(text, size, width, bold=bold), size, colour, bold=bold)


@cache
def _tag_width(tag: str) -> float:
    return text_width(fit(tag, 9.0, 70.0, bold=True), 9.0, bold=True) + 8.0


@cache
def _tag(tag: str) -> str:
    """The affiliate's name in a dark label on the department's line."""
    text, width = fit(tag, 9.0, 70.0, bold=True), _tag_width(tag)
    x = _W - design.TEXT_RIGHT - width
    return (
        f'<rect x="{x:.1f}" y="40" width="{width:.1f}" height="13" rx="3" '
        f'fill="{design.TAG_FILL}"/>\n'
        + _text(x + width / 2, _baseline(40.0, 13.0, 9.0), text, 9.0, "white", bold=True,
                anchor="middle")
    )  # fmt: skip


@cache
def _badges(
    role: str, influence: str | None, strength: int, stance: str, uncertain: tuple[str, ...] = ()
) -> str:
    """The bottom row's left side: "?" for an uncertain stance, buying role and influence
    badges (with "?" when uncertain), relationship dots."""
    y, x, parts = _ROW_Y, design.TEXT_LEFT, []
    role_text = ROLE_BADGES.get(role)
    influence_text = design.INFLUENCE_BADGES.get(influence or "")
    if role_text and RatedField.BUYING_ROLE.value in uncertain:
        role_text += "?"
    if influence_text and RatedField.INFLUENCE.value in uncertain:
        influence_text += "?"
    if RatedField.STANCE.value in uncertain:
        parts.append(_badge(x, y, "?", design.INK, design.STANCE_EDGE[stance]))
        x += text_width("?", 9.0, bold=True) + 12.0
    if role_text:
        parts.append(_badge(x, y, role_text, design.INK, design.STANCE_EDGE[stance]))
        x += text_width(role_text, 9.0, bold=True) + 12.0
    if influence_text:
        parts.append(_badge(x, y, influence_text, design.MUTED_INK, design.MUTED_INK))
        x += text_width(influence_text, 9.0, bold=True) + 12.0
    x += 3.0
    for dot in range(4):
        fill = design.OWNER_COLOUR if dot < strength else "none"
        parts.append(
            f'<circle cx="{x + 3.5 + dot * 9:.1f}" cy="{y + 8:g}" r="3.2" fill="{fill}" '
            f'stroke="{design.OWNER_COLOUR}"/>\n'
        )
    return "".join(parts)


@cache
def _marks(owner: str, due: ContactDue | None, left: bool) -> str:
    """The bottom row's right side: our owner's initials, the overdue clock or the
    never-contacted ring, "LEFT"."""
    y, right, parts = _ROW_Y, _W - design.TEXT_RIGHT, []
    if owner:
        width = 18.0 if len(owner) <= 2 else 24.0
        parts.append(
            f'<rect x="{right - width:g}" y="{y - 1:g}" width="{width:g}" height="18" rx="9" '
            f'fill="{design.OWNER_COLOUR}"/>\n'
        )
        parts.append(
            _text(right - width / 2, _baseline(y - 1, 18.0, 9.0), owner, 9.0, "white",
                  bold=True, anchor="middle")
        )  # fmt: skip
        right -= width + 5.0
    cx, cy = right - 7.0, y + 8.0
    if due is ContactDue.NEVER_CONTACTED:  # an empty, dashed face: no contact to count from
        parts.append(
            f'<circle cx="{cx:g}" cy="{cy:g}" r="7" fill="white" stroke="{design.STALE_COLOUR}" '
            f'stroke-width="1.6" stroke-dasharray="1.6,1.6"/>\n'
        )
    elif due is ContactDue.OVERDUE:
        parts.append(
            f'<g stroke="{design.STALE_COLOUR}" stroke-width="1.6">'
            f'<circle cx="{cx:g}" cy="{cy:g}" r="7" fill="white"/>'
            f'<line x1="{cx:g}" y1="{cy:g}" x2="{cx:g}" y2="{cy - 4.5:g}"/>'
            f'<line x1="{cx:g}" y1="{cy:g}" x2="{cx + 3.5:g}" y2="{cy:g}"/></g>\n'
        )
    if left:
        parts.append(_badge(right - 44.0, y, "LEFT", design.MUTED_INK, design.MUTED_INK))
    return "".join(parts)


_ROW_Y = 59.0


def _badge(x: float, y: float, text: str, ink: str, border: str) -> str:
    width = text_width(text, 9.0, bold=True) + 8.0
    return (
        f'<rect x="{x:.1f}" y="{y:g}" width="{width:.1f}" height="16" rx="3" fill="white" '
        f'fill-opacity="0.85" stroke="{border}"/>\n'
        + _text(x + width / 2, _baseline(y, 16.0, 9.0), text, 9.0, ink, bold=True, anchor="middle")
    )


# ---- the legend -------------------------------------------------------------------------------


def _legend(x0: float, y0: float) -> str:
    parts, x = [], x0
    for stance in Stance:
        edge, fill = design.STANCE_EDGE[stance.value], design.STANCE_FILL[stance.value]
        parts.append(
            f'<rect x="{x:.1f}" y="{y0 + 4:.1f}" width="16" height="11" rx="2" fill="{fill}" '
            f'stroke="{edge}"/><rect x="{x:.1f}" y="{y0 + 4:.1f}" width="4" height="11" '
            f'fill="{edge}"/>\n'
        )
        parts.append(_text(x + 20, _baseline(y0, LEGEND_ROW, LEGEND_SIZE), stance.label,
                           LEGEND_SIZE, design.INK))  # fmt: skip
        x += 32.0 + text_width(stance.label, LEGEND_SIZE)
    x, y = x0, y0 + LEGEND_ROW
    for kind in InfluenceKind:
        colour, dashes = design.LINE_COLOURS[kind.value], design.LINE_DASHES[kind.value]
        middle = y + LEGEND_ROW / 2
        parts.append(
            f'<line x1="{x:.1f}" y1="{middle:.1f}" x2="{x + 26:.1f}" y2="{middle:.1f}" '
            f'stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{",".join(f"{d * 2:g}" for d in dashes)}"/>\n'
        )
        parts.append(_text(x + 30, _baseline(y, LEGEND_ROW, LEGEND_SIZE), kind.label,
                           LEGEND_SIZE, design.INK))  # fmt: skip
        x += 42.0 + text_width(kind.label, LEGEND_SIZE)
    for row, text in enumerate((LEGEND_BADGES, LEGEND_MARKS), start=2):
        top = y0 + row * LEGEND_ROW
        parts.append(
            _text(x0, _baseline(top, LEGEND_ROW, LEGEND_SIZE), text, LEGEND_SIZE,
                  design.MUTED_INK)
        )  # fmt: skip
    return "".join(parts)


def _legend_width() -> float:
    rows = [
        sum(32.0 + text_width(stance.label, LEGEND_SIZE) for stance in Stance),
        sum(42.0 + text_width(kind.label, LEGEND_SIZE) for kind in InfluenceKind),
        text_width(LEGEND_BADGES, LEGEND_SIZE),
        text_width(LEGEND_MARKS, LEGEND_SIZE),
    ]
    return max(rows)
