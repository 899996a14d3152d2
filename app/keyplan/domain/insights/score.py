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
from keyplan.domain.wording import count_of

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
    """Points lost, the sentence that explains them, and a headline of a few words.

    The headline is what fits a column of the portfolio dashboard ("3/4 decision makers: no
    owner", "Plan review 14 days late"); the sentence is for the tooltip and the reports.
    """

    points_lost: float
    reason: str
    headline: str = ""

    @property
    def short(self) -> str:
        """The headline, or the sentence when there is none."""
        return self.headline or self.reason


@dataclass(frozen=True, slots=True)
class AccountScore:
    """A health score from 0 to 100 and the reasons for every point lost, largest first."""

    value: int
    reasons: tuple[ScoreReason, ...]

    @property
    def top_reason(self) -> str | None:
        """The single biggest reason the score is not 100, or None for a perfect account."""
        return self.reasons[0].reason if self.reasons else None

    def headlines(self, count: int = 2) -> tuple[str, ...]:
        """The headlines of the ``count`` biggest reasons, largest first."""
        return tuple(reason.short for reason in self.reasons[:count])


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
    reasons = [
        ScoreReason(round(loss.points_lost, 1), loss.reason, loss.headline) for loss in found
    ]
    reasons = [reason for reason in reasons if reason.points_lost > 0]
    # Stable sort: equal losses keep the order of WEIGHTS, so the result is deterministic.
    reasons.sort(key=lambda reason: -reason.points_lost)
    return AccountScore(value=value, reasons=tuple(reasons))


def _lose(part: str, fraction: float, reason: str, headline: str = "") -> ScoreReason:
    """Lose a fraction (clamped to 0..1) of one part's weight."""
    return ScoreReason(WEIGHTS[part] * min(1.0, max(0.0, fraction)), reason, headline)


def _decision_makers(health: FindingTally) -> ScoreReason | None:
    if health.key_people == 0:
        reason = "No decision maker or high-influence person identified"
        return _lose("decision_makers", 1, reason, "No decision maker known")
    if health.decision_makers == 0:
        return _lose(
            "decision_makers", 1, "No decision maker identified", "No decision maker known"
        )
    uncovered = health.uncovered_decision_makers
    if not uncovered:
        return None
    single = health.single(FindingKind.UNCOVERED_KEY_PERSON)
    if single is not None:
        reason, headline = single.reason, f"Decision maker {single.who}: no owner"
    else:
        verb = "has" if uncovered == 1 else "have"
        reason = (
            f"{uncovered} of {health.decision_makers} decision makers {verb} no owner "
            "or no working relationship"
        )
        headline = f"{uncovered}/{health.decision_makers} decision makers: no owner"
    fraction = math.sqrt(uncovered / health.decision_makers)
    return _lose("decision_makers", fraction, reason, headline)


def _key_influencers(health: FindingTally) -> ScoreReason | None:
    influencers = health.key_people - health.decision_makers
    uncovered = health.count(FindingKind.UNCOVERED_KEY_PERSON) - health.uncovered_decision_makers
    if influencers <= 0 or uncovered <= 0:
        return None
    single = health.single(FindingKind.UNCOVERED_KEY_PERSON)
    if single is not None:
        reason, headline = single.reason, f"Influencer {single.who}: no owner"
    else:
        noun = "person" if influencers == 1 else "people"
        verb = "has" if uncovered == 1 else "have"
        reason = (
            f"{uncovered} of {influencers} other high-influence {noun} {verb} no owner "
            "or no working relationship"
        )
        headline = f"{uncovered}/{influencers} key influencers: no owner"
    return _lose("key_influencers", math.sqrt(uncovered / influencers), reason, headline)


def _blockers(health: FindingTally) -> ScoreReason | None:
    count = health.count(FindingKind.UNMITIGATED_BLOCKER)
    if not count:
        return None
    single = health.single(FindingKind.UNMITIGATED_BLOCKER)
    if single is not None:
        reason, headline = single.reason, f"Blocker {single.who} not worked on"
    else:
        reason = f"{count} blockers have no open action to win them over"
        if health.key_blockers:
            reason += f", {health.key_blockers} of them key people"
        headline = f"{count} blockers not worked on"
    # A blocker who decides or carries much weight can stop a deal alone.
    lost = health.key_blockers + 0.5 * (count - health.key_blockers)
    return _lose("blockers", lost, reason, headline)


def _champions_left(health: FindingTally) -> ScoreReason | None:
    count = health.count(FindingKind.CHAMPION_LEFT)
    if not count:
        return None
    single = health.single(FindingKind.CHAMPION_LEFT)
    if single is not None:
        reason, headline = single.reason, f"Champion {single.who} has left"
    else:
        reason, headline = f"{count} champions have left the company", f"{count} champions left"
    return _lose("champions_left", count / 2, reason, headline)


def _departments(breadth: Breadth) -> ScoreReason:
    known, engaged = breadth.departments_known, breadth.departments_engaged
    if known == 0:
        reason = "No departments recorded for the people we know"
        return _lose("departments", 1, reason, "No departments recorded")
    verb = "has" if known - engaged == 1 else "have"
    reason = f"{known - engaged} of {known} departments {verb} nobody engaged"
    headline = f"{known - engaged}/{known} departments not engaged"
    return _lose("departments", (known - engaged) / known, reason, headline)


def _senior_levels(breadth: Breadth) -> ScoreReason:
    missing = [level for level in SENIOR_LEVELS if level not in breadth.engaged_levels]
    words = [LEVEL_WORDS[level] for level in missing]
    listed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)
    reason = f"No working relationship at {listed} level"
    return _lose(
        "senior_levels", len(missing) / len(SENIOR_LEVELS), reason, f"Nobody at {listed} level"
    )


