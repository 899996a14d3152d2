"""How the map looks, as plain values: card size, colours, stance letters, line styles.

Declared once here and used by every picture of the map (the screen through
``keyplan.exchange.map.design`` and ``keyplan.ui.map.style``, the drawing description, the
exports). Every influence kind has its own colour *and* dash pattern, and every stance its
own letter, so that a map printed in black and white still reads.
"""

from __future__ import annotations

import unicodedata

from keyplan.domain.layout import LayoutOptions
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import Influence, Stance

CARD_WIDTH = 200.0
CARD_HEIGHT = 84.0
CARD_RADIUS = 6.0
BAND_WIDTH = 7.0  # the stance band on the card's left edge (on screen)
TEXT_LEFT = 15.0
TEXT_RIGHT = 8.0
#: On paper and in pictures the band is wide enough to carry the stance letter.
LETTER_BAND_WIDTH = 17.0
LETTER_TEXT_LEFT = 24.0

LAYOUT_OPTIONS = LayoutOptions(sibling_gap=28.0, level_gap=52.0, root_gap=72.0)

#: The stance colour family: a strong edge (as in the People table) and a light fill.
STANCE_EDGE = {
    Stance.CHAMPION.value: "#2e7d32",
    Stance.SUPPORTER.value: "#689f38",
    Stance.NEUTRAL.value: "#616161",
    Stance.SKEPTIC.value: "#ef6c00",
    Stance.BLOCKER.value: "#c62828",
    Stance.UNKNOWN.value: "#9e9e9e",
}
STANCE_FILL = {
    Stance.CHAMPION.value: "#c8e6c9",
    Stance.SUPPORTER.value: "#e6f2d4",
    Stance.NEUTRAL.value: "#eceff1",
    Stance.SKEPTIC.value: "#ffe6c4",
    Stance.BLOCKER.value: "#ffcdd2",
    Stance.UNKNOWN.value: "#f7f7f7",
}
#: The stance as a letter in the card's band: colour alone is lost on a grey printer.
STANCE_LETTERS = {
    Stance.CHAMPION.value: "C",
    Stance.SUPPORTER.value: "S",
    Stance.NEUTRAL.value: "N",
    Stance.SKEPTIC.value: "K",
    Stance.BLOCKER.value: "B",
    Stance.UNKNOWN.value: "?",
}
#: Cards of a customer-safe map carry no assessment: one neutral look for everyone.
PLAIN_EDGE = "#78909c"
PLAIN_FILL = "#ffffff"

INFLUENCE_BADGES = {
    Influence.HIGH.value: "H",
    Influence.MEDIUM.value: "M",
    Influence.LOW.value: "L",
}

#: Influence lines: a colour and a dash pattern per kind (in multiples of the line width), so
#: they read in grey print too. Reporting lines are solid and grey, so no kind is solid.
LINE_COLOURS = {
    InfluenceKind.INFLUENCES.value: "#6a1b9a",
    InfluenceKind.ALLY.value: "#1565c0",
    InfluenceKind.RIVAL.value: "#c62828",
    InfluenceKind.MENTOR.value: "#00838f",
    InfluenceKind.SPONSOR.value: "#b26a00",
}
LINE_DASHES: dict[str, tuple[float, ...]] = {
    InfluenceKind.INFLUENCES.value: (5.0, 3.0),  # dashed
    InfluenceKind.ALLY.value: (1.2, 2.0),  # dotted
    InfluenceKind.RIVAL.value: (7.0, 2.0, 1.2, 2.0),  # dash-dot
    InfluenceKind.MENTOR.value: (7.0, 2.0, 1.2, 2.0, 1.2, 2.0),  # dash-dot-dot
    InfluenceKind.SPONSOR.value: (12.0, 3.5),  # long dash
}
#: Alliances and rivalries go both ways: a dot on both ends instead of an arrow head.
SYMMETRIC_KINDS = frozenset({InfluenceKind.ALLY.value, InfluenceKind.RIVAL.value})
ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 4.5
END_DOT_RADIUS = 3.2

INK = "#212121"
MUTED_INK = "#546e7a"
CONNECTOR_COLOUR = "#90a4ae"
STALE_COLOUR = "#e65100"
OWNER_COLOUR = "#37474f"
TAG_FILL = "#455a64"
LEFT_OPACITY = 0.45  # people who left the company

