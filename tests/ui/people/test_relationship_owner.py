"""The relationship owner is set where the person is: their dialog and the People table.

Each change is one undo step of the plan's Relationship owners table, so Plan › Governance,
the map and the change log see it as if it had been made there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from keyplan.store.people import queries
from keyplan.store.roster import edits as roster
from keyplan.ui.map import person_dialog
from keyplan.ui.people.people_model import OWNER_COLUMN


def owner_names(db, person_id: int) -> tuple[str, ...]:
    return queries.person(db, person_id).owners


def choose_in_cell(qtbot, tab, person_id: int, name: str) -> None:
    """Open the Owner cell of a person's row, pick a name in its combo, press Enter."""
    tab.select_person(person_id)
    index = tab.table.currentIndex().siblingAtColumn(OWNER_COLUMN)
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    combo = tab.table.findChild(QComboBox)
    assert combo is not None
    combo.setCurrentIndex(combo.findText(name))
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab.table.findChild(QComboBox) is None)  # committed (queued)


def test_pick_ann_as_ingrids_owner_in_the_people_table_then_undo(
    qtbot, window, db, small_portfolio
):
    roster.add_team_member(db, "Ann Lee")
    roster.add_team_member(db, "Bo Dahl")
    window.show_people_tab()
    tab = window.people_tab

    choose_in_cell(qtbot, tab, small_portfolio.ingrid, "Ann Lee")

    assert owner_names(db, small_portfolio.ingrid) == ("Ann Lee",)
    row = tab.model.row_of(small_portfolio.ingrid)
    assert tab.model.index(row, OWNER_COLUMN).data() == "Ann Lee"
    assert window.document.undo_stack.count() == 1

    choose_in_cell(qtbot, tab, small_portfolio.ingrid, "Bo Dahl")  # Bo takes over: one step
    assert owner_names(db, small_portfolio.ingrid) == ("Bo Dahl",)
    assert window.document.undo_stack.count() == 2
    assert window.document.undo_stack.undoText() == "Owner of Ingrid Olsen: Bo Dahl"

    window.document.undo_stack.undo()
    assert owner_names(db, small_portfolio.ingrid) == ("Ann Lee",)
    assert tab.model.index(row, OWNER_COLUMN).data() == "Ann Lee"
    history = [line.text for line in window.document.person_history(small_portfolio.ingrid)]
    assert any("Bo Dahl" in text for text in history), history


def test_choosing_nobody_in_the_table_removes_the_owner(qtbot, window, db, small_portfolio):
    ann = roster.add_team_member(db, "Ann Lee")
    window.document.people_editor.set_relationship_owner(small_portfolio.harald, ann)
    window.show_people_tab()

    choose_in_cell(qtbot, window.people_tab, small_portfolio.harald, person_dialog.NO_ONE)

    assert owner_names(db, small_portfolio.harald) == ()
    window.document.undo_stack.undo()
    assert owner_names(db, small_portfolio.harald) == ("Ann Lee",)


def test_set_bo_as_owner_in_the_person_dialog(qtbot, window, db, small_portfolio, monkeypatch):
    roster.add_team_member(db, "Ann Lee")
    roster.add_team_member(db, "Bo Dahl")
    seen: list[str] = []

    def pick_bo(dialog: person_dialog.PersonDialog) -> bool:
        seen.append(dialog.owner_box.currentText())
        dialog.owner_box.setCurrentIndex(dialog.owner_box.findText("Bo Dahl"))
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", pick_bo)
    changed = person_dialog.edit_person(window, window.document, small_portfolio.mia)

    assert changed and seen == [person_dialog.NO_ONE]
    assert owner_names(db, small_portfolio.mia) == ("Bo Dahl",)
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert owner_names(db, small_portfolio.mia) == ()


def test_the_dialog_shows_the_owner_and_leaving_it_alone_changes_nothing(
    qtbot, window, db, small_portfolio, monkeypatch
):
    bo = roster.add_team_member(db, "Bo Dahl")
    window.document.people_editor.set_relationship_owner(small_portfolio.mia, bo)
    steps = window.document.undo_stack.count()
    seen: list[str] = []

    def look(dialog: person_dialog.PersonDialog) -> bool:
        seen.append(dialog.owner_box.currentText())
        return True

    monkeypatch.setattr(person_dialog, "exec_dialog", look)
    assert not person_dialog.edit_person(window, window.document, small_portfolio.mia)
    assert seen == ["Bo Dahl"]
    assert window.document.undo_stack.count() == steps
