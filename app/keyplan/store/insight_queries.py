"""The facts the insights read: for one account family, and for the portfolio dashboard.

``account_facts`` reads one family (an account and every affiliate below it) with its whole
history: what the Insights tab, the command line and the PDF analyse. ``dashboard_facts``
reads every account at once in a handful of aggregate queries, for the dashboard's health
scores: the recent window's interactions in full, older contact as each person's last contact
(all the insights ever ask of it), and the monthly trend as counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from keyplan.domain.errors import NotFound
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.facts import AccountFacts
from keyplan.domain.insights.summary import TREND_MONTHS
from keyplan.store import interaction_facts
from keyplan.store.database import Database
from keyplan.store.fact_buckets import FactBuckets, PortfolioAccount
from keyplan.store.queries import umbrella_family_below

__all__ = [
    "DashboardFacts",
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


@dataclass(frozen=True, slots=True)
class DashboardFacts:
    """What the dashboard analyses of one account family.

    Attributes:
        facts: the family's facts, its interactions summed up: the recent window's in full,
            before that only each person's last contact. Every insight reads the same from
            them as from the whole history.
        interactions_by_month: interactions logged on the family's accounts per calendar
            month, oldest first, ``TREND_MONTHS`` of them ending with this month.
        last_interaction_on: the latest interaction logged on the family or held with its
            people, up to today.
    """

    facts: AccountFacts
    interactions_by_month: tuple[int, ...]
    last_interaction_on: date | None


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
    if account_id not in buckets.accounts:
        raise NotFound(f"That account no longer exists (id {account_id}).")
    return buckets.facts_for(account_id, family)


def portfolio_facts(db: Database) -> PortfolioFacts:
    """Every account with its family's facts and whole history (one query per table)."""
    with db.read() as session:
        buckets = FactBuckets()
        buckets.load(session, None)
        for line in interaction_facts.interactions(session, None):
            buckets.add_interaction(*line)
    families = _families(buckets)
    facts = {account_id: buckets.facts_for(account_id, families[account_id])
             for account_id in buckets.accounts}  # fmt: skip
    return PortfolioFacts(accounts=_sorted_accounts(buckets), facts=facts)


def dashboard_facts(
    db: Database, today: date, account_ids: Collection[int] | None = None
) -> tuple[tuple[PortfolioAccount, ...], dict[int, DashboardFacts]]:
    """The dashboard's facts of every account (or of some, with their families).

    Args:
        db: the open database.
        today: the day of the analysis: it sets the recent window and the trend's months.
        account_ids: the accounts whose rows to compute (None: all of them).

    Returns:
        The accounts in name order, and each one's ``DashboardFacts`` by id.
    """
    with db.read() as session:
        read = _families_to_read(session, account_ids)
        buckets = FactBuckets()
        buckets.load(session, read)
        _read_contacts(session, buckets, read, today)
        months = _monthly(interaction_facts.monthly_counts(session, read, today), today)
    families = _families(buckets)
    wanted = buckets.accounts if account_ids is None else set(account_ids) & set(buckets.accounts)
    return _sorted_accounts(buckets), {
        account_id: _dashboard_facts(buckets, families[account_id], account_id, months)
        for account_id in wanted
    }


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


def _families(buckets: FactBuckets) -> dict[int, set[int]]:
    """Each account read, with every affiliate below it (a cycle cannot loop)."""
    children: dict[int, list[int]] = defaultdict(list)
    for account in buckets.accounts.values():
        if account.parent_id is not None:
            children[account.parent_id].append(account.id)
    families = {}
    for account_id in buckets.accounts:
        family: set[int] = set()
        stack = [account_id]
        while stack:
            current = stack.pop()
            if current not in family:
                family.add(current)
                stack.extend(children.get(current, ()))
        families[account_id] = family
    return families


def _sorted_accounts(buckets: FactBuckets) -> tuple[PortfolioAccount, ...]:
    return tuple(sorted(buckets.portfolio_rows.values(), key=lambda a: a.name.casefold()))


# ---- the trend -----------------------------------------------------------------------------

_Months = dict[int, tuple[dict[int, int], date | None]]


def _monthly(rows: object, today: date) -> _Months:
    """Account id -> (counts by month offset, 0 = this month; the last logged interaction)."""
    this_month = today.year * 12 + today.month - 1
    months: _Months = {}
    for account_id, month_text, count, last in rows:  # type: ignore[attr-defined]
        counts, latest = months.get(account_id, ({}, None))
        offset = this_month - (int(month_text[:4]) * 12 + int(month_text[5:7]) - 1)
        if 0 <= offset < TREND_MONTHS:
            counts[offset] = counts.get(offset, 0) + count
        months[account_id] = (counts, last if latest is None or last > latest else latest)
    return months


def _dashboard_facts(
    buckets: FactBuckets, family: set[int], account_id: int, months: _Months
) -> DashboardFacts:
    facts = buckets.facts_for(account_id, family)
    trend = [0] * TREND_MONTHS
    logged: list[date] = []
    for member in family:
        counts, last = months.get(member, ({}, None))
        for offset, count in counts.items():
            trend[TREND_MONTHS - 1 - offset] += count
        if last is not None:
            logged.append(last)
    # The stand-ins carry each person's last contact, so the family's latest contact is here.
    contacts = [interaction.on for interaction in facts.interactions]
    return DashboardFacts(facts, tuple(trend), max(logged + contacts, default=None))
