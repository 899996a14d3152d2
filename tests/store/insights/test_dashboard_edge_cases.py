"""The dashboard's counted read on the awkward cases, held to the Insights tab's full read.

Group meetings, meetings with the people of several accounts of one family, meetings with
nobody, people with nothing but a name (NULL department, level, interval), names with quotes
and accents, a champion who left, a decision maker's seat left open, meetings on the edges of
the trend's months and one planned after today: every account's dashboard row must say what
its Insights tab says.
"""

from __future__ import annotations

from datetime import date, timedelta

from tests.store.insights.test_insight_queries import assert_dashboard_agrees_with_full_analysis

from keyplan.store.database import Database
from keyplan.store.insights.queries import dashboard_facts
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.people import edits, moves
from keyplan.store.roster import edits as roster_edits

TODAY = date(2026, 5, 4)  # the date the full analysis is held to (test_insight_queries)


def _awkward_portfolio(db: Database) -> dict[str, int]:
    acme = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=acme)
    spain = edits.add_account(db, "Acme España", parent_id=acme)
    quiet = edits.add_account(db, "Quiet Ltd")
    edits.add_account(db, "Nobody Here Ltd")  # no people, no meetings
    people = {
        "acme": acme,
        "france": france,
        "spain": spain,
        "quiet": quiet,
        "zoe": edits.add_stakeholder(
            db, acme, 'Zoë "Zo" Åkesson', strength=3, buying_role="decision_maker"
        ),
        "olav": edits.add_stakeholder(db, acme, "Olav O'Brien"),  # NULL department and level
        "mia": edits.add_stakeholder(
            db, france, "Mia Chen", strength=2, department="Finance", level="Director"
        ),
        "jose": edits.add_stakeholder(
            db, spain, "José Núñez", department="finance ", contact_frequency_days=14
        ),
        "ana": edits.add_stakeholder(db, spain, "Ana Gil", stance="champion", has_left=True),
        "pat": edits.add_stakeholder(db, quiet, "Pat Quinn", strength=2),
    }
    luc = edits.add_stakeholder(
        db, france, "Luc Côté", buying_role="decision_maker", job_title="Directeur financier"
    )
    moves.mark_left(db, luc, keep_position=True)  # his seat stays open
    return people


def _meetings(db: Database, p: dict[str, int]) -> None:
    ann = roster_edits.add_team_member(db, "Ann Lee")
    bo = roster_edits.add_team_member(db, "Bo Dahl")
    log = interaction_edits.log_interaction
    # Group meetings: one family's accounts together, and one account's people together.
    log(db, p["acme"], TODAY, [p["zoe"], p["mia"], p["jose"]], [ann])
    log(db, p["france"], TODAY - timedelta(days=3), [p["mia"], p["zoe"]], [bo])
    log(db, p["acme"], TODAY - timedelta(days=5), [p["zoe"], p["olav"]])
    # One-to-ones, one logged on the group with a French person, one with nobody at all.
    log(db, p["acme"], TODAY - timedelta(days=1), [p["mia"]], [ann, bo])
    log(db, p["acme"], TODAY - timedelta(days=2), [], [ann])
    log(db, p["spain"], TODAY - timedelta(days=60), [p["ana"]])  # before she left
    # The edges of the trend's months: this month's first day, last month's last, the first
    # and the day before the first month counted, and a meeting planned after today.
    for on in (date(2026, 5, 1), date(2026, 4, 30), date(2025, 6, 1), date(2025, 5, 31)):
        log(db, p["acme"], on, [p["zoe"]])
    log(db, p["acme"], TODAY + timedelta(days=1), [p["zoe"]])
    # Only long ago: the quiet account's last contact comes from before the recent window.
    log(db, p["quiet"], TODAY - timedelta(days=400), [p["pat"]])


def test_the_dashboard_reads_awkward_data_as_the_insights_tab(db):
    p = _awkward_portfolio(db)
    _meetings(db, p)
    assert_dashboard_agrees_with_full_analysis(db)


def test_the_trend_counts_each_month_from_its_first_day_to_its_last(db):
    p = _awkward_portfolio(db)
    _meetings(db, p)
    _accounts, tallies = dashboard_facts(db, TODAY)
    acme = tallies[p["acme"]]
    # The family's meetings, logged on any of its accounts. May: the 4th, 3rd, 2nd (with
    # nobody: still logged) and twice the 1st; tomorrow's is planned, not contact yet. April:
    # the 30th and 29th. March: Ana's. June 2025: its 1st; the 31st of May 2025 is before the
    # twelve months counted.
    assert acme.interactions_by_month == (1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 5)
    assert acme.last_interaction_on == TODAY
    assert tallies[p["quiet"]].last_interaction_on == TODAY - timedelta(days=400)
    assert tallies[p["quiet"]].interactions_by_month == (0,) * 12


def test_the_dashboard_names_and_counts_the_people_met(db):
    p = _awkward_portfolio(db)
    _meetings(db, p)
    _accounts, tallies = dashboard_facts(db, TODAY)
    acme = tallies[p["acme"]]
    assert acme.names[p["zoe"]] == 'Zoë "Zo" Åkesson'
    assert acme.names[p["olav"]] == "Olav O'Brien"
    # The family's meetings with its people: the internal preparation met nobody.
    assert acme.recent_contact.interactions == 7
    assert tallies[p["france"]].vacant_seats == ("Directeur financier",)
    assert acme.vacant_seats == ("Directeur financier",)  # the group's affiliate's seat
    spain = tallies[p["spain"]]
    assert spain.recent_contact.interactions == 2  # the group meeting and Ana's
    assert len(spain.team_member_ids) == 1  # Ann, at the group meeting with José
