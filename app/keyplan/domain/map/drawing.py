"""The one drawing of the stakeholder map: people and lines in, shapes out (``shapes``).

``draw_map`` lays the people out as an org chart (or takes a layout already made, such as one
printed page), builds each card's face, routes the influence lines around the cards
(``routing``) and adds the legend. The SVG, PNG, PDF, GraphML and draw.io writers only draw
what it returns, so the map looks the same in every one of them; see ``shapes`` for what each
shape means.

Input is plain: ``PersonFacts`` and ``LineFacts``, which the exchange and report floors make
from their own rows. A customer-safe drawing (``internal=False``) shows names, titles and
departments on neutral cards, and no influence lines.

Dotted (matrix) reporting lines are drawn straight from card edge to card edge and never
given to the layout: the tree follows the solid reporting lines only. They are the customer's
structure, not our assessment, so a customer-safe drawing shows them too. An open position
(``PersonFacts.is_vacancy``) is a dashed white seat, whatever the drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol, TypeVar

from keyplan.domain.layout import Box, CardSpec, LayoutOptions, OrgChartLayout, layout_org_chart
from keyplan.domain.map import looks
from keyplan.domain.map.routing import Budget, CardIndex, route, spread
from keyplan.domain.map.shapes import (
    BadgeShape,
    Band,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    DottedShape,
    InfluenceShape,
    Legend,
    LegendLine,
    LegendSeat,
    LegendStance,
    MapDrawing,
    Point,
    ReportingShape,
    TextRun,
)
from keyplan.domain.matrix import dotted_ends, vacancy_line
from keyplan.domain.relationships import ContactDue
from keyplan.domain.vocabulary import (
    ROLE_BADGE_KEY,
    ROLE_BADGES,
    InfluenceKind,
    Level,
    RatedField,
    Stance,
)

NAME_SIZE = 14.0  # a card's name, in layout units: the PDF prints it at 7.5 pt or more
TITLE_SIZE = 11.0
DEPARTMENT_SIZE = 10.0
BADGE_SIZE = 9.0
LETTER_SIZE = 13.0
DOUBTFUL_LETTER_SIZE = 11.0  # "B?": the letter and its question mark fit the band together
NOTE_SIZE = 10.0
NOTE_HEIGHT = 19.0  # the "team continues on page N" band at a card's foot
_ROW_Y = 59.0  # the top of a card's bottom row (badges, dots, marks)
_LEVEL_RANK = {level.value: rank for rank, level in enumerate(Level)}


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What one card shows, already worked out by the caller.

    Attributes:
        owner: our owner's initials ("AC", "AC+" when shared), "" for none.
        contact: the contact mark (``relationships.contact_due``), None for none.
        tag: the affiliate's short name when the person works for an affiliate.
        is_vacancy: an open position (``job_title`` names it, ``vacancy_note`` says when).
        uncertain: the ratings (``RatedField`` values) that rest on no recent evidence
            (``keyplan.domain.evidence``): a dashed dark outline and "?" marks.
    """

    id: int
    manager_id: int | None
    full_name: str
    job_title: str
    department: str
    level: str | None = None
    stance: str = Stance.UNKNOWN.value
    buying_role: str = ""
    influence: str | None = None
    strength: int = 0
    owner: str = ""
    contact: ContactDue | None = None
    has_left: bool = False
    tag: str | None = None
    manual_position: Point | None = None
    is_vacancy: bool = False
    vacancy_note: str | None = None
    uncertain: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LineFacts:
    """One influence line: from whom, to whom, what kind, how strong (0–3)."""

    from_id: int
    to_id: int
    kind: str
    strength: int = 1


