"""The map's legend on a slide, from the drawing description's ``Legend``: stance swatches
(colour *and* letter, as on the cards), line samples (dash, colour, arrowhead or end dots, as
on the map), then the notes; one group of native shapes under the chart."""

from __future__ import annotations

from keyplan.domain.map import looks
from keyplan.domain.map.shapes import Legend, LegendLine, LegendStance
from keyplan.reports.deck.map_shapes import (
    ShapeIds,
    emu,
    freeform,
    outline,
    preset,
    shape,
    solid,
    text,
    text_body,
)
from keyplan.reports.deck.slides import line_count, text_width

ROW = 14.0
SIZE = 8.0
NOTE_SIZE = 7.5
SWATCH = 22.0  # a stance swatch's width (its letter in the band's half)
SAMPLE = 34.0  # a line sample's length
GAP = 10.0
LINE_WIDTH = 1.6


def _items(legend: Legend) -> list[tuple[LegendStance | LegendLine, float]]:
    items: list[tuple[LegendStance | LegendLine, float]] = [
        (stance, SWATCH + 4 + text_width(stance.label, SIZE)) for stance in legend.stances
    ]
    items += [(line, SAMPLE + 4 + text_width(line.label, SIZE)) for line in legend.lines]
    return items


def _rows(legend: Legend, width: float) -> list[list[tuple[LegendStance | LegendLine, float]]]:
    """The samples in one row when they fit, else stances in one and lines in another."""
    items = _items(legend)
    if not items:
        return []
    if sum(w + GAP for _item, w in items) <= width:
        return [items]
    rows = [
        [i for i in items if isinstance(i[0], LegendStance)],
        [i for i in items if isinstance(i[0], LegendLine)],
    ]
    return [row for row in rows if row]


def _notes_height(legend: Legend, width: float) -> float:
    lines = sum(line_count(note, width, NOTE_SIZE) for note in legend.notes)
    return lines * NOTE_SIZE * 1.2 + (2 if lines else 0)


def legend_height(legend: Legend, width: float) -> float:
    """The height the legend takes under the chart."""
    return len(_rows(legend, width)) * ROW + _notes_height(legend, width)


def legend_group(ids: ShapeIds, legend: Legend, at: tuple[float, float, float]) -> str:
    """The legend as one group (moved or deleted as one), its top-left at ``at`` (x, y, width)."""
    left, top, width = at
    group_id = ids.next()
    members: list[str] = []
    y = top
    for row in _rows(legend, width):
        x = left
        for item, item_width in row:
            if isinstance(item, LegendStance):
                members.append(_stance(ids, item, x, y))
            else:
                members.append(_line(ids, item, x, y))
            label_left = x + (SWATCH if isinstance(item, LegendStance) else SAMPLE) + 4
            members.append(_label(ids.next(), item.label, label_left, y, item_width))
            x += item_width + GAP
        y += ROW
    notes_height = _notes_height(legend, width)
    if legend.notes:
        paragraphs = "".join(_paragraph(note, NOTE_SIZE, looks.MUTED_INK) for note in legend.notes)
        body = text_body(paragraphs, (0, 0, 0)).replace('wrap="none"', 'wrap="square"')
        members.append(shape(ids.next(), "Legend notes", (left, y, width, notes_height),
                             preset("rect"), "<a:noFill/>", outline(None, 0), body))  # fmt: skip
    height = y + notes_height - top
    return (
        f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{group_id}" name="Legend"/><p:cNvGrpSpPr/>'
        f"<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
        f'<a:off x="{emu(left)}" y="{emu(top)}"/><a:ext cx="{emu(width)}" cy="{emu(height)}"/>'
        f'<a:chOff x="{emu(left)}" y="{emu(top)}"/><a:chExt cx="{emu(width)}" cy="{emu(height)}"/>'
        f"</a:xfrm></p:grpSpPr>{''.join(members)}</p:grpSp>"
    )


def _paragraph(value: str, size: float, colour: str, *, bold: bool = False, align: str = "l"):
    return (
        f'<a:p><a:pPr algn="{align}"/><a:r><a:rPr lang="en-GB" sz="{round(size * 100)}" '
        f'b="{int(bold)}">{solid(colour)}<a:latin typeface="Arial"/><a:cs typeface="Arial"/>'
        f"</a:rPr><a:t>{text(value)}</a:t></a:r></a:p>"
    )


def _label(shape_id: int, label: str, x: float, y: float, width: float) -> str:
    body = text_body(_paragraph(label, SIZE, looks.INK), (0, 0, 0), anchor="ctr")
    return shape(shape_id, f"Legend: {label}", (x, y, width, ROW), preset("rect"),
                 "<a:noFill/>", outline(None, 0), body)  # fmt: skip


def _stance(ids: ShapeIds, stance: LegendStance, x: float, y: float) -> str:
    """A swatch as a card looks: the light fill, and the band's half with the letter."""
    height = ROW - 4
    swatch = shape(ids.next(), f"Legend swatch {stance.label}", (x, y + 2, SWATCH, height),
                   preset("rect"), solid(stance.fill), outline(stance.edge, 0.7))  # fmt: skip
    ink = "#ffffff" if looks.is_dark(stance.edge) else looks.INK
    letter = _paragraph(stance.letter, SIZE, ink, bold=True, align="ctr")
    band = shape(ids.next(), f"Legend letter {stance.letter}", (x, y + 2, SWATCH / 2, height),
                 preset("rect"), solid(stance.edge), outline(None, 0),
                 text_body(letter, (0, 0, 0), anchor="ctr"))  # fmt: skip
    return swatch + band


def _line(ids: ShapeIds, line: LegendLine, x: float, y: float) -> str:
    middle = ROW / 2
    path = (
        f'<a:moveTo><a:pt x="0" y="{emu(middle)}"/></a:moveTo>'
        f'<a:lnTo><a:pt x="{emu(SAMPLE - 4)}" y="{emu(middle)}"/></a:lnTo>'
    )
    dashes = "".join(
        f'<a:ds d="{round(on * 100000)}" sp="{round(off * 100000)}"/>'
        for on, off in zip(line.dashes[::2], line.dashes[1::2], strict=False)
    )
    if line.plain:  # a dotted reporting line: PowerPoint's round system dots, no ends
        stroke = outline(line.colour, LINE_WIDTH, '<a:prstDash val="sysDot"/>')
    else:
        if line.arrow:
            ends = '<a:tailEnd type="triangle" w="med" len="med"/>'
        else:
            ends = (
                '<a:headEnd type="oval" w="sm" len="sm"/><a:tailEnd type="oval" w="sm" len="sm"/>'
            )
        stroke = outline(line.colour, LINE_WIDTH, f"<a:custDash>{dashes}</a:custDash>{ends}")
    return shape(ids.next(), f"Line sample {line.label}", (x + 2, y, SAMPLE - 4, ROW),
                 freeform(path, SAMPLE - 4, ROW, closed=False), "<a:noFill/>", stroke)  # fmt: skip
