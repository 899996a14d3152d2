"""The facts the insights read, and logging interactions: a group with one affiliate."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.insights import FindingKind
from keyplan.domain.insights.summary import (
    interactions_by_month,
    summarise_account,
    summarise_tally,
)
from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio, create_synthetic_portfolio
from keyplan.store.insights.queries import account_facts, dashboard_facts, portfolio_facts
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings.queries import interactions
from keyplan.store.people import edits
from keyplan.store.plan.edits import family_names as plan_family
from keyplan.store.roster import edits as roster_edits

TODAY = date(2026, 5, 4)


@pytest.fixture
def group(db: Database) -> dict[str, int]:
    """Acme Group with Acme France below it; Ingrid at the group, Mia in France; Globex apart."""
    acme = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=acme)
    globex = edits.add_account(db, "Globex")
    ids = {
        "acme": acme,
        "france": france,
        "globex": globex,
        "ingrid": edits.add_stakeholder(db, acme, "Ingrid Olsen", strength=3),
        "mia": edits.add_stakeholder(db, france, "Mia Chen", strength=2),
        "gus": edits.add_stakeholder(db, globex, "Gus Fring"),
    }
    return ids


def test_a_group_meeting_with_the_affiliates_person_counts_for_the_affiliate_too(db, group):
    meeting = interaction_edits.log_interaction(
        db, group["acme"], TODAY, [group["ingrid"], group["mia"]], channel="video"
    )
    (seen_from_group,) = account_facts(db, group["acme"]).interactions
    assert set(seen_from_group.person_ids) == {group["ingrid"], group["mia"]}
    (seen_from_france,) = account_facts(db, group["france"]).interactions
    assert (seen_from_france.id, seen_from_france.person_ids) == (meeting, (group["mia"],))
    (alone,) = account_facts(db, group["acme"], with_affiliates=False).interactions
    assert alone.person_ids == (group["ingrid"],)
    assert account_facts(db, group["globex"]).interactions == ()


def test_the_portfolio_reads_the_same_facts_as_each_account(db, group):
    interaction_edits.log_interaction(db, group["acme"], TODAY, [group["ingrid"], group["mia"]])
    interaction_edits.log_interaction(db, group["france"], TODAY, [group["mia"]])
    everything = portfolio_facts(db)
    for account_id in (group["acme"], group["france"], group["globex"]):
        assert everything.facts[account_id] == account_facts(db, account_id)
    assert [a.name for a in everything.accounts] == ["Acme France", "Acme Group", "Globex"]


def test_log_an_interaction_refuses_a_person_of_another_customer(db, group):
    with pytest.raises(RuleViolation, match="Gus Fring works for another customer"):
        interaction_edits.log_interaction(db, group["acme"], TODAY, [group["ingrid"], group["gus"]])
    assert interactions(db, group["acme"]) == []


def test_a_deleted_interaction_comes_back_with_its_people(db, group):
    meeting = interaction_edits.log_interaction(
        db, group["acme"], "2026-05-01", [group["ingrid"]], summary="Budget round"
    )
    snapshot = interaction_edits.delete_interaction(db, meeting)
    assert interactions(db, group["acme"]) == []
    edits.restore_rows(db, snapshot)
    (row,) = interactions(db, group["acme"])
    assert (row.id, row.summary, row.people) == (
        meeting,
        "Budget round",
        ((group["ingrid"], "Ingrid Olsen"),),
    )


def assert_dashboard_agrees_with_full_analysis(db: Database) -> None:
    """Every account's dashboard row says what its Insights tab says, reason for reason."""
    accounts, tallies = dashboard_facts(db, TODAY)
    assert {a.id for a in accounts} == set(tallies)
    for account in accounts:
        facts = account_facts(db, account.id)
        whole = summarise_account(facts, TODAY)
        quick = summarise_tally(tallies[account.id], TODAY)
        assert quick.score == whole.score, account.name
        assert quick.health == whole.health, account.name
        assert quick.concentration == whole.concentration, account.name
        assert quick.breadth == whole.breadth, account.name
        assert quick.promises == whole.promises, account.name
        assert quick.freshness == whole.freshness, account.name
        assert quick.last_interaction_on == whole.last_interaction_on, account.name
        logged = logged_on(db, facts.id)
        assert quick.interactions_by_month == interactions_by_month(
            tuple(i for i in facts.interactions if i.id in logged), TODAY
        ), account.name


def logged_on(db: Database, account_id: int) -> set[int]:
    """The interactions logged on an account and its affiliates (what the trend counts)."""
    family = {account_id} | set(plan_family(db, account_id))
    return {row.id for row in interactions(db, account_id) if row.account_id in family}


def test_the_dashboard_scores_the_demo_as_the_insights_tab(db):
    create_demo_portfolio(db, today=TODAY)
    assert_dashboard_agrees_with_full_analysis(db)


def test_the_dashboard_scores_a_generated_portfolio_as_the_insights_tab(db):
    create_synthetic_portfolio(db, people=1500, seed=3, today=TODAY)
    assert_dashboard_agrees_with_full_analysis(db)


