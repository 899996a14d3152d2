"""The map of then makes a card only where its view paints, and paints them in the chart's
order however they were made."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from keyplan.domain.layout.model import Box
from keyplan.store.map.rows import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.past_cards import PastCards

W, H = style.CARD_WIDTH, style.CARD_HEIGHT
STEP = W + 20.0


def person(pid: int) -> MapPerson:
    return MapPerson(
        id=pid, account_id=1, full_name=f"Person {pid}", job_title=None, department=None,
        level=None, reports_to_id=None, buying_role="none", influence=None, stance="unknown",
        strength=0, has_left=False, contact_frequency_days=None, map_position=None, owners=(),
        last_contact=None,
    )  # fmt: skip


def a_row_of(count: int, qtbot) -> tuple[QGraphicsScene, PastCards]:
    scene = QGraphicsScene()
    cards = PastCards(scene)
    # Places given right to left: the chart's order is not the order of x.
    boxes = {pid: Box((count - pid) * STEP, 0.0, W, H) for pid in range(1, count + 1)}
    cards.set_places(boxes, person)
    return scene, cards


def test_only_the_cards_in_view_are_made(qtbot):
    scene, cards = a_row_of(200, qtbot)  # 200 cards: about 20 strips wide
    cards.show(QRectF(50 * STEP + 30, 10, 2 * STEP, 10))  # over three places
    assert set(cards.made) == {150, 149, 148}
    assert {item.person_id for item in scene.items()} == {150, 149, 148}
    assert cards.made[149].scene_card_rect() == cards.rect(149)
    cards.show(QRectF(50 * STEP + 30, 10, 2 * STEP, 10))  # the same again: nothing new
    assert len(scene.items()) == 3 and len(cards) == 200


def test_cards_paint_in_the_charts_order_whatever_order_they_were_made_in(qtbot):
    scene, cards = a_row_of(5, qtbot)
    for pid in (4, 2, 5, 1, 3):
        cards.card(pid)
    painted = sorted(scene.items(), key=lambda item: item.zValue())
    assert [item.person_id for item in painted] == [1, 2, 3, 4, 5]
    assert all(1.0 <= item.zValue() < 1.001 for item in painted)  # between lines and marks


def test_the_area_counts_the_cards_not_made_yet(qtbot):
    scene, cards = a_row_of(12, qtbot)
    area = cards.bounds()
    for pid in cards.ids():
        cards.card(pid)
    assert area == scene.itemsBoundingRect()
