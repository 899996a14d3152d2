"""The map's view: zoom and pan, and the mouse, keyboard and drops handed to interactions.

A left press on a card starts moving it (with Shift held, or in connect mode, it starts an
influence line); on empty space it starts a rubber band; the middle button, or Space with the
left button, pans. Esc cancels whatever gesture is under way. People dragged in from the People
table or the "unplaced" list arrive as ``application/x-keyplan-person`` drops.
"""

from __future__ import annotations

from datetime import date

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPixmapCache,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QToolTip, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.map import keyboard, style
from keyplan.ui.map.gestures import Interaction, interaction_for
from keyplan.ui.map.person_drops import PersonDrops
from keyplan.ui.map.scene import MapScene
from keyplan.ui.map.window_fit import WindowFit

MIN_ZOOM, MAX_ZOOM = 0.04, 4.0
ZOOM_STEP = 1.25
NUDGE_STEP = 10.0
# Cards and influence lines are painted once into pixmaps kept in Qt's pixmap cache (10 MB by
# default). A 100 % view of a large map shows dozens of cards and lines that cross the whole
# window (each cached for the part in the window): past 10 MB they pushed each other out, and
# an edit's repaint drew them all again (a re-parent at 10,000 people: 36 ms of painting
# instead of 6). 32 MB holds a full window of both; it costs about 13 MB more at most.
PIXMAP_CACHE_KB = 32 * 1024


def zoom_keeping_point(view: QGraphicsView, factor: float, anchor: QPointF | None) -> None:
    """Zoom a view by ``factor`` within the map's limits, keeping the viewport point
    ``anchor`` (the middle when None) over the same spot of the scene."""
    zoom = view.transform().m11()
    wanted = min(max(zoom * factor, MIN_ZOOM), MAX_ZOOM)
    point = anchor if anchor is not None else QPointF(view.viewport().rect().center())
    spot = view.mapToScene(point.toPoint())
    view.scale(wanted / zoom, wanted / zoom)
    drift = view.mapFromScene(spot) - point.toPoint()
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + drift.x())
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + drift.y())


