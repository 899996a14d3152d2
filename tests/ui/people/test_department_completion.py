"""A department is picked from the ones in use, so a typo does not make a new department."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from keyplan.store.people import edits
from keyplan.store.people.queries import department_choices, most_used_spellings
from keyplan.ui.map.person_dialog import PersonDialog
from keyplan.ui.people.people_model import COLUMN_OF_FIELD


def test_the_choices_are_the_umbrellas_departments_in_their_most_used_spelling(db, small_portfolio):
    edits.set_stakeholder_field(db, small_portfolio.ingrid, "department", "Finance")
    edits.set_stakeholder_field(db, small_portfolio.harald, "department", "finance ")
    edits.set_stakeholder_field(db, small_portfolio.mia, "department", "Finance")
    assert department_choices(db, small_portfolio.harald) == ["Finance"]


def test_spellings_that_differ_in_case_count_as_one():
    assert most_used_spellings(["IT", "it", "IT", "Sales"]) == ["IT", "Sales"]


def test_the_person_dialog_completes_a_department_as_typed(qtbot):
    dialog = PersonDialog({"full_name": "Mia"}, {}, departments=["Finance", "Procurement"])
    qtbot.addWidget(dialog)
    department = dialog.editors["department"]
    completer = department.completer()
    completer.setCompletionPrefix("cure")  # any part of the name, any case
    assert completer.currentCompletion() == "Procurement"


def test_the_people_table_completes_a_department_in_its_cell_editor(
    qtbot, window, db, small_portfolio
):
    edits.set_stakeholder_field(db, small_portfolio.ingrid, "department", "Procurement")
    window.show_people_tab()
    tab = window.people_tab
    tab.select_person(small_portfolio.harald)
    index = tab.table.currentIndex().siblingAtColumn(COLUMN_OF_FIELD["department"])
    tab.table.setCurrentIndex(index)
    tab.table.edit(index)
    editor = tab.table.findChild(QLineEdit)
    assert editor is not None and editor.completer() is not None
    qtbot.keyClicks(editor, "proc")
    assert editor.completer().currentCompletion() == "Procurement"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
