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


def test_a_taller_account_box_leaves_its_rows_where_they_were(qtbot, window):
    # The aliases editor is fixed in height and its box keeps the rows together at the top
    # when made taller (by a taller column beside it): the room goes below the rows. The
    # fixed height alone is not enough: an editor that may grow spreads the rows over the box.
    from PySide6.QtWidgets import QGroupBox

    from keyplan.ui.widgets.note_edit import NoteEdit

    overview = window.overview_tab
    box = next(b for b in overview.findChildren(QGroupBox) if b.title() == "Account")
    name = overview.findChild(QLineEdit, "account_name")
    website = overview.findChild(QLineEdit, "account_website")
    aliases = overview.findChild(NoteEdit, "account_aliases")
    box.layout().activate()
    natural = website.y() - name.y()
    box.layout().setGeometry(box.rect().adjusted(0, 0, 0, 600))
    assert aliases.height() == 58
    assert website.y() - name.y() == natural
