"""The map's picture and diagram formats, picked by the file's suffix, all from one drawing.

``.svg`` a picture (``svg``), ``.graphml`` for yEd (``graphml``), ``.drawio`` for draw.io
(``drawio``). PNG is painted with Qt (``keyplan.ui.map.export``) from the same drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from keyplan.domain.errors import KeyplanError
from keyplan.domain.map.shapes import MapDrawing
from keyplan.exchange.map.design import map_drawing
from keyplan.exchange.map.drawio import drawing_drawio
from keyplan.exchange.map.graphml import drawing_graphml
from keyplan.exchange.map.svg import drawing_svg
from keyplan.store.map.rows import MapData, MapPerson

WRITERS: dict[str, Callable[[MapDrawing, str], str]] = {
    ".svg": drawing_svg,
    ".graphml": drawing_graphml,
    ".drawio": drawing_drawio,
}
#: Every suffix the map exports to, for messages and file dialogs (PNG through Qt).
SUFFIXES = (".svg", ".png", ".graphml", ".drawio")
SUFFIX_HELP = "use .svg, .png, .graphml (yEd) or .drawio (draw.io)"


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
    writer = WRITERS.get(suffix.lower())
    if writer is None:
        raise KeyplanError(f"Cannot export the map as '{suffix}': {SUFFIX_HELP}.")
    return writer(map_drawing(data, today, people=people, with_lines=with_lines), title)
