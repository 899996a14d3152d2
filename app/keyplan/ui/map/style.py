"""How the stakeholder map looks on screen: ``map_design``'s colours as Qt colours, and fonts.

The design itself (sizes, colours, badges) is declared once in ``keyplan.exchange.map.design``,
so the screen, the legend and an exported SVG agree; what only the screen needs is added here.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont

from keyplan.domain.vocabulary import ROLE_BADGES  # noqa: F401  (one set everywhere)
from keyplan.exchange.map import design as design
from keyplan.exchange.map.design import (  # noqa: F401  (the map's one vocabulary of looks)
    BAND_WIDTH,
    CARD_HEIGHT,
    CARD_RADIUS,
    CARD_WIDTH,
    END_DOT_RADIUS,
    INFLUENCE_BADGES,
    LAYOUT_OPTIONS,
    LEFT_OPACITY,
    LEGEND_BADGES,
    LEGEND_MARKS,
    SYMMETRIC_KINDS,
    TEXT_LEFT,
    TEXT_RIGHT,
    UNCERTAIN_DASH,
    UNCERTAIN_EDGE_WIDTH,
    contact_every,
    contact_mark,
    initials,
    is_decision_maker,
    is_stale,
    stance_key,
    uncertain_ratings,
)
from keyplan.ui.widgets import theme

STANCE_EDGE = {stance: QColor(colour) for stance, colour in design.STANCE_EDGE.items()}
STANCE_FILL = {stance: QColor(colour) for stance, colour in design.STANCE_FILL.items()}
LINE_COLOURS = {kind: QColor(colour) for kind, colour in design.LINE_COLOURS.items()}
LINE_DASHES = {kind: list(dashes) for kind, dashes in design.LINE_DASHES.items()}

INK = QColor(design.INK)
MUTED_INK = QColor(design.MUTED_INK)
CONNECTOR_COLOUR = QColor(design.CONNECTOR_COLOUR)
STALE_COLOUR = QColor(design.STALE_COLOUR)
OWNER_COLOUR = QColor(design.OWNER_COLOUR)
TAG_FILL = QColor(design.TAG_FILL)
SELECTION_COLOUR = QColor("#1e88e5")
DROP_OK_COLOUR = QColor("#1e88e5")
DROP_REFUSED_COLOUR = QColor("#d32f2f")
DECISION_MAKER_COLOUR = QColor("#f9a825")
BADGE_FILL = QColor(255, 255, 255, 215)
VACANCY_FILL = QColor(design.VACANCY_FILL)
DOTTED_COLOUR = QColor(design.DOTTED_COLOUR)
DIMMED_OPACITY = 0.22  # filtered out: uncovered people when "dim uncovered" is on

#: Level of detail: below DETAIL_ZOOM a card shows its name only (in a larger font), below
#: NAME_ZOOM a one-line name in a very large font, below BLOCK_ZOOM only its stance colour.
DETAIL_ZOOM = 0.62
NAME_ZOOM = 0.3
BLOCK_ZOOM = 0.15

#: The smallest zoom Fit and the first view use: names must read. Between NAME_ZOOM and
#: DETAIL_ZOOM a card shows its name in the 24 px "far" font, which at 45 % is 11 px on screen,
#: the size of the legend's text and the smallest a name reads at a glance (at 40 % it is under
#: 10 px, and below NAME_ZOOM a name is cut to a few letters). Smaller zooms are still there,
#: with Ctrl+wheel, the − button, or "Whole tree", to see the chart's shape.
READABLE_ZOOM = 0.45


#: The hint line under the map, on a light and on a dark palette.
HINT_TONE = theme.Tone("#455a64", "#b0bec5")


def hint_style() -> str:
    """The style sheet of the map tab's hint line for the palette in use. (The canvas stays
    light in a dark palette: the cards are paper, coloured by stance, as printed.)"""
    return theme.text_style(HINT_TONE)


@cache
def card_font(role: str) -> QFont:
    """The fonts of a card by role, in pixels so that a card looks the same on every screen.

    Args:
        role: ``name``, ``title``, ``small``, ``badge``; ``far`` and ``farthest`` for the
            name when zoomed out.
    """
    pixels, weight = {
        "name": (13, QFont.Weight.DemiBold),
        "title": (11, QFont.Weight.Normal),
        "small": (10, QFont.Weight.Normal),
        "badge": (9, QFont.Weight.Bold),
        "far": (24, QFont.Weight.Bold),
        "farthest": (42, QFont.Weight.Bold),
    }[role]
    font = QFont()
    font.setPixelSize(pixels)
    font.setWeight(weight)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
