"""A card seen from afar shows only the name, in the largest font that fills the card.

A fitted chart of a small account can sit at 20-25 % (a manager with a dozen reports, some of
them managers, makes a row too wide to stack). A name in one fixed large font was elided there
("Kari ...", "Henri..."); broken over the lines the card holds, in a font sized to the card, a
name is whole and twice as tall on screen. The longest word and the card's height set the size,
between ``style.FAR_NAME_PIXELS`` (the smallest, which the "names read" rule counts on) and
``style.FARTHEST_NAME_PIXELS``; a word too long even at the smallest is elided.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations, pairwise

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from keyplan.domain.plain_text import isolated
from keyplan.ui.map import style

#: Where the name goes on the card: right of the stance band, a small margin all round.
NAME_AREA = QRectF(
    style.TEXT_LEFT,
    4.0,
    style.CARD_WIDTH - style.TEXT_LEFT - style.TEXT_RIGHT,
    style.CARD_HEIGHT - 8.0,
)
#: Lines of a name, in ems: closer than the font's own spacing (1.16 em), a name's two lines
#: read as one, and the name gets a larger font; a descender still clears the next capital.
LINE_PITCH = 1.05
#: Sizes go in steps (24, 30, 36, 42 px): a row of cards reads calmer in three or four sizes
#: than in a different one for every name.
SIZE_STEP = 6
_MEASURED_AT = 100  # pixels: advances scale with the size, so one measurement serves all


@dataclass(frozen=True, slots=True)
class FarName:
    """A name as a far-away card draws it: its lines, and the font size that fills the card."""

    text: str
    pixels: int


@cache
def far_font(pixels: int) -> QFont:
    """The bold font of a far-away card's name, at this size in pixels."""
    font = QFont(style.card_font("far"))
    font.setPixelSize(pixels)
    return font


@cache
def _metrics(pixels: int) -> QFontMetricsF:
    return QFontMetricsF(far_font(pixels))


@lru_cache(maxsize=20_000)  # a card repainted after an edit keeps its name: no second fit
def fit_far_name(name: str) -> FarName:
    """The name broken between words and sized to fill the card (see the module's note)."""
    words = name.split()
    if not words:
        return FarName("", style.FAR_NAME_PIXELS)
    pixels, edges = _best_break(words)
    lines = [" ".join(words[a:b]) for a, b in pairwise(edges)]
    pixels = min(max(pixels, style.FAR_NAME_PIXELS), style.FARTHEST_NAME_PIXELS)
    while pixels > style.FAR_NAME_PIXELS and not _fits(lines, pixels):
        pixels -= 1  # hinting: advances are not quite proportional to the size
    pixels -= (pixels - style.FAR_NAME_PIXELS) % SIZE_STEP
    fitted = [_elided(line, pixels) for line in lines]
    return FarName("\n".join(isolated(line) for line in fitted), pixels)


def paint_far_name(painter: QPainter, name: FarName) -> None:
    """Draw the fitted name, in the map's ink, lines left-aligned and centred as a block."""
    painter.setFont(far_font(name.pixels))
    painter.setPen(style.INK)
    lines = name.text.split("\n")
    pitch = name.pixels * LINE_PITCH
    top = NAME_AREA.center().y() - pitch * len(lines) / 2
    flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    for row, line in enumerate(lines):
        area = QRectF(NAME_AREA.left(), top + row * pitch, NAME_AREA.width(), pitch)
        painter.drawText(area, flags, line)


@cache
def _most_lines() -> int:
    """As many lines as the card holds at the smallest size (three)."""
    return max(1, int(NAME_AREA.height() // (style.FAR_NAME_PIXELS * LINE_PITCH)))


def _best_break(words: list[str]) -> tuple[int, tuple[int, ...]]:
    """The break into lines that allows the largest font, and that size (fewer lines win a
    tie: "Ann Lee" on one line, not two). Each word is measured once, at one size."""
    metrics = _metrics(_MEASURED_AT)
    advances = [metrics.horizontalAdvance(word) for word in words]
    space = metrics.horizontalAdvance(" ")
    best: tuple[int, int, tuple[int, ...]] | None = None
    for edges in _breaks(len(words), _most_lines()):
        widest = max(sum(advances[a:b]) + space * (b - a - 1) for a, b in pairwise(edges))
        rows = len(edges) - 1
        across = NAME_AREA.width() / widest * _MEASURED_AT
        down = NAME_AREA.height() / (rows * LINE_PITCH)
        sized = (int(min(across, down)), -rows, edges)
        if best is None or sized[:2] > best[:2]:
            best = sized
    assert best is not None  # one line at least
    return best[0], best[2]


@cache
def _breaks(words: int, most: int) -> list[tuple[int, ...]]:
    """Every way to break ``words`` words into one to ``most`` lines: the lines' first word
    positions, and the count at the end."""
    found = []
    for cuts in range(min(words, most)):
        for points in combinations(range(1, words), cuts):
            found.append((0, *points, words))
    return found


def _fits(lines: list[str], pixels: int) -> bool:
    metrics = _metrics(pixels)
    tall = len(lines) * pixels * LINE_PITCH <= NAME_AREA.height()
    return tall and all(metrics.horizontalAdvance(line) <= NAME_AREA.width() for line in lines)


def _elided(line: str, pixels: int) -> str:
    metrics = _metrics(pixels)
    if metrics.horizontalAdvance(line) <= NAME_AREA.width():
        return line
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, NAME_AREA.width())
