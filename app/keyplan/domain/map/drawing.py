"""The one drawing of the stakeholder map: people and lines in, shapes out (``shapes``).

``draw_map`` lays the people out as an org chart (or takes a layout already made, such as one
printed page), builds each card's face, routes the influence lines around the cards
(``routing``) and adds the legend. The SVG, PNG, PDF, GraphML and draw.io writers only draw
what it returns, so the map looks the same in every one of them; see ``shapes`` for what each
shape means.

Input is plain: ``PersonFacts`` and ``LineFacts``, which the exchange and report floors make
from their own rows. The parts live apart: a card's face in ``cards``, the influence and
dotted lines in ``lines``, the routing around the cards in ``routing``. A customer-safe
drawing (``internal=False``) shows names, titles and departments on neutral cards, and no
influence lines.

Dotted (matrix) reporting lines are drawn straight from card edge to card edge and never
given to the layout: the tree follows the solid reporting lines only. They are the customer's
structure, not our assessment, so a customer-safe drawing shows them too. An open position
(``PersonFacts.is_vacancy``) is a dashed white seat, whatever the drawing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Protocol, TypeVar

from keyplan.domain.layout import CardSpec, LayoutOptions, OrgChartLayout, layout_org_chart
from keyplan.domain.map import looks
from keyplan.domain.map.cards import (  # noqa: F401  (the drawing's vocabulary, one import)
    NAME_SIZE,
    NOTE_HEIGHT,
    PersonFacts,
    card_shape,
)
from keyplan.domain.map.lines import (  # noqa: F401  (the drawing's vocabulary, one import)
    LineFacts,
    arrow_head,
    curve_between,
    dotted_shapes,
    edge_point,
    influence_shapes,
)
from keyplan.domain.map.shapes import (
    Legend,
    LegendLine,
    LegendSeat,
    LegendStance,
    MapDrawing,
)
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import ROLE_BADGE_KEY, Level, Stance

_LEVEL_RANK = {level.value: rank for rank, level in enumerate(Level)}


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
        card_shape(by_id[card_id], box, internal, notes.get(card_id, ""))
        for card_id, box in boxes.items()
        if card_id in by_id
    )
    reporting = chart.connectors  # the reporting shapes themselves (``shapes``)
    influence = influence_shapes(lines, boxes) if internal else ()
    matrix = dotted_shapes(dotted, boxes)
    return MapDrawing(chart.bounds, cards, reporting, influence, legend(internal), internal, matrix)


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
