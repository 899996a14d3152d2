"""The map's canvas follows a dark system as the rest of the app does (issue 20: cards, lines
and background stayed light); a map printed or exported from a dark window is still paper."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPalette

from keyplan.ui.map import export, style
from keyplan.ui.widgets import theme


@pytest.fixture
def system_colours(qapp, monkeypatch):
    """Switches the system between light and dark as a user does; light again afterwards."""
    before_style, before = qapp.style().name(), QPalette(qapp.palette())

    def switch(scheme: str) -> None:
        monkeypatch.setenv(theme.SCHEME_VARIABLE, scheme)
        theme.follow_system_colour_scheme(qapp)
        qapp.processEvents()

    yield switch
    qapp.setPalette(before)
    qapp.setStyle(before_style)
    qapp.processEvents()
    style.use_canvas_colours(False)


def pixel(image: QImage, point: QPoint) -> QColor:
    return image.pixelColor(point.x(), point.y())


def card_margin(tab, person_id: int) -> QPoint:
    """A point of the card's face with nothing written on it: its right margin."""
    card = tab.scene.cards[person_id].scene_card_rect()
    return tab.view.mapFromScene(card.right() - 3.0, card.top() + 30.0)


def test_the_canvas_turns_dark_with_the_system_and_light_again(acme_map, small_portfolio,
                                                               system_colours, qtbot):  # fmt: skip
    view, ingrid = acme_map.view, small_portfolio.ingrid
    empty = QPoint(view.viewport().width() - 5, 5)
    light = view.viewport().grab().toImage()
    assert pixel(light, empty).lightnessF() > 0.9
    assert pixel(light, card_margin(acme_map, ingrid)).lightnessF() > 0.8

    acme_map.show_comparison(True)  # the map as it was follows too
    acme_map.show_comparison(False)
    system_colours("dark")
    qtbot.wait(20)
    assert acme_map.comparison is not None
    past = acme_map.comparison.past.scene.backgroundBrush().color()
    assert past == acme_map.scene.backgroundBrush().color() == style.CANVAS_BACKGROUND
    dark = view.viewport().grab().toImage()
    assert pixel(dark, empty).lightnessF() < 0.2  # the background
    face = pixel(dark, card_margin(acme_map, ingrid))
    assert face.lightnessF() < 0.3  # the card
    assert theme.contrast_ratio(style.INK, face) >= 4.5  # and its text reads on it
    assert theme.contrast_ratio(style.CONNECTOR_COLOUR, pixel(dark, empty)) >= 3.0

    system_colours("light")
    qtbot.wait(20)
    again = view.viewport().grab().toImage()
    assert pixel(again, card_margin(acme_map, ingrid)) == pixel(
        light, card_margin(acme_map, ingrid)
    )


def test_a_map_printed_from_a_dark_window_is_paper(
    acme_map, small_portfolio, system_colours, qtbot
):
    system_colours("dark")
    scene = acme_map.scene
    size = export.picture_size(scene)
    page = QImage(QSize(size.width(), size.height()), QImage.Format.Format_ARGB32)
    painter = QPainter(page)
    export.paint_picture(painter, scene, "Acme")
    painter.end()

    card = scene.cards[small_portfolio.ingrid].scene_card_rect()
    content = scene.content_rect()
    on_page = QPoint(round(export.PICTURE_MARGIN + card.right() - 3.0 - content.left()),
                     round(export.PICTURE_MARGIN + export.header_height() + card.top() + 30.0
                           - content.top()))  # fmt: skip
    assert pixel(page, on_page).lightnessF() > 0.8  # a paper card
    assert pixel(page, QPoint(2, 2)) == QColor("white")
    assert QColor(style.DARK_CANVAS["INK"]) == style.INK  # and the screen is dark again
    qtbot.wait(20)
    shown = acme_map.view.viewport().grab().toImage()
    assert pixel(shown, card_margin(acme_map, small_portfolio.ingrid)).lightnessF() < 0.3
