"""The account health score: 100 minus the points each problem costs, always with its reasons.

A bare number tells a director nothing; the score is only a way to sort the portfolio, and
the reasons (largest first) say where the points went. Each part of ``WEIGHTS`` is lost in
proportion to how bad that part is:

- key_people: share of decision makers / high-influence people uncovered (all of it when
  none is known at all);
- departments: share of known departments with nobody engaged;
- senior_levels: a third for each of board, VP and director with nobody engaged;
- concentration: Herfindahl index above ``HEALTHY_HHI`` (about five equally served people),
  scaled to 1; all of it with fewer than ``MIN_INTERACTIONS`` recent interactions;
- stale: share of the relationships we keep warm that have gone stale;
- promises_overdue: ``OVERDUE_PROMISE_COST`` per overdue promise, up to the weight;
- plan_freshness: all of it when never reviewed, else days overdue / cadence (capped);
- team, offerings: shortfall against ``TEAM_TARGET`` team members and ``OFFERINGS_TARGET``
  offering areas;
- blockers, champions_left: half the weight for each unmitigated blocker / departed champion;
- promises_broken: share of settled promises broken (a late one counts half).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from keyplan.domain.insights.concentration import MIN_INTERACTIONS, Concentration
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.coverage import Coverage
from keyplan.domain.insights.freshness import PlanFreshness
from keyplan.domain.insights.health import FindingKind, RelationshipHealth
from keyplan.domain.insights.people import LEVEL_WORDS
from keyplan.domain.insights.promises import PromiseKeeping
from keyplan.domain.vocabulary import Level

#: Points each part of account health is worth; they add up to 100.
WEIGHTS = MappingProxyType(
    {
        "key_people": 15,
        "departments": 10,
        "senior_levels": 10,
        "concentration": 10,
        "stale": 10,
        "promises_overdue": 10,
        "plan_freshness": 10,
        "team": 5,
        "offerings": 5,
        "blockers": 5,
        "champions_left": 5,
        "promises_broken": 5,
    }
)

HEALTHY_HHI = 0.2
OVERDUE_PROMISE_COST = 4.0
TEAM_TARGET = 3
OFFERINGS_TARGET = 2
SENIOR_LEVELS = (Level.C_LEVEL, Level.VP, Level.DIRECTOR)


class ScoreReason(NamedTuple):
    """Points lost and the sentence that explains them."""

    points_lost: float
    reason: str


@dataclass(frozen=True, slots=True)
class AccountScore:
    """A health score from 0 to 100 and the reasons for every point lost, largest first."""

    value: int
    reasons: tuple[ScoreReason, ...]

    @property
    def top_reason(self) -> str | None:
        """The single biggest reason the score is not 100, or None for a perfect account."""
        return self.reasons[0].reason if self.reasons else None


def account_score(
    *,
    grid: Coverage,
    concentration: Concentration,
    health: RelationshipHealth,
    promises: PromiseKeeping,
    freshness: PlanFreshness,
) -> AccountScore:
    """Combine the insights of one account into a score with reasons.

    Args:
        grid: the coverage of the account.
        concentration: how concentrated recent contact is.
        health: the relationship findings.
        promises: the promise-keeping record.
        freshness: the plan's review freshness.

    Returns:
        The score (100 minus the points lost, rounded, never below 0) and its reasons.
    """
    losses = [
        _key_people(health),
        _departments(grid),
        _senior_levels(grid),
        _concentration(concentration),
        _stale(health),
        _promises_overdue(promises),
        _plan_freshness(freshness),
        _team(grid),
        _offerings(grid),
        _per_finding(
            health,
            FindingKind.UNMITIGATED_BLOCKER,
            "blockers",
            "blockers have no open action to win them over",
        ),
        _per_finding(
            health, FindingKind.CHAMPION_LEFT, "champions_left", "champions have left the company"
        ),
        _promises_broken(promises),
    ]
    found = [loss for loss in losses if loss is not None]
    value = max(0, round(100 - sum(loss.points_lost for loss in found)))
    # A loss that rounds to 0.0 points is float dust (an HHI of 0.2000000001), not a reason.
    reasons = [ScoreReason(round(loss.points_lost, 1), loss.reason) for loss in found]
    reasons = [reason for reason in reasons if reason.points_lost > 0]
    # Stable sort: equal losses keep the order of WEIGHTS, so the result is deterministic.
    reasons.sort(key=lambda reason: -reason.points_lost)
    return AccountScore(value=value, reasons=tuple(reasons))


def _lose(part: str, fraction: float, reason: str) -> ScoreReason:
    """Lose a fraction (clamped to 0..1) of one part's weight."""
    return ScoreReason(WEIGHTS[part] * min(1.0, max(0.0, fraction)), reason)


