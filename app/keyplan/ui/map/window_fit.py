"""How the map's view fits the chart to its window: Fit, Whole tree, and the window resized.

``framing`` chooses the part of the chart (plain numbers); this applies it to a view: the zoom,
the scroll bars to the pixel, a scene large enough to scroll there, and a line for the hint that
says what is shown. A frame nobody has moved away from follows the window when it is resized.

A frame that shows every card holds the view's scrolling area to the frame itself, so no scroll
bar shows: the scene keeps half a view of margin around the chart (to scroll any card to the
middle), and at a whole-chart zoom that margin alone is wider than the window. The hold ends
when the user zooms, another frame is shown, or the chart changes.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from keyplan.domain.layout import Box
from keyplan.ui.map import framing, style

if TYPE_CHECKING:  # the view imports this module
    from keyplan.ui.map.view import MapView


#: Up to this many cards, Fit shows every one of them: a director sees every branch of a small
#: account at once, first names still there, and zooms in where they point.
WHOLE_FIT_PEOPLE = 40


class FitKind(Enum):
    """What the view was last fitted to."""

    READABLE = "readable"  # Fit: all of the chart, or its top where names read
    WHOLE = "whole"  # Whole tree: every card, however small


class WindowFit:
    """Fits one view's chart to its window, and remembers how, to follow a resize.

    Attributes:
        covered_bottom: pixels at the viewport's bottom under a panel (the legend).
        hint: what the last fit said about the frame, or "" (the tab clears it on zoom).
    """

    def __init__(self, view: MapView) -> None:
        self.view = view
        self.covered_bottom = 0
        self.hint = ""
        self._last: tuple[FitKind, tuple[float, int, int]] | None = None
        self._held = False  # the view scrolls over the whole frame only, not the scene
        view.map_scene.sceneRectChanged.connect(self.release)

    def readable(self) -> None:
        """Fit: the whole chart when names still read, else its top (``framing``); a small
        account's chart is always shown whole (a 24-person chart lost a whole branch)."""
        boxes = self._boxes()
        if len(boxes) <= WHOLE_FIT_PEOPLE:
            frame = framing.whole_frame(boxes, *self._clear_size())
        else:
            frame = framing.readable_frame(
                boxes, self._root(), *self._clear_size(), floor=style.READABLE_ZOOM
            )
        self._show(frame, FitKind.READABLE)
        if frame is not None and not frame.whole:
            self._say(
                f"Showing the top of the chart ({frame.cards_inside} of {len(self._boxes())} "
                f"people) at {frame.zoom:.0%}, where names still read · scroll for the rest, "
                "or Whole tree for its shape"
            )

    def whole_tree(self) -> None:
        """Whole tree: every card (never beyond 100 %), however small they get."""
        frame = framing.whole_frame(self._boxes(), *self._clear_size())
        self._show(frame, FitKind.WHOLE)
        if frame is not None and not style.names_read(frame.zoom):
            self._say(
                f"The whole chart at {frame.zoom:.0%}, too small for names · Fit (Ctrl+0) "
                "shows its top where names read · Ctrl+wheel zooms in where you point"
            )

    def untouched(self) -> bool:
        """Whether the view still shows the last fit (nobody zoomed or scrolled since)."""
        return self._last is not None and self._last[1] == self._view_state()

    def again(self) -> None:
        """Fit the same way again (the window changed size)."""
        if self._last is not None:
            (self.whole_tree if self._last[0] is FitKind.WHOLE else self.readable)()

    def release(self) -> None:
        """Let the view scroll over the whole scene again, the same spot in its middle."""
        if not self._held:
            return
        self._held = False
        view = self.view
        middle = view.mapToScene(view.viewport().rect().center())
        view.setSceneRect(QRectF())  # a null rect: the view follows the scene's rect again
        view.centerOn(middle)

    def _say(self, text: str) -> None:
        self.hint = text
        self.view.show_hint(text)

    def _boxes(self) -> list[Box]:
        chart = self.view.map_scene.chart
        return list(chart.boxes.values()) if chart is not None else []

    def _root(self) -> Box | None:
        scene = self.view.map_scene
        root_id = scene.main_root_id()
        if scene.chart is None or root_id is None:
            return None
        return scene.chart.boxes.get(root_id)

    def _clear_size(self) -> tuple[float, float]:
        viewport = self.view.viewport()
        height = viewport.height() - self.covered_bottom
        # A very short window: better a card under the legend than a frame a few pixels tall.
        if height < viewport.height() / 2:
            height = viewport.height()
        return float(viewport.width()), float(height)

    def _show(self, frame: framing.Frame | None, kind: FitKind) -> None:
        """Zoom and scroll so the frame's top-left corner is the viewport's."""
        self.release()
        if frame is None:
            self._last = None
            return
        view = self.view
        view.resetTransform()
        view.scale(frame.zoom, frame.zoom)
        viewport = view.viewport()
        shown = QRectF(
            frame.left, frame.top, viewport.width() / frame.zoom, viewport.height() / frame.zoom
        )
        # The scene's margins follow the view's size when the map was built, maybe while the
        # tab was hidden; it must hold the whole frame, or the scroll bars stop short of it.
        if not view.sceneRect().contains(shown):
            view.map_scene.setSceneRect(view.sceneRect().united(shown))
        if frame.whole:
            # Exactly the window: Qt shows no scroll bar for an area that fits in the viewport.
            view.setSceneRect(shown)
            self._held = True
        view.centerOn(shown.center())
        # centerOn rounds to whole pixels; a frame's edges are chosen to the pixel.
        corner = view.mapToScene(0, 0)
        across, down = view.horizontalScrollBar(), view.verticalScrollBar()
        across.setValue(across.value() + round((frame.left - corner.x()) * frame.zoom))
        down.setValue(down.value() + round((frame.top - corner.y()) * frame.zoom))
        self._last = (kind, self._view_state())
        view.zoom_changed.emit(view.zoom)

    def _view_state(self) -> tuple[float, int, int]:
        view = self.view
        scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
        return (view.zoom, *scroll)
