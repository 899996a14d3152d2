"""User text into Paragraphs: escaped, in the right fonts, bullets and line breaks kept.

``Paragraph`` parses its text as markup, so every value a user typed passes through
``fonts.markup`` (which escapes ``<``, ``>`` and ``&``) before it reaches one. Plan notes are
plain text with line breaks and bullet lines ("- ", "• ", "* "); they become one Paragraph per
block of lines and one bullet Paragraph per bullet line.
"""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape as _escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaFrag, ParaParser

from keyplan.reports.fonts import SANS_BOLD, markup
from keyplan.reports.styles import styles
from keyplan.reports.table_cells import CellParagraph

BULLET_MARKS = ("- ", "• ", "* ", "– ")
NOT_RECORDED = "—"


def escape(text: str) -> str:
    """Escape the three characters Paragraph markup gives a meaning to."""
    return _escape(text)


def is_bold(style: ParagraphStyle) -> bool:
    """Whether the style's base font is our bold one."""
    return style.fontName == SANS_BOLD


def user_markup(value: object, style: ParagraphStyle, keep_lines: bool = True) -> str:
    """Markup for any user value in a paragraph of this style; line breaks become <br/>."""
    text = display(value)
    bold = is_bold(style)
    if not keep_lines:
        return markup(" ".join(text.split()), bold)
    return "<br/>".join(markup(line, bold) for line in text.splitlines())


def para(value: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A Paragraph showing a user value literally (None shows as a dash)."""
    style = style or styles().body
    return Paragraph(user_markup(value, style), style)


def display(value: object) -> str:
    """How a plain value reads in a document."""
    if value is None or value == "":
        return NOT_RECORDED
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:,.0f}"
    return str(value)


def note_flowables(text: str | None, empty: str | None = None) -> list[Flowable]:
    """A multi-line note as Paragraphs: text blocks, bullet lines and blank-line breaks.

    Args:
        text: the note as the user typed it; None or blank gives the ``empty`` text.
        empty: what to print when there is nothing (None prints nothing).
    """
    style_set = styles()
    if text is None or not text.strip():
        return [Paragraph(escape(empty), style_set.muted)] if empty else []
    flowables: list[Flowable] = []
    block: list[str] = []

    def close_block() -> None:
        if block:
            flowables.append(
                Paragraph("<br/>".join(markup(line) for line in block), style_set.body)
            )
            block.clear()

    for raw_line in text.splitlines():
        line = raw_line.rstrip()
        stripped = line.lstrip()
        bullet = next((mark for mark in BULLET_MARKS if stripped.startswith(mark)), None)
        if bullet is not None:
            close_block()
            flowables.append(
                Paragraph(markup(stripped[len(bullet) :].strip()), style_set.bullet, bulletText="•")
            )
        elif not stripped:
            close_block()
        else:
            block.append(line)
    close_block()
    return flowables


def cell(value: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A table cell that wraps instead of clipping, for any user value.

    A cell Paragraph keeps its line breaks per width: a table measures its cells again on
    every page it is split over, and a whitespace grid's cells would be broken anew each time.
    """
    style = style or styles().cell
    return CellParagraph(user_markup(value, style), style)


def blank_cell() -> Paragraph:
    """An empty table cell (a role named once per group, a missing value)."""
    return CellParagraph("", styles().cell)


def plain_frags(text: str, style: ParagraphStyle) -> list[ParaFrag] | None:
    """The fragments ReportLab's parser makes of ``text`` as one run in the style's own font,
    without parsing: the text itself is taken literally (``<``, ``&`` print as typed).

    A 500-person plan makes ~1,700 wrapping table cells, and parsing their markup is about a
    third of what each costs. For a text in one font on one line, the parse gives a single
    fragment: the style's, holding the text with its whitespace cleaned. None when the text
    is not one line, holds a character markup escapes (the parser would cut the text into
    several fragments there), or nothing is left of it: the caller then parses as before.
    """
    if text.splitlines() != [text] or _ESCAPED.search(text):
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned:
        return None
    template = _plain_frag_templates.get(id(style))
    if template is None or template[0] is not style:
        if len(_plain_frag_templates) >= 64:  # styles made on the fly never pile up
            _plain_frag_templates.clear()
        frags = ParaParser().parse("x", style)[1]
        textTransformFrags(frags, style)
        template = _plain_frag_templates[id(style)] = (style, frags[0])
    return [template[1].clone(text=cleaned)]


_ESCAPED = re.compile("[&<>]")
# id(style) -> (the style, the fragment its parser makes of one plain word)
_plain_frag_templates: dict[int, tuple[ParagraphStyle, ParaFrag]] = {}
