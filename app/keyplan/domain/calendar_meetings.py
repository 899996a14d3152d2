"""Meetings from a calendar: which become logged interactions, on which account, with whom.

Plain data in, a plan out: the calendar file is read in ``exchange/`` and the people, team
and accounts come from ``store/``; here are only the rules.

- Attendees (the organiser included) are people of ours when their e-mail is a person's,
  compared without regard to case. A meeting with none of their people is not an interaction.
- A meeting with people of several customers belongs to the customer with most of them, an
  umbrella and its affiliates counting as one; on a tie, the customer named first in the
  invitation (the organiser, then the attendees in order). It is logged on the account that
  holds all of that customer's attendees (the nearest account above them all), and only that
  customer's people are linked: their contact would count for the wrong account otherwise.
- Our team members are found by their e-mail too. Without a match the meeting is the calendar
  owner's own ("me"), which an interaction says by having nobody of our team ticked.
- Every meeting is known by its calendar uid and occurrence: one imported before is skipped.
- Attendees who are neither their people nor our team are listed, with the account they
  probably work for (the one whose people share their e-mail's domain, else the meeting's).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from keyplan.domain.companies import is_personal_mail
from keyplan.domain.rules import umbrella_of
from keyplan.domain.vocabulary import Channel

#: Longest summary an imported meeting gives its interaction (a calendar title is short).
MAX_SUMMARY = 2000


@dataclass(frozen=True, slots=True)
class Attendee:
    """Someone invited: an e-mail (lower case) and the name the invitation gives, if any."""

    email: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class CalendarMeeting:
    """One occurrence of a meeting, as a calendar file describes it.

    ``occurrence`` names the occurrence within a recurring series (its original start in UTC,
    which stays when that occurrence is moved); it is empty for a meeting that is not part of
    a series. ``uid`` and ``occurrence`` together say which meeting it is on every re-import.
    ``day`` is the date in the meeting's own time zone, as the invitation says it ("Thursday
    12 March, 16:00 Pacific"): the interaction's date, the same on every teammate's laptop,
    where the local times (the user's zone) may already be the next day.
    """

    uid: str
    occurrence: str
    day: date
    starts_utc: datetime
    ends_utc: datetime
    starts_local: datetime
    ends_local: datetime
    summary: str | None
    organiser: Attendee | None
    attendees: tuple[Attendee, ...]
    online: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.uid, self.occurrence)

    def everyone(self) -> list[Attendee]:
        """The organiser, then the attendees, each e-mail once."""
        seen: dict[str, Attendee] = {}
        for person in ((self.organiser,) if self.organiser else ()) + self.attendees:
            if person.email not in seen or (person.name and not seen[person.email].name):
                seen[person.email] = person
        return list(seen.values())


@dataclass(frozen=True, slots=True)
class CalendarDirectory:
    """What the database knows that a calendar's e-mails are matched against.

    Args:
        people: a person's e-mail (lower case) -> (person id, account id), people who left
            excluded.
        team: a team member's e-mail (lower case) -> team member id.
        parents: account id -> parent account id (None at the top).
        account_names: account id -> name.
        imported: the (uid, occurrence) of every meeting imported before.
        person_names: person id -> name, for showing who a meeting matched.
    """

    people: Mapping[str, tuple[int, int]]
    team: Mapping[str, int]
    parents: Mapping[int, int | None]
    account_names: Mapping[int, str]
    imported: frozenset[tuple[str, str]] = frozenset()
    person_names: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PlannedMeeting:
    """A meeting that becomes an interaction: where, with whom, and what it says."""

    meeting: CalendarMeeting
    account_id: int
    person_ids: tuple[int, ...]
    team_member_ids: tuple[int, ...]
    channel: str
    summary: str | None


@dataclass(frozen=True, slots=True)
class UnknownAttendee:
    """Someone at the meetings whose e-mail is nobody's in the database."""

    email: str
    name: str | None
    meetings: int
    account_id: int | None  # the account they probably work for


@dataclass(frozen=True, slots=True)
class NewPerson:
    """An unknown attendee the user chose to add as a person of an account.

    ``placeholder_id`` is negative: it names the person in a plan before the database has
    given them an id; the store swaps it for the real one when it writes.
    """

    placeholder_id: int
    account_id: int
    full_name: str
    email: str


@dataclass
class CalendarPlan:
    """What an import of a calendar would do; nothing is written yet."""

    meetings: list[PlannedMeeting] = field(default_factory=list)
    already_imported: int = 0
    without_our_people: int = 0
    unknown: list[UnknownAttendee] = field(default_factory=list)

    def per_account(self) -> list[tuple[int, int]]:
        """(account id, number of meetings), most meetings first."""
        counts = Counter(planned.account_id for planned in self.meetings)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def plan_meetings(
    meetings: Iterable[CalendarMeeting], directory: CalendarDirectory
) -> CalendarPlan:
    """Decide, meeting by meeting, what a calendar import does (see the module's rules)."""
    plan = CalendarPlan()
    seen: set[tuple[str, str]] = set()
    unmatched: list[CalendarMeeting] = []
    for meeting in sorted(meetings, key=lambda m: (m.starts_utc, m.uid, m.occurrence)):
        if meeting.key in directory.imported or meeting.key in seen:
            plan.already_imported += meeting.key in directory.imported
            continue
        seen.add(meeting.key)
        planned = plan_meeting(meeting, directory)
        if planned is None:
            plan.without_our_people += 1
            unmatched.append(meeting)
        else:
            plan.meetings.append(planned)
    plan.unknown = unknown_attendees(plan.meetings, unmatched, directory)
    return plan


def new_people(chosen: Sequence[UnknownAttendee]) -> list[NewPerson]:
    """The chosen unknown attendees as people of the account they probably work for.

    Attendees with no likely account are left out: nobody can say where they belong.
    """
    people = []
    for number, attendee in enumerate(chosen, start=1):
        if attendee.account_id is not None:
            name = attendee.name or name_from_email(attendee.email)
            people.append(NewPerson(-number, attendee.account_id, name, attendee.email))
    return people


def with_people(directory: CalendarDirectory, people: Sequence[NewPerson]) -> CalendarDirectory:
    """The directory as it will be once ``people`` are added (planning again finds them)."""
    known, names = dict(directory.people), dict(directory.person_names)
    for person in people:
        known[person.email] = (person.placeholder_id, person.account_id)
        names[person.placeholder_id] = person.full_name
    return replace(directory, people=known, person_names=names)


def name_from_email(email: str) -> str:
    """A readable name from an address without one: ``lena.fischer@…`` → ``Lena Fischer``."""
    local = email.partition("@")[0]
    words = [word for word in re.split(r"[._\-+]+", local) if word]
    return " ".join(word[:1].upper() + word[1:] for word in words) or email


def plan_meeting(meeting: CalendarMeeting, directory: CalendarDirectory) -> PlannedMeeting | None:
    """The interaction one meeting becomes, or None when none of their people took part."""
    matched = [directory.people[a.email] for a in meeting.everyone() if a.email in directory.people]
    if not matched:
        return None
    family = _customer_with_most(matched, directory.parents)
    ours = [(pid, acc) for pid, acc in matched if umbrella_of(directory.parents, acc) == family]
    account_id = nearest_common_account([acc for _, acc in ours], directory.parents)
    team = tuple(
        dict.fromkeys(
            directory.team[a.email] for a in meeting.everyone() if a.email in directory.team
        )
    )
    return PlannedMeeting(
        meeting,
        account_id,
        tuple(dict.fromkeys(pid for pid, _ in ours)),
        team,
        Channel.VIDEO.value if meeting.online else Channel.IN_PERSON.value,
        _summary(meeting.summary),
    )


def _customer_with_most(
    matched: Sequence[tuple[int, int]], parents: Mapping[int, int | None]
) -> int | None:
    """The umbrella whose family has most of the people matched; the first named on a tie."""
    families = [umbrella_of(parents, account_id) for _, account_id in matched]
    counts = Counter(families)
    most = max(counts.values())
    return next(family for family in families if counts[family] == most)


def nearest_common_account(account_ids: Sequence[int], parents: Mapping[int, int | None]) -> int:
    """The lowest account that is (or is above) every one of ``account_ids`` (one family)."""
    chains = [_chain_up(account_id, parents) for account_id in account_ids]
    shared = set(chains[0]).intersection(*map(set, chains[1:]))
    return next(account_id for account_id in chains[0] if account_id in shared)


def _chain_up(account_id: int, parents: Mapping[int, int | None]) -> list[int]:
    chain = [account_id]
    while (parent := parents.get(chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return chain


def unknown_attendees(
    planned: Sequence[PlannedMeeting],
    unmatched: Sequence[CalendarMeeting],
    directory: CalendarDirectory,
) -> list[UnknownAttendee]:
    """Attendees nobody knows yet, from the meetings imported and from meetings that would
    have been imported had they been known (their e-mail's domain is one of a customer's).

    Colleagues (a domain of our team's e-mails) are ours, not customers': never listed.
    """
    # A colleague with a web-mail address does not make every web-mail attendee ours.
    ours = {domain for domain in map(_domain, directory.team) if not is_personal_mail(domain)}
    customer_domains = _domain_accounts(directory)
    met: dict[str, list[int | None]] = {}
    names: dict[str, str | None] = {}

    def note(attendee: Attendee, account_id: int | None) -> None:
        domain = _domain(attendee.email)
        if attendee.email in directory.people or attendee.email in directory.team:
            return
        if domain in ours:
            return
        met.setdefault(attendee.email, []).append(_likely_account(domain, account_id))
        if attendee.name and not names.get(attendee.email):
            names[attendee.email] = attendee.name

    def _likely_account(domain: str, meeting_account: int | None) -> int | None:
        # The meeting's own account when it is of the customer the domain says (it is the
        # more precise: the affiliate, not the umbrella); else the domain's.
        by_domain = customer_domains.get(domain)
        if meeting_account is None:
            return by_domain
        same = by_domain is None or umbrella_of(directory.parents, by_domain) == umbrella_of(
            directory.parents, meeting_account
        )
        return meeting_account if same else by_domain

    for meeting_plan in planned:
        for attendee in meeting_plan.meeting.everyone():
            note(attendee, meeting_plan.account_id)
    for meeting in unmatched:
        for attendee in meeting.everyone():
            if _domain(attendee.email) in customer_domains:
                note(attendee, None)
    found = [
        UnknownAttendee(email, names.get(email), len(accounts), _most_common(accounts))
        for email, accounts in met.items()
    ]
    return sorted(found, key=lambda u: (-u.meetings, (u.name or u.email).casefold()))


def _domain_accounts(directory: CalendarDirectory) -> dict[str, int]:
    """An e-mail domain -> the account most of its people work for (ties: the lowest id)."""
    by_domain: dict[str, Counter[int]] = {}
    for email, (_person, account_id) in directory.people.items():
        if is_personal_mail(_domain(email)):
            continue
        by_domain.setdefault(_domain(email), Counter())[account_id] += 1
    return {
        domain: min(counts, key=lambda account_id: (-counts[account_id], account_id))
        for domain, counts in by_domain.items()
    }


def _most_common(accounts: Sequence[int | None]) -> int | None:
    known = [account_id for account_id in accounts if account_id is not None]
    return Counter(known).most_common(1)[0][0] if known else None


def _domain(email: str) -> str:
    return email.rpartition("@")[2]


def _summary(text: str | None) -> str | None:
    text = (text or "").strip()
    return text[:MAX_SUMMARY] or None