def test_the_dashboard_counts_a_group_meeting_for_both_families(db, group):
    interaction_edits.log_interaction(db, group["acme"], TODAY, [group["ingrid"], group["mia"]])
    interaction_edits.log_interaction(db, group["acme"], TODAY, [group["mia"]])
    interaction_edits.log_interaction(db, group["acme"], TODAY, [])  # internal preparation
    _accounts, tallies = dashboard_facts(db, TODAY)
    acme = tallies[group["acme"]].recent_contact
    assert acme.interactions == 2  # the internal preparation met nobody
    assert dict(acme.meetings) == {
        (group["ingrid"], 2): 1,
        (group["mia"], 2): 1,
        (group["mia"], 1): 1,
    }
    # Seen from France, the group's meetings with Mia are contact with France, with her only.
    france = tallies[group["france"]].recent_contact
    assert (france.interactions, dict(france.meetings)) == (2, {(group["mia"], 1): 2})
    assert tallies[group["globex"]].recent_contact.interactions == 0
    assert_dashboard_agrees_with_full_analysis(db)


def test_our_team_counts_for_every_account_whose_people_they_met(db, group):
    ann = roster_edits.add_team_member(db, "Ann Lee")
    bo = roster_edits.add_team_member(db, "Bo Dahl")
    # Both meetings are logged on the group; Mia works for the French affiliate.
    interaction_edits.log_interaction(db, group["acme"], TODAY, [group["mia"]], [ann])
    interaction_edits.log_interaction(
        db, group["acme"], TODAY, [group["ingrid"], group["mia"]], [bo]
    )
    _accounts, tallies = dashboard_facts(db, TODAY)
    assert tallies[group["france"]].team_member_ids == {ann, bo}
    assert tallies[group["acme"]].team_member_ids == {ann, bo}
    assert tallies[group["globex"]].team_member_ids == frozenset()
    acme = tallies[group["acme"]].recent_contact
    assert dict(acme.meetings) == {
        (group["mia"], 1): 1,
        (group["mia"], 2): 1,
        (group["ingrid"], 2): 1,
    }
    france = tallies[group["france"]].recent_contact
    assert (france.interactions, dict(france.meetings)) == (2, {(group["mia"], 1): 2})
    assert_dashboard_agrees_with_full_analysis(db)


def test_the_trend_counts_the_months_up_to_today(db, group):
    for days_ago in (0, 3, 40, 400):
        interaction_edits.log_interaction(
            db, group["acme"], TODAY - timedelta(days=days_ago), [group["ingrid"]]
        )
    interaction_edits.log_interaction(db, group["acme"], TODAY + timedelta(days=2), [])
    _accounts, facts = dashboard_facts(db, TODAY, [group["acme"]])
    trend = facts[group["acme"]].interactions_by_month
    assert trend[-1] == 2  # 4 May and 1 May; the meeting planned for 6 May is not contact yet
    assert trend[-3:-1] == (1, 0)  # 25 March; nothing in April
    assert sum(trend) == 3  # more than a year ago is outside the trend
    assert facts[group["acme"]].last_interaction_on == TODAY


def test_someone_who_wants_contact_twice_a_year_is_not_stale_after_four_months(db, group):
    acme = group["acme"]
    pat = edits.add_stakeholder(db, acme, "Pat Quinn", strength=2, contact_frequency_days=180)
    rob = edits.add_stakeholder(db, acme, "Rob Stark", strength=2, contact_frequency_days=180)
    interaction_edits.log_interaction(db, acme, TODAY - timedelta(days=120), [pat])
    interaction_edits.log_interaction(db, acme, TODAY - timedelta(days=200), [rob])
    _accounts, tallies = dashboard_facts(db, TODAY)
    stale = tallies[acme].findings.count(FindingKind.STALE)
    assert stale == 3  # Ingrid and Mia, never met; Rob, 200 days ago; not Pat
    assert tallies[acme].last_interaction_on == TODAY - timedelta(days=120)
    assert_dashboard_agrees_with_full_analysis(db)


def test_refreshing_one_account_reads_what_the_whole_portfolio_reads(db):
    create_demo_portfolio(db, today=TODAY)
    accounts, everyone = dashboard_facts(db, TODAY)
    for account in accounts:
        _accounts, alone = dashboard_facts(db, TODAY, [account.id])
        assert set(alone) == {account.id}
        assert alone[account.id].findings == everyone[account.id].findings, account.name
        assert summarise_tally(alone[account.id], TODAY) == summarise_tally(
            everyone[account.id], TODAY
        ), account.name


def test_the_assigned_team_and_who_of_them_met_no_one_agree_on_both_paths(db, group):
    ann = roster_edits.add_team_member(db, "Ann Lee", account_id=group["acme"])
    roster_edits.add_team_member(db, "Bo Dahl", account_id=group["acme"])
    roster_edits.add_team_member(db, "Sofie Berg", account_id=group["france"])
    roster_edits.add_team_member(db, "Gil Roy", account_id=group["globex"])
    interaction_edits.log_interaction(db, group["acme"], TODAY, [group["ingrid"]], [ann])

    _accounts, tallies = dashboard_facts(db, TODAY)
    acme = summarise_tally(tallies[group["acme"]], TODAY)
    # The group's family is Acme Group and Acme France: three of us assigned, Ann engaged.
    assert acme.breadth.team_members_assigned == 3
    assert acme.breadth.idle_team_names == ("Bo Dahl", "Sofie Berg")
    team = [r.reason for r in acme.score.reasons if "assigned" in r.reason]
    assert team == [
        "3 team members are assigned; Bo Dahl and Sofie Berg have not met anyone at the account "
        "in 90 days"
    ]
    assert summarise_tally(tallies[group["france"]], TODAY).breadth.idle_team_names == (
        "Sofie Berg",
    )
    assert_dashboard_agrees_with_full_analysis(db)
