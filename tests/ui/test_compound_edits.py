"""Compound edits are one step: all of it, or (refused anywhere) none of it.

Each story selects three rows and deletes them. In the refused version, a teammate on the same
file (Bob, another connection) deletes the middle one while the question is open: the delete is
refused with a message, the database is exactly as it was, and the Edit menu has no new step.
In the happy version it is one undo step that brings every row back exactly, and redo deletes
them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView
from sqlalchemy import select

from keyplan.store.database import Database, open_database
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.models import Base
from keyplan.store.people import edits
from keyplan.store.plan import edits as plan_edits
from keyplan.store.roster import edits as roster_edits
from keyplan.ui import dialogs
from keyplan.ui.meetings.commitments_model import CommitmentIdRole
from keyplan.ui.meetings.interactions_model import InteractionIdRole
from keyplan.ui.people.people_model import PersonIdRole
from keyplan.ui.plan.table_model import RowIdRole as PlanRowIdRole
from keyplan.ui.roster.roster_dialog import RosterDialog
from keyplan.ui.roster.roster_models import RowIdRole as RosterRowIdRole
from keyplan.ui.shell.main_window import MainWindow

pytestmark = pytest.mark.sqlite_only


def dump(db: Database) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as stored."""
    with db.read() as session:
        return {
            table.name: [
                dict(row) for row in session.execute(select(table).order_by(table.c.id)).mappings()
            ]
            for table in Base.metadata.sorted_tables
            if table.name != "change_log"  # it only grows: an undo adds its own entries
        }


def ids_in(db: Database, table: str) -> list[int]:
    return [row["id"] for row in dump(db)[table]]


@pytest.fixture
def bob(db: Database) -> Iterator[Database]:
    """Bob's Keyplan on the same file as the window."""
    other = open_database(db.path, user_name="bob")
    yield other
    other.close()


def meanwhile(
    monkeypatch: pytest.MonkeyPatch, db: Database, teammate: Callable[[], object]
) -> dict[str, Any]:
    """While the delete question is open, a teammate does something; then the user says yes.

    Returns where the database as it was right after the teammate's change is put.
    """
    seen: dict[str, Any] = {}

    def confirm(*_args: Any, **_kwargs: Any) -> bool:
        teammate()
        seen["dump"] = dump(db)
        return True

    monkeypatch.setattr(dialogs, "confirm", confirm)
    return seen


def select_rows(table: QTableView, role: int, ids: list[int]) -> None:
    """Select the rows whose id (under ``role``) is one of ``ids``, as Ctrl+click does."""
    model, selection = table.model(), table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(role) in ids:
            selection.select(index, flags)


def undo(window: MainWindow) -> None:
    window.undo_action.trigger()


def redo(window: MainWindow) -> None:
    window.redo_action.trigger()


# ---- people ---------------------------------------------------------------------------------


@pytest.fixture
def three_people(db: Database, small_portfolio) -> list[int]:
    """Harald (Mia reports to him), Olaf and Pia at Acme."""
    olaf = edits.add_stakeholder(db, small_portfolio.acme, "Olaf Lund")
    pia = edits.add_stakeholder(db, small_portfolio.acme, "Pia Ek", reports_to_id=olaf)
    return [small_portfolio.harald, olaf, pia]


def people_tab_with(window: MainWindow, ids: list[int]) -> Any:
    window.show_people_tab()
    tab = window.people_tab
    select_rows(tab.table, PersonIdRole, ids)
    assert sorted(tab.selected_person_ids()) == sorted(ids)
    return tab


def test_deleting_three_people_when_bob_deleted_the_middle_one_changes_nothing(
    window, db, bob, three_people, answers, monkeypatch
):
    tab = people_tab_with(window, three_people)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(monkeypatch, db, lambda: edits.delete_stakeholder(bob, three_people[1]))

    tab.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]  # Harald and Pia are still there, as they were
    assert window.document.undo_stack.count() == steps


def test_deleting_three_people_when_bob_changed_the_middle_one_changes_nothing(
    window, db, bob, three_people, answers, monkeypatch
):
    tab = people_tab_with(window, three_people)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(
        monkeypatch,
        db,
        lambda: edits.set_stakeholder_field(bob, three_people[1], "job_title", "Head of IT"),
    )

    tab.delete_selected()

    assert len(answers.errors) == 1 and answers.errors[0].startswith("bob changed Olaf Lund")
    assert dump(db) == after_bob["dump"]
    assert window.document.undo_stack.count() == steps


