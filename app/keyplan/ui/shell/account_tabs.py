"""The tabs that show the selected account, in the order a director reads them.

Each entry names a module and a class, imported when the tab is first shown (start-up builds
the first tab only). A tab class takes ``(document, parent)`` and has
``show_account(account_id: int | None)``; it listens to the document for changes itself.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

from typing import NamedTuple


class AccountTab(NamedTuple):  # not a dataclass: made ten times faster at start-up
    title: str
    module: str
    class_name: str


ACCOUNT_TABS: tuple[AccountTab, ...] = (
    AccountTab("Overview", "keyplan.ui.people.overview_tab", "OverviewTab"),
    AccountTab("Plan", "keyplan.ui.plan.plan_tab", "PlanTab"),
    AccountTab("People", "keyplan.ui.people.people_tab", "PeopleTab"),
    AccountTab("Map", "keyplan.ui.map.map_tab", "MapTab"),
    AccountTab("Insights", "keyplan.ui.insights.insights_tab", "InsightsTab"),
    AccountTab("Who's who", "keyplan.ui.views.views_tab", "StakeholderViewsTab"),
    AccountTab("Interactions", "keyplan.ui.meetings.interactions_tab", "InteractionsTab"),
    AccountTab("Commitments", "keyplan.ui.meetings.commitments_tab", "CommitmentsTab"),
)
