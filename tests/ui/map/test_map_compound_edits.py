"""Compound edits on the map are one step: all of it, or (refused anywhere) none of it.

Bob, a teammate on the same file (another connection), deletes someone while this user is in
the middle of an edit: the edit is refused with a message, the database is exactly as Bob left
it, and the Edit menu has no new step.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPointF, Qt
from sqlalchemy import select

from keyplan.store.database import Database, open_database
from keyplan.store.map import edits as map_edits
from keyplan.store.models import Base
from keyplan.store.people import edits, queries
from keyplan.ui import dialogs

pytestmark = pytest.mark.sqlite_only


def dump(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as stored."""
    with db.read() as session:
        return {
            table.name: [
                dict(row) for row in session.execute(select(table).order_by(table.c.id)).mappings()
            ]
            for table in Base.metadata.sorted_tables
        }


@pytest.fixture
def bob(db: Database) -> Iterator[Database]:
    other = open_database(db.path, user_name="bob")
    yield other
    other.close()


@pytest.fixture
def line(db, small_portfolio, olaf) -> int:
    """Olaf influences Ingrid (drawn before the map opens)."""
    return map_edits.add_influence_line(db, olaf, small_portfolio.ingrid, "influences")


def select_on_map(acme_map, person_ids: list[int], line_ids: list[int]) -> None:
    acme_map.scene.clearSelection()
    for person_id in person_ids:
        acme_map.scene.cards[person_id].setSelected(True)
    for line_id in line_ids:
        acme_map.scene.arrows[line_id].setSelected(True)


def test_deleting_people_and_a_line_when_bob_deleted_one_of_them_changes_nothing(
    line, hand, acme_map, db, bob, small_portfolio, olaf, answers, monkeypatch
):
    select_on_map(acme_map, [small_portfolio.harald, olaf, small_portfolio.mia], [line])
    steps = acme_map.document.undo_stack.count()
    after_bob: dict[str, Any] = {}

    def confirm(*_args: Any, **_kwargs: Any) -> bool:
        edits.delete_stakeholder(bob, olaf)  # while the question is open
        after_bob["dump"] = dump(db)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    acme_map.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]  # Harald, Mia and the line's rows are as they were
    assert acme_map.document.undo_stack.count() == steps


def test_deleting_people_and_a_line_is_one_step_undone_row_for_row(
    line, hand, acme_map, db, small_portfolio, olaf, answers
):
    harald, mia = small_portfolio.harald, small_portfolio.mia
    select_on_map(acme_map, [harald, olaf], [line])
    before = dump(db)
    answers.confirmations.append(True)

    acme_map.delete_selected()

    stack = acme_map.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Delete 2 people and 1 line"
    assert queries.person(db, mia)["reports_to_id"] == small_portfolio.ingrid
    assert dump(db)["influence_lines"] == []
    assert harald not in acme_map.scene.cards and olaf not in acme_map.scene.cards

    hand.undo()
    assert dump(db) == before
    assert {harald, olaf} <= set(acme_map.scene.cards) and line in acme_map.scene.arrows
    hand.redo()
    assert dump(db)["influence_lines"] == []
    assert harald not in acme_map.scene.cards


def test_alt_drop_of_two_cards_when_bob_deleted_one_changes_nothing(
    hand, acme_map, qtbot, db, bob, small_portfolio, olaf, answers
):
    harald = small_portfolio.harald
    select_on_map(acme_map, [harald, olaf], [])
    hand.drag(hand.card_point(harald), hand.empty_point(), release=False)
    edits.delete_stakeholder(bob, olaf)  # while the cards are in the air
    after_bob = dump(db)

    qtbot.mouseRelease(
        acme_map.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.AltModifier,
        hand.empty_point(),
    )

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob  # Harald still reports to Ingrid, placed by the layout
    assert acme_map.document.undo_stack.count() == 0


def test_adding_a_person_where_the_user_double_clicked_is_one_step(
    hand, acme_map, db, small_portfolio, answers
):
    before = dump(db)
    answers.texts.append("Nina Holm")

    nina = acme_map.add_person_at(QPointF(900.0, 40.0))

    stack = acme_map.document.undo_stack
    assert stack.count() == 1 and stack.undoText() == "Add Nina Holm"
    placed = queries.person(db, nina).map_position
    assert placed is not None
    hand.undo()
    assert dump(db) == before
    hand.redo()
    assert queries.person(db, nina).map_position == placed


def test_adding_a_person_to_an_account_bob_deleted_meanwhile_changes_nothing(
    hand, acme_map, db, bob, small_portfolio, monkeypatch, answers
):
    after_bob: dict[str, Any] = {}

    def ask_text(*_args: Any, **_kwargs: Any) -> str:
        edits.delete_account(bob, small_portfolio.acme, cascade=True)  # while the name is typed
        after_bob["dump"] = dump(db)
        return "Nina Holm"

    monkeypatch.setattr(dialogs, "ask_text", ask_text)
    assert acme_map.add_person_at(QPointF(900.0, 40.0)) is None

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]
    assert acme_map.document.undo_stack.count() == 0
