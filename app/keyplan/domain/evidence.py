"""Evidence behind a person's ratings, and when a rating is uncertain.

A stance, an influence level, a buying role or a relationship strength is a judgement. A
piece of evidence says what was seen or said that supports it, when, by whom of ours, from
where (a logged meeting, an e-mail, second hand) and how sure we are. Each piece is recorded
for the value the rating had then (``rated_as``): evidence that Dana was a supporter says
nothing about the "blocker" somebody typed in later.

A rating is **uncertain** when it claims something (a stance other than unknown, a buying
role other than none, an influence level, any relationship) and no evidence for its current
value is newer than the account's review cadence: what nobody has seen since the last review
is a guess, whatever it once was. The map, the findings and the plans all ask this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from keyplan.domain.errors import RuleViolation
from keyplan.domain.plan_vocabulary import Confidence, EvidenceSource, RatedField
from keyplan.domain.vocabulary import BuyingRole, Influence, Stance, Strength

#: Quarterly, when the account has no review cadence of its own (as the plan's freshness).
DEFAULT_CADENCE_DAYS = 90

#: The longest text of one piece of evidence: a sentence or two, not the minutes.
MAX_OBSERVED_LENGTH = 500


#: Each rating's vocabulary, to check what a piece of evidence says it was rated as.
RATING_CHOICES: dict[RatedField, type[Any]] = {
    RatedField.STANCE: Stance,
    RatedField.INFLUENCE: Influence,
    RatedField.BUYING_ROLE: BuyingRole,
    RatedField.STRENGTH: Strength,
}

# The ratings' names in ``RatedField`` order (stance, influence, buying role, strength), read
# once: an enum's iteration and its members' ``.value`` are slow, and a map of thousands of
# people asks for them hundreds of times.
_RATING_NAMES = tuple(field.value for field in RatedField)
#: Values that claim nothing, so need no evidence: an unknown stance, no role, no relationship.
_NO_CLAIM = frozenset({None, "", Stance.UNKNOWN.value, BuyingRole.NONE.value, "0"})


def rated_text(value: Any) -> str | None:
    """A rating's stored value as evidence records it: always text (strength 3 is "3")."""
    if value is None:
        return None
    if isinstance(value, Strength):
        return str(int(value))
    return str(getattr(value, "value", value))


def check_rated_as(rating: str, rated_as: Any) -> str:
    """The value a piece of evidence supports, checked against its rating's vocabulary.

    Raises:
        RuleViolation: the value is not one of that rating's words.
    """
    field = RatedField(rating)
    words = RATING_CHOICES[field]
    text = rated_text(rated_as)
    known = {rated_text(member) for member in words}
    if text not in known:
        choices = ", ".join(member.label for member in words)
        raise RuleViolation(
            f"Evidence for {field.label.lower()}: '{text}' is not one of: {choices}"
        )
    assert text is not None
    return text


def value_label(rating: str, rated_as: str) -> str:
    """How a rated value reads: "Blocker", "Decision maker", "Trusted", "High influence"."""
    words = RATING_CHOICES[RatedField(rating)]
    try:
        member = words(int(rated_as)) if words is Strength else words(rated_as)
    except ValueError:
        return rated_as
    if rating == RatedField.INFLUENCE.value:
        return f"{member.label} influence"
    return str(member.label)


def claimed_ratings(
    *, stance: Any, influence: Any, buying_role: Any, strength: Any
) -> dict[str, str]:
    """The ratings of a person that claim something, by rating name, as text."""
    texts = (rated_text(stance), rated_text(influence), rated_text(buying_role),
             rated_text(strength))  # fmt: skip
    return {
        name: value
        for name, value in zip(_RATING_NAMES, texts, strict=True)
        if value and value not in _NO_CLAIM
    }


def cadence_days(review_cadence_days: int | None) -> int:
    """The account's review cadence in days, or the default when it has none."""
    if review_cadence_days is None or review_cadence_days <= 0:
        return DEFAULT_CADENCE_DAYS
    return review_cadence_days


def is_uncertain(newest: date | None, review_cadence_days: int | None, today: date) -> bool:
    """True when a rating's newest evidence is missing or older than the review cadence."""
    if newest is None:
        return True
    return (today - newest).days > cadence_days(review_cadence_days)


