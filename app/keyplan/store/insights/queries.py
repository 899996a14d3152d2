"""The facts the insights read: for one account family, and for the portfolio dashboard.

``account_facts`` reads one family (an account and every affiliate below it) with its whole
history: what the Insights tab, the command line and the PDF analyse. ``dashboard_facts``
counts every account at once in a handful of aggregate queries, for the dashboard's health
scores (``dashboard_tally``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.facts import AccountFacts, LineFacts
from keyplan.domain.insights.tally import AccountTally
from keyplan.domain.rules import families_below
from keyplan.store.database import Database
from keyplan.store.evidence.queries import family_evidence
from keyplan.store.insights.fact_buckets import FactBuckets, PortfolioAccount
from keyplan.store.meetings import facts as interaction_facts
from keyplan.store.models import Account, InfluenceLine, Stakeholder
from keyplan.store.people.queries import umbrella_family_below

__all__ = [
    "PortfolioAccount",
    "PortfolioFacts",
    "account_facts",
    "affiliates_below",
    "dashboard_facts",
    "portfolio_facts",
]


@dataclass(frozen=True, slots=True)
class PortfolioFacts:
    """Every account, and the facts of each one's family (the account and its affiliates)."""

    accounts: tuple[PortfolioAccount, ...]
    facts: Mapping[int, AccountFacts]


def account_facts(
    db: Database, account_id: int, *, with_affiliates: bool = True, today: date | None = None
) -> AccountFacts:
    """The facts of one account, by default with its affiliates.

    Args:
        db: the open database.
        account_id: the account to read.
        with_affiliates: include the affiliates below the account (not its parents).
        today: read the interactions as the insights of that day need them: the recent
            window in full, each person's older contact as their last one. Every insight
            comes out the same, from far fewer rows. None: the whole history.

    Raises:
        NotFound: there is no such account.
    """
    with db.read() as session:
        family = umbrella_family_below(session, account_id) if with_affiliates else {account_id}
        buckets = FactBuckets()
        buckets.load(session, family)
        if today is None:
            for line in interaction_facts.interactions(session, family):
                buckets.add_interaction(*line)
        else:
            _read_contacts(session, buckets, family, today)
        politics = _evidence_and_lines(session, family)
    if account_id not in buckets.accounts:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    return replace(buckets.facts_for(account_id, family), **politics)


def _evidence_and_lines(session: Session, family: Collection[int]) -> dict[str, Any]:
    """What only one family's insights read: evidence, influence lines, review cadences."""
    inside = select(Stakeholder.id).where(Stakeholder.account_id.in_(list(family)))
    lines = select(
        InfluenceLine.from_stakeholder_id,
        InfluenceLine.to_stakeholder_id,
        InfluenceLine.kind,
        InfluenceLine.strength,
    ).where(
        InfluenceLine.from_stakeholder_id.in_(inside), InfluenceLine.to_stakeholder_id.in_(inside)
    )
    cadences = select(Account.id, Account.review_cadence_days).where(Account.id.in_(list(family)))
    return {
        "evidence": tuple(family_evidence(session, family)),
        "lines": tuple(
            LineFacts(*row) for row in session.execute(lines.order_by(InfluenceLine.id))
        ),
        "cadences": tuple(tuple(row) for row in session.execute(cadences.order_by(Account.id))),
    }


def portfolio_facts(db: Database) -> PortfolioFacts:
    """Every account with its family's facts and whole history (one query per table)."""
    with db.read() as session:
        buckets = FactBuckets()
        buckets.load(session, None)
        for line in interaction_facts.interactions(session, None):
            buckets.add_interaction(*line)
        everything = _evidence_and_lines(session, list(buckets.accounts))
    families = families_of(buckets)
    facts = {
        account_id: replace(
            buckets.facts_for(account_id, families[account_id]),
            **_of_family(everything, families[account_id], buckets.person_account),
        )
        for account_id in buckets.accounts
    }
    return PortfolioFacts(accounts=_sorted_accounts(buckets), facts=facts)


