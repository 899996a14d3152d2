"""The colours the insights speak in, defined once so the heat map, the score and the legend agree.

Health goes red → amber → green; relationship strength goes from a pale warning (we know the
person but have no real relationship) to a deep green (a trusted advisor).
"""

from __future__ import annotations

from PySide6.QtGui import QColor

from keyplan.domain.vocabulary import Strength

#: Scores below this need attention this week; below ``WATCH`` they should be watched.
ATTENTION = 50
WATCH = 70

RED = QColor("#c62828")
AMBER = QColor("#ef6c00")
GREEN = QColor("#2e7d32")
MUTED = QColor("#607d8b")
LINK = QColor("#1565c0")

#: A cell where we know nobody.
EMPTY_CELL = QColor("#fafafa")
EMPTY_BORDER = QColor("#e0e0e0")

#: A cell's fill by the best relationship there.
STRENGTH_FILL: dict[Strength, QColor] = {
    Strength.NONE: QColor("#ffcdd2"),
    Strength.ACQUAINTED: QColor("#ffe0b2"),
    Strength.WORKING: QColor("#c8e6c9"),
    Strength.TRUSTED: QColor("#81c784"),
    Strength.TRUSTED_ADVISOR: QColor("#388e3c"),
}

#: What the legend calls each fill.
STRENGTH_WORDS: dict[Strength, str] = {
    Strength.NONE: "known, no relationship",
    Strength.ACQUAINTED: "acquainted only",
    Strength.WORKING: "working relationship",
    Strength.TRUSTED: "trusted",
    Strength.TRUSTED_ADVISOR: "trusted advisor",
}


def score_colour(score: int) -> QColor:
    """Red for an account that needs attention now, amber to watch, green when healthy."""
    if score < ATTENTION:
        return RED
    return AMBER if score < WATCH else GREEN


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on a fill."""
    return QColor("#ffffff") if fill.lightnessF() < 0.5 else QColor("#212121")


def legend_html() -> str:
    """The heat map's legend as rich text: a swatch and a word for each colour."""
    swatches = [
        _swatch(EMPTY_CELL.name(), "nobody known"),
        *(_swatch(STRENGTH_FILL[s].name(), STRENGTH_WORDS[s]) for s in Strength),
        "<span style='color:#1a237e'>◆</span>&nbsp;decision&nbsp;maker "
        "(<span style='color:#c62828'>◆</span>&nbsp;nobody&nbsp;engaged&nbsp;there)",
    ]
    return " &nbsp; ".join(swatches)


def _swatch(colour: str, words: str) -> str:
    return (
        f"<span style='background:{colour}; border:1px solid #bdbdbd'>&nbsp;&nbsp;&nbsp;&nbsp;"
        f"</span>&nbsp;{words.replace(' ', '&nbsp;')}"
    )