def uncertain_ratings(
    claimed: Mapping[str, str],
    newest: Mapping[tuple[str, str], date],
    review_cadence_days: int | None,
    today: date,
) -> tuple[str, ...]:
    """The names of the claimed ratings that are uncertain, in ``RatedField`` order.

    Args:
        claimed: rating name -> its current value (``claimed_ratings``).
        newest: (rating name, rated as) -> the date of the newest evidence for it.
        review_cadence_days: the account's review cadence (None: the default).
        today: the date the age is measured against.
    """
    return tuple(
        name
        for name in _RATING_NAMES
        if name in claimed
        and is_uncertain(newest.get((name, claimed[name])), review_cadence_days, today)
    )


@dataclass(frozen=True, slots=True)
class EvidenceFacts:
    """One piece of evidence, as the insights and the plans read it."""

    person_id: int
    rating: RatedField
    rated_as: str
    observed: str
    observed_on: date
    source: EvidenceSource
    confidence: Confidence
    by: str | None = None  # the team member's name
    interaction_id: int | None = None


def newest_evidence(
    evidence: Iterable[EvidenceFacts], rating: str, rated_as: str
) -> EvidenceFacts | None:
    """The newest piece of evidence for a rating's value (the surest one on a tie)."""
    found = [e for e in evidence if e.rating.value == rating and e.rated_as == rated_as]
    if not found:
        return None
    confidence_rank = {member: rank for rank, member in enumerate(Confidence)}
    return max(found, key=lambda e: (e.observed_on, -confidence_rank[e.confidence]))


def age_words(days: int) -> str:
    """An age as people say it: "3 days", "7 weeks", "14 months", "3 years"."""
    if days < 14:
        return "1 day" if days == 1 else f"{max(days, 0)} days"
    if days < 70:
        return f"{round(days / 7)} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{round(days / 365.25)} years"


def doubt_text(rating: str, rated_as: str, newest: EvidenceFacts | None, today: date) -> str:
    """One uncertain rating in words: "Blocker? — last evidence 14 months ago, second hand"."""
    question = f"{value_label(rating, rated_as)}?"
    if newest is None:
        return f"{question} — no evidence"
    age = age_words((today - newest.observed_on).days)
    source = newest.source.label.lower()
    if newest.confidence is not Confidence.CONFIRMED:
        source += f", {newest.confidence.label.lower()}"
    return f"{question} — last evidence {age} ago, {source}"


def evidence_line(item: EvidenceFacts) -> str:
    """One piece of evidence for a plan: "2026-10-02 · meeting · confirmed · Alex: 'said …'"."""
    parts = [item.observed_on.isoformat(), item.source.label.lower(), item.confidence.label.lower()]
    who = f"{item.by}: " if item.by else ""
    return " · ".join(parts) + f" — {who}{item.observed}"


@dataclass(frozen=True, slots=True)
class RatingDoubt:
    """One uncertain rating of a person, with the newest evidence it has (maybe none)."""

    rating: str
    rated_as: str
    newest: EvidenceFacts | None

    def text(self, today: date) -> str:
        return doubt_text(self.rating, self.rated_as, self.newest, today)


def person_doubts(
    claimed: Mapping[str, str],
    evidence: Iterable[EvidenceFacts],
    review_cadence_days: int | None,
    today: date,
) -> tuple[RatingDoubt, ...]:
    """The uncertain ratings of one person (``RatedField`` order), each with its newest evidence.

    Args:
        claimed: rating name -> its current value (``claimed_ratings``).
        evidence: the person's evidence (others' is ignored by rating, not by person: pass
            the person's own).
        review_cadence_days: the review cadence of the person's account.
        today: the date the age is measured against.
    """
    items = tuple(evidence)
    doubts = []
    for field in RatedField:
        value = claimed.get(field.value)
        if value is None:
            continue
        newest = newest_evidence(items, field.value, value)
        if is_uncertain(newest.observed_on if newest else None, review_cadence_days, today):
            doubts.append(RatingDoubt(field.value, value, newest))
    return tuple(doubts)


def doubts_sentence(doubts: Iterable[RatingDoubt], today: date) -> str:
    """Several uncertain ratings of one person in one line: those with old evidence each in
    words, those with none together ("Skeptic? — last evidence 3 months ago, meeting; no
    evidence for high influence").
    """
    items = list(doubts)
    aged = [doubt.text(today) for doubt in items if doubt.newest is not None]
    bare = [value_label(doubt.rating, doubt.rated_as) for doubt in items if doubt.newest is None]
    if bare and not aged:
        return f"{bare[0]}?" + "".join(f", {word.lower()}?" for word in bare[1:]) + " — no evidence"
    if bare:
        aged.append("no evidence for " + ", ".join(word.lower() for word in bare))
    return "; ".join(aged)
