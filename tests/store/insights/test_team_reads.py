"""The dashboard's reads that PostgreSQL does its own way, held equal to the portable ones.

On a team server the dashboard lets the server count what the portable reads count in Python;
each such read is compared here with the portable one on data with its corner cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from keyplan.store.database import Database, open_database
from keyplan.store.insights import dashboard_trend
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.people import edits

pytestmark = pytest.mark.postgresql
TODAY = date(2026, 5, 4)


@pytest.fixture
def team(postgres_url: str) -> Iterator[Database]:
    db = open_database(postgres_url)
    yield db
    db.close()


def test_the_server_counts_the_months_of_the_trend_as_the_listed_dates(team: Database):
    busy = edits.add_account(team, "Café « Zoë's »")
    planned_only = edits.add_account(team, "Planned Only")
    edits.add_account(team, "Never Met")
    days = (
        TODAY,
        date(2026, 5, 1),  # the first of this month
        date(2026, 4, 30),  # the last of the month before
        date(2025, 6, 1),  # the first day of the trend's first month
        date(2025, 5, 31),  # the day before it: outside the trend
        date(2024, 1, 15),
        TODAY + timedelta(days=1),  # planned: not contact yet
    )
    for day in (*days, date(2026, 4, 30)):
        interaction_edits.log_interaction(team, busy, day)
    interaction_edits.log_interaction(team, planned_only, TODAY + timedelta(days=30))
    with team.read() as session:
        counted = dashboard_trend._counted_by_server(session, None, TODAY)
        listed = dashboard_trend._listed_dates(session, None, TODAY)
        some = dashboard_trend._counted_by_server(session, [busy], TODAY)
        read = dashboard_trend.monthly_trend(session, None, TODAY)
    assert counted[busy] == ({0: 2, 1: 2, 11: 1}, TODAY)
    # The listed read gives an account with only planned meetings no month and no last
    # contact; the counted one leaves it out, which the family's trend reads the same way.
    assert listed[planned_only] == ({}, None)
    assert {a: v for a, v in listed.items() if v != ({}, None)} == counted == read
    assert some == {busy: counted[busy]}
    trend = dashboard_trend.family_trend(counted, [busy, planned_only])
    assert trend == dashboard_trend.family_trend(listed, [busy, planned_only])
