"""The person dialog's evidence lists: typed in, written with the fields as one undo step."""

from __future__ import annotations

import pytest

from keyplan.store.evidence import queries as evidence_queries
from keyplan.store.people import queries
from keyplan.store.roster import edits as roster_edits
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import person_dialog


@pytest.fixture
def document(db, qtbot):
    return PortfolioDocument(db)


def test_a_blocker_stance_and_what_showed_it_go_in_and_come_out_with_one_undo(
    document, db, small_portfolio, monkeypatch, answers
):
    alex = roster_edits.add_team_member(db, "Alex Morgan")
    harald = small_portfolio.harald

    def fill_in(dialog: person_dialog.PersonDialog) -> bool:
        dialog.set_value("stance", "blocker")
        assert dialog.evidence is not None
        table = dialog.evidence.tables["stance"]
        dialog.findChild(object, "add_evidence_stance").click()
        table.set_cell(0, "observed", "Told the board our price is too high")
        table.set_cell(0, "observed_on", "2026-11-20")
        table.set_cell(0, "source", "second_hand")
        table.set_cell(0, "confidence", "likely")
        table.set_cell(0, "team_member_id", alex)
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", fill_in)
    assert person_dialog.edit_person(None, document, harald)
    [item] = evidence_queries.person_evidence(db, harald)
    assert (item["rated_as"], item["source"], item["by"]) == ("blocker", "second_hand",
                                                              "Alex Morgan")  # fmt: skip
    assert queries.person(db, harald)["stance"] == "blocker"
    assert document.undo_stack.count() == 1

    document.undo_stack.undo()
    assert evidence_queries.person_evidence(db, harald) == []
    assert queries.person(db, harald)["stance"] == "champion"
    document.undo_stack.redo()
    assert evidence_queries.person_evidence(db, harald)[0]["id"] == item["id"]


def test_evidence_with_a_bad_date_is_shown_again_and_nothing_is_written(
    document, db, small_portfolio, monkeypatch, answers
):
    harald = small_portfolio.harald
    shown: list[int] = []

    def fill_in_badly(dialog: person_dialog.PersonDialog) -> bool:
        shown.append(1)
        if len(shown) > 1:
            return False  # the user gives up: cancel
        assert dialog.evidence is not None
        dialog.findChild(object, "add_evidence_strength").click()
        table = dialog.evidence.tables["strength"]
        table.set_cell(0, "observed", "Lunch together")
        table.set_cell(0, "observed_on", "someday")
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", fill_in_badly)
    assert not person_dialog.edit_person(None, document, harald)
    assert len(shown) == 2 and "When must be a date" in answers.errors[0]
    assert evidence_queries.person_evidence(db, harald) == []
    assert document.undo_stack.count() == 0


def test_removing_a_piece_of_evidence_is_undone(document, db, small_portfolio, monkeypatch):
    harald = small_portfolio.harald
    document.evidence_editor.edit_person(harald, {}, [{
        "rating": "stance", "rated_as": "champion", "observed": "Asked for the proposal",
        "observed_on": "2026-11-01", "source": "email", "confidence": "confirmed"}])  # fmt: skip

    def remove(dialog: person_dialog.PersonDialog) -> bool:
        assert dialog.evidence is not None
        assert dialog.evidence.tables["stance"].rowCount() == 1
        dialog.findChild(object, "remove_evidence_stance").click()
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", remove)
    assert person_dialog.edit_person(None, document, harald)
    assert evidence_queries.person_evidence(db, harald) == []
    document.undo_stack.undo()
    assert len(evidence_queries.person_evidence(db, harald)) == 1