def _concentration(concentration: Concentration) -> ScoreReason:
    count = concentration.interaction_count
    if count < MIN_INTERACTIONS:
        noun = "interaction" if count == 1 else "interactions"
        reason = f"Only {count} {noun} in the last {RECENT_DAYS} days"
        headline = f"Only {count} {noun} in {RECENT_DAYS} days"
        if count == 0:
            reason = f"No interactions in the last {RECENT_DAYS} days"
            headline = f"No contact in {RECENT_DAYS} days"
        return _lose("concentration", 1, reason, headline)
    if concentration.single_threaded:
        who = concentration.top_person_name or "one person"
        reason = f"Single-threaded: {concentration.top1_share:.0%} of recent contact went to {who}"
        headline = f"Single-threaded through {who}"
    else:
        reason = (
            f"Recent contact concentrated: the top three people got "
            f"{concentration.top3_share:.0%} of it"
        )
        headline = f"Top 3 people get {concentration.top3_share:.0%} of contact"
    excess = (concentration.herfindahl - HEALTHY_HHI) / (1 - HEALTHY_HHI)
    return _lose("concentration", excess, reason, headline)


def _stale(health: FindingTally) -> ScoreReason | None:
    stale = health.count(FindingKind.STALE)
    if not stale or health.warm_people == 0:
        return None
    single = health.single(FindingKind.STALE)
    if single is not None:
        # Never met is not "not met for too long": the words the map and the SVG use too.
        when = "never contacted" if single.never_contacted else "not met for too long"
        reason, headline = single.reason, f"{single.who} {when}"
    else:
        reason = (
            f"{stale} of {health.warm_people} relationships we keep warm are overdue "
            f"or were never contacted"
        )
        headline = f"{stale}/{health.warm_people} overdue or never met"  # fits the column
    return _lose("stale", stale / health.warm_people, reason, headline)


def _promises_overdue(promises: PromiseKeeping) -> ScoreReason | None:
    overdue = promises.overdue
    if not overdue:
        return None
    worst = overdue[0]
    if len(overdue) == 1:
        reason = f"Promise overdue by {worst.days_late} days: {worst.promise}"
        headline = f"Promise {count_of(worst.days_late, 'day')} overdue"
    else:
        reason = f"{len(overdue)} promises overdue, the latest by {worst.days_late} days"
        headline = f"{len(overdue)} promises overdue"
    weight = WEIGHTS["promises_overdue"]
    lost = len(overdue) * OVERDUE_PROMISE_COST / weight
    return _lose("promises_overdue", lost, reason, headline)


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
    headline = f"{' and '.join(parts).capitalize()} of {record.settled} promises"
    lost = (record.broken + 0.5 * record.kept_late) / record.settled
    return _lose("promises_broken", lost, reason, headline)


def _plan_freshness(freshness: PlanFreshness) -> ScoreReason | None:
    if freshness.never_reviewed:
        return _lose("plan_freshness", 1, freshness.reason, "Plan never reviewed")
    if not freshness.overdue_days:
        return None
    fraction = freshness.overdue_days / freshness.cadence_days
    headline = f"Plan review {count_of(freshness.overdue_days, 'day')} late"
    return _lose("plan_freshness", fraction, freshness.reason, headline)


def _team(breadth: Breadth) -> ScoreReason:
    """Fewer than ``TEAM_TARGET`` of us engaged: say who is assigned and who met no one yet."""
    count = breadth.team_members_engaged
    idle = breadth.idle_team_names
    lost = (TEAM_TARGET - count) / TEAM_TARGET
    if idle:
        return _lose("team", lost, *_idle_team_words(breadth, idle))
    if count == 0:
        reason = f"Nobody on our team met the customer in {RECENT_DAYS} days or owns a relationship"
        headline = "No one on our team engaged"
    else:
        who = "team member works" if count == 1 else "team members work"
        reason = f"Only {count} {who} this account; aim for {TEAM_TARGET}"
        headline = f"Only {count_of(count, 'team member')} engaged"
    return _lose("team", lost, reason, headline)


def _idle_team_words(breadth: Breadth, idle: tuple[str, ...]) -> tuple[str, str]:
    """ "3 team members are assigned; Sofie has not met anyone at the account in 90 days"."""
    assigned = breadth.team_members_assigned
    are = "is" if assigned == 1 else "are"
    names = _names_listed(idle)
    has = "has" if len(idle) == 1 else "have"
    reason = (
        f"{count_of(assigned, 'team member')} {are} assigned; {names} {has} not met anyone"
        f" at the account in {RECENT_DAYS} days"
    )
    working = breadth.team_members_engaged + len(idle)
    if working < TEAM_TARGET:
        reason += f"; aim for {TEAM_TARGET} working it"
    if len(idle) == 1:
        headline = f"{idle[0]}: no meeting in {RECENT_DAYS} days"
    else:
        headline = f"{len(idle)} of {assigned} assigned: no meeting"
    return reason, headline


def _names_listed(names: tuple[str, ...], shown: int = 3) -> str:
    """ "Sofie", "Sofie and Jan", "Ana, Jan and Sofie", "Ana, Jan, Sofie and 2 more"."""
    if len(names) == 1:
        return names[0]
    if len(names) <= shown:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


def _offerings(breadth: Breadth) -> ScoreReason:
    count = breadth.offerings_discussed
    if count == 0:
        reason, headline = "No offering areas discussed with the customer", "No offerings discussed"
    else:
        reason = f"Only {count} offering area discussed; aim for {OFFERINGS_TARGET}"
        headline = f"Only {count_of(count, 'offering')} discussed"
    return _lose("offerings", (OFFERINGS_TARGET - count) / OFFERINGS_TARGET, reason, headline)
