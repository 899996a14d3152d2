"""A reporting line on a slide runs where the drawing's line runs: the elbow connector's preset
path, bent by its adjust values and turned by its transform, is read back and compared point by
point with the drawing's polyline (in the tree, stacked and team-column layouts)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from lxml import etree

from keyplan.domain.layout import CardSpec
from keyplan.domain.map import looks
from keyplan.domain.map.drawing import PersonFacts, draw_map, lay_out
from keyplan.domain.map.team_columns import team_columns_layout
from keyplan.reports.deck.map_lines import reporting_connector
from keyplan.reports.deck.map_shapes import NS, Placement
from keyplan.reports.map.stakeholder_map import STACKED

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _people() -> list[PersonFacts]:
    people = [PersonFacts(1, None, "Head", "CEO", "Exec")]
    for manager in (2, 3, 4):
        people.append(PersonFacts(manager, 1, f"Manager {manager}", "VP", "Ops"))
        for k in range(manager - 1):
            people.append(PersonFacts(manager * 10 + k, manager, f"Leaf {manager}{k}", "", ""))
    people.append(PersonFacts(200, 20, "Deep", "", ""))
    return people


def _layouts():
    people = _people()
    specs = [CardSpec(p.id, p.manager_id, looks.CARD_WIDTH, looks.CARD_HEIGHT) for p in people]
    columns = replace(looks.LAYOUT_OPTIONS, level_gap=40.0)
    return {
        "tree": lay_out(people),
        "stacked": lay_out(people, STACKED),
        "columns": team_columns_layout(specs, columns, 2, tree_levels=1),
    }


def _path_of(connector: etree._Element) -> list[tuple[float, float]]:
    """The connector's polyline on the slide, in points, as PowerPoint draws it."""
    xfrm = connector.find(f".//{_A}xfrm")
    off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
    x, y = int(off.get("x")) / 12700, int(off.get("y")) / 12700
    w, h = int(ext.get("cx")) / 12700, int(ext.get("cy")) / 12700
    geometry = connector.find(f".//{_A}prstGeom")
    adjust = [int(g.get("fmla").split()[1]) / 100000 for g in geometry.iter(f"{_A}gd")]
    name = geometry.get("prst")
    if name == "straightConnector1":
        local = [(0.0, 0.0), (w, h)]
    else:
        # Segments run along u (odd) and v (even) in turn; the adjust values place all but
        # the last two, which reach the far corner.
        segments = int(name.removeprefix("bentConnector"))
        local, u, v = [(0.0, 0.0)], 0.0, 0.0
        for j in range(1, segments + 1):
            far = w if j % 2 else h
            value = adjust[j - 1] * far if j <= segments - 2 else far
            u, v = (value, v) if j % 2 else (u, value)
            local.append((u, v))
    centre = (x + w / 2, y + h / 2)
    turn = math.radians(int(xfrm.get("rot", "0")) / 60000)
    points = []
    for px, py in local:
        a, b = px - w / 2, py - h / 2
        if xfrm.get("flipH") == "1":
            a = -a
        if xfrm.get("flipV") == "1":
            b = -b
        points.append(
            (
                centre[0] + a * math.cos(turn) - b * math.sin(turn),
                centre[1] + a * math.sin(turn) + b * math.cos(turn),
            )
        )
    return points


def _without_straight_runs(points) -> list[tuple[float, float]]:
    kept: list[tuple[float, float]] = []
    for point in points:
        if kept and math.dist(point, kept[-1]) < 0.01:
            continue
        if len(kept) >= 2:
            (ax, ay), (bx, by) = kept[-2], kept[-1]
            if (abs(ax - bx) < 0.01 and abs(bx - point[0]) < 0.01) or (
                abs(ay - by) < 0.01 and abs(by - point[1]) < 0.01
            ):
                kept[-1] = point
                continue
        kept.append(point)
    return kept


@pytest.mark.parametrize("name", ["tree", "stacked", "columns"])
def test_every_reporting_line_follows_the_drawing(name):
    layout = _layouts()[name]
    drawing = draw_map(_people(), layout=layout)
    at = Placement(30.0, 70.0, drawing.bounds.x, drawing.bounds.y, 0.6)
    rects = {}
    for card in drawing.cards:
        x, y = at.point(card.x, card.y)
        rects[card.person_id] = (card.person_id + 1000, (x, y, card.width * 0.6, card.height * 0.6))
    assert drawing.reporting
    for line in drawing.reporting:
        xml = reporting_connector(7, line, at, rects[line.manager_id], rects[line.report_id])
        connector = etree.fromstring(f"<root {NS}>{xml}</root>")[0]
        wanted = _without_straight_runs([at.point(*p) for p in line.points])
        drawn = _path_of(connector)
        assert len(drawn) == len(wanted), (name, wanted, drawn)
        for got, want in zip(drawn, wanted, strict=True):
            assert math.dist(got, want) < 0.05, (name, wanted, drawn)
        # The report's end is always glued; the manager's where the line leaves a site.
        glued = {e.get("id") for e in connector.iter(f"{_A}endCxn")}
        assert glued == {str(line.report_id + 1000)}


def test_a_dotted_reporting_line_runs_edge_to_edge_in_system_dots_without_ends():
    from keyplan.reports.deck.map_lines import dotted_line

    people = [PersonFacts(1, None, "Head", "CEO", ""), PersonFacts(2, 1, "Ana", "CIO", ""),
              PersonFacts(3, 1, "Bo", "CFO", "")]  # fmt: skip
    drawing = draw_map(people, dotted=[(3, 2)])
    [line] = drawing.dotted
    at = Placement(10.0, 20.0, drawing.bounds.x, drawing.bounds.y, 0.5)
    xml = dotted_line(7, line, at, "Bo: also reports to Ana")
    element = etree.fromstring(f"<p:spTree {NS}>{xml}</p:spTree>")
    text = etree.tostring(element).decode()
    assert 'prstDash val="sysDot"' in text and "headEnd" not in text and "tailEnd" not in text
    assert 'descr="Bo: also reports to Ana"' in text
    (sx, sy), (ex, ey) = (at.point(*p) for p in line.points)
    off = element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}off")
    assert int(off.get("x")) == round(min(sx, ex) * 12700)
    assert int(off.get("y")) == round(min(sy, ey) * 12700)
