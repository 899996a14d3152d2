"""The account health score: 100 minus the points each problem costs, always with its reasons.

A bare number tells a director nothing; the score is only a way to sort the portfolio, and
the reasons (largest first) say where the points went. Each part of ``WEIGHTS`` is lost in
proportion to how bad that part is.

The weights follow how an experienced account director judges an account: the people who
decide come first. A decision maker nobody owns, a highly influential blocker nobody works on,
are what loses deals; a missing offering area or a small team is a wish, not an emergency.
So:

- decision_makers: the square root of the share of decision makers with no owner or no
  working relationship: the first gaps hurt most (1 of 4 uncovered already costs half the
  weight, all of them the whole); all of it when no decision maker is known at all;
- key_influencers: the same for the other high-influence people;
- blockers: all of the weight for an unmitigated blocker who decides or has high influence,
  half for any other, up to the weight;
- stale: share of the relationships we keep warm that have gone stale;
- concentration: Herfindahl index above ``HEALTHY_HHI`` (about five equally served people),
  scaled to 1; all of it with fewer than ``MIN_INTERACTIONS`` recent interactions;
- promises_overdue: ``OVERDUE_PROMISE_COST`` per overdue promise, up to the weight;
- departments: share of known departments with nobody engaged;
- senior_levels: a third for each of board, VP and director with nobody engaged;
- plan_freshness: all of it when never reviewed, else days overdue / cadence (capped);
- champions_left: half the weight for each champion who has left;
- team, offerings: shortfall against ``TEAM_TARGET`` team members and ``OFFERINGS_TARGET``
  offering areas;
- promises_broken: share of settled promises broken (a late one counts half).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from keyplan.domain.insights.concentration import MIN_INTERACTIONS, Concentration
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.coverage import Breadth
from keyplan.domain.insights.freshness import PlanFreshness
from keyplan.domain.insights.health import FindingKind
from keyplan.domain.insights.people import LEVEL_WORDS
from keyplan.domain.insights.promises import PromiseKeeping
from keyplan.domain.insights.tally import FindingTally
from keyplan.domain.vocabulary import Level

#: Points each part of account health is worth; they add up to 100.
WEIGHTS = MappingProxyType(
    {
        "decision_makers": 22,
        "key_influencers": 10,
        "blockers": 12,
        "stale": 10,
        "concentration": 8,
        "promises_overdue": 8,
        "departments": 6,
        "senior_levels": 6,
        "plan_freshness": 6,
        "champions_left": 5,
        "team": 3,
        "offerings": 2,
        "promises_broken": 2,
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
    breadth: Breadth,
    concentration: Concentration,
    health: FindingTally,
    promises: PromiseKeeping,
    freshness: PlanFreshness,
) -> AccountScore:
    """Combine the insights of one account into a score with reasons.

    Args:
        breadth: the coverage breadth of the account.
        concentration: how concentrated recent contact is.
        health: the relationship findings, counted (``finding_tally``).
        promises: the promise-keeping record.
        freshness: the plan's review freshness.

    Returns:
        The score (100 minus the points lost, rounded, never below 0) and its reasons.
    """
    losses = [
        _decision_makers(health),
        _key_influencers(health),
        _blockers(health),
        _stale(health),
        _concentration(concentration),
        _promises_overdue(promises),
        _departments(breadth),
        _senior_levels(breadth),
        _plan_freshness(freshness),
        _champions_left(health),
        _team(breadth),
        _offerings(breadth),
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


def _decision_makers(health: FindingTally) -> ScoreReason | None:
    if health.key_people == 0:
        return _lose("decision_makers", 1, "No decision maker or high-influence person identified")
    if health.decision_makers == 0:
        return _lose("decision_makers", 1, "No decision maker identified")
    uncovered = health.uncovered_decision_makers
    if not uncovered:
        return None
    single = health.single(FindingKind.UNCOVERED_KEY_PERSON)
    if single is not None:
        reason = single.reason
    else:
        verb = "has" if uncovered == 1 else "have"
        reason = (
            f"{uncovered} of {health.decision_makers} decision makers {verb} no owner "
            "or no working relationship"
        )
    return _lose("decision_makers", math.sqrt(uncovered / health.decision_makers), reason)


def _key_influencers(health: FindingTally) -> ScoreReason | None:
    influencers = health.key_people - health.decision_makers
    uncovered = health.count(FindingKind.UNCOVERED_KEY_PERSON) - health.uncovered_decision_makers
    if influencers <= 0 or uncovered <= 0:
        return None
    single = health.single(FindingKind.UNCOVERED_KEY_PERSON)
    if single is not None:
        reason = single.reason
    else:
        noun = "person" if influencers == 1 else "people"
        verb = "has" if uncovered == 1 else "have"
        reason = (
            f"{uncovered} of {influencers} other high-influence {noun} {verb} no owner "
            "or no working relationship"
        )
    return _lose("key_influencers", math.sqrt(uncovered / influencers), reason)


def _blockers(health: FindingTally) -> ScoreReason | None:
    count = health.count(FindingKind.UNMITIGATED_BLOCKER)
    if not count:
        return None
    single = health.single(FindingKind.UNMITIGATED_BLOCKER)
    if single is not None:
        reason = single.reason
    else:
        reason = f"{count} blockers have no open action to win them over"
        if health.key_blockers:
            reason += f", {health.key_blockers} of them key people"
    # A blocker who decides or carries much weight can stop a deal alone.
    lost = health.key_blockers + 0.5 * (count - health.key_blockers)
    return _lose("blockers", lost, reason)


def _champions_left(health: FindingTally) -> ScoreReason | None:
    count = health.count(FindingKind.CHAMPION_LEFT)
    if not count:
        return None
    single = health.single(FindingKind.CHAMPION_LEFT)
    reason = single.reason if single is not None else f"{count} champions have left the company"
    return _lose("champions_left", count / 2, reason)


def _departments(breadth: Breadth) -> ScoreReason:
    known, engaged = breadth.departments_known, breadth.departments_engaged
    if known == 0:
        return _lose("departments", 1, "No departments recorded for the people we know")
    reason = f"{known - engaged} of {known} departments have nobody engaged"
    return _lose("departments", (known - engaged) / known, reason)


def _senior_levels(breadth: Breadth) -> ScoreReason:
    missing = [level for level in SENIOR_LEVELS if level not in breadth.engaged_levels]
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


def _stale(health: FindingTally) -> ScoreReason | None:
    stale = health.count(FindingKind.STALE)
    if not stale or health.warm_people == 0:
        return None
    single = health.single(FindingKind.STALE)
    if single is not None:
        reason = single.reason
    else:
        reason = f"{stale} of {health.warm_people} relationships have gone stale"
    return _lose("stale", stale / health.warm_people, reason)


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


def _team(breadth: Breadth) -> ScoreReason:
    count = breadth.team_members_engaged
    if count == 0:
        reason = f"Nobody on our team met the customer in {RECENT_DAYS} days or owns a relationship"
    else:
        who = "team member works" if count == 1 else "team members work"
        reason = f"Only {count} {who} this account; aim for {TEAM_TARGET}"
    return _lose("team", (TEAM_TARGET - count) / TEAM_TARGET, reason)


def _offerings(breadth: Breadth) -> ScoreReason:
    count = breadth.offerings_discussed
    reason = (
        "No offering areas discussed with the customer"
        if count == 0
        else f"Only {count} offering area discussed; aim for {OFFERINGS_TARGET}"
    )
    return _lose("offerings", (OFFERINGS_TARGET - count) / OFFERINGS_TARGET, reason)
