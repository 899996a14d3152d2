"""Politics in the insights: what the informal lines say about our position.

Three findings, each naming the people:
- **the route to a decision maker**: one of our champions or supporters influences (or is an
  ally of) a decision maker we do not cover: the way in;
- **our champion's rival decides**: a champion of ours has a rival who is a decision maker,
  so backing from one side may cost us the other;
- **single-threaded**: every contact of the last ``RECENT_DAYS`` days went through one of
  their people: if that person moves, we lose the account's ear.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from keyplan.domain.insights.concentration import MIN_INTERACTIONS
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.facts import AccountFacts, LineFacts, PersonFacts
from keyplan.domain.insights.people import is_champion, is_key_person_uncovered, label
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.relationships import KEY_ROLES
from keyplan.domain.vocabulary import Stance

#: Lines along which somebody moves another's opinion; an alliance works both ways.
_SWAYS = frozenset(
    {InfluenceKind.INFLUENCES.value, InfluenceKind.MENTOR.value, InfluenceKind.SPONSOR.value}
)
_BACKERS = frozenset({Stance.CHAMPION, Stance.SUPPORTER})


class PoliticsKind(StrEnum):
    """What the lines say, the most useful first."""

    ROUTE = "route_to_decision_maker"
    CHAMPION_RIVAL = "champion_rival_decides"
    SINGLE_THREADED = "single_threaded"


@dataclass(frozen=True, slots=True)
class PoliticsFinding:
    """One thing the informal lines or the contact history say, with the people it names."""

    kind: PoliticsKind
    reason: str
    person_ids: tuple[int, ...]  # the one the finding is about first

    @property
    def person_id(self) -> int:
        return self.person_ids[0]


def politics_findings(account: AccountFacts, today: date) -> tuple[PoliticsFinding, ...]:
    """Every politics finding of an account, routes first.

    Args:
        account: the account's facts, with its influence lines.
        today: the day the recent window ends.
    """
    people = {person.id: person for person in account.people if not person.has_left}
    return (
        routes_to_decision_makers(people, account.lines)
        + champion_rivals(people, account.lines)
        + single_threaded(account, people, today)
    )


def _decides(person: PersonFacts) -> bool:
    return person.buying_role in KEY_ROLES  # the economic buyer decides too


def routes_to_decision_makers(
    people: dict[int, PersonFacts], lines: Iterable[LineFacts]
) -> tuple[PoliticsFinding, ...]:
    """For each decision maker we do not cover, our backers who influence them."""
    routes: dict[int, list[int]] = {}
    for line in lines:
        for backer_id, target_id in _sway(line):
            backer, target = people.get(backer_id), people.get(target_id)
            if backer is None or target is None or backer.stance not in _BACKERS:
                continue
            if _decides(target) and is_key_person_uncovered(target):
                routes.setdefault(target_id, [])
                if backer_id not in routes[target_id]:
                    routes[target_id].append(backer_id)
    found = []
    for target_id, backer_ids in routes.items():
        target = people[target_id]
        backers = [people[pid] for pid in backer_ids]
        names = _and(f"{b.name} ({b.stance.label.lower()})" for b in backers)
        verb = "influences" if len(backers) == 1 else "influence"
        reason = (
            f"Route to {label(target)}, a decision maker we do not cover: {names} {verb} "
            f"{_first(target)}"
        )
        found.append(PoliticsFinding(PoliticsKind.ROUTE, reason, (target_id, *backer_ids)))
    found.sort(key=lambda finding: people[finding.person_id].name)
    return tuple(found)


def _sway(line: LineFacts) -> list[tuple[int, int]]:
    """(who sways, who is swayed) along a line: one way, or both for an alliance."""
    if line.kind in _SWAYS:
        return [(line.from_id, line.to_id)]
    if line.kind == InfluenceKind.ALLY.value:
        return [(line.from_id, line.to_id), (line.to_id, line.from_id)]
    return []


def champion_rivals(
    people: dict[int, PersonFacts], lines: Iterable[LineFacts]
) -> tuple[PoliticsFinding, ...]:
    """Rivalries between one of our champions and a decision maker."""
    found = []
    for line in lines:
        if line.kind != InfluenceKind.RIVAL.value:
            continue
        for champion_id, rival_id in ((line.from_id, line.to_id), (line.to_id, line.from_id)):
            champion, rival = people.get(champion_id), people.get(rival_id)
            if champion is None or rival is None:
                continue
            if is_champion(champion) and _decides(rival) and not is_champion(rival):
                reason = (
                    f"Our champion {champion.name}'s rival {label(rival)} is a decision maker: "
                    f"backing from {_first(champion)} may cost us {_first(rival)}"
                )
                found.append(
                    PoliticsFinding(PoliticsKind.CHAMPION_RIVAL, reason, (rival_id, champion_id))
                )
    return tuple(found)


def single_threaded(
    account: AccountFacts, people: dict[int, PersonFacts], today: date
) -> tuple[PoliticsFinding, ...]:
    """One person of theirs in every contact of the recent window (at least a few contacts)."""
    since = today - timedelta(days=RECENT_DAYS)
    recent = [
        set(i.person_ids) for i in account.interactions if since <= i.on <= today and i.person_ids
    ]
    if len(recent) < MIN_INTERACTIONS:
        return ()
    common = set.intersection(*recent)
    found = []
    for person_id in sorted(common):
        person = people.get(person_id)
        if person is None:
            continue
        reason = (
            f"Single-threaded: every contact in {RECENT_DAYS} days ({len(recent)} interactions) "
            f"went through {label(person)}"
        )
        found.append(PoliticsFinding(PoliticsKind.SINGLE_THREADED, reason, (person_id,)))
    return tuple(found)


def _first(person: PersonFacts) -> str:
    """A person's first name, as a sentence says it the second time."""
    words = [word for word in person.name.split() if word not in {"Dr.", "Dr"}]
    return words[0] if words else person.name


def _and(names: Iterable[str]) -> str:
    items = list(names)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
