"""The far-out map in one item: every plain card's block of stance colour, painted at once.

Fitted to the window, a chart of thousands is seen below ``style.BLOCK_ZOOM``, where a card is
only a block of its stance colour. Painting 10,000 cards one by one costs a call into Python
each (about 60 ms a frame); this item paints their blocks in one go, a few calls per colour,
while those cards are marked as having no contents (Qt then skips them; they are still hit,
selected and moved as before). A card that looks different from a plain block (selected,
highlighted, dimmed, left, an open position, a drop target) keeps painting itself. Close up
(and in exports, see ``painting_cards``) every card paints itself again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.ui.map import style

if TYPE_CHECKING:
    from keyplan.ui.map.card_item import CardItem
    from keyplan.ui.map.scene import MapScene

#: Just below the cards (1.0): a self-painting card over its neighbours' blocks.
_BLOCKS_Z = 0.99
_W, _H = style.CARD_WIDTH, style.CARD_HEIGHT


class FarBlocks(QGraphicsItem):
    """Paints the blocks of the cards ``far`` hands to it; nothing when seen close up."""

    def __init__(self, scene: MapScene) -> None:
        super().__init__()
        self.map_scene = scene
        self.far = False  # the view is below BLOCK_ZOOM: plain cards are painted here
        self._handed = False  # some cards may be painted here (a refresh is due on changes)
        self._blocks: dict[str, list[QRectF]] | None = None  # stance key -> card rects
        self._bounds = QRectF()
        self.setZValue(_BLOCKS_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        scene.addItem(self)
        scene.selectionChanged.connect(self.refresh_cards)

    def set_far(self, far: bool) -> None:
        """Switch the map between one picture of blocks (far) and self-painting cards."""
        if far != self.far:
            self.far = far
            self.refresh_cards()

    def refresh_cards(self) -> None:
        """Tell every card whether it is painted here now (a new map, a new selection...)."""
        far, blocks_changed = self.far, False
        if not far and not self._handed:
            return  # close up with every card painting itself already: nothing to tell
        self._handed = far
        selected = set(self.map_scene.selectedItems())  # a few: asked once, not per card
        try:
            for card in self.map_scene.cards.values():
                blocks_changed |= card.set_far(far, selected=card in selected)
        except RuntimeError:  # the scene is being deleted: Qt deletes its cards first
            return
        if far or blocks_changed:
            self.invalidate()

    def map_changed(self) -> None:
        """A new map or layout: the item covers the scene, the cards are handed again."""
        bounds = self.map_scene.sceneRect()
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.refresh_cards()

    def invalidate(self) -> None:
        """The blocks are gathered again on the next paint (cards moved, changed colour)."""
        self._blocks = None
        self.update()

    @override
    def boundingRect(self) -> QRectF:
        return self._bounds

    @override
    def shape(self) -> QPainterPath:
        return QPainterPath()  # never hit: clicks, hover and rubber bands find what is below

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if not self.far:
            return
        if self._blocks is None:
            self._blocks = self._gather()
        painter.setPen(Qt.PenStyle.NoPen)
        for key, rects in self._blocks.items():
            painter.setBrush(style.STANCE_EDGE[key])  # looked up now: it follows the theme
            painter.drawRects(rects)

    def _gather(self) -> dict[str, list[QRectF]]:
        """The plain cards' rects by stance, from the chart: a block stands where the chart
        puts its card (asking 10,000 cards for their positions costs 3-4 times as much). A
        card dragged by hand is selected, so it paints itself where the mouse takes it."""
        scene, blocks = self.map_scene, {}
        boxes = scene.chart.boxes if scene.chart is not None else {}
        for person_id, card in scene.cards.items():
            box = boxes.get(person_id)  # None: a hidden card
            if card.in_blocks and box is not None:
                rect = QRectF(box.x, box.y, _W, _H)  # the card's own block
                blocks.setdefault(style.stance_key(card.person), []).append(rect)
        return blocks


@contextmanager
def painting_cards(scene: MapScene) -> Iterator[None]:
    """Every card paints itself inside the block (an export renders the scene at its own
    scale, where the blocks would be wrong)."""
    blocks = scene.far_blocks
    was_far = blocks.far
    blocks.set_far(False)
    try:
        yield
    finally:
        blocks.set_far(was_far)


def card_is_plain(card: CardItem, *, selected: bool) -> bool:
    """Whether a card, far out, looks exactly like a block of its stance colour."""
    person = card.person
    return not (
        selected
        or person.is_vacancy
        or person.has_left
        or card.dimmed
        or card.highlighted
        or card.drop_state.value
    )