class MapView(QGraphicsView):
    """Shows a ``MapScene``; every edit it starts goes through the scene's document."""

    hint_changed = Signal(str)  # what the gesture under way will do, for the status line
    edit_person_requested = Signal(int)
    add_person_requested = Signal(QPointF)  # where (scene) the new card should go
    delete_requested = Signal()
    card_menu_requested = Signal(int, QPoint)  # a card's person, where the menu opens (global)
    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.map_scene = scene
        self.interaction: Interaction | None = None
        self.connect_mode = False
        # Another window edits this database: cards can be selected and opened, not moved,
        # re-parented or linked (ui/read_only.make_read_only sets it).
        self.read_only = False
        self._space_held = False
        self.drops = PersonDrops(self)
        self.fit = WindowFit(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)  # see zoom_by
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        # An org chart reads from the top: a small chart hangs from the top, not mid-window.
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Stakeholder map")
        scene.selectionChanged.connect(self._describe_selection)
        self._describe_selection()

    # ---- zoom -------------------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom in (factor > 1) or out, within limits, keeping a viewport point still.

        Args:
            factor: how much larger things get.
            anchor: the viewport point that stays over the same spot of the map (the mouse
                for the wheel); the middle of the view when None.
        """
        self.fit.release()
        zoom_keeping_point(self, factor, anchor)
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self.zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by(1 / ZOOM_STEP)

    def actual_size(self) -> None:
        self.fit.release()
        self.resetTransform()
        self.zoom_changed.emit(self.zoom)

    def fit_all(self) -> None:
        """Whole tree: zoom to show every card (never beyond 100 %), however small they get."""
        self.fit.whole_tree()

    def fit_readable(self) -> None:
        """Fit, and the first look at a map: all of it, or if that is too small to read, its top.

        A wide chart fitted to the window shows coloured blocks only; a director wants names,
        so the view stops at a zoom where names read and shows the top of the largest tree,
        without cutting cards at the window's edges (``framing``). The hint line then says how
        much is shown and how to see the rest.
        """
        self.fit.readable()

    def set_covered_bottom(self, pixels: int) -> None:
        """How much of the viewport's bottom a panel covers (the legend): fits stay above it."""
        self.fit.covered_bottom = max(0, pixels)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        # A fit nobody has moved away from follows the window: the tab settling its size, the
        # window maximised, the side list opened. Otherwise the picture keeps its centre.
        refit = self.fit.untouched()
        super().resizeEvent(event)
        if refit:
            self.fit.again()

    def centre_on_person(self, person_id: int) -> None:
        """Show a person's card (a search found them): zoomed in where names do not read."""
        card = self.map_scene.cards.get(person_id)
        if card is None or not card.isVisible():
            return
        if not style.names_read(self.zoom):
            self.fit.release()
            self.resetTransform()
            self.zoom_changed.emit(self.zoom)
        self.centerOn(card.centre())

    def bring_into_view(self, person_id: int) -> None:
        """Scroll, as little as needed and at the zoom the user chose, so the card is in view
        (a card just added, or reached with the arrow keys)."""
        card = self.map_scene.cards.get(person_id)
        if card is None or not card.isVisible():
            return
        rect = card.scene_card_rect()
        shown = self.viewport().rect()
        # Margins (in pixels) only as wide as the window leaves room for: with a card and its
        # margins wider than the view, Qt shows the margin and cuts the card.
        x_margin = max(0, min(16, int((shown.width() - rect.width() * self.zoom) / 2)))
        y_margin = max(0, min(16, int((shown.height() - rect.height() * self.zoom) / 2)))
        self.ensureVisible(rect, x_margin, y_margin)

    def _describe_selection(self) -> None:
        """The view's accessible description says which card is selected (cards themselves
        have no accessibility in Qt)."""
        if not shiboken6.isValid(self.map_scene) or not shiboken6.isValid(self):
            return  # the scene clears its selection as it is destroyed with the window
        selected = self.map_scene.selected_person_ids()
        if len(selected) == 1 and selected[0] in self.map_scene.people:
            text = keyboard.spoken_card(self.map_scene.people[selected[0]])
        elif selected:
            text = f"{len(selected)} people selected"
        else:
            text = "No card selected · arrow keys move between cards, Enter opens the person"
        self.setAccessibleDescription(text)

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # ---- the mouse, through interactions --------------------------------------------------

    def show_hint(self, text: str) -> None:
        self.hint_changed.emit(text)

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.interaction is not None:
            return  # a second button during a gesture: ignored
        interaction = interaction_for(self, event, space_held=self._space_held)
        if interaction is None:
            super().mousePressEvent(event)
            return
        self.interaction = interaction
        interaction.finished.connect(self._end_interaction)
        interaction.cancelled.connect(self._end_interaction)
        interaction.press(event)
        event.accept()

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    @override
    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        scene_pos = self.mapToScene(event.position().toPoint())
        card = self.map_scene.card_at(scene_pos)
        if card is not None:
            self.edit_person_requested.emit(card.person_id)
        elif self.itemAt(event.position().toPoint()) is None:
            self.add_person_requested.emit(scene_pos)
        event.accept()

    def _end_interaction(self) -> None:
        if self.interaction is not None:
            self.interaction.deleteLater()
        self.interaction = None

    # ---- the context menu -------------------------------------------------------------------

    @override
    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Right-click on a card, or the Menu key / Shift+F10 with one card selected."""
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            card = self.map_scene.card_at(self.mapToScene(event.pos()))
            if card is None:
                return
            if not card.isSelected():
                self.map_scene.clearSelection()
                card.setSelected(True)
            at = event.globalPos()
        else:
            self._open_selected_card_menu()
            event.accept()
            return
        self.card_menu_requested.emit(card.person_id, at)
        event.accept()

    def _open_selected_card_menu(self) -> None:
        """The keyboard's way to a card's menu: the one selected card, the menu on its centre."""
        selected = self.map_scene.selected_person_ids()
        card = self.map_scene.cards.get(selected[0]) if len(selected) == 1 else None
        if card is None:
            return
        centre = self.mapFromScene(card.sceneBoundingRect().center())
        self.card_menu_requested.emit(card.person_id, self.viewport().mapToGlobal(centre))

    # ---- the keyboard -----------------------------------------------------------------------

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if key == Qt.Key.Key_Menu or (key == Qt.Key.Key_F10 and shift):
            self._open_selected_card_menu()  # every platform, not only where Qt makes it an event
        elif key == Qt.Key.Key_Escape:
            self._escape()
        elif key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_requested.emit()
        elif key in _NUDGES and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if self.map_scene.selected_person_ids():  # Ctrl+arrows nudge, with Shift by 1
                step = 1.0 if shift else NUDGE_STEP
                self._nudge(_NUDGES[key][0] * step, _NUDGES[key][1] * step)
        elif key in keyboard.ARROWS and not event.modifiers() & ~_KEYPAD:
            self._step_selection(keyboard.ARROWS[Qt.Key(key)])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            selected = self.map_scene.selected_person_ids()
            if len(selected) == 1:
                self.edit_person_requested.emit(selected[0])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    @override
    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().unsetCursor()
        super().keyReleaseEvent(event)

    def _escape(self) -> None:
        if self.interaction is not None:
            self.interaction.cancel()
        else:
            self.map_scene.clearSelection()

    def _step_selection(self, direction: tuple[int, int]) -> None:
        """Arrow keys: select the next card that way, and scroll it into view."""
        scene = self.map_scene
        rects = {pid: c.scene_card_rect() for pid, c in scene.cards.items() if c.isVisible()}
        selected = [pid for pid in scene.selected_person_ids() if pid in rects]
        if selected:
            target = keyboard.next_card(selected[-1], direction, scene.people, rects)
        else:
            target = keyboard.first_card(rects, scene.main_root_id())
        if target is None:
            return
        scene.clearSelection()
        scene.cards[target].setSelected(True)
        self.bring_into_view(target)

    def _nudge(self, dx: float, dy: float) -> None:
        cards = [self.map_scene.cards[pid] for pid in self.map_scene.selected_person_ids()]
        positions = {card.person_id: (card.x() + dx, card.y() + dy) for card in cards}
        try:
            self.map_scene.document.nudge_cards(positions)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    # ---- painting --------------------------------------------------------------------------

    @override
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        # Before the items of this frame are drawn: far out, plain cards are one picture.
        self.map_scene.far_blocks.set_far(self.zoom < style.BLOCK_ZOOM)
        super().drawBackground(painter, rect)

    # ---- tooltips -----------------------------------------------------------------------------

    @override
    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = event.pos()  # type: ignore[attr-defined]
            card = self.map_scene.card_at(self.mapToScene(position))
            if card is not None:
                text = card.tooltip_text(date.today())
                QToolTip.showText(event.globalPos(), text, self)  # type: ignore[attr-defined]
                return True
        return super().viewportEvent(event)

    # ---- people dropped from elsewhere --------------------------------------------------------

    @override
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.drops.enter(event)

    @override
    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.drops.move(event)

    @override
    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self.drops.leave(event)

    @override
    def dropEvent(self, event: QDropEvent) -> None:
        self.drops.drop(event)


_KEYPAD = Qt.KeyboardModifier.KeypadModifier  # arrows of the number pad are arrows too
_NUDGES = {
    Qt.Key.Key_Left: (-1.0, 0.0),
    Qt.Key.Key_Right: (1.0, 0.0),
    Qt.Key.Key_Up: (0.0, -1.0),
    Qt.Key.Key_Down: (0.0, 1.0),
}
