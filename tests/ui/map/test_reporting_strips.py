"""Reporting lines moved by an edit: a strip out of sight is drawn again when a paint first
shows it, and then shows the lines where they are now."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView

from keyplan.domain.layout import Connector
from keyplan.ui.map.line_items import STRIP_WIDTH, ReportingLines

NEAR = Connector(1, 2, ((100.0, 0.0), (100.0, 50.0), (150.0, 50.0), (150.0, 100.0)))
FAR = Connector(1, 3, ((3 * STRIP_WIDTH, 0.0), (3 * STRIP_WIDTH, 100.0)))
FAR_MOVED = Connector(1, 3, ((3 * STRIP_WIDTH + 80.0, 0.0), (3 * STRIP_WIDTH + 80.0, 100.0)))


def rendered(scene: QGraphicsScene, source: QRectF) -> QImage:
    """A view of the scene's ``source`` area at 100 % on white, as painted on screen (a
    view's paint exposes only what it shows)."""
    view = QGraphicsView(scene)
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setBackgroundBrush(Qt.GlobalColor.white)
    view.setSceneRect(source)
    view.resize(int(source.width()), int(source.height()))
    image = view.viewport().grab().toImage()
    view.setScene(None)
    view.deleteLater()
    return image


def inked(image: QImage, x: int, y: int) -> bool:
    return image.pixelColor(x, y) != QColor(Qt.GlobalColor.white)


def lines_in_a_scene() -> tuple[QGraphicsScene, ReportingLines]:
    scene = QGraphicsScene()
    lines = ReportingLines()
    scene.addItem(lines)
    lines.set_connectors((NEAR, FAR))
    return scene, lines


def test_a_moved_line_far_away_waits_for_a_paint_that_shows_it_then_shows_where_it_is(qapp):
    scene, lines = lines_in_a_scene()
    lines.set_connectors((NEAR, FAR_MOVED), {3: FAR_MOVED})
    rendered(scene, QRectF(0.0, 0.0, 200.0, 100.0))  # the near strip only is on screen
    assert lines._stale, "the far strip is drawn again only when shown"
    far = rendered(scene, QRectF(3 * STRIP_WIDTH - 20.0, 0.0, 200.0, 100.0))
    assert inked(far, 100, 50)  # where the line is now
    assert not inked(far, 20, 50)  # not where it was
    assert not lines._stale


def test_a_moved_line_in_sight_is_painted_where_it_is_now(qapp):
    scene, lines = lines_in_a_scene()
    moved = Connector(1, 2, ((100.0, 0.0), (100.0, 50.0), (180.0, 50.0), (180.0, 100.0)))
    lines.set_connectors((moved, FAR), {2: moved})
    near = rendered(scene, QRectF(0.0, 0.0, 200.0, 100.0))
    assert inked(near, 180, 80)
    assert not inked(near, 150, 80)


def test_the_strips_as_drawn_hold_every_line_and_none_that_is_gone(qapp):
    _scene, lines = lines_in_a_scene()
    lines.set_connectors((NEAR,), {3: None})
    drawn = lines.drawn_strips()
    assert len(drawn) == 1
    assert drawn[0][0].contains(QRectF(100.0, 0.0, 50.0, 100.0))
    assert lines.boundingRect().contains(drawn[0][0])


def test_while_a_card_is_dragged_only_its_strip_is_drawn_again_without_its_line(qapp):
    scene, lines = lines_in_a_scene()
    lines.start_following({2})
    near = rendered(scene, QRectF(0.0, 0.0, 200.0, 100.0))
    assert not inked(near, 150, 80), "the dragged card's line has left its strip"
    far = rendered(scene, QRectF(3 * STRIP_WIDTH - 20.0, 0.0, 200.0, 100.0))
    assert inked(far, 20, 50), "a strip without dragged lines is drawn as it was"
    assert list(lines._without_dragged) == [0], "only the near strip was drawn again"
    lines.stop_following()
    assert inked(rendered(scene, QRectF(0.0, 0.0, 200.0, 100.0)), 150, 80)
