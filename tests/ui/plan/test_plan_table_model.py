"""The generic plan table model, without any view: columns from the specs, edits, undo."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from keyplan.domain.plan_fields import PlanTable
from keyplan.store.models import Offering, TeamMember
from keyplan.store.plan import edits as plan_edits
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.plan.table_model import TONE_BACKGROUNDS, FieldSpecRole, PlanTableModel, RowIdRole
from keyplan.ui.plan.tables import LAYOUTS

EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def document(qtbot, db, small_portfolio):
    return PortfolioDocument(db)


@pytest.fixture
def offerings(db):
    with db.transaction() as session:
        cloud, erp = Offering(name="Cloud"), Offering(name="ERP")
        sam = TeamMember(name="Sam Rivera")
        session.add_all([cloud, erp, sam])
        session.flush()
        return {"cloud": cloud.id, "erp": erp.id, "sam": sam.id}


def model_of(document, table: PlanTable, account_id: int) -> PlanTableModel:
    model = PlanTableModel(document, table, LAYOUTS[table].columns)
    model.show_account(account_id)
    return model


def cell(model: PlanTableModel, row: int, field: str):
    return model.index(row, model.column_of(field))


def test_columns_are_the_fields_labels_and_cells_read_as_a_person_reads_them(
    document, db, small_portfolio, offerings
):
    plan_edits.add_row(
        db,
        PlanTable.OPPORTUNITIES,
        small_portfolio.acme,
        {"name": "Cloud for Finance", "offering_id": offerings["cloud"], "value": 1_250_000,
         "stage": "proposal", "probability": 40, "expected_close_on": date(2026, 6, 30)},
    )  # fmt: skip
    model = model_of(document, PlanTable.OPPORTUNITIES, small_portfolio.acme)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Opportunity", "Department", "Offering", "Value", "Currency", "Stage", "Probability %",
        "Expected close", "Status",
    ]  # fmt: skip
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row == [
        "Cloud for Finance", "", "Cloud", "1,250,000", "EUR", "Proposal", "40", "2026-06-30",
        "Open",
    ]  # fmt: skip
    assert cell(model, 0, "stage").data(EDIT) == "proposal"  # lists edit the stored value
    assert cell(model, 0, "value").data(EDIT) == "1250000"  # text edits start from plain text
    assert cell(model, 0, "stage").data(FieldSpecRole).label == "Stage"
    assert model.index(0, 0).data(RowIdRole) == model.row_id(0)
    assert model.flags(cell(model, 0, "stage")) & Qt.ItemFlag.ItemIsEditable


def test_set_data_stores_through_the_document_and_undo_updates_the_model(
    document, db, small_portfolio
):
    row_id = plan_edits.add_row(db, PlanTable.OPPORTUNITIES, small_portfolio.acme, {"name": "X"})
    model = model_of(document, PlanTable.OPPORTUNITIES, small_portfolio.acme)
    changed = []
    model.dataChanged.connect(lambda first, _last: changed.append(first.row()))

    assert model.setData(cell(model, 0, "stage"), "negotiation")
    assert plan_edits.rows(db, PlanTable.OPPORTUNITIES, small_portfolio.acme)[0]["stage"] == (
        "negotiation"
    )
    assert cell(model, 0, "stage").data() == "Negotiation"
    assert document.undo_stack.undoText() == "Change opportunity: Stage"

    document.undo_stack.undo()
    assert cell(model, 0, "stage").data() == "Identified"
    assert model.row_id(0) == row_id
    assert changed == [0, 0]  # one row repainted per change, no reset


def test_a_refused_value_reaches_the_error_handler_and_nothing_is_stored(
    document, db, small_portfolio
):
    plan_edits.add_row(db, PlanTable.OPPORTUNITIES, small_portfolio.acme, {"name": "X"})
    model = model_of(document, PlanTable.OPPORTUNITIES, small_portfolio.acme)
    errors = []
    model.error_handler = errors.append
    assert not model.setData(cell(model, 0, "probability"), "150")
    assert not model.setData(cell(model, 0, "expected_close_on"), "31/02/2026")
    assert errors == [
        "Probability % must be at most 100.",
        "Expected close must be a date like 2027-03-31 or 31.03.2027, not '31/02/2026'.",
    ]
    stored = plan_edits.rows(db, PlanTable.OPPORTUNITIES, small_portfolio.acme)[0]
    assert (stored["probability"], stored["expected_close_on"]) == (None, None)
    assert document.undo_stack.count() == 0


def test_rows_added_and_deleted_elsewhere_appear_and_vanish_in_place(document, db, small_portfolio):
    model = model_of(document, PlanTable.RISKS, small_portfolio.acme)
    inserted, removed = [], []
    model.rowsInserted.connect(lambda _parent, first, _last: inserted.append(first))
    model.rowsRemoved.connect(lambda _parent, first, _last: removed.append(first))

    first = document.add_plan_row(PlanTable.RISKS, small_portfolio.acme, {"description": "A"})
    document.add_plan_row(PlanTable.RISKS, small_portfolio.acme_france, {"description": "B"})
    document.add_plan_row(PlanTable.RISKS, small_portfolio.globex, {"description": "Not ours"})
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["A", "B"]

    document.delete_plan_row(PlanTable.RISKS, first)
    document.undo_stack.undo()  # the same row comes back at the same place
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["A", "B"]
    assert model.row_id(0) == first
    assert (inserted, removed) == ([0, 1, 0], [0])


def test_a_risk_shows_likelihood_times_impact_coloured_by_exposure(document, small_portfolio):
    document.add_plan_row(
        PlanTable.RISKS,
        small_portfolio.acme,
        {"description": "CFO blocks", "likelihood": "high", "impact": "medium"},
    )
    model = model_of(document, PlanTable.RISKS, small_portfolio.acme)
    exposure = model.index(0, 3)
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Likelihood × impact"
    assert exposure.data() == "High × Medium"
    assert exposure.data(Qt.ItemDataRole.BackgroundRole) == TONE_BACKGROUNDS["high"]
    assert not model.flags(exposure) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(exposure, "low × low")


def test_late_commitments_are_red_and_affiliate_rows_say_where_they_come_from(
    document, small_portfolio
):
    past = date.today() - timedelta(days=3)
    document.add_plan_row(
        PlanTable.COMMITMENTS, small_portfolio.acme_france, {"promise": "Send", "due_on": past}
    )
    model = model_of(document, PlanTable.COMMITMENTS, small_portfolio.acme)
    due = cell(model, 0, "due_on")
    assert due.data(Qt.ItemDataRole.ForegroundRole).name() == "#c62828"
    assert "Late" in due.data(Qt.ItemDataRole.ToolTipRole)
    assert "Recorded in the plan of Acme France." in due.data(Qt.ItemDataRole.ToolTipRole)
    # Counted once, as the Commitments tab counts it: the overdue promise is an open one.
    summary = LAYOUTS[PlanTable.COMMITMENTS].summary(model.rows(), "EUR")
    assert summary == "1 promise: 1 open (1 overdue)"


def test_references_show_names_and_follow_a_renamed_person(
    document, db, small_portfolio, offerings
):
    document.add_plan_row(
        PlanTable.ACTIONS,
        small_portfolio.acme,
        {
            "description": "Call",
            "owner_id": offerings["sam"],
            "stakeholder_id": small_portfolio.mia,
        },
    )
    model = model_of(document, PlanTable.ACTIONS, small_portfolio.acme)
    assert cell(model, 0, "owner_id").data() == "Sam Rivera"
    assert cell(model, 0, "stakeholder_id").data() == "Mia Chen"
    assert (small_portfolio.mia, "Mia Chen") in model.reference_choices("stakeholder_id")

    document.set_person_field(small_portfolio.mia, "full_name", "Mia Chen-Laurent")
    assert cell(model, 0, "stakeholder_id").data() == "Mia Chen-Laurent"
    document.delete_person(small_portfolio.mia)
    assert cell(model, 0, "stakeholder_id").data() == ""  # the link went with her