#: Dotted (matrix) reporting lines: round dots in a slate grey, clearly not an influence kind's
#: dashes; drawn between the cards, never followed by the layout (``domain.matrix``).
DOTTED_KIND = "dotted"
DOTTED_LABEL = "Also reports to (dotted)"
DOTTED_COLOUR = "#455a64"
DOTTED_WIDTH = 1.6
DOTTED_DASHES = (1.0, 3.0)  # in line widths, drawn with round caps: a row of round dots
#: Open positions (vacancies): a white seat with a dashed grey edge, no stance, no marks.
VACANCY_LABEL = "Open position"
VACANCY_FILL = "#ffffff"
VACANCY_EDGE = "#78909c"
VACANCY_EDGE_WIDTH = 1.4
VACANCY_DASHES = (3.5, 2.0)  # the seat's edge, in multiples of its width

LEGEND_MARKS = (
    "H/M/L influence · ●●○○ relationship · initials: our owner · clock: contact overdue · "
    "dashed ring: never contacted"
)

#: A card whose ratings rest on no evidence newer than the account's review cadence: a dashed
#: dark outline (its dash in multiples of its width), "B?" in the band for the stance, "DM?" or
#: "H?" on the badges. Dark and dashed, so it reads on a grey print as well as the letters do.
UNCERTAIN_EDGE = INK
UNCERTAIN_EDGE_WIDTH = 1.6
UNCERTAIN_DASH = (3.0, 2.0)
EDGE_WIDTH = 1.2  # a card's ordinary outline
#: The band's letter and its "?" are set a little smaller, so the pair fits the band.
DOUBT_MARK = "?"
LEGEND_UNCERTAIN = (
    "Dashed dark card: a rating without evidence newer than the review cadence — "
    "B? stance, DM? buying role, H? influence"
)


def stance_key(stance: str | None) -> str:
    """The stance, or "unknown" for a value the looks have no colour for."""
    return stance if stance in STANCE_FILL else Stance.UNKNOWN.value


def kind_key(kind: str) -> str:
    """The influence kind, or "influences" for a value the looks have no style for."""
    return kind if kind in LINE_COLOURS else InfluenceKind.INFLUENCES.value


def line_width(strength: int) -> float:
    """An influence line's width: stronger lines are thicker."""
    return 1.4 + 0.4 * max(0, min(3, strength))


def is_dark(colour: str) -> bool:
    """True when white text reads better on this colour than black (by its luminance)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


# ---- text widths: estimated from the characters, the same for every writer ----------------

_WIDTHS: dict[str, float] = {}
BOLD_FACTOR = 1.07


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """An estimate of a text's width in a sans-serif font (DejaVu Sans's proportions).

    Writers that know their font (the PDF, Qt) measure for real; this is for the layout of
    badges and for the writers that cannot (SVG, GraphML, draw.io).
    """
    em = _EMS.get(text)
    if em is None:
        em = _em_width(text)
        if len(_EMS) < _EMS_KEPT:
            _EMS[text] = em
    return em * size * (BOLD_FACTOR if bold else 1.0)


# Widths in em of the texts measured so far: a map of thousands of cards repeats its titles,
# departments and badges (and ``fit`` measures character by character).
_EMS: dict[str, float] = {}
_EMS_KEPT = 200_000


def _em_width(text: str) -> float:
    widths = _WIDTHS
    em = 0.0
    for char in text:
        width = widths.get(char)
        if width is None:
            width = widths[char] = _char_width(char)
        em += width
    return em


def _char_width(char: str) -> float:
    """A character's advance in em: narrow, wide, East Asian full width, or ordinary."""
    if char in "iljI.,:;'|!·":
        return 0.3
    if char in "frt()[]- ":
        return 0.4
    if char in "mwMW@":
        return 0.95
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char.isupper() or char.isdigit():
        return 0.7
    return 0.6


def fit(text: str, size: float, width: float, *, bold: bool = False) -> str:
    """The text, shortened with "…" when its estimated width is more than ``width``."""
    if text_width(text, size, bold=bold) <= width:
        return text
    room = width - text_width("…", size, bold=bold)
    used = 0.0
    for end, char in enumerate(text):
        used += text_width(char, size, bold=bold)
        if used > room:
            return text[:end].rstrip() + "…"
    return text
