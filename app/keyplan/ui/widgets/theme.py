"""Light and dark: the app follows the system's colour scheme, and our own colours follow it.

Qt gives the standard widgets their colours from the palette; the colours we choose ourselves
(hints, warnings, health scores, card faces, banners) are declared here once as a pair, one
for a light palette and one for a dark one, and read through ``colour``/``css`` when a widget
is built or painted, so text keeps its contrast on either background.

``follow_system_colour_scheme`` runs at start-up: when the system asks for dark (Qt reads it
through ``QStyleHints.colorScheme()``, we as in ``system_scheme.py``) and the platform did not
already give Qt a dark palette (the offscreen and some X11 platforms do not), a dark palette
is set on the Fusion style. ``KEYPLAN_COLOUR_SCHEME=dark`` (or ``light``) overrides the system,
for a desktop whose setting Qt cannot read, and for the screenshots taken offscreen. Only Qt
modules already loaded by then are used: nothing is added to start-up.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

import os
from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from keyplan.ui.widgets.system_scheme import DARK, LIGHT, system_colour_scheme


class Tone(NamedTuple):  # not a dataclass: made four times faster at start-up
    """One of our colours, as it reads on a light and on a dark background."""

    light: str
    dark: str


#: Secondary text: hints under a table, "last changed by", the story line of a person.
HINT = Tone("#5f6368", "#b0b6bc")
#: Quieter still: a muted figure, an axis label.
MUTED = Tone("#607d8b", "#9fb3bd")
#: Words that warn: overdue, late, "need attention".
WARNING = Tone("#c62828", "#ff8a80")
#: Words that reassure.
GOOD = Tone("#2e7d32", "#81c784")
#: Words that ask to be watched.
CAUTION = Tone("#ef6c00", "#ffb74d")
#: Links and the trend line.
LINK = Tone("#1565c0", "#90caf9")
#: A banner's face and its text (read-only file, team mode notices).
BANNER_FACE = Tone("#fff8e1", "#4a3f1c")
BANNER_TEXT = Tone("#5d4037", "#ffe0a3")
#: Darker secondary text: a glance line, a quadrant's title, a trend's last value.
SECONDARY = Tone("#37474f", "#dfe4e8")
#: The trend line's last point.
LAST_POINT = Tone("#0d47a1", "#bbdefb")
#: A heading that stands apart (vacant decision makers' seats).
PURPLE = Tone("#6a1b9a", "#ce93d8")
#: A red flag in a list (buying centre).
FLAG = Tone("#9b1c1c", "#ff8a80")
#: People who left, rows dimmed.
DIMMED = Tone("#9e9e9e", "#9aa0a6")
#: Table cells: a plain one, and the shaded "manage closely" quadrant.
CELL = Tone("#ffffff", "#1f2023")
CLOSE_SHADE = Tone("#e9eef3", "#2f3a46")
#: Tints behind text in tables (team matrix gaps and crowds; plan priorities).
GAP_TINT = Tone("#f8dcd9", "#5c2b27")
CROWD_TINT = Tone("#fff0c2", "#4d4220")
HIGH_TINT = Tone("#f4c7c3", "#5c2b27")
MEDIUM_TINT = Tone("#fde7b0", "#4d4220")
LOW_TINT = Tone("#d5ecd4", "#1f4023")
#: Stances as text in the People table.
STANCE_CHAMPION = Tone("#2e7d32", "#81c784")
STANCE_SUPPORTER = Tone("#689f38", "#aed581")
STANCE_NEUTRAL = Tone("#616161", "#bdbdbd")
STANCE_SKEPTIC = Tone("#ef6c00", "#ffb74d")
STANCE_BLOCKER = Tone("#c62828", "#ff8a80")
STANCE_UNKNOWN = Tone("#9e9e9e", "#9aa0a6")
#: A fill of the score column: strong colours that carry white text in both schemes.
SCORE_RED = Tone("#c62828", "#b71c1c")
SCORE_AMBER = Tone("#ef6c00", "#a84300")
SCORE_GREEN = Tone("#2e7d32", "#1b5e20")

ALL_TONES = {name: value for name, value in dict(globals()).items() if isinstance(value, Tone)}


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette's windows are dark (whoever set it: the system or us)."""
    if palette is None:
        palette = QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def colour(tone: Tone, palette: QPalette | None = None) -> QColor:
    """The tone for the current palette (or the one given)."""
    return QColor(tone.dark if is_dark(palette) else tone.light)


