"""Stories of a director setting up our side: colleagues and offerings, edited, deleted, undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from sqlalchemy import select

from keyplan.domain.plan_fields import PlanTable
from keyplan.store.models import Offering, RelationshipOwner, TeamMember, WhitespaceCell
from keyplan.store.plan import edits as plan_edits
from keyplan.store.roster import edits as roster_edits
from keyplan.ui import dialogs
from keyplan.ui.people.people_model import OWNER_COLUMN
from keyplan.ui.plan.plan_tab import PlanTab
from keyplan.ui.plan.whitespace import WhitespaceView
from keyplan.ui.roster.roster_dialog import RosterDialog, RosterPage
from keyplan.ui.shell.main_window import MainWindow


def stored(db, model) -> list[tuple]:
    """Every column of every row of a table, to compare before and after."""
    with db.read() as session:
        return [
            tuple(getattr(row, column.key) for column in model.__table__.columns)
            for row in session.scalars(select(model).order_by(model.id))
        ]


@pytest.fixture
def roster(window: MainWindow, qtbot) -> RosterDialog:
    """The roster window, opened from the Account menu as a user would."""
    action = next(a for a in window.menuBar().actions() if a.text() == "&Account")
    (item,) = [a for a in action.menu().actions() if a.text() == "Our &team and offerings…"]
    item.trigger()
    dialog = window.findChild(RosterDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def questions(answers, monkeypatch) -> list[str]:
    """The delete questions the UI asked; answered from ``answers.confirmations``."""
    asked: list[str] = []

    def confirm(_parent, question, *_args, **_kwargs) -> bool:
        asked.append(question)
        return answers.confirmations.pop(0)

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return asked


def cell(page: RosterPage, row_id: int, field: str):
    return page.index_of(row_id, field)


def pick(qtbot, page: RosterPage, row_id: int, field: str, value) -> None:
    """Open a cell's list, pick a value from it, as a click in the list does."""
    index = cell(page, row_id, field)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    (editor,) = page.table.viewport().findChildren(QComboBox)
    editor.setCurrentIndex(editor.findData(value))
    editor.activated.emit(editor.currentIndex())
    qtbot.waitUntil(lambda: not page.table.viewport().findChildren(QComboBox))


def type_into(qtbot, page: RosterPage, row_id: int, field: str, text: str) -> None:
    """Double-click-edit a text cell: select what is there, type, press Enter."""
    index = cell(page, row_id, field)
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    (editor,) = page.table.viewport().findChildren(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not page.table.viewport().findChildren(QLineEdit))


