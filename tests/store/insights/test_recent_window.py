"""The dashboard's recent window counted two ways: in SQL (PostgreSQL's path) and in Python
(SQLite's). Both run on both databases here, and must count every meeting the same."""

from __future__ import annotations

from datetime import date

from keyplan.store.database import Database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.insights.recent_window import RecentWindow, read_recent_window
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.people import edits
from keyplan.store.roster import edits as roster_edits

TODAY = date(2026, 5, 4)


def _counted(window: RecentWindow, account_ids: list[int]) -> dict[int, object]:
    """What the dashboard reads of the window: each account's family spread and team."""
    return {
        account_id: (
            window.family([account_id])[0].interactions,
            dict(window.family([account_id])[0].meetings),
            sorted(window.family([account_id])[1]),
        )
        for account_id in account_ids
    }


def _both_ways(db: Database, account_ids: list[int] | None) -> tuple[RecentWindow, RecentWindow]:
    with db.read() as session:
        in_sql = read_recent_window(session, TODAY, account_ids, in_sql=True)
        in_python = read_recent_window(session, TODAY, account_ids, in_sql=False)
    return in_sql, in_python


def _group_with_crossing_meetings(db: Database) -> dict[str, int]:
    """A group and its affiliate, met together, apart, and from the other's account."""
    acme = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=acme)
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", strength=3)
    mia = edits.add_stakeholder(db, france, "Mia Chen", strength=2)
    leo = edits.add_stakeholder(db, france, "Leo Roy")
    ann = roster_edits.add_team_member(db, "Ann Lee")
    bo = roster_edits.add_team_member(db, "Bo Dahl")
    log = interaction_edits.log_interaction
    log(db, acme, TODAY, [ingrid, mia], [ann])  # both accounts' people: mixed
    log(db, acme, TODAY, [mia, leo], [bo])  # France's people only, logged on the group
    log(db, france, TODAY, [mia])
    log(db, acme, TODAY, [ingrid])
    log(db, acme, TODAY, [])  # internal preparation: not contact
    return {"acme": acme, "france": france}


def test_group_meetings_across_a_family_count_the_same_in_sql_and_in_python(db):
    ids = _group_with_crossing_meetings(db)
    in_sql, in_python = _both_ways(db, None)
    accounts = [ids["acme"], ids["france"]]
    assert _counted(in_sql, accounts) == _counted(in_python, accounts)
    assert in_sql.names == in_python.names
    # Seen from France, the mixed meeting is a one-to-one with Mia, the group's a pair.
    france = in_sql.family([ids["france"]])[0]
    assert france.interactions == 3
    family = in_sql.family(sorted(accounts))[0]
    assert family.interactions == 4


def test_a_generated_portfolio_counts_the_same_in_sql_and_in_python(db):
    create_synthetic_portfolio(db, people=600, seed=5, today=TODAY)
    in_sql, in_python = _both_ways(db, None)
    accounts = sorted(set(in_python.spreads) | set(in_python.team))
    assert accounts, "the portfolio met people in the window"
    assert _counted(in_sql, accounts) == _counted(in_python, accounts)
    assert in_sql.names == in_python.names
    some = accounts[:3]  # a refresh of a few accounts reads their meetings only
    few_sql, few_python = _both_ways(db, some)
    assert _counted(few_sql, some) == _counted(few_python, some) == _counted(in_sql, some)
