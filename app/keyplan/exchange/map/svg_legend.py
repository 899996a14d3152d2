"""The legend above the map's SVG: stance swatches, line samples, the open seat, the notes."""

from __future__ import annotations

from keyplan.domain.map import looks
from keyplan.domain.map.looks import text_width
from keyplan.domain.map.shapes import Legend, LegendSeat
from keyplan.exchange.map.svg_text import svg_text

LEGEND_ROW = 18.0
LEGEND_SIZE = 11.0

_SWATCH = 36.0  # a stance swatch with its letter, and the gap after its label
_SAMPLE = 44.0  # a line sample with its arrow head or dots, and the gap after its label
_SEAT = 26.0  # the open position's dashed seat, and the gap before its label


def legend_rows(legend: Legend) -> int:
    """How many rows the legend takes: stances, line kinds, then its notes."""
    lines = legend.lines or legend.seat
    return (1 if legend.stances else 0) + (1 if lines else 0) + len(legend.notes)


def legend_width(legend: Legend) -> float:
    """How wide the legend is (its widest row)."""
    seat = _SEAT + text_width(legend.seat.label, LEGEND_SIZE) if legend.seat else 0.0
    rows = [
        sum(_SWATCH + text_width(s.label, LEGEND_SIZE) for s in legend.stances),
        sum(_SAMPLE + text_width(line.label, LEGEND_SIZE) for line in legend.lines) + seat,
    ]
    rows += [text_width(note, LEGEND_SIZE) for note in legend.notes]
    return max(rows)


def legend_svg(legend: Legend, x0: float, y0: float) -> str:
    parts, y = [], y0
    if legend.stances:
        x = x0
        for stance in legend.stances:
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 2:.1f}" width="22" height="14" rx="2" '
                f'fill="{stance.fill}" stroke="{stance.edge}"/><rect x="{x:.1f}" '
                f'y="{y + 2:.1f}" width="11" height="14" fill="{stance.edge}"/>\n'
            )
            ink = "#ffffff" if looks.is_dark(stance.edge) else looks.INK
            parts.append(svg_text(x + 5.5, _baseline(y, LEGEND_SIZE), stance.letter, 10.0, ink,
                               bold=True, anchor="middle"))  # fmt: skip
            parts.append(svg_text(x + 26, _baseline(y, LEGEND_SIZE), stance.label, LEGEND_SIZE,
                               looks.INK))  # fmt: skip
            x += _SWATCH + text_width(stance.label, LEGEND_SIZE)
        y += LEGEND_ROW
    if legend.lines or legend.seat:
        x = x0
        for line in legend.lines:
            parts.append(_line_sample(line, x, y + LEGEND_ROW / 2))
            parts.append(svg_text(x + 38, _baseline(y, LEGEND_SIZE), line.label, LEGEND_SIZE,
                               looks.INK))  # fmt: skip
            x += _SAMPLE + text_width(line.label, LEGEND_SIZE)
        if legend.seat:
            parts.append(_seat_sample(legend.seat, x, y))
        y += LEGEND_ROW
    for note in legend.notes:
        parts.append(svg_text(x0, _baseline(y, LEGEND_SIZE), note, LEGEND_SIZE, looks.MUTED_INK))
        y += LEGEND_ROW
    return "".join(parts)


def _line_sample(line, x: float, middle: float) -> str:
    width = 2.0
    dashes = ",".join(f"{d * width:g}" for d in line.dashes)
    end = x + 34.0
    sample = (
        f'<line x1="{x + 2:.1f}" y1="{middle:.1f}" x2="{end - (8 if line.arrow else 2):.1f}" '
        f'y2="{middle:.1f}" stroke="{line.colour}" stroke-width="{width:g}" '
        f'stroke-dasharray="{dashes}"/>\n'
    )
    if line.plain:  # a dotted reporting line: round dots, no ends
        return sample.replace("/>", ' stroke-linecap="round"/>')
    if line.arrow:
        head = (
            f"{end:.1f},{middle:.1f} {end - 9:.1f},{middle - 4:.1f} {end - 9:.1f},{middle + 4:.1f}"
        )
        return sample + f'<polygon points="{head}" fill="{line.colour}"/>\n'
    dots = "".join(
        f'<circle cx="{cx:.1f}" cy="{middle:.1f}" r="3" fill="{line.colour}"/>'
        for cx in (x + 2, end - 2)
    )
    return sample + dots + "\n"


def _seat_sample(seat: LegendSeat, x: float, y: float) -> str:
    """The open position's sample: a small white card with a dashed edge, and its label."""
    return (
        f'<rect x="{x:.1f}" y="{y + 3:.1f}" width="18" height="12" rx="2" fill="{seat.fill}" '
        f'stroke="{seat.edge}" stroke-width="1.2" stroke-dasharray="3,2"/>\n'
        + svg_text(x + 22, _baseline(y, LEGEND_SIZE), seat.label, LEGEND_SIZE, looks.INK)
    )


def _baseline(top: float, size: float) -> float:
    return top + LEGEND_ROW / 2 + 0.35 * size
