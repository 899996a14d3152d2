"""A logged interaction is corrected from the Interactions tab, in one undo step.

Story: the meeting with Ingrid on 2 March was in fact on 3 March, Harald came too, Tom was
with us, and the summary was too short. Double-click it, correct it, save; undo takes the
whole correction back at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction

from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings.queries import interaction
from keyplan.store.roster import edits as roster_edits
from keyplan.ui.meetings.interactions_model import InteractionIdRole
from keyplan.ui.meetings.log_form import IdRole


def set_tick(view, item_id: int, ticked: bool) -> None:
    for row in range(view.count()):
        if view.item(row).data(IdRole) == item_id:
            state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
            view.item(row).setCheckState(state)


def double_click_row(qtbot, tab, interaction_id: int) -> None:
    for row in range(tab.proxy.rowCount()):
        index = tab.proxy.index(row, 0)
        if index.data(InteractionIdRole) == interaction_id:
            tab.table.selectRow(row)
            rect = tab.table.visualRect(index)
            # A real double-click starts with a press: the view opens only the row pressed.
            qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return
    raise AssertionError("the interaction is not listed")


def undo_action(window, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text().startswith(text))


def test_a_meeting_is_corrected_by_double_click_and_undone_in_one_step(
    qtbot, window, db, small_portfolio, answers
):
    p = small_portfolio
    tom = roster_edits.add_team_member(db, "Tom Weber")
    meeting = interaction_edits.log_interaction(
        db, p.acme, date(2026, 3, 2), [p.ingrid], summary="Budget"
    )
    tab = window.show_tab("Interactions")
    tab.show_account(p.acme)
    steps = window.document.undo_stack.count()

    double_click_row(qtbot, tab, meeting)
    dialog = tab.edit_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    assert form.chosen_names() == ["Ingrid Olsen"] and form.summary_edit.toPlainText() == "Budget"
    form.date_edit.setDate(QDate(2026, 3, 3))
    set_tick(form.people_list, p.harald, True)
    set_tick(form.team_list, tom, True)
    form.summary_edit.selectAll()
    qtbot.keyClicks(form.summary_edit, "Budget 2027: two options")
    qtbot.keyClicks(form.next_step_edit, "Send both")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible() and answers.errors == []
    row = interaction(db, meeting)
    assert row.occurred_on == date(2026, 3, 3)
    assert [n for _, n in row.people] == ["Harald Berg", "Ingrid Olsen"]
    assert [n for _, n in row.team] == ["Tom Weber"]
    assert (row.summary, row.next_step) == ("Budget 2027: two options", "Send both")
    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "Edit meeting with 2 people"
    assert tab.model.row(tab.model.row_of(meeting)).occurred_on == date(2026, 3, 3)

    stack.undo()
    row = interaction(db, meeting)
    assert (row.occurred_on, row.summary, row.next_step) == (date(2026, 3, 2), "Budget", None)
    assert [n for _, n in row.people] == ["Ingrid Olsen"] and row.team == ()
    assert tab.model.row(tab.model.row_of(meeting)).occurred_on == date(2026, 3, 2)
    stack.redo()
    assert interaction(db, meeting).team == ((tom, "Tom Weber"),)


def test_a_person_of_another_customer_is_refused_and_the_meeting_stays(
    qtbot, window, db, small_portfolio, answers
):
    p = small_portfolio
    meeting = interaction_edits.log_interaction(db, p.acme, date(2026, 3, 2), [p.ingrid])
    tab = window.show_tab("Interactions")
    tab.show_account(p.acme)
    steps = window.document.undo_stack.count()
    tab.table.selectRow(0)
    dialog = tab.edit_selected()
    set_tick(dialog.form.people_list, p.ingrid, False)

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert answers.errors == ["Tick at least one of their people who took part."]
    assert dialog.isVisible()  # the edits are still there to fix
    assert interaction(db, meeting).people == ((p.ingrid, "Ingrid Olsen"),)
    assert window.document.undo_stack.count() == steps
    dialog.reject()


def test_cancel_changes_nothing(qtbot, window, db, small_portfolio, answers):
    p = small_portfolio
    meeting = interaction_edits.log_interaction(db, p.acme, date(2026, 3, 2), [p.ingrid])
    tab = window.show_tab("Interactions")
    tab.show_account(p.acme)
    tab.table.selectRow(0)
    dialog = tab.edit_selected()
    dialog.form.date_edit.setDate(QDate(2027, 1, 1))
    dialog.reject()
    assert interaction(db, meeting).occurred_on == date(2026, 3, 2)
