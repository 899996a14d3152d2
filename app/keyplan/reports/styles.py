"""The look of every Keyplan PDF, in one place: page sizes, colours, paragraph styles.

One accent colour, light grey rules, and the stance colours the map uses on screen, so a
champion is the same green on paper. Paragraph styles name our registered fonts, so they are
built only after ``fonts.ensure_fonts()`` (the first export), then kept.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from keyplan.domain.errors import KeyplanError
from keyplan.domain.plan_vocabulary import WhitespaceStatus
from keyplan.domain.vocabulary import CommitmentStatus, Stance
from keyplan.reports.fonts import SANS, SANS_BOLD, ensure_fonts

PAGE_SIZES = {"A4": A4, "Letter": LETTER}
MARGIN = 18 * mm
FOOTER_HEIGHT = 10 * mm

# ---- colours ------------------------------------------------------------------------------
ACCENT = colors.HexColor("#1F5F8B")  # deep steel blue: headings, header rows, connectors
ACCENT_LIGHT = colors.HexColor("#E8F0F6")
INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#6B6B6B")
RULE = colors.HexColor("#D0D0D0")
ZEBRA = colors.HexColor("#F6F6F6")
LATE = colors.HexColor("#FBE3E1")  # row highlight for promises past due
WHITE = colors.white

STANCE_COLOURS = {
    Stance.CHAMPION.value: colors.HexColor("#2E8540"),
    Stance.SUPPORTER.value: colors.HexColor("#8CC084"),
    Stance.NEUTRAL.value: colors.HexColor("#9E9E9E"),
    Stance.SKEPTIC.value: colors.HexColor("#E0A030"),
    Stance.BLOCKER.value: colors.HexColor("#C8382E"),
    Stance.UNKNOWN.value: colors.HexColor("#D9D9D9"),
}
NEUTRAL_CARD = colors.HexColor("#B8C7D3")  # customer-safe cards: no stance is shown

WHITESPACE_COLOURS = {
    WhitespaceStatus.INSTALLED.value: colors.HexColor("#CFE8D2"),
    WhitespaceStatus.IN_PURSUIT.value: colors.HexColor("#D6E6F5"),
    WhitespaceStatus.OPPORTUNITY.value: colors.HexColor("#FFF1C9"),
    WhitespaceStatus.COMPETITOR_HOLDS.value: colors.HexColor("#F6D5D2"),
    WhitespaceStatus.NOT_RELEVANT.value: colors.HexColor("#EEEEEE"),
}

RATING_COLOURS = {
    "high": colors.HexColor("#F6D5D2"),
    "medium": colors.HexColor("#FFF1C9"),
    "low": colors.HexColor("#E4F1E4"),
}

COMMITMENT_COLOURS = {
    CommitmentStatus.KEPT.value: colors.HexColor("#E4F1E4"),
    CommitmentStatus.LATE.value: LATE,
    CommitmentStatus.BROKEN.value: LATE,
}


def tint(colour: colors.Color, amount: float) -> colors.Color:
    """The colour mixed with white: ``amount`` 1 keeps it, 0 gives white (for text behind)."""
    return colors.Color(*(1 - amount * (1 - c) for c in (colour.red, colour.green, colour.blue)))


def page_size(name: str) -> tuple[float, float]:
    """The page size in points for "A4" or "Letter" (any case).

    Raises:
        KeyplanError: for any other name, listing the choices.
    """
    for key, size in PAGE_SIZES.items():
        if key.lower() == name.strip().lower():
            return size
    raise KeyplanError(f"Unknown page size '{name}'. Choose A4 or Letter.")


# ---- paragraph styles ---------------------------------------------------------------------
@dataclass(frozen=True)
class Styles:
    """Every paragraph style of our documents."""

    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    muted: ParagraphStyle
    label: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    header_cell: ParagraphStyle
    compact_header: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_label: ParagraphStyle
    cover_note: ParagraphStyle
    card_name: ParagraphStyle
    number_cell: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The paragraph styles, built once after our fonts are registered."""
    ensure_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13, textColor=INK)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10.5)
    cell = ParagraphStyle("cell", parent=body, fontSize=8, leading=10)
    # keepWithNext: a heading never ends a page without the first lines of its content.
    heading = ParagraphStyle(
        "heading", parent=body, fontName=SANS_BOLD, textColor=ACCENT, keepWithNext=1
    )
    return Styles(
        body=body,
        bullet=ParagraphStyle(
            "bullet", parent=body, leftIndent=12, bulletIndent=2, bulletFontName=SANS
        ),
        small=small,
        muted=ParagraphStyle("muted", parent=small, textColor=MUTED),
        label=ParagraphStyle(
            "label", parent=small, fontName=SANS_BOLD, textColor=MUTED, keepWithNext=1
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=SANS_BOLD),
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=SANS_BOLD, textColor=WHITE),
        compact_header=ParagraphStyle(
            "compact_header",
            parent=cell,
            fontName=SANS_BOLD,
            textColor=WHITE,
            fontSize=7,
            leading=8.5,
        ),
        number_cell=ParagraphStyle("number_cell", parent=cell, alignment=TA_RIGHT),
        h1=ParagraphStyle(
            "h1", parent=heading, fontSize=16, leading=20, spaceBefore=4, spaceAfter=8
        ),
        h2=ParagraphStyle(
            "h2", parent=heading, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4
        ),
        h3=ParagraphStyle(
            "h3",
            parent=heading,
            fontSize=9.5,
            leading=12,
            spaceBefore=6,
            spaceAfter=2,
            textColor=INK,
        ),
        cover_title=ParagraphStyle(
            "cover_title", parent=heading, fontSize=28, leading=34, spaceAfter=10
        ),
        cover_subtitle=ParagraphStyle(
            "cover_subtitle", parent=body, fontSize=14, leading=19, textColor=INK
        ),
        cover_label=ParagraphStyle(
            "cover_label",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=colors.HexColor("#B03A2E"),
            alignment=TA_CENTER,
        ),
        cover_note=ParagraphStyle(
            "cover_note",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=11,
            leading=14,
            textColor=ACCENT,
            alignment=TA_CENTER,
        ),
        card_name=ParagraphStyle("card_name", parent=body, fontName=SANS_BOLD, fontSize=10.5),
    )
