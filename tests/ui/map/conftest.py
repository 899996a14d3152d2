"""Fixtures for the map stories: Acme's map open at 100 %, and a hand that drags on it.

Acme's map includes Acme France: Ingrid ← Harald ← Mia (Mia works for the affiliate), and
Olaf, who reports to nobody yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from keyplan.store.people import edits
from keyplan.ui.map.map_tab import MapTab
from keyplan.ui.shell.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier


@dataclass
class MapHand:
    """Where things are on the map's screen, and the mouse gestures a user makes there."""

    tab: MapTab
    window: MainWindow
    qtbot: object

    def card_point(self, person_id: int, dx: float = 0.0, dy: float = 0.0) -> QPoint:
        """The viewport point in the middle of a person's card (moved by dx, dy scene units)."""
        centre = self.tab.scene.cards[person_id].centre() + QPointF(dx, dy)
        return self.tab.view.mapFromScene(centre)

    def empty_point(self) -> QPoint:
        """A viewport point right of every card: empty space."""
        area = self.tab.scene.content_rect()
        return self.tab.view.mapFromScene(QPointF(area.right() + 120.0, area.top() + 40.0))

    def scene_point(self, point: QPointF) -> QPoint:
        return self.tab.view.mapFromScene(point)

    def drag(
        self,
        start: QPoint,
        end: QPoint,
        *,
        press_keys: Qt.KeyboardModifier = NO_KEYS,
        release_keys: Qt.KeyboardModifier | None = None,
        release: bool = True,
    ) -> None:
        """Press, move in a few steps (as a hand does), and release the left button."""
        viewport = self.tab.view.viewport()
        self.qtbot.mousePress(viewport, LEFT, press_keys, start)
        steps = 6
        for step in range(1, steps + 1):
            x = start.x() + (end.x() - start.x()) * step // steps
            y = start.y() + (end.y() - start.y()) * step // steps
            self.qtbot.mouseMove(viewport, QPoint(x, y))
        if release:
            keys = press_keys if release_keys is None else release_keys
            self.qtbot.mouseRelease(viewport, LEFT, keys, end)

    def click(self, point: QPoint, keys: Qt.KeyboardModifier = NO_KEYS) -> None:
        self.qtbot.mouseClick(self.tab.view.viewport(), LEFT, keys, point)

    def key(self, key: Qt.Key, keys: Qt.KeyboardModifier = NO_KEYS) -> None:
        self.tab.view.setFocus()
        self.qtbot.keyClick(self.tab.view, key, keys)

    def undo(self) -> None:
        self.window.undo_action.trigger()

    def redo(self) -> None:
        self.window.redo_action.trigger()


def open_map(window: MainWindow, qtbot) -> MapTab:
    """Show the Map tab at 100 %, its cards centred in the view."""
    tab = window.show_tab("Map")
    qtbot.waitExposed(tab.view)
    qtbot.wait(20)  # the first look (fit) is queued until the view has its size
    tab.view.actual_size()
    tab.view.centerOn(tab.scene.content_rect().center())
    return tab


@pytest.fixture
def olaf(db, small_portfolio) -> int:
    return edits.add_stakeholder(db, small_portfolio.acme, "Olaf Lund", level="manager")


@pytest.fixture
def acme_map(olaf, window, qtbot) -> MapTab:
    return open_map(window, qtbot)


@pytest.fixture
def map_opener(window, qtbot):
    """Opens the Map tab when the test says so (after it has prepared the data)."""
    return lambda: open_map(window, qtbot)


@pytest.fixture
def hand(acme_map, window, qtbot) -> MapHand:
    return MapHand(acme_map, window, qtbot)