def test_deleting_three_people_is_one_undo_step_that_brings_every_row_back(
    window, db, small_portfolio, three_people, answers
):
    tab = people_tab_with(window, three_people)
    before, steps = dump(db), window.document.undo_stack.count()
    answers.confirmations.append(True)

    tab.delete_selected()

    stack = window.document.undo_stack
    assert answers.errors == []
    assert stack.count() == steps + 1 and stack.undoText() == "Delete 3 people"
    assert not set(three_people) & set(ids_in(db, "stakeholders"))
    mia = edits_person(db, small_portfolio.mia)
    assert mia["reports_to_id"] == small_portfolio.ingrid  # Harald's report moved up

    undo(window)
    assert dump(db) == before
    redo(window)
    assert not set(three_people) & set(ids_in(db, "stakeholders"))
    assert edits_person(db, small_portfolio.mia)["reports_to_id"] == small_portfolio.ingrid


def edits_person(db: Database, person_id: int) -> dict[str, Any]:
    return next(row for row in dump(db)["stakeholders"] if row["id"] == person_id)


# ---- plan rows, interactions and promises ---------------------------------------------------


def three_rows(table: str, db: Database, account_id: int, field: str) -> list[int]:
    return [
        plan_edits.add_row(db, table, account_id, {field: text})
        for text in ("Budget freeze", "New CIO", "Merger")
    ]


def test_deleting_three_risks_when_bob_deleted_the_middle_one_changes_nothing(
    window, db, bob, small_portfolio, answers, monkeypatch
):
    risks = three_rows("risks", db, small_portfolio.acme, "description")
    box = window.show_tab("Plan").table_box("risks")
    select_rows(box.table, PlanRowIdRole, risks)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(monkeypatch, db, lambda: plan_edits.delete_row(bob, "risks", risks[1]))

    box.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]
    assert window.document.undo_stack.count() == steps


def test_deleting_three_risks_is_one_undo_step(window, db, small_portfolio, answers):
    risks = three_rows("risks", db, small_portfolio.acme, "description")
    box = window.show_tab("Plan").table_box("risks")
    select_rows(box.table, PlanRowIdRole, risks)
    before, steps = dump(db), window.document.undo_stack.count()
    answers.confirmations.append(True)

    box.delete_selected()

    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "Delete 3 risks"
    assert ids_in(db, "risks") == []
    undo(window)
    assert dump(db) == before
    assert box.model.rowCount() == 3
    redo(window)
    assert ids_in(db, "risks") == []


def three_promises(db: Database, account_id: int) -> list[int]:
    return three_rows("commitments", db, account_id, "promise")


def test_deleting_three_promises_when_bob_deleted_the_middle_one_changes_nothing(
    window, db, bob, small_portfolio, answers, monkeypatch
):
    promises = three_promises(db, small_portfolio.acme)
    tab = window.show_tab("Commitments")
    select_rows(tab.table, CommitmentIdRole, promises)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(
        monkeypatch, db, lambda: plan_edits.delete_row(bob, "commitments", promises[1])
    )

    tab.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]
    assert window.document.undo_stack.count() == steps


def test_deleting_three_promises_is_one_undo_step(window, db, small_portfolio, answers):
    promises = three_promises(db, small_portfolio.acme)
    tab = window.show_tab("Commitments")
    select_rows(tab.table, CommitmentIdRole, promises)
    before, steps = dump(db), window.document.undo_stack.count()
    answers.confirmations.append(True)

    tab.delete_selected()

    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "Delete 3 promises"
    assert ids_in(db, "commitments") == []
    undo(window)
    assert dump(db) == before
    redo(window)
    assert ids_in(db, "commitments") == []


def test_marking_a_promise_kept_is_one_step_and_refused_when_bob_deleted_it(
    window, db, bob, small_portfolio, answers
):
    document = window.document
    promise = plan_edits.add_row(
        db,
        "commitments",
        small_portfolio.acme,
        {"promise": "Send the pricing sheet", "due_on": date.today() - timedelta(days=8)},
    )
    before, steps = dump(db), document.undo_stack.count()

    document.set_commitment_status(promise, "kept")

    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Mark promise kept"
    assert (document.commitment(promise).status, document.commitment(promise).delivered_on) == (
        "late",
        date.today(),
    )
    document.undo_stack.undo()
    row = next(r for r in dump(db)["commitments"] if r["id"] == promise)
    assert (row["status"], row["delivered_on"]) == ("open", None)
    assert {k: v for k, v in row.items() if k not in ("updated_at", "version")} == {
        k: v for k, v in before["commitments"][0].items() if k not in ("updated_at", "version")
    }

    plan_edits.delete_row(bob, "commitments", promise)
    after_bob = dump(db)
    steps = document.undo_stack.count()
    with pytest.raises(Exception, match="no longer exists"):
        document.set_commitment_status(promise, "kept")
    assert dump(db) == after_bob and document.undo_stack.count() == steps


