"""How the stakeholder map looks on screen: ``map_design``'s colours as Qt colours, and fonts.

The design itself (sizes, colours, badges) is declared once in ``keyplan.exchange.map.design``,
so the screen, the legend and an exported SVG agree; what only the screen needs is added here.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGraphicsScene

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
CANVAS_BACKGROUND = QColor("#fbfbfa")
LEGEND_FACE = QColor(255, 255, 255, 230)
LEGEND_EDGE = QColor("#cfd8dc")

#: Level of detail: below DETAIL_ZOOM a card shows its name only, broken between words and in
#: the largest font that fills the card (``far_name``); below BLOCK_ZOOM only its stance colour.
DETAIL_ZOOM = 0.62
BLOCK_ZOOM = 0.15

#: The smallest size, in screen pixels, at which a name still reads on the map. From afar a
#: card's name is drawn between FAR_NAME_PIXELS and FARTHEST_NAME_PIXELS (bold), the size the
#: card's height and the name's longest word allow: a two-word name gets 30 or 36 px, 7-8 px on
#: screen at 23 %, where a fitted 24-person chart sits. "Names read" counts on the smallest size
#: only: 6 px at 25 % (at 31-41 % the old floor of 45 % called names "too small", and Fit cut a
#: branch off a 24-person chart).
MIN_NAME_PIXELS = 6.0
FAR_NAME_PIXELS = 24
FARTHEST_NAME_PIXELS = 42


def name_pixels(zoom: float) -> float:
    """How tall, in screen pixels, a card's whole name is drawn at this zoom at the least; 0
    when the card shows only its stance colour."""
    if zoom < BLOCK_ZOOM:
        return 0.0
    return (FAR_NAME_PIXELS if zoom < DETAIL_ZOOM else card_font("name").pixelSize()) * zoom


def names_read(zoom: float) -> bool:
    """Whether a card's name reads at this zoom (whole, and at least ``MIN_NAME_PIXELS``)."""
    return name_pixels(zoom) >= MIN_NAME_PIXELS


#: The smallest zoom Fit and the first view use: names must read (``names_read``). Smaller
#: zooms are still there, with Ctrl+wheel, the − button, or "Whole tree", to see the chart's
#: shape.
READABLE_ZOOM = MIN_NAME_PIXELS / FAR_NAME_PIXELS


#: The hint line under the map, on a light and on a dark palette.
HINT_TONE = theme.Tone("#455a64", "#b0bec5")


def hint_style() -> str:
    """The style sheet of the map tab's hint line for the palette in use."""
    return theme.text_style(HINT_TONE)


#: The canvas on a dark palette: every colour above that is not paper's (``design``). Stances
#: keep their hues (green for a champion, red for a blocker) as dark fills under light text,
#: with brighter bands; lines are lighter so they stand out from the dark background.
DARK_CANVAS: dict[str, str] = {
    "CANVAS_BACKGROUND": "#1f2023",
    "INK": "#e8eaed",
    "MUTED_INK": "#aab4bb",
    "CONNECTOR_COLOUR": "#6f808c",
    "STALE_COLOUR": "#ffb74d",
    "OWNER_COLOUR": "#78909c",
    "TAG_FILL": "#607d8b",
    "VACANCY_FILL": "#26282c",
    "DOTTED_COLOUR": "#90a4ae",
    "BADGE_FILL": "#d72b2d31",
    "LEGEND_FACE": "#e62b2d30",
    "LEGEND_EDGE": "#4a4d52",
    "STANCE_FILL.champion": "#1f3b24",
    "STANCE_FILL.supporter": "#2c3b1f",
    "STANCE_FILL.neutral": "#2e3235",
    "STANCE_FILL.skeptic": "#45311a",
    "STANCE_FILL.blocker": "#46211f",
    "STANCE_FILL.unknown": "#2b2d30",
    "STANCE_EDGE.champion": "#66bb6a",
    "STANCE_EDGE.supporter": "#9ccc65",
    "STANCE_EDGE.neutral": "#9e9e9e",
    "STANCE_EDGE.skeptic": "#ffa726",
    "STANCE_EDGE.blocker": "#ef5350",
    "STANCE_EDGE.unknown": "#757575",
    "LINE_COLOURS.influences": "#ce93d8",
    "LINE_COLOURS.ally": "#64b5f6",
    "LINE_COLOURS.rival": "#ef5350",
    "LINE_COLOURS.mentor": "#4dd0e1",
    "LINE_COLOURS.sponsor": "#ffb74d",
}


def _canvas_colours() -> dict[str, QColor]:
    """The screen's colours by name (``STANCE_FILL.champion`` for a dictionary's entry)."""
    named = {name: value for name, value in globals().items() if isinstance(value, QColor)}
    for table in ("STANCE_FILL", "STANCE_EDGE", "LINE_COLOURS"):
        named.update({f"{table}.{key}": value for key, value in globals()[table].items()})
    return named


#: Paper: the colours as declared, printed and exported.
PAPER_CANVAS: dict[str, str] = {
    name: value.name(QColor.NameFormat.HexArgb)
    for name, value in _canvas_colours().items()
    if name in DARK_CANVAS
}


def use_canvas_colours(dark: bool) -> bool:
    """Give the map's colours their dark (or paper) values; True when that changed them.

    The colours are changed in place, not replaced: the items read them when they paint, and
    some keep a reference (an influence line its kind's colour), so every one follows. The
    caller repaints the items (their cached faces are pixmaps).
    """
    wanted = DARK_CANVAS if dark else PAPER_CANVAS
    colours = _canvas_colours()
    changed = False
    for name, value in wanted.items():
        target = QColor(value)
        if colours[name] != target:
            colours[name].setRgba(target.rgba())
            changed = True
    return changed


def show_canvas(scene: QGraphicsScene, *, dark: bool) -> None:
    """Paint a map's scene in the canvas colours of a dark palette, or of paper."""
    use_canvas_colours(dark)
    scene.setBackgroundBrush(CANVAS_BACKGROUND)
    for item in scene.items():
        item.update()  # a card's cached face is a pixmap in the old colours


@cache
def card_font(role: str) -> QFont:
    """The fonts of a card by role, in pixels so that a card looks the same on every screen.

    Args:
        role: ``name``, ``title``, ``small``, ``badge``; ``far`` for the name when zoomed out
            (at its smallest size: ``far_name`` sizes it to the card).
    """
    pixels, weight = {
        "name": (13, QFont.Weight.DemiBold),
        "title": (11, QFont.Weight.Normal),
        "small": (10, QFont.Weight.Normal),
        "badge": (9, QFont.Weight.Bold),
        "far": (FAR_NAME_PIXELS, QFont.Weight.Bold),
    }[role]
    font = QFont()
    font.setPixelSize(pixels)
    font.setWeight(weight)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font
