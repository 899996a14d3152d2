"""On PostgreSQL: who was met recently enough, read with the recent window's meetings.

To count the stale people (warm, and not met within their contact interval), the people count
(``dashboard_people``) joined each person's last contact; on a team server that join rebuilt
the recent window's meetings with their people a second time (the window's read,
``recent_window``, already joins them), which was half of the people count's server time.
So on a server the window's read says per person met whether that meeting keeps a warm person
fresh, and when it was; the people count counts every warm person as stale unless an older
contact keeps them fresh (the few who want contact less often than the window covers still
have their contacts joined), and ``hand_over`` takes off the people met in time and gives
each account its people's last contact. The same figures as the joined count: the store test
``test_team_reads`` holds them equal.

SQLite keeps the joined count (its window read is another plan altogether). Measured at
20,000 people: the codes made the window's read (on the thread that finishes last) about
20 ms longer and took 15 to 35 ms off the people count on the other thread, so the slower
thread gained nothing; and ``contact_code``'s date arithmetic is PostgreSQL's (SQLite keeps
dates as text, so it would need julianday() on every row, costlier still).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_, select
from sqlalchemy.orm import Session

from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.health import FindingKind
from keyplan.domain.relationships import DEFAULT_CONTACT_DAYS
from keyplan.store.insights.dashboard_people import PeopleCounts, people_counts, warm_condition
from keyplan.store.models import RelationshipOwner, Stakeholder

# The low bits of a met row's code: what the meeting was to the person met.
_VACANCY = 0  # an open position: not a person, no contact
_MET = 1
_FRESH = 2  # a warm current person, met within their contact interval
_FLAGS = 2  # bits; the rest is the day of the meeting, counted from the window's first
_FLAG_MASK = (1 << _FLAGS) - 1


@dataclass(slots=True)
class WindowContacts:
    """What the recent window's meetings say of each account's people.

    Attributes:
        fresh: account id -> its warm current people met within their contact interval.
        last_day: account id -> the last day (from the window's first) one of its people
            was met.
    """

    fresh: Counter[int] = field(default_factory=Counter)
    last_day: dict[int, int] = field(default_factory=dict)


def contact_code(meeting_on: Any, person: type[Stakeholder], today: date) -> ColumnElement[Any]:
    """The met row's code: the meeting's day in the window, and whether it kept the person
    met fresh (``relationships.contact_due``'s rule, for people who want contact at least
    as often as the window covers); NULL for a meeting with nobody."""
    since = today - timedelta(days=RECENT_DAYS)
    interval = person.contact_frequency_days
    in_time = case(
        (interval > 0, meeting_on + interval >= today),
        else_=meeting_on >= today - timedelta(days=DEFAULT_CONTACT_DAYS),
    )
    owned = person.id.in_(select(RelationshipOwner.stakeholder_id))
    fresh = and_(
        person.has_left.is_(False),
        warm_condition(owned),
        or_(interval.is_(None), interval <= RECENT_DAYS),
        in_time,
    )
    flag = case((person.is_vacancy, _VACANCY), (fresh, _FRESH), else_=_MET)
    return case((person.id.is_(None), None), else_=(meeting_on - since) * (1 << _FLAGS) + flag)


def window_contacts(rows: Sequence[Sequence[Any]]) -> WindowContacts:
    """Read the codes of the window's met rows (person id third, their account fourth, the
    code sixth)."""
    found = WindowContacts()
    last = found.last_day
    fresh: set[tuple[int, int]] = set()  # (account, person): a person met twice counts once
    for row in rows:
        code = row[5]
        if not code or not code & _FLAG_MASK:  # nobody, or an open position
            continue
        account_id = row[3]
        day = code >> _FLAGS
        if day > last.get(account_id, -1):
            last[account_id] = day
        if code & _FRESH:
            fresh.add((account_id, row[2]))
    found.fresh.update(account_id for account_id, _person in fresh)
    return found


def hand_over(
    session: Session,
    counts: defaultdict[int, PeopleCounts],
    contacts: WindowContacts,
    families: Mapping[int, Collection[int]],
    today: date,
) -> None:
    """Complete the people count with the window's contacts: the people met in time are not
    stale, and each account's people were last met when the window says.

    The lowest stale person's id, which names a family's only stale person, may have been
    met in time: for those families it is read again with each person's last contact joined
    (a handful of accounts).
    """
    since = today - timedelta(days=RECENT_DAYS)
    for account_id, day in contacts.last_day.items():
        tally = counts[account_id]
        on = since + timedelta(days=day)
        tally.last_contact = on if tally.last_contact is None else max(tally.last_contact, on)
    stale = FindingKind.STALE
    for account_id, met_in_time in contacts.fresh.items():
        tally = counts[account_id]
        # Never below none: the two reads are two transactions, and a person made warm by an
        # edit landing between them is met in time here but was not warm in the count (that
        # edit's own refresh follows).
        left = max(0, tally.findings.get(stale, 0) - met_in_time)
        if left:
            tally.findings[stale] = left
        else:
            tally.findings.pop(stale, None)
        tally.first.pop(stale, None)
    unnamed = {
        member
        for members in families.values()
        if sum(counts[m].findings.get(stale, 0) for m in members) == 1
        for member in members
        if stale in counts[member].findings and stale not in counts[member].first
    }
    if unnamed:
        joined = people_counts(session, unnamed, today)
        for account_id in unnamed:
            counts[account_id].first[stale] = joined[account_id].first[stale]
