"""Text in the map's SVG: escaped for XML, and one ``<text>`` element."""

from __future__ import annotations

import re

from keyplan.domain.plain_text import isolated

# Characters XML 1.0 cannot hold at all, even escaped: a NUL in a name made the file malformed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Text safe inside an XML element or a double-quoted attribute: what XML cannot hold is
    left out, and bidi controls are kept inside the text (``plain_text.isolated``)."""
    if not text.isprintable():  # controls, bidi marks and non-characters are not printable
        text = isolated(_NOT_XML.sub("", text))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def svg_text(
    x: float,
    y: float,
    text: str,
    size: float,
    colour: str,
    *,
    bold: bool = False,
    anchor: str = "start",
) -> str:
    weight = ' font-weight="bold"' if bold else ""
    middle = ' text-anchor="middle"' if anchor == "middle" else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" fill="{colour}"{weight}{middle}>'
        f"{escape(text)}</text>\n"
    )
