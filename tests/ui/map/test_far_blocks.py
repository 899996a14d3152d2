"""Far out, the plain cards are painted as one picture of blocks; special cards paint themselves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem

from keyplan.store.people.queries import find_account
from keyplan.ui.map import style
from keyplan.ui.map.card_item import CardItem
from keyplan.ui.map.scene import MapScene
from keyplan.ui.map.view import MapView

from .test_map_build import demo_map  # noqa: F401 (the fixture far_map builds on)

NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture
def far_map(demo_map: tuple[MapScene, MapView]) -> tuple[MapScene, MapView]:  # noqa: F811
    scene, view = demo_map
    view.resetTransform()
    view.scale(style.BLOCK_ZOOM / 2, style.BLOCK_ZOOM / 2)  # far out: blocks of colour
    view.centerOn(scene.cards[scene.main_root_id()].centre())
    view.viewport().grab()
    return scene, view


def colour_at_centre(view: MapView, card: CardItem) -> QColor:
    picture = view.viewport().grab().toImage()
    return picture.pixelColor(view.mapFromScene(card.centre()))


def plain_card(scene: MapScene) -> CardItem:
    return next(card for card in scene.cards.values() if card.in_blocks)


def test_far_out_plain_cards_are_blocks_of_their_stance_colour(far_map):
    scene, view = far_map
    plain = [card for card in scene.cards.values() if card.in_blocks]
    assert len(plain) > 30  # most of the demo's cards: one picture, not a paint call each
    assert all(card.flags() & NO_CONTENTS for card in plain)
    root = scene.cards[scene.main_root_id()]
    assert root.in_blocks
    assert colour_at_centre(view, root) == style.STANCE_EDGE[style.stance_key(root.person)]


def test_a_block_is_clicked_and_selected_then_paints_its_own_outline(far_map, qtbot):
    scene, view = far_map
    card = scene.cards[scene.main_root_id()]
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(card.centre())
    )
    assert card.isSelected()
    assert not card.in_blocks and not card.flags() & NO_CONTENTS  # it paints its outline
    view.viewport().grab()
    scene.clearSelection()
    assert card.in_blocks  # back in the picture


def test_a_new_stance_far_out_recolours_the_block(far_map):
    scene, view = far_map
    card = scene.cards[scene.main_root_id()]
    stance = "blocker" if card.person.stance != "blocker" else "champion"
    card.set_person(replace(card.person, stance=stance), card.tag, card.account_name)
    assert colour_at_centre(view, card) == style.STANCE_EDGE[style.stance_key(card.person)]


def test_close_up_every_card_paints_itself_again(far_map):
    scene, view = far_map
    assert any(card.in_blocks for card in scene.cards.values())
    view.actual_size()
    view.viewport().grab()
    assert not any(card.in_blocks or card.flags() & NO_CONTENTS for card in scene.cards.values())
    assert not scene.far_blocks.far


def test_a_new_map_seen_far_out_is_painted_as_blocks_too(far_map, db):
    scene, view = far_map
    scene.show_account(find_account(db, "Aldermark Group"), with_affiliates=True)  # built anew
    card = plain_card(scene)
    assert colour_at_centre(view, card) == style.STANCE_EDGE[style.stance_key(card.person)]


def test_the_blocks_are_never_what_a_click_finds(far_map):
    scene, _ = far_map
    card = plain_card(scene)
    assert scene.far_blocks not in scene.items(card.centre())
    assert card in scene.items(card.centre())
