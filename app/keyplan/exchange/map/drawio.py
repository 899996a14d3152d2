"""The map as a draw.io file (``.drawio``): the same layout, opened in draw.io desktop or web.

An uncompressed ``mxfile`` with one diagram whose ``mxGraphModel`` holds a vertex per card (its
``mxGeometry`` at the card's place, filled and outlined in the stance colours, the card's text
as a plain multi-line label) and an edge per line: reporting lines orthogonal, grey, without
arrows; influence lines along their routed points (``Array as="points"``), leaving and entering
the cards where the drawing says (``exitX``/``entryX``), dashed per kind with the drawing's own
dash pattern, an arrow at the influenced person or dots on both ends of an alliance or
rivalry. Labels are plain text (``html=0``), so a name with ``<b>`` or ``&`` stays a name.
"""

from __future__ import annotations

from collections.abc import Mapping

from keyplan.domain.layout import Box
from keyplan.domain.map import looks
from keyplan.domain.map.shapes import CardShape, InfluenceShape, MapDrawing
from keyplan.exchange.map.diagram_labels import card_label
from keyplan.exchange.map.svg import escape

Point = tuple[float, float]


def drawing_drawio(drawing: MapDrawing, title: str) -> str:
    """The drawing as a draw.io document (see the module docstring)."""
    bounds = drawing.bounds
    boxes = {card.person_id: card.box for card in drawing.cards}
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<mxfile host="Keyplan" type="device">\n',
        f'  <diagram id="stakeholder-map" name="{escape(title)}">\n',
        f'    <mxGraphModel dx="0" dy="0" grid="0" gridSize="10" guides="1" tooltips="1" '
        f'connect="1" arrows="1" fold="1" page="0" pageScale="1" '
        f'pageWidth="{bounds.right:.0f}" pageHeight="{bounds.bottom:.0f}" math="0" shadow="0">\n',
        "      <root>\n",
        '        <mxCell id="0"/>\n',
        '        <mxCell id="1" parent="0"/>\n',
    ]
    for number, line in enumerate(drawing.reporting):
        style = (
            f"edgeStyle=none;html=0;endArrow=none;startArrow=none;"
            f"strokeColor={looks.CONNECTOR_COLOUR};strokeWidth=1.6;"
        )
        parts.append(_edge(f"r{number}", line.manager_id, line.report_id, line.points, style,
                           boxes))  # fmt: skip
    for number, dotted in enumerate(drawing.dotted):
        style = (
            f"edgeStyle=none;html=0;endArrow=none;startArrow=none;dashed=1;"
            f"dashPattern={' '.join(f'{d:g}' for d in dotted.dashes)};"
            f"strokeColor={dotted.colour};strokeWidth={dotted.width:g};"
        )
        parts.append(_edge(f"d{number}", dotted.person_id, dotted.manager_id, dotted.points,
                           style, boxes))  # fmt: skip
    for number, line in enumerate(drawing.influence):
        parts.append(_influence(number, line, boxes))
    for card in drawing.cards:  # after the lines: cards are drawn over them
        parts.append(_vertex(card, drawing))
    parts += ["      </root>\n", "    </mxGraphModel>\n", "  </diagram>\n", "</mxfile>\n"]
    return "".join(parts)


def _vertex(card: CardShape, drawing: MapDrawing) -> str:
    opacity = f"opacity={looks.LEFT_OPACITY * 100:.0f};" if card.faded else ""
    dashed = ""
    if card.edge_dashes:  # a rating without recent evidence
        pattern = " ".join(f"{d:g}" for d in card.edge_dashes)
        dashed = f"dashed=1;dashPattern={pattern};strokeWidth={card.edge_width:g};"
    style = (
        f"rounded=1;arcSize=8;whiteSpace=wrap;html=0;fillColor={card.fill};{dashed}"
        f"strokeColor={card.edge};fontColor={looks.INK};fontSize=11;align=left;"
        f"verticalAlign=top;spacingLeft={card.band.width + 4:.0f};spacingTop=2;{opacity}"
    )
    return (
        f'        <mxCell id="p{card.person_id}" value="{_attribute(card_label(card, drawing))}" '
        f'style="{style}" vertex="1" parent="1">\n'
        f'          <mxGeometry x="{card.x:.1f}" y="{card.y:.1f}" width="{card.width:.1f}" '
        f'height="{card.height:.1f}" as="geometry"/>\n'
        f"        </mxCell>\n"
    )


def _attribute(text: str) -> str:
    """Text for an XML attribute, its line breaks kept (a parser turns a raw one into a space)."""
    return escape(text).replace("\n", "&#10;")


def _influence(number: int, line: InfluenceShape, boxes: Mapping[int, Box]) -> str:
    dashes = " ".join(f"{d:g}" for d in line.dashes)
    ends = (
        "startArrow=none;endArrow=block;endFill=1;"
        if line.head
        else "startArrow=oval;startFill=1;endArrow=oval;endFill=1;startSize=5;endSize=5;"
    )
    style = (
        f"edgeStyle=none;rounded={0 if line.curved else 1};html=0;dashed=1;"
        f"dashPattern={dashes};strokeColor={line.colour};strokeWidth={line.width:g};{ends}"
    )
    points = line.points if not line.curved else (line.points[0], line.points[-1])
    return _edge(f"i{number}", line.source_id, line.target_id, points, style, boxes)


def _edge(
    edge_id: str,
    source: int,
    target: int,
    points: tuple[Point, ...],
    style: str,
    boxes: Mapping[int, Box],
) -> str:
    style += _anchor("exit", points[0], boxes[source]) + _anchor("entry", points[-1], boxes[target])
    bends = "".join(f'              <mxPoint x="{x:.1f}" y="{y:.1f}"/>\n' for x, y in points[1:-1])
    (sx, sy), (tx, ty) = points[0], points[-1]
    return (
        f'        <mxCell id="{edge_id}" value="" style="{style}" edge="1" parent="1" '
        f'source="p{source}" target="p{target}">\n'
        f'          <mxGeometry relative="1" as="geometry">\n'
        f'            <mxPoint x="{sx:.1f}" y="{sy:.1f}" as="sourcePoint"/>\n'
        f'            <mxPoint x="{tx:.1f}" y="{ty:.1f}" as="targetPoint"/>\n'
        + (f'            <Array as="points">\n{bends}            </Array>\n' if bends else "")
        + "          </mxGeometry>\n        </mxCell>\n"
    )


def _anchor(end: str, point: Point, box: Box) -> str:
    """Where a line meets a card, as draw.io's fraction of the card's width and height."""
    x = (point[0] - box.x) / box.width if box.width else 0.5
    y = (point[1] - box.y) / box.height if box.height else 0.5
    return f"{end}X={x:.4f};{end}Y={y:.4f};{end}Dx=0;{end}Dy=0;{end}Perimeter=0;"