def css(tone: Tone) -> str:
    """The tone as a style sheet colour, for the current palette."""
    return tone.dark if is_dark() else tone.light


def text_style(tone: Tone, extra: str = "") -> str:
    """A label's style sheet: its text in the tone, for the current palette."""
    return f"color: {css(tone)};{' ' + extra if extra else ''}"


def readable(value: QColor, palette: QPalette | None = None) -> QColor:
    """A colour made light enough to read on a dark palette's base (kept as is on a light one).

    For the colours that speak on both palettes as one name (the insights' red, amber and
    muted): the hue stays, the lightness rises until the text has a 4.5:1 contrast.
    """
    if palette is None:
        palette = QApplication.palette()
    if not is_dark(palette):
        return value
    base = palette.color(QPalette.ColorRole.Base)
    hue, saturation, lightness, alpha = value.getHslF()
    lighter = QColor(value)
    while contrast_ratio(lighter, base) < 4.5 and lightness < 1.0:
        lightness = min(1.0, lightness + 0.04)
        lighter = QColor.fromHslF(max(hue, 0.0), saturation, lightness, alpha)
    return lighter


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours, 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(value: QColor) -> float:
    def channel(level: float) -> float:
        return level / 12.92 if level <= 0.03928 else ((level + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(value.redF())
        + 0.7152 * channel(value.greenF())
        + 0.0722 * channel(value.blueF())
    )


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style: grey windows, near-white text, blue highlight."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, "#2b2d30"),
        (roles.WindowText, "#e8eaed"),
        (roles.Base, "#1f2023"),
        (roles.AlternateBase, "#2a2c30"),
        (roles.ToolTipBase, "#3c4043"),
        (roles.ToolTipText, "#e8eaed"),
        (roles.PlaceholderText, "#9aa0a6"),
        (roles.Text, "#e8eaed"),
        (roles.Button, "#35373b"),
        (roles.ButtonText, "#e8eaed"),
        (roles.BrightText, "#ff8a80"),
        (roles.Light, "#4a4d52"),
        (roles.Midlight, "#3d4044"),
        (roles.Mid, "#2f3135"),
        (roles.Dark, "#18191b"),
        (roles.Shadow, "#000000"),
        (roles.Highlight, "#3d7bd9"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.LinkVisited, "#c58af9"),
    ):
        palette.setColor(role, QColor(value))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        palette.setColor(disabled, role, QColor("#7f8389"))
    return palette


SCHEME_VARIABLE = "KEYPLAN_COLOUR_SCHEME"


def wanted_scheme(app: QGuiApplication) -> int:
    """The colour scheme asked for, as ``Qt.ColorScheme``'s number (``system_scheme.py``
    says why not the enum): the environment's override, else the system's."""
    override = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    if override == "dark":
        return DARK
    if override == "light":
        return LIGHT
    return system_colour_scheme(app.styleHints())


def follow_system_colour_scheme(app: QGuiApplication) -> None:
    """Use a dark palette when the system asks for dark and the platform gave a light one."""
    hints = app.styleHints()

    def apply() -> None:
        wants_dark = wanted_scheme(app) == DARK
        if wants_dark and not is_dark(app.palette()):
            if isinstance(app, QApplication):
                app.setStyle("Fusion")  # draws every control from the palette
            app.setPalette(dark_palette())
        elif not wants_dark and is_dark(app.palette()) and app.property("keyplan_dark"):
            app.setPalette(QPalette())  # back to the style's own light palette
        app.setProperty("keyplan_dark", wants_dark)

    apply()
    hints.colorSchemeChanged.connect(lambda _scheme: apply())
