"""Stories of reshaping the org chart with the mouse: re-parent, refuse a cycle, place by hand.

Acme's map (with Acme France): Ingrid ← Harald ← Mia, and Olaf, who reports to nobody yet.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from keyplan.store.people import queries
from keyplan.ui.map.card_item import DropState
from keyplan.ui.map.drop_mark import DropMark


def manager_of(db, person_id: int) -> int | None:
    return queries.person(db, person_id)["reports_to_id"]


def test_the_map_shows_the_umbrella_family_as_a_tree(acme_map, small_portfolio, olaf):
    cards = acme_map.scene.cards
    assert set(cards) == {small_portfolio.ingrid, small_portfolio.harald, small_portfolio.mia, olaf}
    ingrid, harald, mia = (cards[p] for p in (small_portfolio.ingrid, small_portfolio.harald,
                                               small_portfolio.mia))  # fmt: skip
    assert ingrid.y() < harald.y() < mia.y()
    assert mia.tag == "France"  # Mia works for the affiliate
    assert ingrid.tag is None


def test_drag_olaf_onto_harald_then_undo_and_redo(
    hand, acme_map, window, qtbot, db, small_portfolio, olaf
):
    start = acme_map.scene.cards[olaf].pos()
    hand.drag(hand.card_point(olaf), hand.card_point(small_portfolio.harald))
    assert manager_of(db, olaf) == small_portfolio.harald
    harald_card = acme_map.scene.cards[small_portfolio.harald]
    assert acme_map.scene.cards[olaf].y() > harald_card.y()  # laid out under him
    assert harald_card.drop_state is DropState.NONE

    hand.undo()
    assert manager_of(db, olaf) is None
    assert acme_map.scene.cards[olaf].pos() == start

    hand.redo()
    assert manager_of(db, olaf) == small_portfolio.harald


def test_the_drop_target_lights_up_while_hovering(hand, acme_map, qtbot, small_portfolio, olaf):
    harald = small_portfolio.harald
    hand.drag(hand.card_point(olaf), hand.card_point(harald), release=False)
    assert acme_map.scene.cards[harald].drop_state is DropState.ACCEPT
    assert "report to Harald Berg" in acme_map.hint.text()
    qtbot.keyClick(acme_map.view, Qt.Key.Key_Escape)
    assert acme_map.scene.cards[harald].drop_state is DropState.NONE


def test_the_drop_mark_is_drawn_over_the_target_by_an_item_of_its_own(
    hand, acme_map, qtbot, small_portfolio, olaf
):
    """The card's own picture is kept while a drag passes over it (it is not painted again
    when the mark comes and goes)."""
    harald, viewport = small_portfolio.harald, acme_map.view.viewport()
    card = acme_map.scene.cards[harald]
    where = acme_map.view.mapFromScene(card.sceneBoundingRect()).boundingRect()
    before = viewport.grab().toImage().copy(where)
    hand.drag(hand.card_point(olaf), hand.card_point(harald), release=False)
    marks = [item for item in card.childItems() if isinstance(item, DropMark)]
    assert len(marks) == 1 and marks[0].isVisible()
    assert viewport.grab().toImage().copy(where) != before, "the mark shows over the card"
    qtbot.keyClick(acme_map.view, Qt.Key.Key_Escape)
    assert not marks[0].isVisible()
    assert viewport.grab().toImage().copy(where) == before


def test_a_reporting_cycle_is_refused_and_the_card_goes_back(
    hand, acme_map, qtbot, db, small_portfolio, answers
):
    ingrid = small_portfolio.ingrid
    start = acme_map.scene.cards[ingrid].pos()
    hand.drag(hand.card_point(ingrid), hand.card_point(small_portfolio.mia))
    assert answers.errors == [
        "Ingrid Olsen cannot report to Mia Chen: Mia Chen is already in Ingrid Olsen's "
        "reporting chain."
    ]
    assert manager_of(db, ingrid) is None
    assert acme_map.scene.cards[ingrid].pos() == start
    assert acme_map.document.undo_stack.count() == 0


def test_hovering_over_a_report_shows_the_refusal_before_the_drop(
    hand, acme_map, qtbot, small_portfolio
):
    ingrid, mia = small_portfolio.ingrid, small_portfolio.mia
    hand.drag(hand.card_point(ingrid), hand.card_point(mia), release=False)
    assert acme_map.scene.cards[mia].drop_state is DropState.REFUSE
    assert "cannot report to Mia Chen" in acme_map.hint.text()
    qtbot.keyClick(acme_map.view, Qt.Key.Key_Escape)


def test_drop_on_empty_space_places_the_card_by_hand_and_keeps_the_manager(
    hand, acme_map, window, qtbot, db, small_portfolio
):
    mia = small_portfolio.mia
    target = hand.empty_point()
    dropped_at = acme_map.view.mapToScene(target)
    hand.drag(hand.card_point(mia), target)
    placed = queries.person(db, mia)
    assert placed.map_position is not None
    assert placed["reports_to_id"] == small_portfolio.harald
    card = acme_map.scene.cards[mia]
    assert (card.x(), card.y()) == placed.map_position
    assert (card.centre() - dropped_at).manhattanLength() <= 2  # where the user let go

    hand.undo()
    assert queries.person(db, mia).map_position is None


def test_alt_drop_on_empty_space_makes_a_person_report_to_nobody(
    hand, acme_map, window, qtbot, db, small_portfolio
):
    harald = small_portfolio.harald
    hand.drag(
        hand.card_point(harald),
        hand.empty_point(),
        release_keys=Qt.KeyboardModifier.AltModifier,
    )
    assert manager_of(db, harald) is None
    assert queries.person(db, harald).map_position is not None
    assert acme_map.document.undo_stack.count() == 1  # one step: new manager and position

    hand.undo()
    assert manager_of(db, harald) == small_portfolio.ingrid
    assert queries.person(db, harald).map_position is None


def test_escape_cancels_a_drag_and_nothing_is_written(hand, acme_map, qtbot, db, small_portfolio):
    mia = small_portfolio.mia
    start = acme_map.scene.cards[mia].pos()
    hand.drag(hand.card_point(mia), hand.empty_point(), release=False)
    assert acme_map.scene.cards[mia].pos() != start
    qtbot.keyClick(acme_map.view, Qt.Key.Key_Escape)
    assert acme_map.scene.cards[mia].pos() == start
    qtbot.mouseRelease(acme_map.view.viewport(), Qt.MouseButton.LeftButton, pos=hand.empty_point())
    assert queries.person(db, mia).map_position is None
    assert acme_map.document.undo_stack.count() == 0


def test_rubber_band_selects_two_cards_and_moving_them_is_one_undo_step(
    hand, acme_map, window, qtbot, db, small_portfolio, olaf
):
    harald, mia = small_portfolio.harald, small_portfolio.mia
    scene = acme_map.scene
    band = scene.cards[harald].scene_card_rect().united(scene.cards[mia].scene_card_rect())
    corner = acme_map.view.mapFromScene(band.bottomRight()) + QPoint(30, 30)
    beyond = acme_map.view.mapFromScene(band.topLeft()) - QPoint(10, 10)
    hand.drag(corner, beyond)
    assert sorted(scene.selected_person_ids()) == sorted([harald, mia])

    steps_before = acme_map.document.undo_stack.count()
    hand.drag(hand.card_point(mia), hand.card_point(mia, dx=500.0))
    assert acme_map.document.undo_stack.count() == steps_before + 1
    assert queries.person(db, harald).map_position is not None
    assert queries.person(db, mia).map_position is not None

    hand.undo()
    assert queries.person(db, harald).map_position is None
    assert queries.person(db, mia).map_position is None


def test_relayout_gives_hand_placed_cards_back_to_the_chart(
    hand, acme_map, qtbot, db, small_portfolio
):
    mia = small_portfolio.mia
    laid_out = acme_map.scene.cards[mia].pos()
    hand.drag(hand.card_point(mia), hand.empty_point())
    acme_map.scene.clearSelection()
    qtbot.mouseClick(acme_map.controls.relayout_button, Qt.MouseButton.LeftButton)
    assert queries.person(db, mia).map_position is None
    assert acme_map.scene.cards[mia].pos() == laid_out


def test_ctrl_arrow_keys_nudge_the_selected_card_and_a_run_of_nudges_is_one_step(
    hand, acme_map, window, qtbot, db, small_portfolio
):
    mia = small_portfolio.mia
    start = acme_map.scene.cards[mia].pos()
    acme_map.find_person(mia)
    acme_map.view.setFocus()
    for _ in range(3):
        qtbot.keyClick(acme_map.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert queries.person(db, mia).map_position == (start.x() + 30.0, start.y())
    assert acme_map.document.undo_stack.count() == 1

    hand.undo()
    assert queries.person(db, mia).map_position is None
