"""Stories of drawing the politics and the people: influence lines, new and deleted people,
the person dialog, people dropped from the People table, and the map following other views.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from keyplan.store.map import queries as map_queries
from keyplan.store.people import queries
from keyplan.ui.map import person_dialog, prompts
from keyplan.ui.map.card_face import card_face
from keyplan.ui.map.card_item import DropState
from keyplan.ui.map.person_drag import PERSON_MIME_TYPE, person_mime_data
from keyplan.ui.people.people_model import COLUMN_OF_FIELD, PersonIdRole


@pytest.fixture
def chosen_kinds(monkeypatch) -> list[str]:
    """The kinds the user picks from the line-kind menu, in order."""
    kinds: list[str] = []
    monkeypatch.setattr(prompts, "choose_influence_kind", lambda *a, **k: kinds.pop(0))
    return kinds


def lines_of(db, account_id: int) -> list[map_queries.MapLine]:
    return map_queries.map_lines(db, [account_id])


def test_shift_drag_draws_an_ally_line_then_delete_removes_it_and_undo_brings_it_back(
    hand, acme_map, db, small_portfolio, chosen_kinds
):
    harald, ingrid = small_portfolio.harald, small_portfolio.ingrid
    chosen_kinds.append("ally")
    hand.drag(
        hand.card_point(harald),
        hand.card_point(ingrid),
        press_keys=Qt.KeyboardModifier.ShiftModifier,
    )
    [line] = lines_of(db, small_portfolio.acme)
    assert (line.from_id, line.to_id, line.kind) == (harald, ingrid, "ally")
    assert queries.person(db, harald)["reports_to_id"] == ingrid  # not moved
    arrow = acme_map.scene.arrows[line.id]
    assert arrow.isVisible()

    hand.click(hand.scene_point(arrow.midpoint()))
    assert acme_map.scene.selected_line_ids() == [line.id]
    hand.key(Qt.Key.Key_Delete)
    assert lines_of(db, small_portfolio.acme) == []
    assert acme_map.scene.arrows == {}

    hand.undo()
    assert [restored.id for restored in lines_of(db, small_portfolio.acme)] == [line.id]
    assert line.id in acme_map.scene.arrows


def test_in_connect_mode_a_plain_drag_draws_a_line(
    hand, acme_map, db, small_portfolio, chosen_kinds
):
    acme_map.controls.connect_button.setChecked(True)
    chosen_kinds.append("rival")
    hand.drag(hand.card_point(small_portfolio.mia), hand.card_point(small_portfolio.ingrid))
    [line] = map_queries.map_lines(db, [small_portfolio.acme, small_portfolio.acme_france])
    assert line.kind == "rival"


def test_dismissing_the_kind_menu_draws_nothing(hand, acme_map, db, small_portfolio, chosen_kinds):
    chosen_kinds.append(None)
    hand.drag(
        hand.card_point(small_portfolio.harald),
        hand.card_point(small_portfolio.ingrid),
        press_keys=Qt.KeyboardModifier.ShiftModifier,
    )
    assert lines_of(db, small_portfolio.acme) == []
    assert acme_map.document.undo_stack.count() == 0


def test_the_lines_toggle_hides_and_shows_influence_lines(hand, acme_map, small_portfolio):
    acme_map.document.add_influence(small_portfolio.mia, small_portfolio.harald, "influences")
    [arrow] = acme_map.scene.arrows.values()
    acme_map.controls.lines_box.setChecked(False)
    assert not arrow.isVisible()
    acme_map.controls.lines_box.setChecked(True)
    assert arrow.isVisible()


def test_double_click_on_empty_space_adds_a_person_there(
    hand, acme_map, db, small_portfolio, answers
):
    answers.texts.append("Nora Vik")
    spot = hand.empty_point()
    where = acme_map.view.mapToScene(spot)
    hand.qtbot.mouseDClick(acme_map.view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    [nora] = [p for p in queries.people(db, small_portfolio.acme) if p["full_name"] == "Nora Vik"]
    card = acme_map.scene.cards[nora.id]
    assert (card.centre() - where).manhattanLength() <= 2
    assert card.isSelected()
    assert acme_map.document.undo_stack.count() == 1  # the person and their place: one step

    hand.undo()
    assert nora.id not in acme_map.scene.cards


def test_delete_key_deletes_a_manager_after_asking_and_their_report_moves_up(
    hand, acme_map, db, small_portfolio, answers
):
    harald = small_portfolio.harald
    acme_map.find_person(harald)
    answers.confirmations.append(True)
    hand.key(Qt.Key.Key_Delete)
    assert harald not in acme_map.scene.cards
    assert queries.person(db, small_portfolio.mia)["reports_to_id"] == small_portfolio.ingrid

    hand.undo()
    assert queries.person(db, small_portfolio.mia)["reports_to_id"] == harald
    assert acme_map.scene.cards[harald].person.stance == "champion"


def test_declining_the_question_keeps_the_person(hand, acme_map, db, small_portfolio, answers):
    acme_map.find_person(small_portfolio.ingrid)
    answers.confirmations.append(False)
    hand.key(Qt.Key.Key_Delete)
    assert small_portfolio.ingrid in acme_map.scene.cards
    assert acme_map.document.undo_stack.count() == 0


def test_double_click_a_card_edits_the_person_in_one_undo_step(
    hand, acme_map, db, small_portfolio, monkeypatch
):
    def fill_in(dialog: person_dialog.PersonDialog) -> bool:
        dialog.set_value("job_title", "Chief Information Officer")
        dialog.set_value("stance", "blocker")
        dialog.set_value("contact_frequency_days", "30")
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", fill_in)
    harald = small_portfolio.harald
    hand.qtbot.mouseDClick(
        acme_map.view.viewport(), Qt.MouseButton.LeftButton, pos=hand.card_point(harald)
    )
    stored = queries.person(db, harald)
    assert (stored["job_title"], stored["stance"], stored["contact_frequency_days"]) == (
        "Chief Information Officer",
        "blocker",
        30,
    )
    assert acme_map.scene.cards[harald].person.stance == "blocker"
    assert acme_map.document.undo_stack.count() == 1

    hand.undo()
    assert queries.person(db, harald)["stance"] == "champion"
    assert acme_map.scene.cards[harald].person.job_title is None


def test_a_cycle_chosen_in_the_dialog_is_refused_and_nothing_changes(
    hand, acme_map, db, small_portfolio, monkeypatch, answers
):
    tries = iter([True, False])  # OK with the bad manager, then Cancel

    def choose_mia(dialog: person_dialog.PersonDialog) -> bool:
        dialog.set_value("reports_to_id", small_portfolio.mia)
        dialog.set_value("job_title", "CEO and more")
        return next(tries)

    monkeypatch.setattr(person_dialog, "exec_dialog", choose_mia)
    acme_map.edit_person(small_portfolio.ingrid)
    assert "cannot report to Mia Chen" in answers.errors[0]
    assert queries.person(db, small_portfolio.ingrid)["job_title"] == "CEO"


def test_a_profile_url_typed_in_the_dialog_puts_a_small_mark_on_the_card(
    hand, acme_map, db, small_portfolio, monkeypatch
):
    def fill_in(dialog: person_dialog.PersonDialog) -> bool:
        dialog.set_value("profile_url", "linkedin.com/in/harald-berg")
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", fill_in)
    harald = small_portfolio.harald
    card = acme_map.scene.cards[harald]
    size = card.boundingRect()
    acme_map.edit_person(harald)
    assert queries.person(db, harald)["profile_url"] == "https://linkedin.com/in/harald-berg"
    assert card.person.profile_url == "https://linkedin.com/in/harald-berg"
    assert card_face(card.person, None, date.today()).profile == "in"
    assert "Profile: linkedin.com/in/harald-berg" in card.tooltip_text(date.today())
    assert card.boundingRect() == size  # a mark on the card, not a bigger card

    hand.undo()
    assert card.person.profile_url is None
    assert card_face(card.person, None, date.today()).profile == ""
    assert "Profile" not in card.tooltip_text(date.today())


def test_a_profile_that_is_no_web_address_is_refused_in_the_dialog(
    hand, acme_map, db, small_portfolio, monkeypatch, answers
):
    tries = iter([True, False])  # OK with a name where the address goes, then Cancel

    def type_a_name(dialog: person_dialog.PersonDialog) -> bool:
        dialog.set_value("profile_url", "Harald Berg on LinkedIn")
        return next(tries)

    monkeypatch.setattr(person_dialog, "exec_dialog", type_a_name)
    acme_map.edit_person(small_portfolio.harald)
    assert "Profile URL must be a web address" in answers.errors[0]
    assert queries.person(db, small_portfolio.harald)["profile_url"] is None


def drop_person(tab, person_id: int, at, *, data: QMimeData | None = None) -> QDropEvent:
    """Drag a person in from elsewhere (as the People table does) and drop them at a point."""
    data = data or person_mime_data(person_id)
    viewport = tab.view.viewport()
    point = QPointF(at)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(point, actions, data, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    return drop


def test_drop_a_person_from_the_people_table_onto_a_card(
    hand, acme_map, window, db, small_portfolio, olaf
):
    people = window.show_tab("People")
    row = people.model.row_of(olaf)
    data = people.proxy.mimeData([people.proxy.mapFromSource(people.model.index(row, 0))])
    assert data.hasFormat(PERSON_MIME_TYPE)
    window.show_tab("Map")

    drop = drop_person(acme_map, olaf, hand.card_point(small_portfolio.harald), data=data)
    assert drop.isAccepted()
    assert queries.person(db, olaf)["reports_to_id"] == small_portfolio.harald
    assert acme_map.scene.cards[small_portfolio.harald].drop_state is DropState.NONE

    hand.undo()
    assert queries.person(db, olaf)["reports_to_id"] is None


def test_dropping_something_else_is_ignored(hand, acme_map, db, small_portfolio):
    data = QMimeData()
    data.setText("Olaf")
    enter = QDragEnterEvent(
        hand.card_point(small_portfolio.harald),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(acme_map.view.viewport(), enter)
    assert not enter.isAccepted()


def test_unplaced_people_are_listed_and_can_be_dragged_onto_a_manager(
    hand, acme_map, db, small_portfolio, olaf
):
    acme_map.controls.unplaced_box.setChecked(True)
    listed = acme_map.unplaced_list
    assert [listed.item(i).text() for i in range(listed.count())] == ["Olaf Lund"]
    data = listed.mimeData([listed.item(0)])
    drop_person(acme_map, olaf, hand.card_point(small_portfolio.ingrid), data=data)
    assert queries.person(db, olaf)["reports_to_id"] == small_portfolio.ingrid
    assert listed.count() == 0


def test_a_stance_changed_in_the_people_table_recolours_the_card(
    hand, acme_map, window, db, small_portfolio
):
    people = window.show_tab("People")
    model = people.model
    index = model.index(model.row_of(small_portfolio.ingrid), COLUMN_OF_FIELD["stance"])
    assert index.data(PersonIdRole) == small_portfolio.ingrid
    assert model.setData(index, "blocker")
    assert acme_map.scene.cards[small_portfolio.ingrid].person.stance == "blocker"
    hand.undo()
    assert acme_map.scene.cards[small_portfolio.ingrid].person.stance == "unknown"
