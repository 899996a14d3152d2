"""The map's picture and diagram formats, picked by the file's suffix, all from one drawing.

``.svg`` a picture (``svg``), ``.graphml`` for yEd (``graphml``), ``.drawio`` for draw.io
(``drawio``). PNG is painted with Qt (``keyplan.ui.map.export``) from the same drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from importlib import import_module

from keyplan.domain.errors import KeyplanError
from keyplan.domain.map.shapes import MapDrawing
from keyplan.exchange.map.design import map_drawing
from keyplan.exchange.map.suffixes import SUFFIX_HELP
from keyplan.store.map.rows import MapData, MapPerson

#: The module and function that write each format, imported for the format asked for only
#: (``export-map`` is timed as a whole process).
WRITERS: dict[str, tuple[str, str]] = {
    ".svg": ("keyplan.exchange.map.svg", "drawing_svg"),
    ".graphml": ("keyplan.exchange.map.graphml", "drawing_graphml"),
    ".drawio": ("keyplan.exchange.map.drawio", "drawing_drawio"),
}


def map_document(
    data: MapData,
    suffix: str,
    *,
    title: str,
    today: date,
    people: Sequence[MapPerson] | None = None,
    with_lines: bool = True,
) -> str:
    """The map as the text of an SVG, GraphML or draw.io file.

    Raises:
        KeyplanError: the suffix names no text format of the map.
    """
    pieces = map_document_pieces(
        data, suffix, title=title, today=today, people=people, with_lines=with_lines
    )
    return "".join(pieces)


def map_document_pieces(
    data: MapData,
    suffix: str,
    *,
    title: str,
    today: date,
    people: Sequence[MapPerson] | None = None,
    with_lines: bool = True,
) -> Iterable[str]:
    """``map_document`` in pieces that join to it, for writing into a file as they come: an
    SVG one card at a time (a map of thousands is megabytes), the diagrams in one piece.

    Raises:
        KeyplanError: the suffix names no text format of the map.
    """
    writer_place = WRITERS.get(suffix.lower())
    if writer_place is None:
        raise KeyplanError(f"Cannot export the map as '{suffix}': {SUFFIX_HELP}.")
    drawing = map_drawing(data, today, people=people, with_lines=with_lines)
    if suffix.lower() == ".svg":
        from keyplan.exchange.map.svg import drawing_svg_pieces

        return drawing_svg_pieces(drawing, title)
    module, function = writer_place
    writer: Callable[[MapDrawing, str], str] = getattr(import_module(module), function)
    return (writer(drawing, title),)
