"""Dotted (matrix) reporting lines on the map: one item draws them all, straight, dotted.

They join two cards and nothing else: the layout never sees them (``domain/matrix``), so a
card keeps its place in the tidy tree whatever dotted lines it has. Shown with the informal
lines (the map's "lines" switch) and only between two cards the filters show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.exchange.map import design
from keyplan.store.map.rows import DottedLink
from keyplan.ui.map import style

CardRect = Callable[[int], QRectF | None]
_DOTTED_Z = 0.4  # over the solid reporting lines, under the influence arrows and the cards


class DottedLines(QGraphicsItem):
    """Every dotted reporting line of the map, as one path."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(_DOTTED_Z)
        self.links: tuple[DottedLink, ...] = ()
        self._path = QPainterPath()
        self._bounds = QRectF()

    def set_links(self, links: Iterable[DottedLink]) -> None:
        self.links = tuple(links)

    def place(self, card_rect: CardRect) -> None:
        """Run each line between its two cards, where both are shown; rebuild the path."""
        path = QPainterPath()
        for link in self.links:
            report, manager = card_rect(link.person_id), card_rect(link.manager_id)
            if report is None or manager is None:
                continue
            ends = design.dotted_ends(_box(report), _box(manager))
            if ends is not None:
                path.moveTo(QPointF(*ends[0]))
                path.lineTo(QPointF(*ends[1]))
        self.prepareGeometryChange()
        self._path = path
        self._bounds = path.boundingRect().adjusted(-3.0, -3.0, 3.0, 3.0)
        self.update()

    def line_count(self) -> int:
        """How many lines are drawn now (both cards shown)."""
        return self._path.elementCount() // 2

    @override
    def boundingRect(self) -> QRectF:
        return self._bounds

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        pen = QPen(style.DOTTED_COLOUR, design.DOTTED_WIDTH)
        pen.setDashPattern(list(design.DOTTED_DASHES))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)


def _box(rect: QRectF) -> tuple[float, float, float, float]:
    return (rect.x(), rect.y(), rect.width(), rect.height())