class _Ordered(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def level(self) -> str | None: ...
    @property
    def full_name(self) -> str: ...


_Person = TypeVar("_Person", bound=_Ordered)


def layout_order(people: Iterable[_Person]) -> list[_Person]:
    """People in the order the layout places siblings and trees: by level, then by name."""
    return sorted(
        people,
        key=lambda p: (
            _LEVEL_RANK.get(p.level or "", len(_LEVEL_RANK)),
            p.full_name.casefold(),
            p.id,
        ),
    )


def lay_out(
    people: Sequence[PersonFacts], options: LayoutOptions = looks.LAYOUT_OPTIONS
) -> OrgChartLayout:
    """The org chart of these people with cards of the map's size (hand placings kept)."""
    shown = {p.id for p in people}
    return layout_org_chart(
        [
            CardSpec(
                p.id,
                p.manager_id if p.manager_id in shown else None,
                looks.CARD_WIDTH,
                looks.CARD_HEIGHT,
                p.manual_position,
            )
            for p in layout_order(people)
        ],
        options,
    )


def draw_map(
    people: Sequence[PersonFacts],
    lines: Sequence[LineFacts] = (),
    *,
    internal: bool = True,
    layout: OrgChartLayout | None = None,
    notes: Mapping[int, str] | None = None,
    dotted: Sequence[tuple[int, int]] = (),
) -> MapDrawing:
    """The drawing of a map.

    Args:
        people: the people on it (those missing from ``layout`` are left out).
        lines: the influence lines; those with an end off the drawing are left out, and all
            of them on a customer-safe drawing.
        internal: False for a customer-safe drawing (see the module docstring).
        layout: the positions to use (a printed page's); by default ``lay_out(people)``.
        notes: person id -> a note in a band at the card's foot (the layout must have made
            that card ``NOTE_HEIGHT`` taller).
        dotted: (person, dotted-line manager) pairs; those with an end off the drawing are
            left out. Pass none to hide them (they go with the influence lines).
    """
    chart = layout if layout is not None else lay_out(people)
    boxes = chart.boxes
    by_id = {p.id: p for p in people}
    notes = notes or {}
    cards = tuple(
        _card(by_id[card_id], box, internal, notes.get(card_id, ""))
        for card_id, box in boxes.items()
        if card_id in by_id
    )
    reporting = tuple(ReportingShape(c.manager_id, c.report_id, c.points) for c in chart.connectors)
    influence = _influence_lines(lines, boxes) if internal else ()
    matrix = _dotted_lines(dotted, boxes)
    return MapDrawing(chart.bounds, cards, reporting, influence, legend(internal), internal, matrix)


# ---- cards ------------------------------------------------------------------------------------


def _card(person: PersonFacts, box: Box, internal: bool, note: str) -> CardShape:
    if person.is_vacancy:
        return _vacancy_card(person, box, note)
    if not internal:
        return _plain_card(person, box, note)
    stance = looks.stance_key(person.stance)
    left = looks.LETTER_TEXT_LEFT
    room = looks.CARD_WIDTH - left - looks.TEXT_RIGHT
    tag_parts, tag_room = _tag(person.tag) if person.tag else ((), 0.0)
    doubts = frozenset(person.uncertain)
    parts = (
        *tag_parts,
        *_badges(
            person.buying_role,
            person.influence,
            max(0, min(4, person.strength)),
            stance,
            RatedField.BUYING_ROLE.value in doubts,
            RatedField.INFLUENCE.value in doubts,
        ),
        *_marks(person.owner, person.contact, person.has_left),
    )
    # A rating without recent evidence: a dashed dark outline (the card look of doubt).
    uncertain = bool(doubts)
    return CardShape(
        person_id=person.id,
        x=box.x,
        y=box.y,
        width=box.width,
        height=box.height,
        radius=looks.CARD_RADIUS,
        fill=looks.STANCE_FILL[stance],
        band=_band(stance, RatedField.STANCE.value in doubts),
        texts=_texts(person, left, room, room - tag_room),
        parts=parts,
        faded=person.has_left,
        note=_note(note, left, box) if note else None,
        note_height=NOTE_HEIGHT if note else 0.0,
        edge=looks.UNCERTAIN_EDGE if uncertain else looks.STANCE_EDGE[stance],
        edge_width=looks.UNCERTAIN_EDGE_WIDTH if uncertain else looks.EDGE_WIDTH,
        edge_dashes=looks.UNCERTAIN_DASH if uncertain else (),
        uncertain=uncertain,
    )


def _plain_card(person: PersonFacts, box: Box, note: str) -> CardShape:
    left = looks.TEXT_LEFT
    room = looks.CARD_WIDTH - left - looks.TEXT_RIGHT
    tag_parts, tag_room = _tag(person.tag) if person.tag else ((), 0.0)
    return CardShape(
        person_id=person.id,
        x=box.x,
        y=box.y,
        width=box.width,
        height=box.height,
        radius=looks.CARD_RADIUS,
        fill=looks.PLAIN_FILL,
        edge=looks.PLAIN_EDGE,
        band=Band(looks.BAND_WIDTH, looks.PLAIN_EDGE, None),
        texts=_texts(person, left, room, room - tag_room),
        parts=tag_parts,
        note=_note(note, left, box) if note else None,
        note_height=NOTE_HEIGHT if note else 0.0,
    )


def _vacancy_card(person: PersonFacts, box: Box, note: str) -> CardShape:
    """An open position: a white seat with a dashed edge, its title, "Vacant · note" and the
    department, all in muted ink; no stance, no badges, no marks (there is no one to assess)."""
    left = looks.TEXT_LEFT
    room = looks.CARD_WIDTH - left - looks.TEXT_RIGHT
    tag_parts, tag_room = _tag(person.tag) if person.tag else ((), 0.0)
    ink = looks.MUTED_INK
    texts = [
        TextRun(person.job_title or person.full_name, left, _baseline(5.0, 18.0, NAME_SIZE),
                NAME_SIZE, ink, room, bold=True, role="name"),
        TextRun(vacancy_line(person.vacancy_note), left, _baseline(23.0, 16.0, TITLE_SIZE),
                TITLE_SIZE, ink, room, role="title"),
    ]  # fmt: skip
    if person.department:
        texts.append(
            TextRun(person.department, left, _baseline(39.0, 15.0, DEPARTMENT_SIZE),
                    DEPARTMENT_SIZE, ink, room - tag_room, role="department")
        )  # fmt: skip
    return CardShape(
        person_id=person.id,
        x=box.x,
        y=box.y,
        width=box.width,
        height=box.height,
        radius=looks.CARD_RADIUS,
        fill=looks.VACANCY_FILL,
        edge=looks.VACANCY_EDGE,
        band=Band(0.0, looks.VACANCY_FILL, None),
        texts=tuple(texts),
        parts=tag_parts,
        note=_note(note, left, box) if note else None,
        note_height=NOTE_HEIGHT if note else 0.0,
        vacant=True,
        edge_width=looks.VACANCY_EDGE_WIDTH,
        edge_dashes=looks.VACANCY_DASHES,
    )


def _texts(person: PersonFacts, left: float, room: float, department_room: float) -> tuple:
    texts = [
        TextRun(person.full_name, left, _baseline(5.0, 18.0, NAME_SIZE), NAME_SIZE, looks.INK,
                room, bold=True, role="name"),
    ]  # fmt: skip
    if person.job_title:
        texts.append(_title_run(person.job_title, left, room))
    if person.department:
        texts.append(_department_run(person.department, left, department_room))
    return tuple(texts)


# Titles and departments repeat across an org ("Director", "Finance"): one run each, shared by
# every card that shows it (as the badges are), and written once by the SVG.
@cache
def _title_run(title: str, left: float, room: float) -> TextRun:
    return TextRun(title, left, _baseline(23.0, 16.0, TITLE_SIZE), TITLE_SIZE, looks.INK, room,
                   role="title")  # fmt: skip


@cache
def _department_run(department: str, left: float, room: float) -> TextRun:
    return TextRun(department, left, _baseline(39.0, 15.0, DEPARTMENT_SIZE), DEPARTMENT_SIZE,
                   looks.MUTED_INK, room, role="department")  # fmt: skip


def _note(note: str, left: float, box: Box) -> TextRun:
    return TextRun(note, left, box.height - 5.5, NOTE_SIZE, looks.TAG_FILL,
                   box.width - left - looks.TEXT_RIGHT, bold=True, role="note")  # fmt: skip


def _baseline(top: float, height: float, size: float) -> float:
    """The baseline that centres a line of text of ``size`` in a row."""
    return top + height / 2 + 0.35 * size


@cache
def _band(stance: str, doubtful: bool = False) -> Band:
    """The stance band and letter; "B?" when the stance rests on no recent evidence (an
    unknown stance claims nothing, so it is never doubted: no "??")."""
    colour = looks.STANCE_EDGE[stance]
    ink = "#ffffff" if looks.is_dark(colour) else looks.INK
    width = looks.LETTER_BAND_WIDTH
    text, size = looks.STANCE_LETTERS[stance], LETTER_SIZE
    if doubtful and stance != Stance.UNKNOWN.value:
        text, size = text + looks.DOUBT_MARK, DOUBTFUL_LETTER_SIZE
    letter = TextRun(text, width / 2, 21.0, size, ink, width, bold=True, anchor="middle",
                     role="letter")  # fmt: skip
    return Band(width, colour, letter)


@cache
def _tag(tag: str) -> tuple[tuple[CardPart, ...], float]:
    """The affiliate's name in a dark label on the department's line, and the room it takes."""
    text = looks.fit(tag, BADGE_SIZE, 70.0, bold=True)
    width = looks.text_width(text, BADGE_SIZE, bold=True) + 8.0
    x = looks.CARD_WIDTH - looks.TEXT_RIGHT - width
    badge = _badge(x, 40.0, 13.0, text, "#ffffff", looks.TAG_FILL, None)
    return (badge,), width + 6.0


@cache
def _badge(
    x: float,
    y: float,
    height: float,
    text: str,
    ink: str,
    fill: str,
    border: str | None,
    *,
    width: float | None = None,
    radius: float = 3.0,
    fill_opacity: float = 1.0,
) -> BadgeShape:
    width = width if width is not None else looks.text_width(text, BADGE_SIZE, bold=True) + 8.0
    label = TextRun(text, x + width / 2, _baseline(y, height, BADGE_SIZE), BADGE_SIZE, ink,
                    width, bold=True, anchor="middle", role="badge")  # fmt: skip
    return BadgeShape(x, y, width, height, radius, fill, border, label, fill_opacity)


@cache
def _badges(
    role: str,
    influence: str | None,
    strength: int,
    stance: str,
    role_doubtful: bool = False,
    influence_doubtful: bool = False,
) -> tuple[CardPart, ...]:
    """The bottom row's left side: buying role and influence badges ("DM?", "H?" when they
    rest on no recent evidence), relationship dots."""
    y, x = _ROW_Y, looks.LETTER_TEXT_LEFT
    parts: list[CardPart] = []
    role_text = ROLE_BADGES.get(role)  # type: ignore[call-overload]
    influence_text = looks.INFLUENCE_BADGES.get(influence or "")
    if role_text and role_doubtful:
        role_text += looks.DOUBT_MARK
    if influence_text and influence_doubtful:
        influence_text += looks.DOUBT_MARK
    for text, ink, border in (
        (role_text, looks.INK, looks.STANCE_EDGE[stance]),
        (influence_text, looks.MUTED_INK, looks.MUTED_INK),
    ):
        if text:
            badge = _badge(x, y, 16.0, text, ink, "#ffffff", border, fill_opacity=0.85)
            parts.append(badge)
            x += badge.width + 4.0
    x += 3.0
    for dot in range(4):
        parts.append(_dot(x + 3.5 + dot * 9, y + 8.0, dot < strength))
    return tuple(parts)


@cache
def _dot(cx: float, cy: float, filled: bool) -> DotShape:
    """One relationship dot; shared by every card with a dot there (renderers reuse it)."""
    return DotShape(cx, cy, 3.2, looks.OWNER_COLOUR if filled else None, looks.OWNER_COLOUR)


@cache
def _marks(owner: str, due: ContactDue | None, left: bool) -> tuple[CardPart, ...]:
    """The bottom row's right side: our owner's initials, the contact mark, "LEFT"."""
    y, right = _ROW_Y, looks.CARD_WIDTH - looks.TEXT_RIGHT
    parts: list[CardPart] = []
    if owner:
        width = 18.0 if len(owner) <= 2 else 24.0
        parts.append(
            _badge(right - width, y - 1, 18.0, owner, "#ffffff", looks.OWNER_COLOUR, None,
                   width=width, radius=9.0)
        )  # fmt: skip
        right -= width + 5.0
    if due is not None:
        overdue = due is ContactDue.OVERDUE
        parts.append(ClockShape(right - 7.0, y + 8.0, 7.0, looks.STALE_COLOUR, overdue))
    if left:
        parts.append(_badge(right - 44.0, y, 16.0, "LEFT", looks.MUTED_INK, "#ffffff",
                            looks.MUTED_INK, fill_opacity=0.85))  # fmt: skip
    return tuple(parts)


# ---- influence lines --------------------------------------------------------------------------


def _influence_lines(lines: Sequence[LineFacts], boxes: Mapping[int, Box]) -> tuple:
    drawn = [line for line in lines if line.from_id in boxes and line.to_id in boxes]
    drawn = [line for line in drawn if line.from_id != line.to_id]
    if not drawn:
        return ()
    index, budget = CardIndex(boxes), Budget()
    # The shortest lines first: if the drawing's budget of search steps runs out on a chart
    # of thousands, it is the long lines across the chart that become curves.
    found: dict[int, tuple[Point, ...] | None] = {}
    for number in sorted(range(len(drawn)), key=lambda n: _distance(drawn[n], boxes)):
        line = drawn[number]
        found[number] = route(index, boxes[line.from_id], boxes[line.to_id], budget)
    routes = spread([found[number] for number in range(len(drawn))])
    shapes = []
    for line, points in zip(drawn, routes, strict=True):
        curved = points is None
        if points is None:
            points = curve_between(boxes[line.from_id], boxes[line.to_id])
        if points is None:
            continue
        shapes.append(_influence_shape(line, points, curved))
    return tuple(shapes)


def _distance(line: LineFacts, boxes: Mapping[int, Box]) -> float:
    a, b = boxes[line.from_id], boxes[line.to_id]
    return abs(a.center_x - b.center_x) + abs(a.center_y - b.center_y)


def _influence_shape(line: LineFacts, points: tuple[Point, ...], curved: bool) -> InfluenceShape:
    kind = looks.kind_key(line.kind)
    symmetric = kind in looks.SYMMETRIC_KINDS
    return InfluenceShape(
        source_id=line.from_id,
        target_id=line.to_id,
        kind=kind,
        label=InfluenceKind(kind).label,
        colour=looks.LINE_COLOURS[kind],
        width=looks.line_width(line.strength),
        dashes=looks.LINE_DASHES[kind],
        points=points,
        curved=curved,
        head=() if symmetric else arrow_head(points[-2], points[-1]),
        end_dots=(points[0], points[-1]) if symmetric else (),
    )


def arrow_head(before: Point, tip: Point) -> tuple[Point, ...]:
    """A filled triangle pointing from ``before`` to ``tip``, its tip on ``tip``."""
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    back = (
        tip[0] - math.cos(angle) * looks.ARROW_LENGTH,
        tip[1] - math.sin(angle) * looks.ARROW_LENGTH,
    )
    side = (-math.sin(angle) * looks.ARROW_HALF_WIDTH, math.cos(angle) * looks.ARROW_HALF_WIDTH)
    return (tip, (back[0] + side[0], back[1] + side[1]), (back[0] - side[0], back[1] - side[1]))


def curve_between(source: Box, target: Box) -> tuple[Point, ...] | None:
    """A quadratic curve from edge to edge (start, control, end), bent to the left of its
    direction so that A→B and B→A stay apart; None when the cards are on top of each other."""
    start_centre = (source.center_x, source.center_y)
    end_centre = (target.center_x, target.center_y)
    if math.dist(start_centre, end_centre) < 1.0:
        return None
    start, end = edge_point(source, end_centre), edge_point(target, start_centre)
    length = max(math.dist(start, end), 1.0)
    bend = min(max(0.18 * length, 16.0), 110.0)
    normal = (-(end[1] - start[1]) / length, (end[0] - start[0]) / length)
    control = (
        (start[0] + end[0]) / 2 + normal[0] * bend,
        (start[1] + end[1]) / 2 + normal[1] * bend,
    )
    return (start, control, end)


def edge_point(box: Box, towards: Point) -> Point:
    """Where the line from a box's centre towards a point leaves the box."""
    dx, dy = towards[0] - box.center_x, towards[1] - box.center_y
    scale_x = (box.width / 2) / abs(dx) if dx else math.inf
    scale_y = (box.height / 2) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return (box.center_x + dx * scale, box.center_y + dy * scale)


# ---- dotted (matrix) reporting lines --------------------------------------------------------


def _dotted_lines(
    dotted: Sequence[tuple[int, int]], boxes: Mapping[int, Box]
) -> tuple[DottedShape, ...]:
    shapes = []
    for person_id, manager_id in dotted:
        report, manager = boxes.get(person_id), boxes.get(manager_id)
        if report is None or manager is None or person_id == manager_id:
            continue
        ends = dotted_ends(
            (report.x, report.y, report.width, report.height),
            (manager.x, manager.y, manager.width, manager.height),
        )
        if ends is not None:
            shapes.append(
                DottedShape(person_id, manager_id, ends, looks.DOTTED_COLOUR,
                            looks.DOTTED_WIDTH, looks.DOTTED_DASHES)
            )  # fmt: skip
    return tuple(shapes)


# ---- the legend -------------------------------------------------------------------------------


@cache
def legend(internal: bool) -> Legend:
    """What the looks mean: stances and line kinds (internal maps), the dotted reporting line
    and the open position (every map), and notes."""
    if not internal:
        notes: tuple[str, ...] = ("Reporting lines as we understand them.",)
        return Legend((), (_DOTTED_LEGEND,), notes, _SEAT_LEGEND)
    stances = tuple(
        LegendStance(
            looks.STANCE_LETTERS[s.value], s.label, looks.STANCE_FILL[s.value],
            looks.STANCE_EDGE[s.value],
        )
        for s in Stance
    )  # fmt: skip
    lines = (
        *(
            LegendLine(
                k.value, k.label, looks.LINE_COLOURS[k.value], looks.LINE_DASHES[k.value],
                k.value not in looks.SYMMETRIC_KINDS,
            )
            for k in InfluenceKind
        ),
        _DOTTED_LEGEND,
    )  # fmt: skip
    notes = (
        "Letter and colour on the left: stance. Arrow: who influences, mentors or sponsors "
        "whom; dots at both ends: an alliance or rivalry. Grey lines: reporting.",
        ROLE_BADGE_KEY,
        looks.LEGEND_MARKS,
        looks.LEGEND_UNCERTAIN,
    )
    return Legend(stances, lines, notes, _SEAT_LEGEND)


_DOTTED_LEGEND = LegendLine(looks.DOTTED_KIND, looks.DOTTED_LABEL, looks.DOTTED_COLOUR,
                            looks.DOTTED_DASHES, arrow=False, plain=True)  # fmt: skip
_SEAT_LEGEND = LegendSeat(looks.VACANCY_LABEL, looks.VACANCY_FILL, looks.VACANCY_EDGE,
                          looks.VACANCY_DASHES)  # fmt: skip
