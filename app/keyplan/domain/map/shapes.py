"""The shapes of a map drawing: plain, frozen data that every renderer draws the same way.

Units are layout units (a card is ``looks.CARD_WIDTH`` × ``looks.CARD_HEIGHT``, the screen's
pixels at 100 %); y grows downwards, as in the layout. A renderer picks its own scale (the PDF
fits a page, the SVG draws at 1). Colours are ``#rrggbb`` strings; dash patterns are lengths in
multiples of the line's width (on, off, on, off …).

What each shape means, for someone drawing it with another tool (PowerPoint, say):

- ``CardShape``: one person's card, a rounded rectangle at ``x, y`` (its top-left corner) of
  ``width × height``, filled ``fill`` with an outline ``edge``. ``band`` is a strip of
  ``band.width`` along the left edge in ``band.colour``, carrying ``band.letter`` (the stance
  letter; empty on a customer-safe map). ``texts`` are the card's lines (name, job title,
  department), ``parts`` its small marks (badges, dots, the contact mark); **both are in
  coordinates relative to the card's top-left corner**, so the same part can be shared by many
  cards. ``edge_width`` is the outline's width and ``edge_dashes`` its dash pattern (empty:
  solid); an ``uncertain`` card (a rating with no recent evidence) has a dashed dark outline,
  and "?" after the stance letter or on the badge of each uncertain rating. ``faded`` cards
  (people who left) are drawn at ``looks.LEFT_OPACITY``. ``note`` is a line printed in a band
  across the card's foot (a team continued on another page).
  ``vacant`` cards are open positions (a seat without a person): a white card with a dashed
  grey outline, no band colour or letter, their texts the position's title, "Vacant · note"
  and the department.
- ``TextRun``: one line of text; ``x`` is its left end (or its centre when ``anchor`` is
  "middle"), ``baseline`` its baseline. A renderer shortens it with "…" to ``max_width`` with
  its own font's measure (``looks.fit`` is an estimate for writers that have none).
- ``BadgeShape``: a small rounded label (buying role, influence, owner's initials, affiliate);
  ``DotShape``: a circle, filled or not; ``ClockShape``: the contact mark (a clock when overdue,
  a dashed ring when never contacted).
- ``ReportingShape``: a reporting line, an orthogonal polyline from the manager's card down to
  the report's, solid, in ``looks.CONNECTOR_COLOUR``.
- ``InfluenceShape``: an influence line along ``points`` (an orthogonal route around the
  cards, corners rounded by ``corner_radius``; or, when ``curved``, a quadratic curve whose
  middle point is the control point), with a dash pattern and colour per kind, an arrow head
  (a filled triangle, ``head``) at the target for directed kinds, a dot at both ends
  (``end_dots``) for alliances and rivalries, and a ``label`` that says what it is.
- ``DottedShape``: a dotted (matrix) reporting line, "also reports to": a straight line from
  the report's card edge to the dotted-line manager's, in round dots (``dash_lengths`` drawn
  with round line caps). The layout never follows it; it is hidden with the influence lines.
- ``Legend``: what the stance letters and colours and the line styles mean, and a few lines
  of notes (badges, marks) — every page and picture of the map carries it.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every ``export-map`` makes these classes (some 200,000 instructions a field).

from dataclasses import dataclass
from typing import NamedTuple

from keyplan.domain.layout import Box, Connector
from keyplan.domain.quick_init import quick_init

Point = tuple[float, float]

# The shapes are named tuples, frozen as before: a frozen, slotted dataclass cost some 0.5 ms
# to define (its methods compiled one by one), a named tuple a tenth of that, and every
# ``keyplan export-map`` defines them all. ``TextRun`` stays a dataclass: the PowerPoint
# deck makes a changed copy of one with ``dataclasses.replace``.


@quick_init  # one per card at least: see quick_init
@dataclass(frozen=True, slots=True)
class TextRun:
    """One line of text. ``role``: name, title, department, badge, letter, note."""

    text: str
    x: float
    baseline: float
    size: float
    colour: str
    max_width: float
    bold: bool = False
    anchor: str = "start"  # or "middle"
    role: str = ""


class BadgeShape(NamedTuple):
    """A small rounded label; ``label.x`` is its centre (``anchor`` "middle")."""

    x: float
    y: float
    width: float
    height: float
    radius: float
    fill: str
    border: str | None
    label: TextRun
    fill_opacity: float = 1.0


class DotShape(NamedTuple):
    """A circle; ``fill`` None for an empty one."""

    cx: float
    cy: float
    r: float
    fill: str | None
    stroke: str


class ClockShape(NamedTuple):
    """The contact mark: ``overdue`` a clock face, else a dashed empty ring (never contacted)."""

    cx: float
    cy: float
    r: float
    colour: str
    overdue: bool


CardPart = BadgeShape | DotShape | ClockShape


class Band(NamedTuple):
    """The strip on a card's left edge: the stance colour and letter."""

    width: float
    colour: str
    letter: TextRun | None


