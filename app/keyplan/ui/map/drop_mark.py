"""The mark of the card a drag aims at: a wash over the card and a thick outline around it.

It is a child item of the card, painted over it, not part of the card's own painting: a card
paints its face once into a pixmap (``CardItem._cache_from_now``), and a mark drawn by the card
threw that picture away each time a drag passed over the card. The drop that took the mark off
the manager then painted the manager's texts and badges again (at 2,000 people, about a tenth
of a re-parent); now the card is shown from its picture as before the drag came.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.ui.map import style

CARD_RECT = QRectF(0.0, 0.0, style.CARD_WIDTH, style.CARD_HEIGHT)
_BOUNDS = CARD_RECT.adjusted(-5.0, -5.0, 5.0, 5.0)  # as the card's: the outline is outside
_WASH_ALPHA = 40


class DropMark(QGraphicsItem):
    """Shown over a card while a drag aims at it: accepted (blue) or refused (red)."""

    def __init__(self, card: QGraphicsItem) -> None:
        super().__init__(card)
        self.colour = QColor(style.DROP_OK_COLOUR)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the card under it is hit

    def show_in(self, colour: QColor) -> None:
        if colour != self.colour:
            self.colour = QColor(colour)
            self.update()
        self.show()

    @override
    def boundingRect(self) -> QRectF:
        return _BOUNDS

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        wash = QColor(self.colour)
        wash.setAlpha(_WASH_ALPHA)
        painter.fillRect(CARD_RECT, wash)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        outline(painter, self.colour, 4.0, 2.5)


def outline(painter: QPainter, colour: QColor, width: float, outset: float) -> None:
    """A rounded outline around the card, ``outset`` outside its edge."""
    painter.setPen(QPen(colour, width))
    radius = style.CARD_RADIUS + outset
    painter.drawRoundedRect(CARD_RECT.adjusted(-outset, -outset, outset, outset), radius, radius)
