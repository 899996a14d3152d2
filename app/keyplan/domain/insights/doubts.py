"""Uncertain ratings as findings: the people whose stance, role or influence rests on nothing
recent ("Blocker? — last evidence 14 months ago, second hand").

Only the people who matter are listed (decision makers, high influence, champions and
blockers): a guessed stance of a manager two levels down is not worth a line. The rule of
what is uncertain is ``domain.evidence``'s, the same the map draws.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.evidence import (
    RatingDoubt,
    claimed_ratings,
    doubts_sentence,
    person_doubts,
)
from keyplan.domain.insights.facts import AccountFacts, PersonFacts
from keyplan.domain.insights.people import is_key_person, label
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.domain.relationships import KEY_ROLES
from keyplan.domain.vocabulary import Stance

#: The ratings a finding asks about: the judgements a plan is built on. (Relationship
#: strength is our own side of the story; the map still marks it.)
ASKED = (RatedField.STANCE.value, RatedField.BUYING_ROLE.value, RatedField.INFLUENCE.value)
_MATTER = frozenset({Stance.CHAMPION, Stance.BLOCKER})


@dataclass(frozen=True, slots=True)
class DoubtFinding:
    """A person whose important ratings lack recent evidence."""

    person_id: int
    who: str
    doubts: tuple[RatingDoubt, ...]
    reason: str


def matters(person: PersonFacts) -> bool:
    """A person whose ratings a plan leans on: key, or a champion or blocker."""
    return not person.has_left and (is_key_person(person) or person.stance in _MATTER)


def doubt_findings(account: AccountFacts, today: date) -> tuple[DoubtFinding, ...]:
    """The people who matter with uncertain stance, role or influence, blockers and decision
    makers first.

    Args:
        account: the account's facts, with its evidence and cadences.
        today: the date the age of evidence is measured against.
    """
    cadences = dict(account.cadences)
    by_person: dict[int, list] = {}
    for item in account.evidence:
        by_person.setdefault(item.person_id, []).append(item)
    found = []
    for person in account.people:
        if not matters(person):
            continue
        claimed = claimed_ratings(
            stance=person.stance,
            influence=person.influence,
            buying_role=person.buying_role,
            strength=None,
        )
        claimed = {name: value for name, value in claimed.items() if name in ASKED}
        cadence = cadences.get(person.account_id, account.review_cadence_days)
        doubts = person_doubts(claimed, by_person.get(person.id, ()), cadence, today)
        if doubts:
            words = doubts_sentence(doubts, today)
            found.append(DoubtFinding(person.id, person.name, doubts, f"{label(person)}: {words}"))
    people = {person.id: person for person in account.people}
    found.sort(key=lambda finding: _priority(people[finding.person_id]))
    return tuple(found)


def _priority(person: PersonFacts) -> tuple:
    blocker = person.stance is Stance.BLOCKER
    decides = person.buying_role in KEY_ROLES  # a decision maker or the economic buyer
    return (not blocker, not decides, not is_key_person(person), person.name)