def undo(qtbot, dialog: RosterDialog) -> None:
    """Ctrl+Z in the roster window itself (it has its own Undo, tied to the same stack)."""
    dialog.activateWindow()
    dialog.team.table.setFocus()
    qtbot.keyClick(dialog.team.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def member(db, member_id: int) -> roster_edits.TeamMemberRow:
    return roster_edits.team_member(db, member_id)


# ---- our team -------------------------------------------------------------------------------


def test_the_account_menu_opens_one_roster_window_beside_the_main_window(window, roster):
    assert not roster.isModal()
    assert roster.windowTitle() == "Our team and offerings"
    assert window.show_roster() is roster  # asked again: the same window comes forward
    assert roster.tabs.tabText(0) == "Our team (0)"
    assert roster.tabs.tabText(1) == "Our offerings (0)"


def test_add_a_colleague_set_role_mail_and_home_then_rename_and_undo_step_by_step(
    roster, qtbot, db, small_portfolio, answers
):
    page = roster.team
    answers.texts.append("Ada Park")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (ada,) = [row.id for row in roster_edits.team_roster(db)]
    assert member(db, ada).role == "specialist"
    assert page.selected_row_ids() == [ada]
    assert page.table.currentIndex() == cell(page, ada, "role")  # ready to set the role
    assert roster.tabs.tabText(0) == "Our team (1)"

    pick(qtbot, page, ada, "role", "solution_architect")
    type_into(qtbot, page, ada, "email", "ada.park@example.com")
    pick(qtbot, page, ada, "account_id", small_portfolio.acme_france)
    type_into(qtbot, page, ada, "name", "Ada K. Park")
    row = member(db, ada)
    assert (row.name, row.role, row.email, row.account_name) == (
        "Ada K. Park", "solution_architect", "ada.park@example.com", "Acme France",
    )  # fmt: skip
    assert cell(page, ada, "role").data() == "Solution architect"
    assert cell(page, ada, "account_id").data() == "Acme France"
    stack = roster.document.undo_stack
    assert stack.undoText() == "Rename team member Ada Park to Ada K. Park"

    undo(qtbot, roster)
    assert member(db, ada).name == "Ada Park"
    assert cell(page, ada, "name").data() == "Ada Park"
    undo(qtbot, roster)
    assert member(db, ada).account_id is None
    undo(qtbot, roster)
    assert member(db, ada).email is None
    undo(qtbot, roster)
    assert cell(page, ada, "role").data() == "Specialist"
    undo(qtbot, roster)
    assert roster_edits.team_roster(db) == []
    assert page.model.rowCount() == 0
    assert roster.tabs.tabText(0) == "Our team (0)"


def test_a_bad_mail_address_gives_a_clear_message_and_stores_nothing(roster, qtbot, db, answers):
    ada = roster.document.add_team_member("Ada Park")
    before = stored(db, TeamMember)
    type_into(qtbot, roster.team, ada, "email", "ada at example")
    assert answers.errors == [
        "'ada at example' does not look like an e-mail address (name@company.com)."
    ]
    assert stored(db, TeamMember) == before
    assert cell(roster.team, ada, "email").data() == ""


def test_a_second_colleague_of_the_same_name_is_refused(roster, qtbot, db, answers):
    roster.document.add_team_member("Ada Park")
    before = stored(db, TeamMember)
    answers.texts.append("ada park")
    qtbot.mouseClick(roster.team.add_button, Qt.MouseButton.LeftButton)
    assert answers.errors[0].startswith("There is already a team member named 'ada park'.")
    assert stored(db, TeamMember) == before
    assert roster.team.model.rowCount() == 1


@pytest.fixture
def sam_owns_two(db, small_portfolio) -> int:
    """Sam Rivera of our team owns the relationships with Ingrid and Harald."""
    sam = roster_edits.add_team_member(db, "Sam Rivera", role="executive_sponsor")
    with db.transaction() as session:
        session.add_all(
            [
                RelationshipOwner(stakeholder_id=small_portfolio.ingrid, team_member_id=sam),
                RelationshipOwner(
                    stakeholder_id=small_portfolio.harald, team_member_id=sam, rule="owner_only"
                ),
            ]
        )
    return sam


def test_delete_a_colleague_asks_with_the_count_of_ownerships_and_undo_restores_them(
    window, roster, qtbot, db, small_portfolio, sam_owns_two, answers, questions
):
    roster.team.model.refresh()
    people = window.show_tab("People")
    owner = people.model.index(people.model.row_of(small_portfolio.harald), OWNER_COLUMN)
    assert owner.data() == "Sam Rivera"
    owners_before, members_before = stored(db, RelationshipOwner), stored(db, TeamMember)

    answers.confirmations.append(True)
    roster.team.select_row(sam_owns_two)
    roster.team.table.setFocus()
    qtbot.keyClick(roster.team.table, Qt.Key.Key_Delete)
    assert questions == [
        "Delete Sam Rivera from our team?\n\n"
        "• 2 relationship ownerships will be removed.\n\n"
        "You can undo this."
    ]
    assert stored(db, TeamMember) == [] and stored(db, RelationshipOwner) == []
    assert owner.data() == ""  # the People table followed

    undo(qtbot, roster)
    assert stored(db, TeamMember) == members_before
    assert stored(db, RelationshipOwner) == owners_before  # exactly: ids, rules, timestamps
    assert owner.data() == "Sam Rivera"
    assert cell(roster.team, sam_owns_two, "name").data() == "Sam Rivera"


def test_declining_the_delete_question_keeps_the_colleague(
    roster, db, sam_owns_two, answers, questions
):
    roster.team.model.refresh()
    roster.team.select_row(sam_owns_two)
    answers.confirmations.append(False)
    roster.team.delete_selected()
    assert len(questions) == 1
    assert [row.name for row in roster_edits.team_roster(db)] == ["Sam Rivera"]
    assert len(stored(db, RelationshipOwner)) == 2


def test_a_new_colleague_is_at_once_a_choice_of_relationship_owner(
    window, roster, qtbot, db, small_portfolio, answers, monkeypatch
):
    plan = window.show_tab("Plan")
    assert isinstance(plan, PlanTab)
    owners = plan.table_box(PlanTable.RELATIONSHIP_OWNERS)
    assert owners.model.reference_choices("team_member_id") == []  # nobody on our team yet

    answers.texts.append("Noor Ali")
    qtbot.mouseClick(roster.team.add_button, Qt.MouseButton.LeftButton)
    (noor,) = [row.id for row in roster_edits.team_roster(db)]
    assert owners.model.reference_choices("team_member_id") == [(noor, "Noor Ali")]

    offered: list[list] = []

    def ask_choice(_parent, _title, _label, items):
        offered.append(items)
        return items[0][0] if len(offered) == 1 else noor

    monkeypatch.setattr(dialogs, "ask_choice", ask_choice)
    owners.add_row()
    assert offered[1] == [(noor, "Noor Ali")]
    (row,) = plan_edits.rows(db, PlanTable.RELATIONSHIP_OWNERS, small_portfolio.acme)
    assert row["team_member_id"] == noor

    type_into(qtbot, roster.team, noor, "name", "Noor Al-Sayed")
    column = owners.model.column_of("team_member_id")
    assert owners.model.index(0, column).data() == "Noor Al-Sayed"  # the plan table followed
    assert roster.document.team_members() == [(noor, "Noor Al-Sayed")]  # the person dialog's


# ---- our offerings ----------------------------------------------------------------------------


def test_add_an_offering_see_it_in_the_whitespace_rename_it_and_undo(
    window, roster, qtbot, db, small_portfolio, answers
):
    roster.document.set_person_field(small_portfolio.harald, "department", "Finance")
    plan = window.show_tab("Plan")
    plan.show_section(1)
    grid = plan.findChild(WhitespaceView).model
    assert grid.columnCount() == 0

    page = roster.offerings
    roster.tabs.setCurrentWidget(page)
    answers.texts.append("Cloud")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    (cloud,) = [row.id for row in roster_edits.offering_list(db)]
    assert grid.headerData(0, Qt.Orientation.Horizontal) == "Cloud"
    assert roster.tabs.tabText(1) == "Our offerings (1)"

    type_into(qtbot, page, cloud, "description", "Hosting and operations")
    type_into(qtbot, page, cloud, "name", "Cloud services")
    assert grid.headerData(0, Qt.Orientation.Horizontal) == "Cloud services"
    assert roster_edits.offering(db, cloud).description == "Hosting and operations"

    undo(qtbot, roster)
    assert grid.headerData(0, Qt.Orientation.Horizontal) == "Cloud"
    undo(qtbot, roster)
    assert roster_edits.offering(db, cloud).description is None
    undo(qtbot, roster)
    assert grid.columnCount() == 0
    assert page.model.rowCount() == 0


def test_a_taken_offering_name_is_refused_and_nothing_changes(roster, qtbot, db, answers):
    roster.document.add_offering("Cloud")
    erp = roster.document.add_offering("ERP")
    before = stored(db, Offering)
    type_into(qtbot, roster.offerings, erp, "name", "CLOUD")
    assert answers.errors == ["There is already an offering named 'Cloud'."]
    assert stored(db, Offering) == before
    assert cell(roster.offerings, erp, "name").data() == "ERP"


def test_delete_an_offering_with_whitespace_cells_lists_them_and_undo_restores_them(
    roster, qtbot, db, small_portfolio, answers, questions
):
    document = roster.document
    cloud = document.add_offering("Cloud")
    document.set_whitespace(small_portfolio.acme, "Finance", cloud, "installed")
    document.set_whitespace(small_portfolio.acme, "IT", cloud, "opportunity")
    cells_before, offerings_before = stored(db, WhitespaceCell), stored(db, Offering)
    assert cell(roster.offerings, cloud, "name").sibling(0, 2).data() == "2 whitespace cells"

    answers.confirmations.append(True)
    roster.offerings.select_row(cloud)
    qtbot.mouseClick(roster.offerings.delete_button, Qt.MouseButton.LeftButton)
    assert questions == [
        "Delete the offering Cloud?\n\n"
        "• 2 whitespace cells marked for it will be removed.\n\n"
        "You can undo this."
    ]
    assert stored(db, Offering) == [] and stored(db, WhitespaceCell) == []
    assert document.undo_stack.undoText() == "Delete offering Cloud"

    undo(qtbot, roster)
    assert stored(db, Offering) == offerings_before
    assert stored(db, WhitespaceCell) == cells_before
    assert roster.offerings.model.rowCount() == 1


# ---- the models without a view, and the window's life -----------------------------------------


def test_the_team_model_shows_labels_and_counts_and_refuses_edits_with_a_message(
    db, small_portfolio, sam_owns_two
):
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.roster.roster_models import TeamTableModel

    document = PortfolioDocument(db)
    model = TeamTableModel(document)
    refused: list[str] = []
    model.error_handler = refused.append
    model.refresh()
    roster_edits.set_team_member_field(db, sam_owns_two, "account_id", small_portfolio.acme_france)
    document.roster_changed.emit()  # what any roster edit through the document announces
    columns = [model.columns[n].title for n in range(model.columnCount())]
    assert columns == ["Name", "Role", "E-mail", "Home account", "Owns"]
    assert [model.index(0, n).data() for n in range(5)] == [
        "Sam Rivera", "Executive sponsor", "", "Acme France", "2 relationships",
    ]  # fmt: skip
    assert model.index(0, 1).data(Qt.ItemDataRole.EditRole) == "executive_sponsor"
    assert not model.flags(model.index(0, 4)) & Qt.ItemFlag.ItemIsEditable  # a count

    assert not model.setData(model.index(0, 0), "")
    assert refused == ["Name cannot be empty."]
    assert model.index(0, 0).data() == "Sam Rivera"
    assert document.undo_stack.count() == 0


def test_an_undo_in_the_main_window_shows_in_the_roster_window(window, roster, qtbot, db):
    roster.document.add_offering("Cloud")
    assert roster.offerings.model.rowCount() == 1
    window.activateWindow()
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert roster_edits.offering_list(db) == []
    assert roster.offerings.model.rowCount() == 0
    assert roster.tabs.tabText(1) == "Our offerings (0)"


def test_the_roster_window_closes_when_another_database_is_opened(window, roster, qtbot, tmp_path):
    from shiboken6 import isValid

    assert window.open_database(str(tmp_path / "other.db"), create=True)
    qtbot.waitUntil(lambda: not isValid(roster) or not roster.isVisible())  # closed, then deleted
    assert window.show_roster().team.model.rowCount() == 0  # the new database's roster


def test_the_team_watch_tells_views_when_their_rows_must_be_read_again():
    from keyplan.ui.roster.roster_watch import TeamChange, TeamWatch

    team = [(1, "Sam"), (2, "Kim")]
    watch = TeamWatch(lambda: list(team))
    assert watch.change() == TeamChange(choices=True, rows=True)  # unknown before: everything
    assert watch.change() == TeamChange(choices=False, rows=False)  # a role, an e-mail
    team.append((3, "Noor"))
    assert watch.change() == TeamChange(choices=True, rows=False)  # nobody's rows name Noor yet
    team[0] = (1, "Samuel")
    assert watch.change() == TeamChange(choices=True, rows=True)  # a rename
    del team[1]
    assert watch.change() == TeamChange(choices=True, rows=True)  # a delete
    team.append((2, "Kim"))
    assert watch.change() == TeamChange(choices=True, rows=True)  # the delete undone
