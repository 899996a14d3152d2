"""One line of text on a canvas, written as ``canvas.drawString`` writes it, for less work.

``drawString`` builds a text object, measures the string (and throws the width away),
encodes it into the font's subsets and joins the operators: about twenty Python calls for
each of the ~10,000 plain cells and map-card runs of a 500-person plan. Here the operators
that show a text (font, size, leading and the encoded string) are made once per canvas by
ReportLab's own text object and kept; each draw only adds its position. The bytes written
are the same as ``drawString``'s, so the pages are too.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

_CACHE = "_keyplan_text_ops"  # the canvas attribute holding its _TextOps


class _TextOps:
    """A canvas's text-showing operators and string widths, each made once."""

    __slots__ = ("canvas", "shown", "widths")

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        # (font, size, leading, text) -> "<font> <size> Tf <leading> TL (<bytes>) Tj"
        self.shown: dict[tuple[str, float, float, str], str] = {}
        self.widths: dict[tuple[str, float, str], float] = {}

    def show(self, text: str) -> str:
        canvas = self.canvas
        key = (canvas._fontname, canvas._fontsize, canvas._leading, text)
        ops = self.shown.get(key)
        if ops is None:
            # A fresh text object starts with no font subset chosen, as drawString's does;
            # encoding through it assigns the characters to this document's subsets.
            ops = self.shown[key] = PDFTextObject(canvas)._formatText(text)
        return ops

    def width(self, text: str) -> float:
        canvas = self.canvas
        key = (canvas._fontname, canvas._fontsize, text)
        width = self.widths.get(key)
        if width is None:
            width = self.widths[key] = canvas.stringWidth(text)
        return width


def _ops_of(canvas: Canvas) -> _TextOps:
    ops = canvas.__dict__.get(_CACHE)
    if ops is None:
        ops = _TextOps(canvas)
        setattr(canvas, _CACHE, ops)
    return ops


def draw_string(canvas: Canvas, x: float, y: float, text: str) -> None:
    """What ``canvas.drawString(x, y, text)`` draws (current font, size, leading, colour)."""
    if not canvas.bottomup:
        canvas.drawString(x, y, text)
        return
    canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {_ops_of(canvas).show(text)} T* ET")


def set_fill_colour(canvas: Canvas, colour: Color) -> None:
    """What ``canvas.setFillColor(colour)`` does for a plain RGB colour, with its operator made
    once per colour: a 500-card map sets the fill thousands of times, and ReportLab's own
    method tests the colour's kind and validates its alpha each time."""
    if type(colour) is not Color or canvas._enforceColorSpace:
        canvas.setFillColor(colour)
        return
    canvas._fillColorObj = colour
    canvas._code.append(_operators(colour)[0])
    if colour.alpha is not None:
        canvas._setFillAlpha(colour.alpha)  # as setFillColor: the PDF version, and a "gs" if new


def set_stroke_colour(canvas: Canvas, colour: Color) -> None:
    """What ``canvas.setStrokeColor(colour)`` does, as ``set_fill_colour`` (a card's edge)."""
    if type(colour) is not Color or canvas._enforceColorSpace:
        canvas.setStrokeColor(colour)
        return
    canvas._strokeColorObj = colour
    canvas._code.append(_operators(colour)[1])
    if colour.alpha is not None:
        canvas._setStrokeAlpha(colour.alpha)


def _operators(colour: Color) -> tuple[str, str]:
    """The colour's fill and stroke operators ("r g b rg", "r g b RG"), made once."""
    known = _COLOUR_OPERATORS.get(id(colour))
    if known is None or known[0] is not colour:
        if len(_COLOUR_OPERATORS) >= _MOST_COLOURS:  # colours made on the fly: never a leak
            _COLOUR_OPERATORS.clear()
        rgb = fp_str((colour.red, colour.green, colour.blue))
        known = _COLOUR_OPERATORS[id(colour)] = (colour, f"{rgb} rg", f"{rgb} RG")
    return known[1], known[2]


# id(colour) -> (the colour, its fill and stroke operators); our colours are a few long-lived
# constants, kept here with their operators
_COLOUR_OPERATORS: dict[int, tuple[Color, str, str]] = {}
_MOST_COLOURS = 512


def draw_right_string(canvas: Canvas, x: float, y: float, text: str) -> None:
    """What ``canvas.drawRightString(x, y, text)`` draws: the text ending at ``x``."""
    draw_string(canvas, x - _ops_of(canvas).width(text), y, text)


def draw_centred_string(canvas: Canvas, x: float, y: float, text: str) -> None:
    """What ``canvas.drawCentredString(x, y, text)`` draws: the text centred on ``x``."""
    draw_string(canvas, x - 0.5 * _ops_of(canvas).width(text), y, text)
