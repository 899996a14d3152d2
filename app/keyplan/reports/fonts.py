"""The fonts of every Keyplan PDF, and which one draws each character.

ReportLab's built-in Helvetica covers Latin-1 only, so names in Greek, Cyrillic, Arabic,
Chinese or Japanese would print as black boxes. We embed two TrueType fonts shipped in
``resources/fonts/``: DejaVu Sans (Latin, Greek, Cyrillic, Arabic, many symbols and some emoji)
and Droid Sans Fallback (Chinese, Japanese). Text is cut into runs by the font whose character
map holds each character; a character neither font has is never left to print as a box: a
symbol (most emoji, joiners, variation selectors) is dropped, a letter of a script we cannot
show becomes U+FFFD so the reader sees that something is missing.

Registering costs about 0.1–0.2 s, so it happens once, lazily, on the first export.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from keyplan.domain.plain_text import without_bidi_embeddings
from keyplan.reports.arabic import shape_rtl_runs
from keyplan.resources import resource_path

SANS = "KeyplanSans"
SANS_BOLD = "KeyplanSans-Bold"
CJK = "KeyplanCJK"

REPLACEMENT = "\ufffd"
ELLIPSIS = "…"
_DROPPED_CATEGORIES = {"So", "Sk", "Cf", "Mn", "Me", "Cs", "Co", "Cn"}

_FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}


@dataclass(frozen=True, slots=True)
class FontSet:
    """The registered fonts and the characters each can draw."""

    regular_chars: frozenset[int]
    bold_chars: frozenset[int]
    cjk_chars: frozenset[int]


_lock = threading.Lock()
_fonts: FontSet | None = None


def ensure_fonts() -> FontSet:
    """Register Keyplan's fonts with ReportLab once; later calls return at once.

    Thread-safe: exports may run on a worker thread while another starts.
    """
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            _fonts = _register_fonts()
    return _fonts


def _register_fonts() -> FontSet:
    # Imported here so that importing this module stays cheap.
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # ASCII-85 wrapping of compressed streams is pure Python without ReportLab's optional
    # accelerator: it cost a 500-person plan about 0.3 s and makes files 25 % larger, for
    # 7-bit-clean output nobody needs any more.
    rl_config.useA85 = 0

    loaded = {}
    for name, file_name in _FONT_FILES.items():
        font = TTFont(name, str(resource_path("fonts", file_name)))
        pdfmetrics.registerFont(font)
        loaded[name] = font
    # Families make <b> work in our own markup; Droid has no bold, so its "bold" is itself.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
            addMapping(CJK, bold, italic, CJK)
    return FontSet(
        regular_chars=frozenset(loaded[SANS].face.charToGlyph),
        bold_chars=frozenset(loaded[SANS_BOLD].face.charToGlyph),
        cjk_chars=frozenset(loaded[CJK].face.charToGlyph),
    )


def base_font(bold: bool = False) -> str:
    """The font a run of Latin text uses in regular or bold text."""
    return SANS_BOLD if bold else SANS


def font_runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Cut text into (font name, text) runs that the named fonts can draw.

    Right-to-left runs (Arabic) come back shaped and in visual order (best effort, see
    ``arabic.py``); bidi embedding, override and isolate controls are left out.
    Unsupported symbols are dropped, unsupported letters replaced by U+FFFD.
    """
    base = base_font(bold)
    if text.isascii():
        return [(base, text)] if text else []
    # A user's RLO or LRE must not reorder the text printed after it (issue 18).
    text = without_bidi_embeddings(text)
    fonts = ensure_fonts()
    latin = fonts.bold_chars if bold else fonts.regular_chars
    return list(_runs_of(shape_rtl_runs(text), base, latin, fonts.cjk_chars))


def _runs_of(
    text: str, base: str, latin: frozenset[int], cjk: frozenset[int]
) -> Iterator[tuple[str, str]]:
    current_font, chars = base, []
    for char in text:
        code = ord(char)
        if code in latin or char in "\n\t":
            font = base
        elif code in cjk:
            font = CJK
        else:
            char = _stand_in(char)
            if not char:
                continue
            font = base
        if font != current_font and chars:
            yield current_font, "".join(chars)
            chars = []
        current_font = font
        chars.append(char)
    if chars:
        yield current_font, "".join(chars)


def _stand_in(char: str) -> str:
    """What to print for a character no font has: nothing for a symbol, U+FFFD for a letter."""
    return "" if unicodedata.category(char) in _DROPPED_CATEGORIES else REPLACEMENT


def single_font_text(text: str, bold: bool = False) -> str | None:
    """The text as drawn, when one line of it needs only our Latin font; else None.

    Such text can go to ReportLab as a plain string (no Paragraph, no markup parsing).
    """
    if "\n" in text:
        return None
    if text.isascii():
        return text
    runs = font_runs(text, bold)
    if len(runs) == 1 and runs[0][0] == base_font(bold):
        return runs[0][1]
    return None


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for a user's text: escaped, with a font tag around non-Latin runs.

    Args:
        text: any text a user typed; ``<``, ``>`` and ``&`` come out literally.
        bold: whether the paragraph style around it is bold (the base font of the runs).
    """
    base = base_font(bold)
    parts = []
    for font, chunk in font_runs(text, bold):
        escaped = escape(chunk)
        parts.append(escaped if font == base else f'<font face="{font}">{escaped}</font>')
    return "".join(parts)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The printed width of text in points, summed over its font runs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    ensure_fonts()
    return sum(stringWidth(chunk, font, size) for font, chunk in font_runs(text, bold))


def fit_text(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """The text shortened with an ellipsis so that it fits in ``max_width`` points."""
    text = " ".join(text.split())
    if text_width(text, size, bold) <= max_width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, size, bold) <= max_width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def draw_text(
    canvas,
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    bold: bool = False,
    max_width: float | None = None,
    align: str = "left",
) -> None:
    """Draw one line of user text on a canvas, switching fonts per run.

    Args:
        canvas: a ReportLab canvas.
        x: left edge (or centre for ``align="centre"``) in points.
        y: baseline in points.
        text: the text; whitespace is collapsed, markup characters print literally.
        size: font size in points.
        bold: use the bold Latin font.
        max_width: shorten with an ellipsis to fit this width.
        align: "left" or "centre".
    """
    from keyplan.reports.text_ops import draw_string

    runs, total = _measured_runs(text, size, bold, max_width)
    if align == "centre":
        x -= total / 2
    for font, chunk, width in runs:
        canvas.setFont(font, size)
        draw_string(canvas, x, y, chunk)
        x += width


@lru_cache(maxsize=8192)
def _measured_runs(
    text: str, size: float, bold: bool, max_width: float | None
) -> tuple[tuple[tuple[str, str, float], ...], float]:
    """The font runs of one line (shortened to fit ``max_width``) with each run's width, and
    their sum. Each run is cut and measured once (for the fit, the centring and the next
    run's start), and a text drawn again (a title, a badge, a department on many map cards)
    is not cut and measured again."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    text = " ".join(text.split())
    runs = font_runs(text, bold)
    widths = [stringWidth(chunk, font, size) for font, chunk in runs]
    if max_width is not None and sum(widths) > max_width:
        runs = font_runs(fit_text(text, size, max_width, bold), bold)
        widths = [stringWidth(chunk, font, size) for font, chunk in runs]
    measured = tuple(
        (font, chunk, width) for (font, chunk), width in zip(runs, widths, strict=True)
    )
    return measured, sum(widths)
