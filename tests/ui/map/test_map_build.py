"""Building a map: cards stand where the chart says, faces are cached only once read, and the
last map is freed when another account is shown."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import style
from keyplan.ui.map.scene import MapScene
from keyplan.ui.map.view import MapView

NO_CACHE = QGraphicsItem.CacheMode.NoCache
DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


@pytest.fixture
def demo_map(qtbot, db: Database) -> Iterator[tuple[MapScene, MapView]]:
    create_demo_portfolio(db)
    scene = MapScene(PortfolioDocument(db))
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    scene.show_account(find_account(db, "Aldermark Group"), with_affiliates=True)
    yield scene, view


def test_every_card_stands_where_the_chart_puts_it(demo_map):
    scene, _ = demo_map
    boxes = scene.chart.boxes
    assert len(boxes) > 50 and set(boxes) <= set(scene.cards)
    for person_id, card in scene.cards.items():
        box = boxes.get(person_id)
        assert card.isVisible() == (box is not None)
        if box is not None:
            assert (card.x(), card.y()) == (box.x, box.y)
            # Its bounds, answered by Qt: the card and room for the outlines drawn outside it.
            expected = QRectF(box.x - 5.0, box.y - 5.0, box.width + 10.0, box.height + 10.0)
            assert card.sceneBoundingRect() == expected
    assert scene.reporting._connectors == scene.chart.connectors  # the lines' end points


def test_a_card_caches_its_face_only_once_painted_close_up(demo_map, db):
    scene, view = demo_map
    view.resetTransform()
    view.scale(style.BLOCK_ZOOM / 2, style.BLOCK_ZOOM / 2)  # far out: blocks of colour
    scene.show_account(find_account(db, "Aldermark Group"), with_affiliates=True)  # built anew
    assert {card.cacheMode() for card in scene.cards.values()} == {NO_CACHE}
    view.viewport().grab()
    assert {card.cacheMode() for card in scene.cards.values()} == {NO_CACHE}
    view.resetTransform()  # 100 %: a few cards, read in full
    root = scene.cards[scene.main_root_id()]
    view.centerOn(root.centre())
    view.viewport().grab()
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    on_screen = {
        c for c in scene.cards.values() if c.isVisible() and c.sceneBoundingRect().intersects(shown)
    }
    assert root in on_screen and len(on_screen) < len(scene.chart.boxes)
    assert {card.cacheMode() for card in on_screen} == {DEVICE_CACHE}
    assert {card.cacheMode() for card in set(scene.cards.values()) - on_screen} == {NO_CACHE}


def test_showing_another_account_frees_the_last_maps_cards_at_once(demo_map, db):
    scene, _ = demo_map
    last_card = weakref.ref(next(iter(scene.cards.values())))
    assert gc.isenabled()
    scene.show_account(find_account(db, "Brightwater Logistics B.V."), with_affiliates=True)
    assert last_card() is None  # freed by its reference count, without waiting for the collector
    assert gc.isenabled()  # paused while building, running again after
    assert scene.cards and all(card.person.account_id for card in scene.cards.values())