def _of_family(
    everything: dict[str, Any], family: Collection[int], person_account: Mapping[int, int]
) -> dict[str, Any]:
    """The evidence, lines and cadences of one family, out of the whole portfolio's."""
    inside = set(family)
    return {
        "evidence": tuple(e for e in everything["evidence"]
                          if person_account.get(e.person_id) in inside),
        "lines": tuple(line for line in everything["lines"]
                       if person_account.get(line.from_id) in inside
                       and person_account.get(line.to_id) in inside),
        "cadences": tuple(pair for pair in everything["cadences"] if pair[0] in inside),
    }  # fmt: skip


def dashboard_facts(
    db: Database, today: date, account_ids: Collection[int] | None = None
) -> tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]:
    """The dashboard's reading of every account (or of some, with their families).

    Args:
        db: the open database.
        today: the day of the analysis: it sets the recent window and the trend's months.
        account_ids: the accounts whose rows to compute (None: all of them).

    Returns:
        The accounts read in name order, and each wanted one's ``AccountTally`` by id: the
        account with its affiliates, counted in a few aggregate queries (``dashboard_tally``).
        The whole portfolio of a file is given from ``dashboard_cache`` while the file has
        not changed since it was last read for the same day; on a team server only the
        accounts written since the last load are counted (``kept_tallies``).
    """
    from keyplan.store.insights.dashboard_cache import cache_of
    from keyplan.store.insights.dashboard_tally import dashboard_tallies

    if db.engine.dialect.name == "postgresql":  # a team server: the tallies kept there
        from keyplan.store.insights.kept_tallies import kept_dashboard_tallies

        kept = kept_dashboard_tallies(db, today, account_ids)
        if kept is not None:
            return kept
    if account_ids is None:  # the whole portfolio: kept while the file has not changed
        cache = cache_of(db)
        if cache is None:
            return dashboard_tallies(db, today, None)
        return cache.reading(today, lambda: dashboard_tallies(db, today, None))
    with db.read() as session:
        read = _families_to_read(session, account_ids)
    accounts, tallies = dashboard_tallies(db, today, read)
    if account_ids is not None:
        tallies = {a: tallies[a] for a in set(account_ids) & set(tallies)}
    return accounts, tallies


def affiliates_below(db: Database, account_id: int) -> int:
    """How many affiliates sit below an account (at any depth)."""
    with db.read() as session:
        return len(umbrella_family_below(session, account_id)) - 1


def _read_contacts(
    session: Session, buckets: FactBuckets, account_ids: Collection[int] | None, today: date
) -> None:
    """Add the recent window's interactions, and a stand-in for each person's older contact.

    The insights read an interaction older than ``RECENT_DAYS`` only for the date it gives
    its people's last contact, so one stand-in per person (negative id, that date) is all the
    older history they need.
    """
    since = today - timedelta(days=RECENT_DAYS)
    for line in interaction_facts.interactions(session, account_ids, since=since, until=today):
        buckets.add_interaction(*line)
    for person_id, on in interaction_facts.last_contacts_before(session, account_ids, since, today):
        account = buckets.person_account.get(person_id)
        if account is not None:
            buckets.add_interaction(-person_id, account, on, (person_id,), ())


# ---- families ------------------------------------------------------------------------------


def _families_to_read(session: Session, account_ids: Collection[int] | None) -> set[int] | None:
    """The accounts to read for some rows: each with every affiliate below it."""
    if account_ids is None:
        return None
    read: set[int] = set()
    for account_id in account_ids:
        if account_id not in read:
            read |= umbrella_family_below(session, account_id)
    return read


def families_of(buckets: FactBuckets) -> dict[int, set[int]]:
    """Each account read, with every affiliate below it (a cycle cannot loop)."""
    return families_below({a.id: a.parent_id for a in buckets.accounts.values()})


def _sorted_accounts(buckets: FactBuckets) -> tuple[PortfolioAccount, ...]:
    return tuple(sorted(buckets.portfolio_rows.values(), key=lambda a: a.name.casefold()))