def three_meetings(db: Database, portfolio) -> list[int]:
    return [
        interaction_edits.log_interaction(
            db, portfolio.acme, date(2026, 3, day), [portfolio.ingrid], summary=f"Meeting {day}"
        )
        for day in (2, 9, 16)
    ]


def interactions_tab(window: MainWindow, ids: list[int]) -> Any:
    tab = window.show_tab("Interactions")
    select_rows(tab.table, InteractionIdRole, ids)
    assert sorted(tab.selected_ids()) == sorted(ids)
    return tab


def test_deleting_three_interactions_when_bob_deleted_the_middle_one_changes_nothing(
    window, db, bob, small_portfolio, answers, monkeypatch
):
    meetings = three_meetings(db, small_portfolio)
    tab = interactions_tab(window, meetings)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(
        monkeypatch, db, lambda: interaction_edits.delete_interaction(bob, meetings[1])
    )

    tab.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]
    assert window.document.undo_stack.count() == steps


def test_deleting_three_interactions_is_one_undo_step(window, db, small_portfolio, answers):
    meetings = three_meetings(db, small_portfolio)
    tab = interactions_tab(window, meetings)
    before, steps = dump(db), window.document.undo_stack.count()
    answers.confirmations.append(True)

    tab.delete_selected()

    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "Delete 3 interactions"
    assert ids_in(db, "interactions") == [] and ids_in(db, "interaction_stakeholders") == []
    undo(window)
    assert dump(db) == before
    redo(window)
    assert ids_in(db, "interactions") == []


# ---- our team --------------------------------------------------------------------------------


@pytest.fixture
def roster(window: MainWindow, qtbot) -> RosterDialog:
    action = next(a for a in window.menuBar().actions() if a.text() == "&Account")
    (item,) = [a for a in action.menu().actions() if a.text() == "Our &team and offerings…"]
    item.trigger()
    dialog = window.findChild(RosterDialog)
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def three_colleagues(db: Database, small_portfolio) -> list[int]:
    """Sam owns the relationship with Harald; Kim and Lee own nothing."""
    sam = roster_edits.add_team_member(db, "Sam Rivera")
    plan_edits.add_row(
        db,
        "relationship_owners",
        small_portfolio.acme,
        {"stakeholder_id": small_portfolio.harald, "team_member_id": sam},
    )
    return [
        sam,
        roster_edits.add_team_member(db, "Kim Ode"),
        roster_edits.add_team_member(db, "Lee Wu"),
    ]


def test_deleting_three_colleagues_when_bob_deleted_the_middle_one_changes_nothing(
    three_colleagues, roster, window, db, bob, answers, monkeypatch
):
    page = roster.team
    select_rows(page.table, RosterRowIdRole, three_colleagues)
    steps = window.document.undo_stack.count()
    after_bob = meanwhile(
        monkeypatch, db, lambda: roster_edits.delete_team_member(bob, three_colleagues[1])
    )

    page.delete_selected()

    assert len(answers.errors) == 1 and "no longer exists" in answers.errors[0]
    assert dump(db) == after_bob["dump"]  # Sam still owns the relationship with Harald
    assert window.document.undo_stack.count() == steps


def test_deleting_three_colleagues_is_one_undo_step(three_colleagues, roster, window, db, answers):
    page = roster.team
    select_rows(page.table, RosterRowIdRole, three_colleagues)
    before, steps = dump(db), window.document.undo_stack.count()
    answers.confirmations.append(True)

    page.delete_selected()

    stack = window.document.undo_stack
    assert stack.count() == steps + 1 and stack.undoText() == "Delete 3 team members"
    assert ids_in(db, "team_members") == [] and ids_in(db, "relationship_owners") == []
    stack.undo()
    assert dump(db) == before
    stack.redo()
    assert ids_in(db, "team_members") == []
