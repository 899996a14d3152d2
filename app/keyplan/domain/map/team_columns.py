"""A compact org chart for paper: the top two levels as a tree, every team below as columns.

A tidy tree puts every level in one row, so a chart of twenty people with nine at the third
level is nine cards wide: too wide for a page at a readable size. Here the heads and their
direct reports are laid out as a tidy tree, and each direct report's whole team hangs below
them as an indented list (each level ``INDENT`` further right, joined by a spine), cut into
columns of at most ``rows`` cards between whole sub-teams. Fewer rows make the chart wider and
lower; the caller tries several and keeps the one that prints largest.
"""

from __future__ import annotations

from collections.abc import Sequence

from keyplan.domain.layout import (
    Box,
    CardSpec,
    Connector,
    LayoutOptions,
    OrgChartLayout,
    layout_org_chart,
)
from keyplan.domain.layout.model import bounds_of

INDENT = 22.0  # how far each level of a team's list is set in
GAP = 14.0  # between the cards of a list, and between a head and their list
_Team = list[tuple[int, int]]  # (card id, depth below the direct report), in list order


def team_columns_layout(
    cards: Sequence[CardSpec],
    options: LayoutOptions,
    rows: int,
    *,
    tree_levels: int = 2,
    with_connectors: bool = True,
) -> OrgChartLayout:
    """Lay out ``cards`` (all of one size) with teams in columns of at most ``rows`` cards.

    Cards may differ in height (a printed card with a note is taller), not in width. A
    sub-team longer than ``rows`` keeps its column whole (it is never cut). With
    ``tree_levels=1`` only the heads form the top row, and their whole teams hang in columns.
    ``with_connectors=False`` leaves the lines out (as ``layout_org_chart``): same boxes.
    """
    if not cards:
        return layout_org_chart([], options)
    ids = {c.id for c in cards}
    width, height = cards[0].width, cards[0].height
    heights = {c.id: c.height for c in cards}
    children: dict[int | None, list[int]] = {}
    for card in cards:
        boss = card.manager_id if card.manager_id in ids else None
        children.setdefault(boss, []).append(card.id)
    heads = children.get(None, [])
    if tree_levels == 1:  # the heads are the top row: their teams hang below them
        children = {**children, None: [], -1: heads}
        heads = [-1]
    directs = [d for head in heads for d in children.get(head, [])]
    columns = {d: _columns(_team_list(d, children), rows) for d in directs}
    column_width = {d: width + INDENT * _depth(columns[d]) + options.sibling_gap for d in directs}
    # The top two levels as a tidy tree; a direct report's card is as wide as their columns.
    top = [CardSpec(h, None, width, heights.get(h, height)) for h in heads]
    top += [
        CardSpec(d, head, max(width, column_width[d] * len(columns[d]) - options.sibling_gap),
                 heights[d] + _columns_height(columns[d], heights))
        for head in heads
        for d in children.get(head, [])
    ]  # fmt: skip
    tree = layout_org_chart(top, options, with_connectors=with_connectors)
    boxes: dict[int, Box] = {}
    connectors: list[Connector] = []
    for head in heads:
        boxes[head] = tree.boxes[head]
    for d in directs:
        region = tree.boxes[d]
        boxes[d] = Box(region.x, region.y, width, heights[d])
    for connector in tree.connectors:
        if connector.manager_id == -1:  # the stand-in above the heads is not drawn
            continue
        manager, report = boxes[connector.manager_id], boxes[connector.report_id]
        bus = manager.bottom + options.level_gap / 2
        points = ((manager.center_x, manager.bottom), (manager.center_x, bus),
                  (report.center_x, bus), (report.center_x, report.y))  # fmt: skip
        connectors.append(Connector(connector.manager_id, connector.report_id, points))
    for d in directs:
        _place_columns(d, columns[d], boxes, connectors, column_width[d], width, heights)
    boxes.pop(-1, None)
    lines = tuple(connectors) if with_connectors else ()
    return OrgChartLayout(boxes, lines, bounds_of(list(boxes.values())))


def _team_list(direct: int, children: dict[int | None, list[int]]) -> list[_Team]:
    """The direct report's team as whole sub-teams, each a list of (id, depth) in pre-order."""
    teams: list[_Team] = []
    for report in children.get(direct, []):
        team: _Team = []
        stack = [(report, 1)]
        while stack:
            person, depth = stack.pop()
            team.append((person, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(person, [])))
        teams.append(team)
    return teams


def _columns(teams: list[_Team], rows: int) -> list[_Team]:
    """Whole sub-teams packed into columns of at most ``rows`` cards (in order)."""
    columns: list[_Team] = []
    for team in teams:
        if columns and len(columns[-1]) + len(team) <= rows:
            columns[-1].extend(team)
        else:
            columns.append(list(team))
    return columns


def _columns_height(columns: list[_Team], heights: dict[int, float]) -> float:
    """How far a direct report's columns reach below their card: the tree must keep that
    free, or a stacked list of direct reports would put the next one over this one's team."""
    return max((sum(heights[p] + GAP for p, _depth in column) for column in columns), default=0.0)


def _depth(columns: list[_Team]) -> int:
    return max((depth for column in columns for _id, depth in column), default=1)


def _place_columns(
    direct: int,
    columns: list[_Team],
    boxes: dict[int, Box],
    connectors: list[Connector],
    column_width: float,
    width: float,
    heights: dict[int, float],
) -> None:
    head = boxes[direct]
    bus = head.bottom + GAP / 2
    for number, column in enumerate(columns):
        left = head.x + number * column_width
        managers: dict[int, int] = {0: direct}  # depth -> the last person at that depth
        y = head.bottom + GAP
        for person, depth in column:
            box = Box(left + INDENT * depth, y, width, heights[person])
            boxes[person] = box
            manager = managers.get(depth - 1, direct)
            connectors.append(Connector(manager, person, _spine(boxes[manager], box, bus, head)))
            managers[depth] = person
            for deeper in [k for k in managers if k > depth]:
                del managers[deeper]
            y += heights[person] + GAP


def _spine(manager: Box, report: Box, bus: float, head: Box) -> tuple[tuple[float, float], ...]:
    """Down a spine on the manager's left and across into the report's left side; from the
    head of a column further right, along a bus just under the head first."""
    spine_x = report.x - INDENT / 2
    start_x = manager.x + INDENT / 2
    level = report.center_y
    if abs(start_x - spine_x) < 1e-6:
        return ((start_x, manager.bottom), (spine_x, level), (report.x, level))
    return (
        (start_x, head.bottom),
        (start_x, bus),
        (spine_x, bus),
        (spine_x, level),
        (report.x, level),
    )
