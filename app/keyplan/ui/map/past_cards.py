"""The cards of the map as it was, made when the view first shows them.

The map of then is laid out whole (every card has its place, and the view's area is the whole
chart), but a card item is made only for a place the view paints: fitted where names read, a
5,000-person map of then shows a few dozen cards, and making, indexing and clearing the
thousands of others cost more than its layout. Scrolling or zooming out makes the rest as they
come into view. Each card is stacked by its place in the chart's order, so the cards paint in
the order they would have been added all at once (neighbours' antialiased edges meet far out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from keyplan.domain.layout.model import Box
from keyplan.store.map.rows import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.card_item import CardItem

_STRIP = 2000.0  # scene units: the places are kept in vertical strips about ten cards wide
_REACH = 5.0  # a card item paints up to this far outside its card (``CardItem`` bounds)
_CARD_Z = 1.0  # as ``CardItem``: above the lines, below the marks
_ORDER_STEP = 1e-7  # z added per place in the chart's order: 5,000 cards stay under 1.001


class PastCards:
    """The card items of a laid-out map of then, made on demand in one scene."""

    def __init__(self, scene: QGraphicsScene) -> None:
        self.scene = scene
        self.made: dict[int, CardItem] = {}
        self._boxes: dict[int, Box] = {}
        self._order: dict[int, int] = {}
        self._strips: dict[int, list[int]] = {}
        self._person: Callable[[int], MapPerson] = _nobody

    def set_places(self, boxes: dict[int, Box], person: Callable[[int], MapPerson]) -> None:
        """The chart's places, in its order, and how to make the person of a place (when
        its card is made). The scene is expected empty (cleared by the caller)."""
        self.made = {}
        self._boxes, self._person = boxes, person
        self._order = {person_id: number for number, person_id in enumerate(boxes)}
        strips: dict[int, list[int]] = {}
        for person_id, box in boxes.items():
            strips.setdefault(int(box.x // _STRIP), []).append(person_id)
        self._strips = strips

    def clear(self) -> None:
        """No places (the scene's items are the caller's to clear)."""
        self.set_places({}, _nobody)

    def __len__(self) -> int:
        return len(self._boxes)

    def ids(self) -> Iterable[int]:
        return self._boxes.keys()

    def rect(self, person_id: int) -> QRectF:
        """A place's card rectangle in the scene (as ``CardItem.scene_card_rect``)."""
        box = self._boxes[person_id]
        return QRectF(box.x, box.y, style.CARD_WIDTH, style.CARD_HEIGHT)

    def bounds(self) -> QRectF:
        """What every card item would cover, made or not (each paints a little outside)."""
        if not self._boxes:
            return QRectF()
        boxes = self._boxes.values()
        left = min([box.x for box in boxes]) - _REACH
        top = min([box.y for box in boxes]) - _REACH
        right = max([box.x for box in boxes]) + style.CARD_WIDTH + _REACH
        bottom = max([box.y for box in boxes]) + style.CARD_HEIGHT + _REACH
        return QRectF(left, top, right - left, bottom - top)

    def card(self, person_id: int) -> CardItem | None:
        """The card of a place, made now if it was not yet."""
        card = self.made.get(person_id)
        if card is None and person_id in self._boxes:
            card = self._make(person_id)
        return card

    def show(self, area: QRectF) -> None:
        """Make the cards that paint into ``area`` (a scene rectangle) and are not made yet."""
        if not self._boxes or area.isEmpty():
            return
        left, right = area.left() - _REACH, area.right() + _REACH
        top, bottom = area.top() - _REACH, area.bottom() + _REACH
        width, height, made = style.CARD_WIDTH, style.CARD_HEIGHT, self.made
        # A place's strip is that of its left edge: a card reaching in from the left strip.
        first = int((left - width) // _STRIP)
        for strip in range(first, int(right // _STRIP) + 1):
            for person_id in self._strips.get(strip, ()):
                if person_id in made:
                    continue
                box = self._boxes[person_id]
                across = box.x < right and box.x + width > left
                if across and box.y < bottom and box.y + height > top:
                    self._make(person_id)

    def _make(self, person_id: int) -> CardItem:
        box = self._boxes[person_id]
        card = CardItem(self._person(person_id), None, None)
        card.setFlag(CardItem.GraphicsItemFlag.ItemIsSelectable, False)
        card.setZValue(_CARD_Z + _ORDER_STEP * self._order[person_id])
        card.setPos(box.x, box.y)
        self.scene.addItem(card)
        self.made[person_id] = card
        return card


def _nobody(person_id: int) -> MapPerson:
    raise KeyError(person_id)
