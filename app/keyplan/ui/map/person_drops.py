"""People dragged onto the map from elsewhere (the People table, the "unplaced" list).

They arrive as ``application/x-keyplan-person`` drops. Over a card, that card lights up as the
manager to be (or as refused, when it would close a reporting loop); dropped on a card, the
person reports to them; dropped on empty space, their card stands there, placed by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.map import style
from keyplan.ui.map.card_item import CardItem, DropState
from keyplan.ui.map.person_drag import dropped_person_id

if TYPE_CHECKING:  # the view imports this module
    from keyplan.ui.map.view import MapView


class PersonDrops:
    """A view's answers to people dragged onto it, and the card the drag aims at."""

    def __init__(self, view: MapView) -> None:
        self.view = view
        self._target: CardItem | None = None

    def enter(self, event: QDragEnterEvent) -> None:
        if dropped_person_id(event.mimeData()) is None or self.view.read_only:
            event.ignore()
            return
        event.acceptProposedAction()

    def move(self, event: QDragMoveEvent) -> None:
        aimed = self._aimed_at(event)
        if aimed is None:
            event.ignore()
            return
        person_id, _, target = aimed
        self._aim(target, person_id)
        event.acceptProposedAction()

    def leave(self, event: QDragLeaveEvent) -> None:
        self._aim(None, None)
        event.accept()

    def drop(self, event: QDropEvent) -> None:
        aimed = self._aimed_at(event)
        if aimed is None:
            event.ignore()
            return
        person_id, scene_pos, target = aimed
        view = self.view
        self._aim(None, None)
        event.acceptProposedAction()
        document = view.map_scene.document
        try:
            if target is not None:
                document.move_person_under(person_id, target.person_id)
            elif person_id in view.map_scene.people:
                # The card is centred where it was dropped.
                corner = scene_pos - QPointF(style.CARD_WIDTH / 2, style.CARD_HEIGHT / 2)
                document.set_card_positions(
                    {person_id: (float(round(corner.x())), float(round(corner.y())))}
                )
        except KeyplanError as error:
            dialogs.show_error(view, str(error))

    def _aimed_at(self, event: QDragMoveEvent) -> tuple[int, QPointF, CardItem | None] | None:
        """The person dragged, where in the scene, and the card under them (None: no person)."""
        person_id = dropped_person_id(event.mimeData())
        if person_id is None:
            return None
        scene_pos = self.view.mapToScene(event.position().toPoint())
        return person_id, scene_pos, self.view.map_scene.card_at(scene_pos, exclude=[person_id])

    def _aim(self, target: CardItem | None, person_id: int | None) -> None:
        if self._target is not None and self._target is not target:
            self._target.set_drop_state(DropState.NONE)
        self._target = target
        if target is None or person_id is None:
            self.view.show_hint("")
            return
        refusal = self.view.map_scene.refusal([person_id], target.person_id)
        target.set_drop_state(DropState.REFUSE if refusal else DropState.ACCEPT)
        self.view.show_hint(refusal or f"Drop to make them report to {target.person.full_name}")
