"""Reporting lines as orthogonal polylines, from the bottom of a manager's card.

Two shapes:

- an elbow: down from the middle of the manager's bottom edge to a horizontal "bus" line,
  across, and down into the middle of the report's top edge. Siblings share the bus, so a
  team reads as one bracket;
- a spine, for stacked leaves: down from the manager (across at the bus first, if the manager
  is not above the spine), down the spine to the middle of the card's height, then across into
  the side of the card facing the spine.
"""

from __future__ import annotations

from keyplan.domain.layout.model import Box, Point

# Float round-off can leave a report a hair off its manager's centre line; a jog that small
# would be an invisible extra segment, so it is drawn as a straight line from the manager.
_SAME_X = 1e-6


def elbow(manager: Box, report: Box, bus_y: float) -> tuple[Point, ...]:
    """The line from a manager down to a report placed in a row below.

    Args:
        manager: the manager's card.
        report: the report's card.
        bus_y: the y of the horizontal part.

    Returns:
        2 points (a straight drop) or 4 points.
    """
    start_x, end_x = manager.center_x, report.center_x
    if abs(start_x - end_x) < _SAME_X:
        return ((start_x, manager.bottom), (start_x, report.y))
    return ((start_x, manager.bottom), (start_x, bus_y), (end_x, bus_y), (end_x, report.y))


def spine(
    manager: Box, report: Box, spine_x: float, bus_y: float, *, on_left: bool
) -> tuple[Point, ...]:
    """The line from a manager down a spine into the side of a stacked report.

    Args:
        manager: the manager's card.
        report: the stacked report's card.
        spine_x: the x of the vertical spine.
        bus_y: the y where the line crosses over to the spine, when the manager is not above it.
        on_left: whether the report hangs left of the spine (the line enters its right side).

    Returns:
        3 points, or 5 when the line has to cross over to the spine first.
    """
    side_x = report.right if on_left else report.x
    level = report.center_y
    start_x = manager.center_x
    if abs(start_x - spine_x) < _SAME_X:
        return ((start_x, manager.bottom), (start_x, level), (side_x, level))
    return (
        (start_x, manager.bottom),
        (start_x, bus_y),
        (spine_x, bus_y),
        (spine_x, level),
        (side_x, level),
    )


def midway(manager: Box, report: Box) -> float:
    """A bus height halfway between a manager's bottom and a report's top.

    Used when either card is hand-placed, so the rows' shared bus may not lie between them.
    """
    return (manager.bottom + report.y) / 2
