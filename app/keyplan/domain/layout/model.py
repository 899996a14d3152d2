"""What goes into the org-chart layout and what comes out: cards in, rectangles and lines out."""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every ``export-map`` makes these classes (some 200,000 instructions a field).

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from keyplan.domain.quick_init import quick_init

Point = tuple[float, float]


@quick_init  # made by the ten thousand: see quick_init
@dataclass(frozen=True, slots=True)
class CardSpec:  # a dataclass: callers make changed copies with dataclasses.replace
    """One person's card as the layout sees it.

    Attributes:
        id: the person's id; unique among the cards.
        manager_id: the manager's id. None, or an id that is not among the cards, makes this
            card the root of a tree.
        width: card width.
        height: card height.
        manual_position: top-left corner of a hand-placed card. It overrides the layout for
            this card only; its reports are still laid out under where the layout would have
            put it.
    """

    id: int
    manager_id: int | None
    width: float
    height: float
    manual_position: Point | None = None


@dataclass(frozen=True, slots=True)
class LayoutOptions:
    """Spacing and stacking rules of the org chart (units are the caller's, e.g. points).

    Attributes:
        sibling_gap: horizontal gap between neighbouring cards and subtrees.
        level_gap: vertical gap between a manager's row and their reports' row.
        root_gap: horizontal gap between separate trees of the forest.
        stack_threshold: a manager whose reports are all leaves and number at least this many
            gets them stacked in columns under them instead of one wide row.
        stack_columns_max: 1 keeps stacks in a single column; 2 (or more, treated as 2) lets
            stacks of at least ``2 * stack_threshold`` leaves split into two columns.
        stack_gap: vertical gap between stacked cards.
        stack_indent: horizontal distance between the spine line and the stacked cards.
        loose_threshold: when at least this many people report to nobody and have nobody
            reporting to them, they are set out in a grid of rows (``loose_cards``) instead of
            one long row beside the trees.
    """

    sibling_gap: float = 24.0
    level_gap: float = 56.0
    root_gap: float = 64.0
    stack_threshold: int = 6
    stack_columns_max: int = 2
    stack_gap: float = 12.0
    stack_indent: float = 16.0
    loose_threshold: int = 4


class Box(NamedTuple):
    """A card's rectangle: top-left origin, y grows downward."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2

    @property
    def center_y(self) -> float:
        return self.y + self.height / 2


def bounds_of(boxes: Sequence[Box]) -> Box:
    """The smallest rectangle holding every box (at least one)."""
    left, top, right, bottom = edges_of(boxes)
    return box_between(left, top, right, bottom)


def edges_of(boxes: Sequence[Box]) -> tuple[float, float, float, float]:
    """The left, top, right and bottom of the smallest rectangle holding every box."""
    left = min([box.x for box in boxes])
    top = min([box.y for box in boxes])
    right = max([box.x + box.width for box in boxes])  # as Box.right computes it
    bottom = max([box.y + box.height for box in boxes])
    return left, top, right, bottom


def box_between(left: float, top: float, right: float, bottom: float) -> Box:
    """The box with these edges."""
    return Box(left, top, right - left, bottom - top)


class Connector(NamedTuple):
    """The reporting line between a manager and one report.

    Attributes:
        manager_id: the manager's card id.
        report_id: the report's card id.
        points: an orthogonal polyline (every segment horizontal or vertical) from the bottom
            centre of the manager's card to the top centre of the report's card, or to the
            side of the report's card for stacked leaves.
    """

    manager_id: int
    report_id: int
    points: tuple[Point, ...]


class OrgChartLayout(NamedTuple):
    """Where every card goes and how the reporting lines run.

    Attributes:
        boxes: card id -> its rectangle.
        connectors: one per reporting line, in the input order of the reports.
        bounds: the smallest box holding every card; a 0-size box at the origin when empty.
    """

    boxes: dict[int, Box]
    connectors: tuple[Connector, ...]
    bounds: Box


DEFAULT_OPTIONS = LayoutOptions()
