"""Mouse gestures on the map as small objects: move cards, connect people, rubber-band, pan.

The view starts one interaction per mouse press and hands it the moves and the release; Esc
cancels it and puts everything back. Each ends by emitting ``finished`` or ``cancelled``. An
interaction changes items only for as long as the gesture lasts: what stays is written through
the document on release, and the picture then follows the document's signals.

What a card drop means (shown as a hint while dragging):

- on another card: the dragged people now report to that person (refused, and the cards go
  back, when it would close a reporting cycle);
- on empty space: the cards stay where they were dropped, hand-placed, keeping their managers;
- on empty space with Alt held: the people report to nobody, and stay where dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainterPath, QPen
from PySide6.QtWidgets import QApplication, QGraphicsLineItem, QGraphicsRectItem

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.map import prompts, style
from keyplan.ui.map.card_item import CardItem, DropState

if TYPE_CHECKING:
    from keyplan.ui.map.view import MapView

DRAG_HINT = (
    "Drop on a person to make them the manager · drop on empty space to place the card by hand"
    " · Alt+drop on empty space: reports to nobody · Esc cancels"
)


READ_ONLY_HINT = "Read-only: another Keyplan window is editing this database"


class Interaction(QObject):
    """A gesture in progress on the map's view."""

    finished = Signal()
    cancelled = Signal()

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.view = view
        self.scene = view.map_scene
        self.document = view.map_scene.document

    def press(self, event: QMouseEvent) -> None:
        """The button went down (the gesture starts)."""

    def move(self, event: QMouseEvent) -> None:
        """The mouse moved with the gesture under way."""

    def release(self, event: QMouseEvent) -> None:
        """The button came up: do what the gesture means, then finish."""
        self.finished.emit()

    def cancel(self) -> None:
        """Esc: undo whatever the gesture showed so far, then report it cancelled."""
        self.cancelled.emit()

    def scene_pos(self, event: QMouseEvent) -> QPointF:
        return self.view.mapToScene(event.position().toPoint())


class MoveCards(Interaction):
    """Drag the selected cards: re-parent onto a card, or hand-place on empty space."""

    def __init__(self, view: MapView, card: CardItem) -> None:
        super().__init__(view)
        self.card = card
        self.starts: dict[int, QPointF] = {}
        self.origin = QPointF()
        self.press_at = QPointF()
        self.dragging = False
        self.target: CardItem | None = None

    def press(self, event: QMouseEvent) -> None:
        toggle = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if toggle:
            self.card.setSelected(not self.card.isSelected())
        elif not self.card.isSelected():
            self.scene.clearSelection()
            self.card.setSelected(True)
        self.origin, self.press_at = self.scene_pos(event), event.position()
        cards = [self.scene.cards[pid] for pid in self.scene.selected_person_ids()]
        self.starts = {card.person_id: card.pos() for card in cards}

    def move(self, event: QMouseEvent) -> None:
        if not self.starts:
            return
        if self.view.read_only:
            self.view.show_hint(READ_ONLY_HINT)
            return
        if not self.dragging:
            travel = (event.position() - self.press_at).manhattanLength()
            if travel < QApplication.startDragDistance():
                return
            self.dragging = True
            self.scene.begin_card_drag(self.starts)
        position = self.scene_pos(event)
        delta = position - self.origin
        for person_id, start in self.starts.items():
            self.scene.cards[person_id].setPos(start + delta)
        self.scene.follow_card_drag()
        self._aim(self.scene.card_at(position, exclude=self.starts))

    def _aim(self, target: CardItem | None) -> None:
        if self.target is not None and self.target is not target:
            self.target.set_drop_state(DropState.NONE)
        self.target = target
        if target is None:
            self.view.show_hint(DRAG_HINT)
            return
        refusal = self.scene.refusal(self.starts, target.person_id)
        target.set_drop_state(DropState.REFUSE if refusal else DropState.ACCEPT)
        self.view.show_hint(refusal or f"Release to make them report to {target.person.full_name}")

    def release(self, event: QMouseEvent) -> None:
        if not self.dragging:
            self.finished.emit()  # a click: the selection was set on press
            return
        target, self.target = self.target, None
        dropped = {pid: self.scene.cards[pid].pos() for pid in self.starts}
        if target is not None:
            target.set_drop_state(DropState.NONE)
            # The re-parent re-runs the layout, which moves the cards from where they were
            # dropped; only when nothing was re-laid out (refused, or the same manager) do
            # they go back by hand.
            self._edit(lambda: self.document.move_people_under(list(self.starts), target.person_id))
            if self.scene.reporting.following:
                self._put_back()
        elif event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.scene.end_card_drag()
            self._make_roots(dropped)
        else:
            self.scene.end_card_drag()
            self._edit(lambda: self.document.set_card_positions(_rounded(dropped)))
        self.view.show_hint("")
        self.finished.emit()

    def _make_roots(self, dropped: dict[int, QPointF]) -> None:
        positions = {pid: position for pid, position in _rounded(dropped).items() if position}
        self._edit(lambda: self.document.detach_from_managers(positions))

    def _edit(self, edit: Callable[[], object]) -> None:
        try:
            edit()
        except KeyplanError as error:
            self._put_back()
            dialogs.show_error(self.view, str(error))

    def _put_back(self) -> None:
        for person_id, start in self.starts.items():
            card = self.scene.cards.get(person_id)
            if card is not None:
                card.setPos(start)
        self.scene.end_card_drag()

    def cancel(self) -> None:
        if self.target is not None:
            self.target.set_drop_state(DropState.NONE)
        if self.dragging:
            self._put_back()
        self.view.show_hint("")
        self.cancelled.emit()


def _rounded(positions: dict[int, QPointF]) -> dict[int, tuple[float, float] | None]:
    return {pid: (float(round(p.x())), float(round(p.y()))) for pid, p in positions.items()}


