"""Influence lines are painted once into a pixmap: a line whose card moves is painted again
where it now runs, and a click still picks it (its shape is made when asked)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QImage, QPixmapCache
from PySide6.QtWidgets import QGraphicsItem

from keyplan.ui.map.view import PIXMAP_CACHE_KB


def line_pixels(image: QImage, colour: QColor, near: QPoint, radius: int = 40) -> int:
    """How many pixels close to ``colour`` there are around a point of the viewport."""
    found = 0
    for x in range(near.x() - radius, near.x() + radius):
        for y in range(near.y() - radius, near.y() + radius):
            if 0 <= x < image.width() and 0 <= y < image.height():
                pixel = image.pixelColor(x, y)
                if (
                    abs(pixel.red() - colour.red())
                    + abs(pixel.green() - colour.green())
                    + abs(pixel.blue() - colour.blue())
                    < 60
                ):
                    found += 1
    return found


def test_a_line_follows_its_card_when_nudged_and_a_click_still_picks_it(
    hand, acme_map, db, small_portfolio
):
    harald, ingrid = small_portfolio.harald, small_portfolio.ingrid
    document = acme_map.scene.document
    document.add_influence(harald, ingrid, "influences")
    [arrow] = acme_map.scene.arrows.values()
    assert arrow.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    view = acme_map.view
    before = view.viewport().grab().toImage()  # fills the cache
    middle = view.mapFromScene(arrow.midpoint())
    assert line_pixels(before, arrow.colour, middle) > 0

    card = acme_map.scene.cards[harald]
    document.nudge_cards({harald: (card.x(), card.y() + 300.0)})
    after = view.viewport().grab().toImage()
    moved_middle = view.mapFromScene(arrow.midpoint())
    assert moved_middle != middle
    assert line_pixels(after, arrow.colour, moved_middle, radius=6) > 0

    assert QRectF(arrow.boundingRect()).contains(arrow.shape().boundingRect())
    hand.click(hand.scene_point(arrow.midpoint()))
    assert acme_map.scene.selected_line_ids() == [arrow.line_id]


def test_the_map_keeps_a_window_of_cached_cards_and_lines(acme_map):
    # Qt's 10 MB default let a large map's cached cards and lines push each other out, so each
    # edit's repaint drew them all again.
    assert QPixmapCache.cacheLimit() >= PIXMAP_CACHE_KB >= 2 * 10 * 1024
