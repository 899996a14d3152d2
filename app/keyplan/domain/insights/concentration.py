"""The ruts: how much of our recent contact goes to the same few people.

Counting rule: every interaction in the recent window is one unit of attention. It is shared
equally among the distinct customer people in it (a person listed twice counts once), so a
one-to-one meeting gives its person a full unit and a workshop with four people gives each a
quarter. This way a big meeting does not make an account look broad, and the shares always add
up to one. Interactions with none of their people (internal prep) are not contact and are skipped.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from operator import mul, truediv

from keyplan.domain.insights.contacts import ContactLog, contact_log
from keyplan.domain.insights.facts import AccountFacts

#: Above this share of contact going to one person, the account hangs by a single thread.
SINGLE_THREAD_SHARE = 0.5

#: Fewer interactions than this say too little to call an account single-threaded.
MIN_INTERACTIONS = 3


@dataclass(frozen=True, slots=True)
class Concentration:
    """How concentrated the last ``RECENT_DAYS`` days of contact were.

    Attributes:
        interaction_count: interactions in the window with at least one customer person.
        shares: (person id, share of contact), largest first; shares add up to 1.
        top1_share: share of the best-served person (0 with no contact).
        top3_share: share of the three best-served people together.
        herfindahl: sum of squared shares, from 1/people reached (even) to 1 (one person).
        single_threaded: top person above ``SINGLE_THREAD_SHARE`` over at least
            ``MIN_INTERACTIONS`` interactions.
    """

    interaction_count: int
    shares: tuple[tuple[int, float], ...]
    top1_share: float
    top3_share: float
    herfindahl: float
    single_threaded: bool
    top_person_id: int | None = None
    top_person_name: str | None = None

    @property
    def people_reached(self) -> int:
        """How many distinct people we met in the window."""
        return len(self.shares)

    @property
    def effective_contacts(self) -> float:
        """1 / HHI: the number of equally served people this spread is worth (0 if none)."""
        return 1.0 / self.herfindahl if self.herfindahl else 0.0


def contact_concentration(
    account: AccountFacts, today: date, *, log: ContactLog | None = None
) -> Concentration:
    """Measure how concentrated recent contact is on few people.

    Args:
        account: the account to read.
        today: the date of the analysis; the window is the last ``RECENT_DAYS`` days.
        log: the account's contact log, when the caller already has it.

    Returns:
        Shares, top-1 and top-3 share, Herfindahl index and the single-threaded flag.
    """
    log = log or contact_log(account, today)
    return concentration_of(
        (interaction.person_ids for interaction in log.recent),
        lambda person_id: _name_of(account, person_id),
    )


@dataclass(frozen=True, slots=True)
class ContactSpread:
    """The recent window's contact, counted: all the concentration needs of it.

    Attributes:
        interactions: interactions in the window with at least one of the people.
        meetings: (person id, people in the meeting) -> how many such meetings the person
            was in. A one-to-one meeting is (person, 1); a workshop of four gives each of
            its people a (person, 4).
    """

    interactions: int = 0
    meetings: Mapping[tuple[int, int], int] = field(default_factory=dict)


def contact_spread(recent: Iterable[Sequence[int]]) -> ContactSpread:
    """Count the recent window's interactions, each given as the people in it."""
    counted = 0
    meetings: Counter[tuple[int, int]] = Counter()
    for person_ids in recent:
        if not person_ids:
            continue
        counted += 1
        people = person_ids if len(person_ids) == 1 else set(person_ids)
        size = len(people)
        meetings.update((person_id, size) for person_id in people)
    return ContactSpread(counted, meetings)


def merge_spreads(spreads: Iterable[ContactSpread]) -> ContactSpread:
    """The spread of several disjoint sets of interactions (an account and its affiliates)."""
    parts = [spread for spread in spreads if spread.interactions]
    if len(parts) == 1:
        return parts[0]
    meetings: dict[tuple[int, int], int] = {}
    for spread in parts:
        if meetings.keys().isdisjoint(spread.meetings):  # different people: the usual case
            meetings.update(spread.meetings)
        else:
            for key, count in spread.meetings.items():
                meetings[key] = meetings.get(key, 0) + count
    return ContactSpread(sum(spread.interactions for spread in parts), meetings)


def concentration_of(
    recent: Iterable[Sequence[int]], name_of: Callable[[int], str | None]
) -> Concentration:
    """Measure the concentration of the recent window's interactions.

    Args:
        recent: for each interaction of the recent window, the account's people in it.
        name_of: a person's name by id (asked for the best-served person only).
    """
    return spread_concentration(contact_spread(recent), name_of)


def spread_concentration(
    spread: ContactSpread, name_of: Callable[[int], str | None]
) -> Concentration:
    """Measure the concentration of the recent window's interactions, counted.

    Args:
        spread: the window's interactions, counted per person and meeting size.
        name_of: a person's name by id (asked for the best-served person only).
    """
    counted = spread.interactions
    attention: dict[int, float] = {}  # one-to-one meetings per person: most of them
    shared: dict[int, list[float]] = {}  # the person's share of each group meeting
    for (person_id, size), meetings in spread.meetings.items():
        if size == 1:
            attention[person_id] = float(meetings)
        elif person_id in shared:  # (no empty list made for each of the many first ones)
            shared[person_id] += [1.0 / size] * meetings
        else:
            shared[person_id] = [1.0 / size] * meetings
    # fsum adds exactly, in any order: the same meetings give the same shares however they
    # were grouped, so the dashboard (which counts per account, then per family) and the
    # Insights tab agree to the bit.
    for person_id, units in shared.items():
        if person_id in attention:
            units.append(attention[person_id])
        attention[person_id] = math.fsum(units)
    # Ties are broken by id so the same data always names the same top person: sorted by id
    # (plain integers compare at a fraction of the cost of (id, units) pairs), then (stably,
    # with the dictionary's own lookup as the key) by attention, largest first. The shares
    # and their sums are made at C speed: there is one per person met, on every account.
    ranked = sorted(sorted(attention), key=attention.__getitem__, reverse=True)
    fractions = list(map(truediv, map(attention.__getitem__, ranked), repeat(counted)))
    shares = tuple(zip(ranked, fractions, strict=True))
    top1 = shares[0][1] if shares else 0.0
    top_id = shares[0][0] if shares else None
    return Concentration(
        interaction_count=counted,
        shares=shares,
        top1_share=top1,
        top3_share=sum(fractions[:3]),
        herfindahl=sum(map(mul, fractions, fractions)),
        single_threaded=top1 > SINGLE_THREAD_SHARE and counted >= MIN_INTERACTIONS,
        top_person_id=top_id,
        top_person_name=None if top_id is None else name_of(top_id),
    )


def _name_of(account: AccountFacts, person_id: int | None) -> str | None:
    """The name of one person, looked up only once per account."""
    if person_id is None:
        return None
    return next((person.name for person in account.people if person.id == person_id), None)
