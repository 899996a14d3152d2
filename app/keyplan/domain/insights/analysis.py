"""Every insight of one account in one pass: what the dashboard and the plan call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.insights.concentration import Concentration, contact_concentration
from keyplan.domain.insights.contacts import contact_log
from keyplan.domain.insights.coverage import Coverage, coverage_grid
from keyplan.domain.insights.doubts import DoubtFinding, doubt_findings
from keyplan.domain.insights.facts import AccountFacts
from keyplan.domain.insights.freshness import PlanFreshness, plan_freshness
from keyplan.domain.insights.health import RelationshipHealth, relationship_health
from keyplan.domain.insights.next_contacts import (
    DEFAULT_LIMIT,
    ContactSuggestion,
    WeeklyNudge,
    plan_contacts,
)
from keyplan.domain.insights.politics import PoliticsFinding, politics_findings
from keyplan.domain.insights.promises import PromiseKeeping, promise_keeping
from keyplan.domain.insights.score import AccountScore, account_score
from keyplan.domain.insights.seats import SeatFinding, vacant_decision_seats
from keyplan.domain.insights.tally import finding_tally


@dataclass(frozen=True, slots=True)
class AccountInsights:
    """All insights of one account, computed for one day."""

    account_id: int
    account_name: str
    today: date
    coverage: Coverage
    concentration: Concentration
    health: RelationshipHealth
    promises: PromiseKeeping
    freshness: PlanFreshness
    next_contacts: tuple[ContactSuggestion, ...]
    nudge: WeeklyNudge | None
    score: AccountScore
    open_seats: tuple[SeatFinding, ...] = ()  # decision makers' seats nobody holds
    #: Not scored: what the ratings lack in evidence, and what the informal lines say.
    doubts: tuple[DoubtFinding, ...] = ()
    politics: tuple[PoliticsFinding, ...] = ()


def analyse_account(
    facts: AccountFacts, today: date, *, contact_limit: int = DEFAULT_LIMIT
) -> AccountInsights:
    """Compute every insight of an account, reading its interactions only once.

    The contact log (last contact per person, the recent window) and the coverage grid are
    built once and shared, so the cost grows linearly with people + interactions + promises.

    Args:
        facts: everything known about the account.
        today: the date of the analysis.
        contact_limit: how many next best contacts to suggest.

    Returns:
        Coverage, concentration, relationship health, promise-keeping, plan freshness, the next
        best contacts, this week's nudge and the health score with its reasons.
    """
    log = contact_log(facts, today)
    grid = coverage_grid(facts, today, log=log)
    ruts = contact_concentration(facts, today, log=log)
    health = relationship_health(facts, today, log=log)
    promises = promise_keeping(facts, today)
    freshness = plan_freshness(facts, today)
    next_contacts, nudge = plan_contacts(facts, today, limit=contact_limit, grid=grid, log=log)
    return AccountInsights(
        account_id=facts.id,
        account_name=facts.name,
        today=today,
        coverage=grid,
        concentration=ruts,
        health=health,
        promises=promises,
        freshness=freshness,
        next_contacts=next_contacts,
        nudge=nudge,
        score=account_score(
            breadth=grid.breadth,
            concentration=ruts,
            health=finding_tally(health, facts.people),
            promises=promises,
            freshness=freshness,
        ),
        open_seats=vacant_decision_seats(facts.open_seats),
        doubts=doubt_findings(facts, today),
        politics=politics_findings(facts, today),
    )
