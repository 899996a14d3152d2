"""Stories of the org through time on the map: dotted lines, open positions, people who move.

Acme's map: Ingrid ← Harald ← Mia (Mia at Acme France), Olaf alone; Globex elsewhere.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from keyplan.domain.layout import layout_org_chart
from keyplan.store.map import dotted
from keyplan.store.map import queries as map_queries
from keyplan.store.people import edits, queries
from keyplan.ui.map import person_dialog, prompts, seats
from keyplan.ui.map.card_face import card_face, tooltip
from keyplan.ui.map.seats import LeavingAnswer
from keyplan.ui.map.style import LAYOUT_OPTIONS


def people_of(db, account_id):
    return {p.id: p for p in map_queries.map_data(db, account_id, with_affiliates=True).people}


def test_shift_drag_mia_onto_olaf_draws_a_dotted_line_the_chart_keeps_its_shape_and_undo(
    hand, acme_map, db, small_portfolio, olaf, monkeypatch
):
    mia = small_portfolio.mia
    boxes = dict(acme_map.scene.chart.boxes)
    monkeypatch.setattr(prompts, "choose_influence_kind", lambda *a, **k: prompts.DOTTED_LINE)
    hand.drag(hand.card_point(mia), hand.card_point(olaf),
              press_keys=Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert dotted.dotted_managers(db, mia) == [(olaf, "Olaf Lund")]
    assert queries.person(db, mia)["reports_to_id"] == small_portfolio.harald
    assert map_queries.map_lines(db, [small_portfolio.acme]) == []  # no influence line
    assert acme_map.scene.dotted.line_count() == 1
    assert acme_map.scene.chart.boxes == boxes  # the tidy tree ignores dotted lines
    assert acme_map.document.undo_stack.undoText() == "Draw dotted line"

    acme_map.controls.lines_box.setChecked(False)  # the lines switch hides them too
    assert not acme_map.scene.dotted.isVisible()
    acme_map.controls.lines_box.setChecked(True)

    hand.undo()
    assert dotted.dotted_managers(db, mia) == []
    assert acme_map.scene.dotted.line_count() == 0
    hand.redo()
    assert acme_map.scene.dotted.line_count() == 1


def test_the_dialog_sets_a_dotted_manager_and_refuses_the_solid_manager_keeping_data(
    acme_map, db, small_portfolio, olaf, answers, monkeypatch
):
    mia, harald = small_portfolio.mia, small_portfolio.harald
    ticks = iter([[olaf], [olaf, harald]])

    def tick(dialog: person_dialog.PersonDialog) -> bool:
        wanted = next(ticks, None)
        if wanted is None:
            return False  # the user cancels after the refusal
        dialog.set_dotted(wanted)
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", tick)
    acme_map.edit_person(mia)
    assert dotted.dotted_managers(db, mia) == [(olaf, "Olaf Lund")]
    assert acme_map.scene.dotted.line_count() == 1

    acme_map.edit_person(mia)  # Harald is her solid manager: refused, with the reason
    assert answers.errors == [
        "Harald Berg is already Mia Chen's manager: a dotted line to them would say it twice."
    ]
    assert dotted.dotted_managers(db, mia) == [(olaf, "Olaf Lund")]


def test_a_person_cannot_be_their_own_dotted_manager(acme_map, small_portfolio, answers):
    with pytest.raises(Exception, match="cannot be their own dotted-line manager"):
        acme_map.document.add_dotted_manager(small_portfolio.mia, small_portfolio.mia)
    assert acme_map.document.undo_stack.count() == 0


def test_harald_leaves_keeping_his_seat_then_olaf_fills_it_then_undo_all(
    hand, acme_map, db, small_portfolio, olaf, answers, monkeypatch
):
    harald, mia, ingrid = small_portfolio.harald, small_portfolio.mia, small_portfolio.ingrid
    monkeypatch.setattr(
        seats, "ask_where_they_went", lambda *a, **k: LeavingAnswer("Brightwave", None, True)
    )
    monkeypatch.setattr(
        person_dialog, "exec_dialog", lambda d: d.set_value("has_left", True) or True
    )
    acme_map.edit_person(harald)
    [seat] = [pid for pid, p in people_of(db, small_portfolio.acme).items() if p.is_vacancy]
    assert queries.person(db, mia)["reports_to_id"] == seat
    assert queries.person(db, harald)["has_left"]
    card = acme_map.scene.cards[seat]
    assert card.person.is_vacancy and card.isVisible()
    face = card_face(card.person, None, card.person.last_contact)
    assert face.title == "Vacant · Harald Berg left"
    assert "An open position" in tooltip(card.person, None, None)

    acme_map.scene.clearSelection()
    card.setSelected(True)
    monkeypatch.setattr(seats.dialogs, "ask_choice", lambda *a, **k: olaf)
    assert acme_map.fill_position() == olaf
    assert queries.person(db, mia)["reports_to_id"] == olaf
    assert queries.person(db, olaf)["reports_to_id"] == ingrid
    assert seat not in acme_map.scene.cards

    hand.undo()
    assert queries.person(db, mia)["reports_to_id"] == seat
    assert seat in acme_map.scene.cards
    hand.undo()
    assert queries.person(db, mia)["reports_to_id"] == harald
    assert not queries.person(db, harald)["has_left"]
    assert seat not in acme_map.scene.cards


def test_filling_a_seat_from_another_customer_is_refused_and_the_seat_stays(
    acme_map, db, small_portfolio, answers, monkeypatch
):
    gina = edits.add_stakeholder(db, small_portfolio.globex, "Gina Rossi")
    acme_map.scene.clearSelection()
    answers.texts += ["CFO", "hire expected Q3"]
    acme_map.scene.cards[small_portfolio.ingrid].setSelected(True)
    seat = acme_map.open_position()
    assert acme_map.scene.people[seat].vacancy_note == "hire expected Q3"
    acme_map.scene.clearSelection()
    acme_map.scene.cards[seat].setSelected(True)
    monkeypatch.setattr(seats.dialogs, "ask_choice", lambda *a, **k: gina)
    assert acme_map.fill_position() is None
    assert "different customer" in answers.errors[0]
    assert people_of(db, small_portfolio.acme)[seat].is_vacancy
    assert queries.person(db, gina)["reports_to_id"] is None


def test_someone_new_fills_a_seat_in_one_step(acme_map, db, small_portfolio, answers, monkeypatch):
    answers.texts += ["CFO", "", "Nora Vik"]
    acme_map.scene.clearSelection()
    acme_map.scene.cards[small_portfolio.ingrid].setSelected(True)
    seat = acme_map.open_position()
    acme_map.scene.clearSelection()
    acme_map.scene.cards[seat].setSelected(True)
    monkeypatch.setattr(seats.dialogs, "ask_choice", lambda *a, **k: seats.SOMEONE_NEW)
    nora = acme_map.fill_position()
    assert queries.person(db, nora)["job_title"] == "CFO"
    assert queries.person(db, nora)["reports_to_id"] == small_portfolio.ingrid
    acme_map.document.undo_stack.undo()
    assert nora not in people_of(db, small_portfolio.acme)
    assert people_of(db, small_portfolio.acme)[seat].is_vacancy


def test_harald_the_champion_moves_to_globex_and_shows_where_he_came_from(
    window, acme_map, db, small_portfolio, answers, monkeypatch
):
    globex = small_portfolio.globex
    monkeypatch.setattr(
        seats, "ask_where_they_went", lambda *a, **k: LeavingAnswer(None, globex, False)
    )
    assert seats.mark_left(acme_map, acme_map.document, small_portfolio.harald)
    [there] = map_queries.map_data(db, globex, with_affiliates=False).people
    assert (there.full_name, there.came_from) == ("Harald Berg", "was our champion at Acme Group")
    assert "Was our champion at Acme Group" in tooltip(there, None, None)
    shown: list[str] = []

    def look(dialog: person_dialog.PersonDialog) -> bool:
        shown.append(dialog.story.text())
        return False

    monkeypatch.setattr(person_dialog, "exec_dialog", look)
    acme_map.edit_person(there.id)
    acme_map.edit_person(small_portfolio.harald)
    assert shown == ["Was our champion at Acme Group", "Went to Globex"]
    [old] = [
        p for p in people_of(db, small_portfolio.acme).values() if p.full_name == there.full_name
    ]
    assert "Has left the company (went to Globex)" in tooltip(old, None, None)
    acme_map.document.undo_stack.undo()
    assert map_queries.map_data(db, globex, with_affiliates=False).people == []


def test_dotted_lines_never_change_the_layout(db, small_portfolio, olaf):
    from keyplan.ui.map.filters import MapFilters
    from keyplan.ui.map.layout_input import LayoutInput

    def boxes():
        data = map_queries.map_data(db, small_portfolio.acme, with_affiliates=True)
        specs = LayoutInput().specs({p.id: p for p in data.people}, MapFilters())
        return layout_org_chart(specs, LAYOUT_OPTIONS).boxes

    before = boxes()
    dotted.set_dotted_managers(db, small_portfolio.mia, [olaf, small_portfolio.ingrid])
    assert boxes() == before