class CardShape(NamedTuple):
    """One person's card (see the module docstring)."""

    person_id: int
    x: float
    y: float
    width: float
    height: float
    radius: float
    fill: str
    edge: str
    band: Band
    texts: tuple[TextRun, ...]
    parts: tuple[CardPart, ...]
    faded: bool = False
    note: TextRun | None = None
    note_height: float = 0.0
    edge_width: float = 1.2
    edge_dashes: tuple[float, ...] = ()  # in multiples of ``edge_width``; () for solid
    vacant: bool = False  # an open position (see the module docstring)
    uncertain: bool = False  # a rating rests on no recent evidence (see the module docstring)

    @property
    def edge_dash_lengths(self) -> tuple[float, ...]:
        """The outline's dash pattern in drawing units."""
        return tuple(d * self.edge_width for d in self.edge_dashes)

    @property
    def box(self) -> Box:
        return Box(self.x, self.y, self.width, self.height)


# A reporting line is drawn where the layout ran it: the layout's own connector (manager id,
# report id, points), not a copy of each of a map's thousands of them.
ReportingShape = Connector


class InfluenceShape(NamedTuple):
    """One influence line (see the module docstring)."""

    source_id: int
    target_id: int
    kind: str
    label: str
    colour: str
    width: float
    dashes: tuple[float, ...]
    points: tuple[Point, ...]
    curved: bool
    head: tuple[Point, ...]  # the arrow head's triangle (tip first); () for none
    end_dots: tuple[Point, ...]  # dot centres at both ends of a symmetric line; () for none
    corner_radius: float = 6.0

    @property
    def dash_lengths(self) -> tuple[float, ...]:
        """The dash pattern in drawing units (the pattern times the line's width)."""
        return tuple(d * self.width for d in self.dashes)


class DottedShape(NamedTuple):
    """A dotted (matrix) reporting line (see the module docstring)."""

    person_id: int
    manager_id: int
    points: tuple[Point, Point]  # at the report's card edge, then at the manager's
    colour: str
    width: float
    dashes: tuple[float, ...]

    @property
    def dash_lengths(self) -> tuple[float, ...]:
        """The dot pattern in drawing units (the pattern times the line's width)."""
        return tuple(d * self.width for d in self.dashes)


class LegendStance(NamedTuple):
    letter: str
    label: str
    fill: str
    edge: str


class LegendLine(NamedTuple):
    kind: str
    label: str
    colour: str
    dashes: tuple[float, ...]
    arrow: bool  # True: an arrow head at the end; False: a dot at both ends
    plain: bool = False  # True: neither (a dotted reporting line), drawn with round caps


class LegendSeat(NamedTuple):
    """The open position's sample: a small white card with a dashed edge."""

    label: str
    fill: str
    edge: str
    dashes: tuple[float, ...]


class Legend(NamedTuple):
    stances: tuple[LegendStance, ...]
    lines: tuple[LegendLine, ...]
    notes: tuple[str, ...]
    seat: LegendSeat | None = None  # drawn after the lines, in their row


class MapDrawing(NamedTuple):
    """A whole map, or one page of it: everything a renderer needs, nothing it must compute.

    Attributes:
        bounds: the smallest box holding every card (a renderer translates by its corner).
        cards: the cards, in drawing order.
        reporting: the reporting lines (drawn first).
        influence: the influence lines (drawn over the reporting lines, under the cards).
        dotted: the dotted reporting lines (drawn under the influence lines).
        legend: what the looks mean.
        internal: False for a customer-safe map (no assessments, no influence lines).
    """

    bounds: Box
    cards: tuple[CardShape, ...]
    reporting: tuple[ReportingShape, ...]
    influence: tuple[InfluenceShape, ...]
    legend: Legend
    internal: bool
    dotted: tuple[DottedShape, ...] = ()


def rounded_corners(points: tuple[Point, ...], radius: float) -> list[tuple[Point, Point, Point]]:
    """How to draw a polyline with rounded corners: for every corner, where the straight part
    ends, the corner point (a quadratic curve's control point) and where the next straight part
    starts. The radius shrinks where the pieces are short."""
    corners = []
    for k in range(1, len(points) - 1):
        before, corner, after = points[k - 1], points[k], points[k + 1]
        room_in = abs(corner[0] - before[0]) + abs(corner[1] - before[1])
        room_out = abs(after[0] - corner[0]) + abs(after[1] - corner[1])
        r = min(radius, room_in / 2, room_out / 2)
        corners.append(
            (_towards(corner, before, r), corner, _towards(corner, after, r)),
        )
    return corners


def _towards(origin: Point, target: Point, distance: float) -> Point:
    dx, dy = target[0] - origin[0], target[1] - origin[1]
    length = abs(dx) + abs(dy) or 1.0  # orthogonal pieces: one of dx, dy is 0
    return (origin[0] + dx / length * distance, origin[1] + dy / length * distance)
