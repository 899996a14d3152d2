"""The portfolio dashboard's reading: every account counted in a few aggregate queries.

The dashboard scores every account at once, so nothing here is read per person: the people
are counted per account, department and level (with the health findings counted alongside, in
SQL), the recent window's meetings are counted per person and meeting size (``ContactSpread``:
all the concentration needs), and the monthly trend is read as one list of dates per account.
Only the handful of people a score reason names one by one (the single uncovered decision
maker, the single blocker…) are read in full, afterwards.

The counts are built from the definitions in ``domain/relationships.py``; the
store test ``test_the_dashboard_scores_every_account_as_the_insights_tab`` holds the two equal
on the demo and on a synthetic portfolio. The SQL is portable (CASE, COUNT, MIN, MAX); the
one dialect-specific function, the list of dates, is chosen by dialect.

This module runs the reading and puts each account's tally together; the parts are read in
``dashboard_people`` (the people count, each person's last contact), ``dashboard_findings``
(blockers, open actions, the people a single finding names), ``dashboard_trend`` (the monthly
trend) and ``recent_window`` (the recent window's meetings).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from keyplan.domain.insights.health import FindingKind
from keyplan.domain.insights.tally import AccountTally, FindingTally
from keyplan.store.database import Database
from keyplan.store.insights.dashboard_findings import (
    current_blockers,
    family_findings,
    open_action_targets,
    single_findings,
)
from keyplan.store.insights.dashboard_people import PeopleCounts, older_contacts, people_counts
from keyplan.store.insights.dashboard_sql import plain_rows
from keyplan.store.insights.dashboard_trend import family_trend, monthly_trend
from keyplan.store.insights.fact_buckets import FactBuckets, PortfolioAccount
from keyplan.store.insights.queries import families_of
from keyplan.store.insights.recent_window import (
    RecentWindow,
    read_recent_window,
    team_logged_on,
)
from keyplan.store.insights.shared_reads import SharedReads
from keyplan.store.insights.window_contacts import hand_over
from keyplan.store.models import RelationshipOwner, Stakeholder


def dashboard_tallies(
    db: Database, today: date, account_ids: Collection[int] | None
) -> tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]:
    """Count every account read (``account_ids`` and their affiliates; None: all).

    The people are counted on a second thread, in a session of its own, while this one
    reads the recent window: the database does most of that work with Python's lock
    released, so the two overlap on a machine with two cores. The smaller reads (our team
    logged in the window, the trend, the plan rows, the owners, the blockers) are done by
    whichever thread is free first (``shared_reads``).
    (From SQLite, the two long statements are read in one step each, ``rows_in_one_step``:
    row by row, each thread waited for the other's Python between its rows.)
    (Two read transactions: an edit landing between them shows in the next refresh, which
    that edit's signal asks for anyway.)

    Returns:
        The accounts read, in name order, and the tally of each one with its affiliates.
    """
    # On a server the window's read tells who was met in time (``window_contacts``), and
    # the people count, no longer joining everybody's last contact, is the shorter half: the
    # helper does the shared reads. From SQLite the two halves take about as long (which one
    # longer depends on the file): whichever thread is free first takes the next shared read.
    on_server = db.engine.dialect.name == "postgresql"
    reads = _shared_reads(today, account_ids)
    with ThreadPoolExecutor(max_workers=1) as helper:
        counted = helper.submit(_counted, db, account_ids, today, on_server, reads)
        with db.read() as session:
            _settle_for_aggregates(session)
            window = read_recent_window(session, today, account_ids, contacts=on_server)
            if not on_server:
                reads.take_turns(session)
            counts = counted.result()
            done = reads.done
            for account_id, members in done["team_logged"].items():
                window.team[account_id] |= members
            return _tallies(
                session, today, done["plan"], counts, window, done["owners"],
                done["blockers"], done["trend"],
            )  # fmt: skip


def _shared_reads(today: date, account_ids: Collection[int] | None) -> SharedReads:
    """The reads either thread may do (``shared_reads``), the longer ones first: the thread
    free first starts on them, and the other, when it is free, finishes them."""
    return SharedReads(
        [
            ("team_logged", lambda session: team_logged_on(session, today, account_ids)),
            ("trend", lambda session: monthly_trend(session, account_ids, today)),
            ("plan", lambda session: _plan(session, account_ids)),
            ("owners", lambda session: _owners(session, account_ids)),
            ("blockers", lambda session: current_blockers(session, account_ids)),
        ]
    )


def _plan(session: Session, account_ids: Collection[int] | None) -> FactBuckets:
    """The accounts and their plan rows (promises, offerings, opportunities, team)."""
    buckets = FactBuckets()
    buckets.load_plan(session, account_ids)
    return buckets


def _counted(
    db: Database,
    account_ids: Collection[int] | None,
    today: date,
    on_server: bool,
    reads: SharedReads,
) -> defaultdict[int, PeopleCounts]:
    """The helper thread's half: the people counted, then the shared reads left."""
    with db.read() as session:
        _settle_for_aggregates(session)
        counts = people_counts(session, account_ids, today, window_contacts=on_server)
        reads.take_turns(session)
        return counts


def _settle_for_aggregates(session: Session) -> None:
    """On PostgreSQL, this read transaction's settings for the dashboard's aggregates.

    No parallel workers: each one rebuilt the whole of each person's last contact (a hash
    of the window's 200,000 meetings of a team) that the people count joins, so three
    processes did the same work on two cores, beside the other thread's queries. And room
    for the hash aggregates in memory (the default 4 MB spilled them to disk in batches).
    ``SET LOCAL``: only until this read transaction ends.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    session.execute(text("SET LOCAL work_mem = '64MB'"))


def _tallies(
    session: Session,
    today: date,
    buckets: FactBuckets,
    counts: defaultdict[int, PeopleCounts],
    window: RecentWindow,
    owners: dict[int, set[int]],
    blockers: dict[int, list[tuple[int, bool]]],
    trend: dict[int, tuple[dict[int, int], date | None]],
) -> tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]:
    """Each account's tally with its affiliates, from what was read."""
    families = families_of(buckets)
    wanted = set(buckets.accounts)
    if window.contacts is not None:
        hand_over(session, counts, window.contacts, families, today)
    # Families whose people nobody met recently: when were they last met at all?
    quiet = [a for a in wanted if all(counts[m].last_contact is None for m in families[a])]
    older = older_contacts(session, quiet, today)
    open_actions = open_action_targets(buckets, today)
    found: dict[int, tuple[FindingTally, dict[FindingKind, int]]] = {}
    for account_id in wanted:
        members = sorted(families[account_id])
        targets = open_actions.get_family(members)
        unmitigated = [
            (pid, key) for m in members for pid, key in blockers.get(m, ()) if pid not in targets
        ]
        found[account_id] = family_findings(
            [counts[m] for m in members], unmitigated, blockers, members
        )
    named = single_findings(session, found, today)
    tallies: dict[int, AccountTally] = {}
    for account_id in wanted:
        family = families[account_id]
        members = sorted(family)
        findings, singles = found[account_id]
        months, logged_last = family_trend(trend, members)
        contacts = [counts[m].last_contact for m in members] + [older.get(m) for m in members]
        last = max([d for d in (*contacts, logged_last) if d is not None], default=None)
        account = buckets.accounts[account_id]
        recent_contact, team = window.family(members)
        team.update(o for m in members for o in owners.get(m, ()))
        tallies[account_id] = AccountTally(
            id=account_id,
            name=account.name,
            review_cadence_days=account.review_cadence_days,
            last_review_on=account.last_review_on,
            cells=tuple(cell for m in members for cell in counts[m].cells),
            recent_contact=recent_contact,
            names=window.names,
            team_member_ids=frozenset(team),
            findings=replace(
                findings,
                singles=MappingProxyType(
                    {
                        kind: named[pid][kind]
                        for kind, pid in singles.items()
                        if kind in named.get(pid, {})
                    }
                ),
            ),
            commitments=tuple(c for m in members for c in buckets.commitments.get(m, ())),
            offerings_discussed=tuple(
                sorted({o for m in members for o in buckets.offerings.get(m, ())})
            ),
            opportunity_departments=tuple(
                sorted({d for m in members for d in buckets.opportunity_departments.get(m, ())})
            ),
            interactions_by_month=months,
            last_interaction_on=last,
            vacant_seats=tuple(
                sorted((t for m in members for t in counts[m].vacant_seats), key=str.casefold)
            ),
            assigned_team=buckets.assigned_team_of(members),
        )
    accounts = tuple(sorted(buckets.portfolio_rows.values(), key=lambda a: a.name.casefold()))
    return accounts, tallies


def _owners(session: Session, account_ids: Collection[int] | None) -> dict[int, set[int]]:
    """Account id -> our team members who own a relationship with a current person there."""
    owned: Any = RelationshipOwner.stakeholder_id
    if account_ids is None and session.get_bind().dialect.name == "sqlite":
        # "+ 0" keeps SQLite from looking the owners up for each of the (many more) people:
        # it reads the owners and looks their people up by id, in half the time. (For a few
        # accounts, their people found by the account index come first, as they should.)
        owned = owned + 0
    statement = (
        select(Stakeholder.account_id, RelationshipOwner.team_member_id)
        .select_from(RelationshipOwner)
        .join(Stakeholder, Stakeholder.id == owned)
        .where(Stakeholder.has_left.is_(False))
        .distinct()
    )
    if account_ids is not None:
        statement = statement.where(Stakeholder.account_id.in_(account_ids))
    found: dict[int, set[int]] = defaultdict(set)
    for account_id, member_id in plain_rows(session, statement):
        found[account_id].add(member_id)
    return found
