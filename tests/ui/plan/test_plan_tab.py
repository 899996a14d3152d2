"""Stories of a director planning an account in the Plan tab: type, add, edit, delete, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from keyplan.domain.plan_fields import PlanTable
from keyplan.store.models import Offering, Opportunity, TeamMember
from keyplan.store.people import queries
from keyplan.store.plan import edits as plan_edits
from keyplan.store.plan import whitespace as plan_whitespace
from keyplan.ui.plan.account_fields import PlanNoteEdit
from keyplan.ui.plan.plan_tab import PlanTab
from keyplan.ui.plan.whitespace import WhitespaceView
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def ours(db):
    """Our offerings and one team member."""
    with db.transaction() as session:
        cloud, erp, sam = Offering(name="Cloud"), Offering(name="ERP"), TeamMember(name="Sam")
        session.add_all([cloud, erp, sam])
        session.flush()
        return {"cloud": cloud.id, "erp": erp.id, "sam": sam.id}


@pytest.fixture
def plan(window: MainWindow) -> PlanTab:
    tab = window.show_tab("Plan")
    assert isinstance(tab, PlanTab)
    return tab


def undo(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    window.tree.setFocus()  # Ctrl+Z in a text field would undo its typing, not the command
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:
    window.tree.setFocus()
    qtbot.keyClick(
        window.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def stored_opportunities(db) -> list[dict]:
    with db.read() as session:
        return [
            {column.key: getattr(row, column.key) for column in Opportunity.__table__.columns}
            for row in session.query(Opportunity).order_by(Opportunity.id)
        ]


def test_the_plan_tab_comes_right_after_the_overview(window):
    assert [window.tabs.tabText(i) for i in range(3)] == ["Overview", "Plan", "People"]


def test_type_the_mission_with_bullets_leave_the_field_then_undo_and_redo(
    window, plan, qtbot, db, small_portfolio
):
    mission = plan.findChild(PlanNoteEdit, "plan_mission")
    mission.setFocus()
    qtbot.keyClicks(mission, "Keep the lights on")
    qtbot.keyClick(mission, Qt.Key.Key_Return)
    qtbot.keyClicks(mission, "- for every plant")
    qtbot.keyClick(mission, Qt.Key.Key_Return)  # Enter on a bullet starts the next one
    qtbot.keyClicks(mission, "in every country")
    assert queries.account_values(db, small_portfolio.acme)["mission"] is None  # not yet

    window.tree.setFocus()  # leaving the field stores it
    expected = "Keep the lights on\n- for every plant\n- in every country"
    assert queries.account_values(db, small_portfolio.acme)["mission"] == expected
    assert "1 of 12 answered" in plan.sections[0].hint.text()

    undo(qtbot, window)
    assert queries.account_values(db, small_portfolio.acme)["mission"] is None
    assert mission.toPlainText() == ""
    redo(qtbot, window)
    assert mission.toPlainText() == expected


def test_add_an_opportunity_edit_its_stage_in_place_delete_it_and_undo(
    window, plan, qtbot, db, small_portfolio, answers, ours
):
    box = plan.table_box(PlanTable.OPPORTUNITIES)
    plan.show_section(2)
    answers.texts.append("Finance cloud")
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    (stored,) = stored_opportunities(db)
    assert (stored["name"], stored["account_id"], stored["stage"]) == (
        "Finance cloud", small_portfolio.acme, "identified",
    )  # fmt: skip
    assert box.selected_row_ids() == [stored["id"]]

    stage = box.model.index(0, box.model.column_of("stage"))
    box.table.edit(stage)
    (editor,) = box.table.viewport().findChildren(QComboBox)
    editor.setCurrentIndex(editor.findData("proposal"))
    editor.activated.emit(editor.currentIndex())  # what picking from the list does
    qtbot.waitUntil(lambda: not box.table.viewport().findChildren(QComboBox))
    assert stored_opportunities(db)[0]["stage"] == "proposal"
    assert stage.data() == "Proposal"
    before_delete = stored_opportunities(db)

    answers.confirmations.append(True)
    box.select_row(stored["id"])
    box.table.setFocus()
    qtbot.keyClick(box.table, Qt.Key.Key_Delete)
    assert stored_opportunities(db) == []
    assert box.model.rowCount() == 0

    undo(qtbot, window)
    assert stored_opportunities(db) == before_delete  # exactly: id and timestamps too
    assert box.model.index(0, box.model.column_of("stage")).data() == "Proposal"
    undo(qtbot, window)
    assert stored_opportunities(db)[0]["stage"] == "identified"
    undo(qtbot, window)
    assert stored_opportunities(db) == []


def test_declining_the_delete_question_keeps_the_row(plan, db, small_portfolio, answers):
    row_id = plan.document.add_plan_row(PlanTable.RISKS, small_portfolio.acme, {"description": "X"})
    box = plan.table_box(PlanTable.RISKS)
    box.select_row(row_id)
    answers.confirmations.append(False)
    box.delete_selected()
    assert len(plan_edits.rows(db, PlanTable.RISKS, small_portfolio.acme)) == 1


def edit_text_cell(qtbot, box, row: int, field: str, text: str) -> None:
    index = box.model.index(row, box.model.column_of(field))
    box.table.setCurrentIndex(index)
    box.table.edit(index)
    (editor,) = box.table.viewport().findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.table.viewport().findChildren(QLineEdit))


def test_bad_input_gives_a_clear_message_and_stores_nothing(
    window, plan, qtbot, db, small_portfolio, answers
):
    plan.document.add_plan_row(PlanTable.OPPORTUNITIES, small_portfolio.acme, {"name": "ERP"})
    box = plan.table_box(PlanTable.OPPORTUNITIES)
    plan.show_section(2)
    before = stored_opportunities(db)
    steps = plan.document.undo_stack.count()

    edit_text_cell(qtbot, box, 0, "probability", "150")
    edit_text_cell(qtbot, box, 0, "expected_close_on", "31/02/2026")
    assert answers.errors == [
        "Probability % must be at most 100.",
        "Expected close must be a date like 2027-03-31 or 31.03.2027, not '31/02/2026'.",
    ]
    assert stored_opportunities(db) == before
    assert plan.document.undo_stack.count() == steps
    assert box.model.index(0, box.model.column_of("probability")).data() == ""

    edit_text_cell(qtbot, box, 0, "probability", "60")
    assert stored_opportunities(db)[0]["probability"] == 60


def test_a_bad_review_date_is_refused_and_the_stored_one_shown_again(
    plan, qtbot, db, small_portfolio, answers
):
    plan.show_section(4)
    last_review = plan.findChild(QLineEdit, "plan_last_review_on")
    last_review.setText("31/02/2026")
    last_review.editingFinished.emit()
    assert answers.errors == [
        "Last plan review must be a date like 2027-03-31 or 31.03.2027, not '31/02/2026'."
    ]
    assert queries.account_values(db, small_portfolio.acme)["last_review_on"] is None
    assert last_review.text() == ""


def test_double_click_a_whitespace_cell_to_change_its_status_then_undo(
    window, plan, qtbot, db, small_portfolio, ours
):
    plan.document.set_person_field(small_portfolio.harald, "department", "Finance")
    plan.show_section(1)
    grid = plan.findChild(WhitespaceView)
    model = grid.model
    assert model.departments() == ["Finance"]
    cloud = model.index(0, 0)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Cloud"

    def click(index) -> None:
        rect = grid.table.visualRect(index)
        qtbot.mouseDClick(grid.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    rect = grid.table.visualRect(cloud)  # a single click only selects: browsing changes nothing
    qtbot.mouseClick(grid.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert plan_whitespace.whitespace(db, small_portfolio.acme).cells == {}
    click(cloud)
    assert plan_whitespace.whitespace(db, small_portfolio.acme).cells == {
        ("Finance", ours["cloud"]): "opportunity"
    }
    click(cloud)
    assert cloud.data() == "In pursuit"
    assert "1 in pursuit" in grid.summary.text()
    assert plan.document.undo_stack.undoText() == "Mark Cloud in Finance as in pursuit"

    undo(qtbot, window)
    assert model.index(0, 0).data() == "Opportunity"
    undo(qtbot, window)
    assert plan_whitespace.whitespace(db, small_portfolio.acme).cells == {}
    assert model.index(0, 0).data() == ""


def test_add_a_relationship_owner_from_lists(plan, db, small_portfolio, answers, ours, monkeypatch):
    from keyplan.ui import dialogs

    picks = [small_portfolio.mia, ours["sam"]]
    monkeypatch.setattr(dialogs, "ask_choice", lambda *a, **k: picks.pop(0))
    box = plan.table_box(PlanTable.RELATIONSHIP_OWNERS)
    box.add_row()
    (row,) = plan_edits.rows(db, PlanTable.RELATIONSHIP_OWNERS, small_portfolio.acme)
    assert (row["stakeholder_id"], row["team_member_id"], row["rule"]) == (
        small_portfolio.mia, ours["sam"], "coordinate",
    )  # fmt: skip
    assert box.model.index(0, 0).data() == "Mia Chen"
    assert box.summary.text().startswith("1 person covered by 1 of our team")


def test_another_account_shows_its_own_plan(window, plan, qtbot, small_portfolio):
    plan.document.add_plan_row(PlanTable.RISKS, small_portfolio.acme, {"description": "Acme's"})
    window.select_account(small_portfolio.globex)
    assert plan.account_id == small_portfolio.globex
    assert plan.account_label.text() == "Globex"
    assert plan.table_box(PlanTable.RISKS).model.rowCount() == 0