def _key_people(health: RelationshipHealth) -> ScoreReason:
    if health.key_people == 0:
        return _lose("key_people", 1, "No decision maker or high-influence person identified")
    uncovered = [f for f in health.findings if f.kind is FindingKind.UNCOVERED_KEY_PERSON]
    if len(uncovered) == 1:
        reason = uncovered[0].reason
    else:
        reason = (
            f"{len(uncovered)} of {health.key_people} key people have no owner "
            "or no working relationship"
        )
    return _lose("key_people", len(uncovered) / health.key_people, reason)


def _departments(grid: Coverage) -> ScoreReason:
    known, engaged = grid.breadth.departments_known, grid.breadth.departments_engaged
    if known == 0:
        return _lose("departments", 1, "No departments recorded for the people we know")
    reason = f"{known - engaged} of {known} departments have nobody engaged"
    return _lose("departments", (known - engaged) / known, reason)


def _senior_levels(grid: Coverage) -> ScoreReason:
    missing = [level for level in SENIOR_LEVELS if level not in grid.breadth.engaged_levels]
    words = [LEVEL_WORDS[level] for level in missing]
    listed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)
    reason = f"No working relationship at {listed} level"
    return _lose("senior_levels", len(missing) / len(SENIOR_LEVELS), reason)


def _concentration(concentration: Concentration) -> ScoreReason:
    count = concentration.interaction_count
    if count < MIN_INTERACTIONS:
        noun = "interaction" if count == 1 else "interactions"
        reason = f"Only {count} {noun} in the last {RECENT_DAYS} days"
        if count == 0:
            reason = f"No interactions in the last {RECENT_DAYS} days"
        return _lose("concentration", 1, reason)
    if concentration.single_threaded:
        reason = (
            f"Single-threaded: {concentration.top1_share:.0%} of recent contact went to "
            f"{concentration.top_person_name or 'one person'}"
        )
    else:
        reason = (
            f"Recent contact concentrated: the top three people got "
            f"{concentration.top3_share:.0%} of it"
        )
    excess = (concentration.herfindahl - HEALTHY_HHI) / (1 - HEALTHY_HHI)
    return _lose("concentration", excess, reason)


def _stale(health: RelationshipHealth) -> ScoreReason | None:
    stale = [f for f in health.findings if f.kind is FindingKind.STALE]
    if not stale or health.warm_people == 0:
        return None
    if len(stale) == 1:
        reason = stale[0].reason
    else:
        reason = f"{len(stale)} of {health.warm_people} relationships have gone stale"
    return _lose("stale", len(stale) / health.warm_people, reason)


def _promises_overdue(promises: PromiseKeeping) -> ScoreReason | None:
    overdue = promises.overdue
    if not overdue:
        return None
    worst = overdue[0]
    if len(overdue) == 1:
        reason = f"Promise overdue by {worst.days_late} days: {worst.promise}"
    else:
        reason = f"{len(overdue)} promises overdue, the latest by {worst.days_late} days"
    weight = WEIGHTS["promises_overdue"]
    return _lose("promises_overdue", len(overdue) * OVERDUE_PROMISE_COST / weight, reason)


def _promises_broken(promises: PromiseKeeping) -> ScoreReason | None:
    record = promises.account
    if record.settled == 0 or record.broken + record.kept_late == 0:
        return None
    parts = []
    if record.broken:
        parts.append(f"{record.broken} broken")
    if record.kept_late:
        parts.append(f"{record.kept_late} kept late")
    reason = f"Of {record.settled} settled promises, {' and '.join(parts)}"
    lost = (record.broken + 0.5 * record.kept_late) / record.settled
    return _lose("promises_broken", lost, reason)


def _plan_freshness(freshness: PlanFreshness) -> ScoreReason | None:
    if freshness.never_reviewed:
        return _lose("plan_freshness", 1, freshness.reason)
    if not freshness.overdue_days:
        return None
    return _lose(
        "plan_freshness", freshness.overdue_days / freshness.cadence_days, freshness.reason
    )


def _team(grid: Coverage) -> ScoreReason:
    count = grid.breadth.team_members_engaged
    if count == 0:
        reason = f"Nobody on our team met the customer in {RECENT_DAYS} days or owns a relationship"
    else:
        who = "team member works" if count == 1 else "team members work"
        reason = f"Only {count} {who} this account; aim for {TEAM_TARGET}"
    return _lose("team", (TEAM_TARGET - count) / TEAM_TARGET, reason)


def _offerings(grid: Coverage) -> ScoreReason:
    count = grid.breadth.offerings_discussed
    reason = (
        "No offering areas discussed with the customer"
        if count == 0
        else f"Only {count} offering area discussed; aim for {OFFERINGS_TARGET}"
    )
    return _lose("offerings", (OFFERINGS_TARGET - count) / OFFERINGS_TARGET, reason)


def _per_finding(
    health: RelationshipHealth, kind: FindingKind, part: str, many: str
) -> ScoreReason | None:
    """Half the part's weight per finding of a kind; one finding speaks for itself."""
    found = [f for f in health.findings if f.kind is kind]
    if not found:
        return None
    reason = found[0].reason if len(found) == 1 else f"{len(found)} {many}"
    return _lose(part, len(found) / 2, reason)
