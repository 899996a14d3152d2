"""One account as the portfolio dashboard shows it: the score and what the row needs.

The dashboard analyses every account at once, so it skips what only the Insights tab shows (the
ranked next best contacts, the weekly nudge), which would cost as much as everything else
together. Everything it does compute comes from the same functions as ``analyse_account``, so
the dashboard and the Insights tab always agree on the score and its reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.insights.concentration import Concentration, contact_concentration
from keyplan.domain.insights.contacts import contact_log
from keyplan.domain.insights.coverage import Breadth, coverage_grid
from keyplan.domain.insights.facts import AccountFacts, InteractionFacts
from keyplan.domain.insights.freshness import PlanFreshness, plan_freshness
from keyplan.domain.insights.health import relationship_health
from keyplan.domain.insights.promises import PromiseRecord, promise_keeping
from keyplan.domain.insights.score import AccountScore, account_score
from keyplan.domain.insights.seats import vacant_decision_seats
from keyplan.domain.insights.tally import (
    AccountTally,
    FindingTally,
    finding_tally,
    tally_breadth,
    tally_concentration,
    tally_plan_facts,
)

#: How many months the interaction trend covers, this month included.
TREND_MONTHS = 12


@dataclass(frozen=True, slots=True)
class AccountSummary:
    """What one row of the portfolio dashboard says about an account.

    Attributes:
        interactions_by_month: interactions per calendar month, oldest first, ending with the
            month of the analysis (``TREND_MONTHS`` values).
        last_interaction_on: the latest interaction on or before the day of the analysis.
    """

    account_id: int
    account_name: str
    today: date
    score: AccountScore
    breadth: Breadth
    concentration: Concentration
    health: FindingTally
    promises: PromiseRecord
    freshness: PlanFreshness
    last_interaction_on: date | None
    interactions_by_month: tuple[int, ...]
    vacant_seats: tuple[str, ...] = ()  # titles of open decision makers' seats

    @property
    def days_since_last_interaction(self) -> int | None:
        """Days since anybody on our side last met the customer, or None if never."""
        last = self.last_interaction_on
        return None if last is None else (self.today - last).days


def summarise_account(
    facts: AccountFacts,
    today: date,
    *,
    trend: tuple[int, ...] | None = None,
    last_interaction_on: date | None = None,
) -> AccountSummary:
    """Compute the dashboard row of an account: the health score with its reasons and the rest.

    Args:
        facts: everything known about the account.
        today: the date of the analysis.
        trend: interactions per month when the caller counted them (the store can, without
            handing over every interaction); then ``last_interaction_on`` is taken as given too.
        last_interaction_on: the latest interaction, read with ``trend``.

    Returns:
        The score (identical to ``analyse_account``'s), breadth, concentration, findings,
        promise record, plan freshness, last interaction and the monthly trend.
    """
    log = contact_log(facts, today)
    grid = coverage_grid(facts, today, log=log)
    ruts = contact_concentration(facts, today, log=log)
    health = finding_tally(relationship_health(facts, today, log=log), facts.people)
    promises = promise_keeping(facts, today)
    freshness = plan_freshness(facts, today)
    score = account_score(
        breadth=grid.breadth,
        concentration=ruts,
        health=health,
        promises=promises,
        freshness=freshness,
    )
    return AccountSummary(
        account_id=facts.id,
        account_name=facts.name,
        today=today,
        score=score,
        breadth=grid.breadth,
        concentration=ruts,
        health=health,
        promises=promises.account,
        freshness=freshness,
        last_interaction_on=_last_interaction(facts.interactions, today)
        if trend is None
        else last_interaction_on,
        interactions_by_month=interactions_by_month(facts.interactions, today)
        if trend is None
        else tuple(trend),
        vacant_seats=tuple(f.title for f in vacant_decision_seats(facts.open_seats)),
    )


def summarise_tally(tally: AccountTally, today: date) -> AccountSummary:
    """The dashboard row of an account the store has counted (see ``tally``).

    Gives the same summary as ``summarise_account`` on the account's full facts, at a
    fraction of the cost: nothing here is per person.
    """
    breadth = tally_breadth(tally)
    ruts = tally_concentration(tally)
    plan_facts = tally_plan_facts(tally)
    promises = promise_keeping(plan_facts, today)
    freshness = plan_freshness(plan_facts, today)
    score = account_score(
        breadth=breadth,
        concentration=ruts,
        health=tally.findings,
        promises=promises,
        freshness=freshness,
    )
    return AccountSummary(
        account_id=tally.id,
        account_name=tally.name,
        today=today,
        score=score,
        breadth=breadth,
        concentration=ruts,
        health=tally.findings,
        promises=promises.account,
        freshness=freshness,
        last_interaction_on=tally.last_interaction_on,
        interactions_by_month=tally.interactions_by_month,
        vacant_seats=tally.vacant_seats,
    )


def _last_interaction(interactions: tuple[InteractionFacts, ...], today: date) -> date | None:
    """The latest interaction not in the future (a planned meeting is not contact yet)."""
    return max((i.on for i in interactions if i.on <= today), default=None)


def interactions_by_month(
    interactions: tuple[InteractionFacts, ...], today: date, months: int = TREND_MONTHS
) -> tuple[int, ...]:
    """Count interactions per calendar month, for the ``months`` months ending with today's.

    Args:
        interactions: the account's interactions, in any order.
        today: the last day counted; later (planned) interactions are left out.
        months: how many months to count.

    Returns:
        One count per month, oldest first.
    """
    this_month = today.year * 12 + today.month - 1
    first_month = this_month - months + 1
    counts = [0] * months
    for interaction in interactions:
        on = interaction.on
        month = on.year * 12 + on.month - 1
        if first_month <= month <= this_month and on <= today:
            counts[month - first_month] += 1
    return tuple(counts)
