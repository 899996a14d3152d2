"""The map as GraphML that yEd opens with the same positions, labels and colours.

Standard GraphML (nodes, edges, keys) carrying yEd's own graphics extensions: a ``y:ShapeNode``
per card (``y:Geometry``, ``y:Fill``, ``y:BorderStyle``, a multi-line ``y:NodeLabel``) and a
``y:PolyLineEdge`` per line (its bends as ``y:Point``, ``y:LineStyle``, ``y:Arrows``). Reporting
lines are solid grey without arrows; influence lines keep their kind's colour, a dash style
(yEd has four: dashed for influences, dotted for alliances, dash-dot for rivalries and
mentoring, solid and thicker for sponsors), an arrow at the influenced person, or circles on
both ends of an alliance or rivalry. Every edge also carries its kind as plain GraphML data, so
other tools read the politics too. Drawn from the one drawing description (``domain.map``).
"""

from __future__ import annotations

from collections.abc import Mapping

from keyplan.domain.layout import Box
from keyplan.domain.map import looks
from keyplan.domain.map.shapes import CardShape, InfluenceShape, MapDrawing
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.exchange.map.diagram_labels import card_label
from keyplan.exchange.map.svg import escape

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
YED_NS = "http://www.yworks.com/xml/graphml"
YED_STYLES = {
    InfluenceKind.INFLUENCES.value: "dashed",
    InfluenceKind.ALLY.value: "dotted",
    InfluenceKind.RIVAL.value: "dashed_dotted",
    InfluenceKind.MENTOR.value: "dashed_dotted",
    InfluenceKind.SPONSOR.value: "line",
}
_HEADER = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xmlns:y="{YED_NS}" xsi:schemaLocation="{GRAPHML_NS} \
http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
  <key id="d0" for="graph" attr.name="title" attr.type="string"/>
  <key id="d1" for="node" attr.name="name" attr.type="string"/>
  <key id="d2" for="node" yfiles.type="nodegraphics"/>
  <key id="d3" for="edge" attr.name="kind" attr.type="string"/>
  <key id="d4" for="edge" yfiles.type="edgegraphics"/>
"""


def drawing_graphml(drawing: MapDrawing, title: str) -> str:
    """The drawing as a GraphML document (see the module docstring)."""
    parts = [_HEADER, '  <graph id="map" edgedefault="directed">\n']
    parts.append(f'    <data key="d0">{escape(title)}</data>\n')
    boxes = {card.person_id: card.box for card in drawing.cards}
    for card in drawing.cards:
        parts.append(_node(card, drawing))
    for number, line in enumerate(drawing.reporting):
        parts.append(
            _edge(f"r{number}", line.manager_id, line.report_id, "reports to", line.points,
                  looks.CONNECTOR_COLOUR, "line", 1.6, ("none", "none"), boxes)
        )  # fmt: skip
    for number, dotted in enumerate(drawing.dotted):
        parts.append(
            _edge(f"d{number}", dotted.person_id, dotted.manager_id, looks.DOTTED_LABEL,
                  dotted.points, dotted.colour, "dotted", dotted.width, ("none", "none"), boxes)
        )  # fmt: skip
    for number, line in enumerate(drawing.influence):
        parts.append(_influence(number, line, boxes))
    parts.append("  </graph>\n</graphml>\n")
    return "".join(parts)


def _node(card: CardShape, drawing: MapDrawing) -> str:
    label = escape(card_label(card, drawing))
    name = escape(card.texts[0].text) if card.texts else ""
    border = "dashed" if card.edge_dashes else "line"  # dashed: a rating without evidence
    return (
        f'    <node id="p{card.person_id}">\n'
        f'      <data key="d1">{name}</data>\n'
        f'      <data key="d2">\n'
        f"        <y:ShapeNode>\n"
        f'          <y:Geometry x="{card.x:.1f}" y="{card.y:.1f}" width="{card.width:.1f}" '
        f'height="{card.height:.1f}"/>\n'
        f'          <y:Fill color="{card.fill.upper()}" transparent="false"/>\n'
        f'          <y:BorderStyle color="{card.edge.upper()}" type="{border}" '
        f'width="{card.edge_width:g}"/>\n'
        f'          <y:NodeLabel alignment="left" autoSizePolicy="node_size" fontFamily="Dialog" '
        f'fontSize="11" fontStyle="plain" textColor="{looks.INK.upper()}" '
        f'modelName="internal" modelPosition="tl" visible="true">{label}</y:NodeLabel>\n'
        f'          <y:Shape type="roundrectangle"/>\n'
        f"        </y:ShapeNode>\n"
        f"      </data>\n"
        f"    </node>\n"
    )


def _influence(number: int, line: InfluenceShape, boxes: Mapping[int, Box]) -> str:
    arrows = ("none", "standard") if line.head else ("circle", "circle")
    width = line.width + (1.0 if line.kind == InfluenceKind.SPONSOR.value else 0.0)
    points = line.points if not line.curved else (line.points[0], line.points[-1])
    return _edge(f"i{number}", line.source_id, line.target_id, line.label, points, line.colour,
                 YED_STYLES.get(line.kind, "dashed"), width, arrows, boxes)  # fmt: skip


def _edge(
    edge_id: str,
    source: int,
    target: int,
    kind: str,
    points: tuple[tuple[float, float], ...],
    colour: str,
    style: str,
    width: float,
    arrows: tuple[str, str],
    boxes: Mapping[int, Box],
) -> str:
    (sx, sy), (tx, ty) = points[0], points[-1]
    source_box, target_box = boxes[source], boxes[target]
    # yEd's path ends are offsets from the centres of the two nodes.
    path = (
        f'          <y:Path sx="{sx - source_box.center_x:.1f}" '
        f'sy="{sy - source_box.center_y:.1f}" tx="{tx - target_box.center_x:.1f}" '
        f'ty="{ty - target_box.center_y:.1f}">\n'
        + "".join(f'            <y:Point x="{x:.1f}" y="{y:.1f}"/>\n' for x, y in points[1:-1])
        + "          </y:Path>\n"
    )
    return (
        f'    <edge id="{edge_id}" source="p{source}" target="p{target}">\n'
        f'      <data key="d3">{escape(kind)}</data>\n'
        f'      <data key="d4">\n'
        f"        <y:PolyLineEdge>\n{path}"
        f'          <y:LineStyle color="{colour.upper()}" type="{style}" width="{width:.1f}"/>\n'
        f'          <y:Arrows source="{arrows[0]}" target="{arrows[1]}"/>\n'
        f'          <y:BendStyle smoothed="{"true" if style != "line" else "false"}"/>\n'
        f"        </y:PolyLineEdge>\n"
        f"      </data>\n"
        f"    </edge>\n"
    )
