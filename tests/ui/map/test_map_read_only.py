"""The map of a read-only window: cards are looked at and opened, never moved or linked."""

from __future__ import annotations

import pytest

from keyplan.store.people import queries
from keyplan.ui.map.gestures import READ_ONLY_HINT

from .conftest import MapHand, open_map

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def read_only_hand(olaf, read_only_window, qtbot) -> MapHand:
    return MapHand(open_map(read_only_window, qtbot), read_only_window, qtbot)


def test_dragging_a_card_onto_another_changes_nothing_and_says_why(
    read_only_hand, db, small_portfolio, olaf, qtbot
):
    hints: list[str] = []
    read_only_hand.tab.view.hint_changed.connect(hints.append)
    start = read_only_hand.tab.scene.cards[olaf].pos()
    read_only_hand.drag(
        read_only_hand.card_point(olaf), read_only_hand.card_point(small_portfolio.harald)
    )
    assert queries.person(db, olaf)["reports_to_id"] is None
    assert read_only_hand.tab.scene.cards[olaf].pos() == start  # the card did not follow
    assert READ_ONLY_HINT in hints
    assert not read_only_hand.window.document.undo_stack.canUndo()


def test_shift_dragging_draws_no_influence_line(read_only_hand, db, small_portfolio, olaf):
    from PySide6.QtCore import Qt

    read_only_hand.drag(
        read_only_hand.card_point(olaf),
        read_only_hand.card_point(small_portfolio.ingrid),
        press_keys=Qt.KeyboardModifier.ShiftModifier,
    )
    assert not read_only_hand.window.document.undo_stack.canUndo()
    assert read_only_hand.tab.view.read_only
