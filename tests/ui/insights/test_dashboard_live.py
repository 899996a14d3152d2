"""The account's glance line and its dashboard row follow a logged meeting or a kept promise."""

from __future__ import annotations

import re
from datetime import date

import pytest

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.insights.dashboard import PortfolioDashboard
from keyplan.ui.insights.dashboard_model import DashboardColumn, ReasonsRole, ScoreRole
from keyplan.ui.people.overview_tab import OverviewTab

TODAY = date.today()  # the glance and the dashboard read the real clock


@pytest.fixture
def demo(db: Database) -> Database:
    create_demo_portfolio(db, today=TODAY)
    return db


@pytest.fixture
def screens(qtbot, demo: Database):
    """The Overview of Aldermark Group and the dashboard, both on one document."""
    document = PortfolioDocument(demo)
    overview = OverviewTab(document)
    dashboard = PortfolioDashboard(document)
    qtbot.addWidget(overview)
    qtbot.addWidget(dashboard)
    group = find_account(demo, "Aldermark Group")
    overview.show_account(group)
    dashboard.load()
    return document, overview, dashboard, group


def dashboard_cell(dashboard: PortfolioDashboard, account_id: int, column: int, role=0):
    row = dashboard.model.row_of(account_id)
    return dashboard.model.index(row, column).data(role)


def test_logging_a_meeting_with_a_stale_director_shows_at_once(qtbot, screens, demo):
    document, overview, dashboard, group = screens
    brazil = find_account(demo, "Aldermark do Brasil Ltda.")
    paulo = next(p for p in document.family_people(brazil) if p[1] == "Paulo Nascimento")
    stale_before = [
        r for r in dashboard_cell(dashboard, group, 0, ReasonsRole) if "overdue or" in r
    ]
    assert f"last contact {TODAY.isoformat()}" not in overview.glance.text()
    assert dashboard_cell(dashboard, brazil, DashboardColumn.LAST_CONTACT) != "today"

    document.log_interaction(brazil, TODAY, [paulo[0]], [], summary="Plant visit")

    # The glance line is read again on the signal itself; the rows on the next event-loop turn.
    assert f"last contact {TODAY.isoformat()}" in overview.glance.text()
    qtbot.waitUntil(
        lambda: dashboard_cell(dashboard, brazil, DashboardColumn.LAST_CONTACT) == "today"
    )
    assert dashboard_cell(dashboard, group, DashboardColumn.LAST_CONTACT) == "today"
    stale_after = [r for r in dashboard_cell(dashboard, group, 0, ReasonsRole) if "overdue or" in r]
    assert stale_after != stale_before  # one relationship fewer has gone stale

    document.undo_stack.undo()
    qtbot.waitUntil(
        lambda: dashboard_cell(dashboard, brazil, DashboardColumn.LAST_CONTACT) != "today"
    )
    assert f"last contact {TODAY.isoformat()}" not in overview.glance.text()


def test_keeping_an_overdue_promise_lowers_the_overdue_count_everywhere(qtbot, screens, demo):
    document, overview, dashboard, group = screens
    overdue = [
        c for c in document.commitments(group)
        if c.status == "open" and c.due_on is not None and c.due_on < TODAY
    ]  # fmt: skip
    assert len(overdue) == 2
    count = int(dashboard_cell(dashboard, group, DashboardColumn.OVERDUE))
    score = dashboard_cell(dashboard, group, DashboardColumn.HEALTH, ScoreRole)
    assert count == 2
    assert "(2 overdue)" in overview.glance.text()
    portfolio_overdue = overdue_in_headline(dashboard)

    document.set_commitment_status(overdue[0].id, "kept")

    assert "(1 overdue)" in overview.glance.text()
    qtbot.waitUntil(lambda: dashboard_cell(dashboard, group, DashboardColumn.OVERDUE) == "1")
    assert dashboard_cell(dashboard, group, DashboardColumn.HEALTH, ScoreRole) > score
    assert overdue_in_headline(dashboard) == portfolio_overdue - 1


def overdue_in_headline(dashboard: PortfolioDashboard) -> int:
    """The portfolio's overdue promises, as the headline above the table says."""
    found = re.search(r"(\d+) overdue promises?", dashboard.headline.text())
    assert found, dashboard.headline.text()
    return int(found.group(1))
