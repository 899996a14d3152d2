"""The dashboard's reads that PostgreSQL does its own way, held equal to the portable ones.

On a team server the dashboard lets the server count what the portable reads count in Python;
each such read is compared here with the portable one on data with its corner cases.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from keyplan.domain.insights.health import FindingKind
from keyplan.store.database import Database, open_database
from keyplan.store.insights import dashboard_tally, dashboard_trend, kept_tallies
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.models import RelationshipOwner
from keyplan.store.people import edits
from keyplan.store.roster import edits as roster_edits

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


def _as_first_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the dashboard as before the window's contacts were handed over: each person's
    last contact joined into the people count, the window read without its codes."""
    window, people = dashboard_tally.read_recent_window, dashboard_tally.people_counts
    monkeypatch.setattr(
        dashboard_tally,
        "read_recent_window",
        lambda session, today, ids, **_options: window(session, today, ids),
    )
    monkeypatch.setattr(
        dashboard_tally,
        "people_counts",
        lambda session, ids, today, **_options: people(session, ids, today),
    )


def _corner_cases(db: Database) -> dict[str, int]:
    """A group with an affiliate, and one account apart: group meetings, meetings with the
    people of both, with nobody, people who left, open positions, owners, every kind of
    contact interval (none, two weeks, half a year, and a zero written past the app)."""
    group = edits.add_account(db, "Groupe Hélène d'Arc")
    france = edits.add_account(db, 'Zoë "Zo" Åkesson SA', parent_id=group)
    apart = edits.add_account(db, "O'Brien & Søn")
    ann = roster_edits.add_team_member(db, "Ann Lee")
    p = {
        "warm": edits.add_stakeholder(db, group, "Ingrid O'Neil", strength=2),
        "fortnight": edits.add_stakeholder(db, group, "Åsa Öberg", contact_frequency_days=14),
        "patient": edits.add_stakeholder(db, group, "Pat Quinn", contact_frequency_days=180),
        "patient_old": edits.add_stakeholder(db, group, "Rob Stark", contact_frequency_days=180),
        "cold": edits.add_stakeholder(db, group, "Cleo Cold"),
        "key": edits.add_stakeholder(db, group, "Kai Key", buying_role="decision_maker"),
        "left": edits.add_stakeholder(db, group, "Lea Left", strength=3, has_left=True),
        "seat": edits.add_stakeholder(db, group, "Open seat", strength=2),
        "zero": edits.add_stakeholder(db, group, "Zed Zero", strength=2),
        "mia": edits.add_stakeholder(db, france, "Mia Chen", strength=2),
        "owned": edits.add_stakeholder(db, france, "Olle Owned"),
        "alone": edits.add_stakeholder(db, apart, "Gus «Solo» Fring", strength=2),
        "group": group,
        "france": france,
        "apart": apart,
    }
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE stakeholders SET is_vacancy = true WHERE id = :id"),
                           {"id": p["seat"]})  # fmt: skip
        connection.execute(
            text("UPDATE stakeholders SET contact_frequency_days = 0 WHERE id = :id"),
            {"id": p["zero"]},
        )
    with db.transaction() as session:
        session.add(RelationshipOwner(stakeholder_id=p["owned"], team_member_id=ann))
    log = interaction_edits.log_interaction
    log(db, group, TODAY - timedelta(days=3), [p["warm"], p["mia"], p["seat"]], [ann])
    log(db, group, TODAY - timedelta(days=20), [p["fortnight"], p["key"]])
    log(db, group, TODAY - timedelta(days=100), [p["patient"]])
    log(db, group, TODAY - timedelta(days=200), [p["patient_old"]])
    log(db, group, TODAY - timedelta(days=5), [p["left"], p["cold"]])
    log(db, group, TODAY - timedelta(days=1))  # nobody: internal preparation
    log(db, group, TODAY - timedelta(days=60), [p["zero"]])
    log(db, group, TODAY - timedelta(days=2), [p["owned"]])  # France's, logged on the group
    log(db, france, TODAY - timedelta(days=80), [p["mia"], p["owned"]])
    log(db, apart, TODAY - timedelta(days=89), [p["alone"]])
    log(db, apart, TODAY + timedelta(days=3), [p["alone"]])  # planned
    return p


def test_the_window_tells_who_was_met_in_time_as_the_joined_count_did(
    team: Database, monkeypatch: pytest.MonkeyPatch
):
    p = _corner_cases(team)
    # Every reading counted: a kept tally would stand in for the joined count compared here.
    monkeypatch.setattr(kept_tallies, "kept_dashboard_tallies", lambda *_args: None)
    handed_over = dashboard_facts(team, TODAY)
    some = dashboard_facts(team, TODAY, [p["france"], p["apart"]])
    _as_first_written(monkeypatch)
    joined = dashboard_facts(team, TODAY)
    assert handed_over == joined
    assert some == dashboard_facts(team, TODAY, [p["france"], p["apart"]])
    stale = {a: t.findings.count(FindingKind.STALE) for a, t in joined[1].items()}
    # In the group's family only Åsa (met 20 days ago, wants contact every 14) and Rob (200
    # days ago, every 180) are stale: Pat (100 days, every 180), Kai (20 days, the default
    # 90), Zed (60 days, an interval of 0 meaning the default), Ingrid, Mia and Olle (met
    # this week) are not; Cleo is not warm, Lea has left, the open seat is nobody.
    assert stale == {p["group"]: 2, p["france"]: 0, p["apart"]: 0}
    assert handed_over[1][p["group"]].last_interaction_on == TODAY - timedelta(days=1)
    assert handed_over[1][p["france"]].last_interaction_on == TODAY - timedelta(days=2)


def test_a_familys_only_stale_person_is_named_as_by_the_joined_count(
    team: Database, monkeypatch: pytest.MonkeyPatch
):
    apart = edits.add_account(team, "Ödegaard Ltd")
    met = edits.add_stakeholder(team, apart, "Ada Met", strength=2)
    edits.add_stakeholder(team, apart, "Bo Forgotten", strength=2)
    interaction_edits.log_interaction(team, apart, TODAY - timedelta(days=4), [met])
    handed_over = dashboard_facts(team, TODAY)
    _as_first_written(monkeypatch)
    assert handed_over == dashboard_facts(team, TODAY)
    finding = handed_over[1][apart].findings.single(FindingKind.STALE)
    assert finding is not None and "Bo Forgotten" in finding.reason
