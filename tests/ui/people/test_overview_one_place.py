"""Each field is edited in one place: the Overview no longer repeats the plan's questions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from keyplan.domain.fields import BUSINESS_GROUPS
from keyplan.store.people import edits


def test_the_overview_has_no_editor_for_the_plans_fields(window):
    plan_fields = {field for _title, group in BUSINESS_GROUPS for field in group}
    plan_fields |= {"value_proposition", "annual_revenue", "potential", "review_cadence_days"}
    assert plan_fields.isdisjoint(window.overview_tab.editors)
    assert {"name", "industry", "tier", "notes"} <= set(window.overview_tab.editors)


def test_the_overview_says_how_far_the_plan_is_and_opens_it(qtbot, window, db, small_portfolio):
    edits.set_account_field(db, small_portfolio.acme, "mission", "Move Europe's freight")
    window.select_account(small_portfolio.globex)
    window.select_account(small_portfolio.acme)
    status = window.overview_tab.plan_status.text()
    assert status.startswith("1 of 12 questions on the customer's business answered")
    assert "never reviewed" in status
    qtbot.mouseClick(window.overview_tab.open_plan_button, Qt.MouseButton.LeftButton)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Plan"


def test_a_name_typed_on_the_overview_is_saved(qtbot, window, db, small_portfolio):
    industry = window.overview_tab.findChild(QLineEdit, "account_website")
    qtbot.mouseClick(industry, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(industry, "https://acme.example")
    qtbot.keyClick(industry, Qt.Key.Key_Return)
    from keyplan.store.people import queries

    assert queries.account_values(db, small_portfolio.acme)["website"] == "https://acme.example"