class ConnectPeople(Interaction):
    """Draw an influence line from one card to another, then choose its kind (or a dotted
    reporting line: the first person also reports to the second)."""

    def __init__(self, view: MapView, source: CardItem) -> None:
        super().__init__(view)
        self.source = source
        self.target: CardItem | None = None
        self.rubber_line = QGraphicsLineItem()
        pen = QPen(style.LINE_COLOURS["influences"], 2.0, Qt.PenStyle.DashLine)
        self.rubber_line.setPen(pen)
        self.rubber_line.setZValue(10.0)

    def press(self, event: QMouseEvent) -> None:
        self.scene.addItem(self.rubber_line)
        self.rubber_line.setLine(QLineF(self.source.centre(), self.scene_pos(event)))
        self.view.show_hint(
            f"Draw a line from {self.source.person.full_name}: release on a person · Esc cancels"
        )

    def move(self, event: QMouseEvent) -> None:
        position = self.scene_pos(event)
        self.rubber_line.setLine(QLineF(self.source.centre(), position))
        target = self.scene.card_at(position, exclude=[self.source.person_id])
        if self.target is not None and self.target is not target:
            self.target.set_drop_state(DropState.NONE)
        self.target = target
        if target is not None:
            target.set_drop_state(DropState.ACCEPT)

    def release(self, event: QMouseEvent) -> None:
        target = self.target
        self._clean_up()
        if target is not None:
            at = self.view.viewport().mapToGlobal(event.position().toPoint())
            kind = prompts.choose_influence_kind(self.view, at)
            if kind:
                try:
                    self._draw(kind, target)
                except KeyplanError as error:
                    dialogs.show_error(self.view, str(error))
        self.finished.emit()

    def _draw(self, kind: str, target: CardItem) -> None:
        if kind == prompts.DOTTED_LINE:  # the dragged-from person also reports to the target
            self.document.add_dotted_manager(self.source.person_id, target.person_id)
        else:
            self.document.add_influence(self.source.person_id, target.person_id, kind)

    def cancel(self) -> None:
        self._clean_up()
        self.cancelled.emit()

    def _clean_up(self) -> None:
        if self.target is not None:
            self.target.set_drop_state(DropState.NONE)
            self.target = None
        if self.rubber_line.scene() is not None:
            self.scene.removeItem(self.rubber_line)
        self.view.show_hint("")


class RubberBandSelect(Interaction):
    """Select the cards and lines a dragged rectangle touches (Ctrl adds to the selection)."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.origin = QPointF()
        self.before = list(self.scene.selectedItems())
        self.additive = False
        self.band = QGraphicsRectItem()
        fill = QColor(style.SELECTION_COLOUR)
        fill.setAlpha(30)
        self.band.setBrush(fill)
        self.band.setPen(QPen(style.SELECTION_COLOUR, 0, Qt.PenStyle.DashLine))  # cosmetic
        self.band.setZValue(10.0)

    def press(self, event: QMouseEvent) -> None:
        self.additive = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if not self.additive:
            self.scene.clearSelection()
        self.origin = self.scene_pos(event)
        self.band.setRect(QRectF(self.origin, self.origin))
        self.scene.addItem(self.band)

    def move(self, event: QMouseEvent) -> None:
        area = QRectF(self.origin, self.scene_pos(event)).normalized()
        self.band.setRect(area)
        path = QPainterPath()
        path.addRect(area)
        self.scene.setSelectionArea(
            path,
            Qt.ItemSelectionOperation.ReplaceSelection,
            Qt.ItemSelectionMode.IntersectsItemShape,
        )
        if self.additive:
            for item in self.before:
                item.setSelected(True)

    def release(self, event: QMouseEvent) -> None:
        self.scene.removeItem(self.band)
        self.finished.emit()

    def cancel(self) -> None:
        self.scene.removeItem(self.band)
        self.scene.clearSelection()
        for item in self.before:
            item.setSelected(True)
        self.cancelled.emit()


class Pan(Interaction):
    """Move the map with the middle button, or with Space held and the left button."""

    def __init__(self, view: MapView) -> None:
        super().__init__(view)
        self.last = QPointF()

    def press(self, event: QMouseEvent) -> None:
        self.last = event.position()
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: QMouseEvent) -> None:
        delta = event.position() - self.last
        self.last = event.position()
        horizontal, vertical = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        horizontal.setValue(horizontal.value() - round(delta.x()))
        vertical.setValue(vertical.value() - round(delta.y()))

    def release(self, event: QMouseEvent) -> None:
        self.view.viewport().unsetCursor()
        self.finished.emit()

    def cancel(self) -> None:
        self.view.viewport().unsetCursor()
        self.cancelled.emit()


def interaction_for(view: MapView, event: QMouseEvent, *, space_held: bool) -> Interaction | None:
    """The gesture a mouse press starts on the view (None: Qt's own handling, as for a line).

    The middle button, or the left with Space held, pans; the left on a card moves it (with
    Shift, or in connect mode, draws an influence line from it); on empty space, a rubber band.
    """
    button = event.button()
    left = button == Qt.MouseButton.LeftButton
    if button == Qt.MouseButton.MiddleButton or (left and space_held):
        return Pan(view)
    if not left:
        return None
    card = view.map_scene.card_at(view.mapToScene(event.position().toPoint()))
    if card is not None:
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if (shift or view.connect_mode) and not view.read_only:
            return ConnectPeople(view, card)
        return MoveCards(view, card)
    item = view.itemAt(event.position().toPoint())
    if item is not None and item.flags() & item.GraphicsItemFlag.ItemIsSelectable:
        return None  # an influence line: the scene selects it
    return RubberBandSelect(view)
