"""The dashboard's people, counted: per account, department and level, with the findings a
count can hold (uncovered key people, stale contact, champions who left), each person's last
contact as far as staleness needs it, and the open decision makers' seats.

The conditions are ``domain/relationships.py``'s rules written in SQL from its constants; the
store test ``test_the_dashboard_scores_every_account_as_the_insights_tab`` holds them equal.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, null, or_, select, union_all
from sqlalchemy.orm import Session

from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.domain.insights.health import FindingKind
from keyplan.domain.insights.seats import DECIDING_ROLES, seat_title
from keyplan.domain.insights.tally import PeopleCell
from keyplan.domain.relationships import (
    CHAMPION_ROLES,
    CHAMPION_STANCES,
    DEFAULT_CONTACT_DAYS,
    ENGAGED_STRENGTH,
    KEY_ROLES,
    WARM_STRENGTH,
)
from keyplan.domain.vocabulary import Level
from keyplan.store.insights.dashboard_sql import all_rows, is_key_condition, rows_in_one_step
from keyplan.store.insights.rule_sql import stored
from keyplan.store.models import (
    Interaction,
    InteractionStakeholder,
    RelationshipOwner,
    Stakeholder,
)
from keyplan.store.shell.quick_reads import as_date

_LEVELS = {member.value: member for member in Level}


@dataclass(slots=True)
class PeopleCounts:
    """One account's people, counted (its own, not its affiliates')."""

    cells: list[PeopleCell] = field(default_factory=list)
    key_people: int = 0
    decision_makers: int = 0
    warm_people: int = 0
    uncovered_deciders: int = 0
    findings: dict[FindingKind, int] = field(default_factory=dict)
    first: dict[FindingKind, int] = field(default_factory=dict)  # a person id per kind
    last_contact: date | None = None  # of its people, in the recent window (or older)
    vacant_seats: list[str] = field(default_factory=list)  # open decision makers' seats

    def found(self, kind: FindingKind, count: int, first: int | None) -> None:
        if count:
            self.findings[kind] = self.findings.get(kind, 0) + count
            if first is not None:
                self.first[kind] = min(first, self.first.get(kind, first))


def people_counts(
    session: Session,
    account_ids: Collection[int] | None,
    today: date,
    *,
    window_contacts: bool = False,
) -> defaultdict[int, PeopleCounts]:
    """Count each account's people per department and level, with their findings.

    With ``window_contacts`` (a team server), the recent window's contacts are left to the
    window's read (``window_contacts.hand_over`` completes the count): only the people who
    want contact less often than the window covers have their last contact joined, and every
    other warm person counts as stale here.
    """
    s = Stakeholder
    owned_people = select(RelationshipOwner.stakeholder_id.label("pid")).distinct().subquery()
    intervals = _intervals(session, account_ids)
    patient = any(d > RECENT_DAYS for d in intervals)
    last = _last_contact_subquery(account_ids, today, patient, only_patient=window_contacts)
    owned = owned_people.c.pid.is_not(None)
    key = is_key_condition()
    decides = s.buying_role.in_(stored(KEY_ROLES))
    # The rules of domain/relationships.py, from its constants: needs_keeping_warm,
    # is_key_person_uncovered (insights.people), contact_due (overdue or never met), is_champion.
    warm = warm_condition(owned)
    uncovered = and_(key, or_(~owned, s.strength < int(ENGAGED_STRENGTH)))
    if last is None:  # nobody's contact is joined: every warm person until the window says
        stale: ColumnElement[bool] = warm
        last_contact: ColumnElement[Any] = null()
    else:
        stale = and_(warm, or_(last.c.on.is_(None), last.c.on < _cut_off(intervals, today)))
        last_contact = func.max(last.c.on)
    champion = or_(
        s.stance.in_(stored(CHAMPION_STANCES)), s.buying_role.in_(stored(CHAMPION_ROLES))
    )
    statement = (
        select(
            s.account_id,
            s.department,
            s.level,
            s.has_left,
            func.count(),
            func.min(s.id),
            _count(s.strength >= int(ENGAGED_STRENGTH)),
            _count(key),
            _count(decides),
            _count(uncovered),
            _first(uncovered),
            _count(and_(uncovered, decides)),
            _count(warm),
            _count(stale),
            _first(stale),
            _count(champion),
            _first(champion),
            last_contact,
        )
        .outerjoin(owned_people, owned_people.c.pid == s.id)
        .where(s.is_vacancy.is_(False))  # open positions are not people
        .group_by(s.account_id, s.department, s.level, s.has_left)
    )
    if last is not None:
        statement = statement.outerjoin(last, last.c.pid == s.id)
    if account_ids is not None:
        statement = statement.where(s.account_id.in_(account_ids))
    counts: defaultdict[int, PeopleCounts] = defaultdict(PeopleCounts)
    _count_vacant_seats(session, account_ids, counts)
    # From SQLite in one step (flags as 0/1, dates as text: as_date reads both).
    read = rows_in_one_step if session.get_bind().dialect.name == "sqlite" else all_rows
    rows = sorted(read(session, statement), key=lambda row: (row[0], row[5]))
    latest: dict[int, Any] = {}  # account id -> its people's last contact, as read
    for (account_id, department, level, has_left, known, first_id, engaged, keys, deciders,
         uncovered_n, uncovered_id, uncovered_deciders, warm_n, stale_n, stale_id,
         champions, champion_id, last_on) in rows:  # fmt: skip
        tally = counts[account_id]
        # Any contact with its people, those who left included; compared as read (ISO text
        # or dates) and made a date once per account.
        if last_on is not None and latest.get(account_id, last_on) <= last_on:
            latest[account_id] = last_on
        if has_left:
            if champions:  # (the common case, none, calls nothing)
                tally.found(FindingKind.CHAMPION_LEFT, champions, champion_id)
            continue
        tally.cells.append(PeopleCell(department, _LEVELS.get(level), known, engaged, first_id))
        tally.key_people += keys
        tally.decision_makers += deciders
        tally.warm_people += warm_n
        tally.uncovered_deciders += uncovered_deciders
        if uncovered_n:
            tally.found(FindingKind.UNCOVERED_KEY_PERSON, uncovered_n, uncovered_id)
        if stale_n:
            tally.found(FindingKind.STALE, stale_n, stale_id)
    for account_id, last_on in latest.items():
        counts[account_id].last_contact = as_date(last_on)
    return counts


def warm_condition(owned: ColumnElement[bool]) -> ColumnElement[bool]:
    """``relationships.needs_keeping_warm`` for a stakeholder row (``owned``: somebody of our
    team owns the relationship)."""
    s = Stakeholder
    return or_(
        s.strength >= int(WARM_STRENGTH),
        owned,
        s.contact_frequency_days.is_not(None),
        is_key_condition(),
    )


def _count_vacant_seats(
    session: Session, account_ids: Collection[int] | None, counts: defaultdict[int, PeopleCounts]
) -> None:
    """Each account's open decision makers' seats (``insights.seats``), by title."""
    s = Stakeholder
    seats = [s.is_vacancy.is_(True), s.buying_role.in_(stored(DECIDING_ROLES))]
    if account_ids is not None:
        seats.append(s.account_id.in_(account_ids))
    statement = select(s.account_id, s.job_title, s.full_name)
    if session.get_bind().dialect.name == "sqlite":
        # Asked of the whole table, SQLite reads every row; the seats' ids come from the
        # narrow dashboard index (it holds every column asked), then only their rows.
        statement = statement.where(s.id.in_(select(s.id).where(*seats)))
    else:
        statement = statement.where(*seats)
    for account_id, title, name in all_rows(session, statement):
        counts[account_id].vacant_seats.append(seat_title(title, name))


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def _first(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.min(case((condition, Stakeholder.id)))


def _intervals(session: Session, account_ids: Collection[int] | None) -> list[int]:
    """The contact intervals people asked for (positive ones; the others mean the default)."""
    statement = select(Stakeholder.contact_frequency_days).distinct()
    if account_ids is not None:
        statement = statement.where(Stakeholder.account_id.in_(account_ids))
    return sorted(d for (d,) in all_rows(session, statement) if d is not None and d > 0)


def _cut_off(intervals: list[int], today: date) -> Any:
    """The day before which a person's last contact is stale: today minus their interval.

    Written as a CASE over the few intervals in use (read first), so no dialect's date
    arithmetic is needed; a missing or non-positive interval is the default (people.py).
    """
    default = today - timedelta(days=DEFAULT_CONTACT_DAYS)
    if not intervals:
        return default
    return case(
        {d: today - timedelta(days=d) for d in intervals},
        value=Stakeholder.contact_frequency_days,
        else_=default,
    )


def _last_contact_subquery(
    account_ids: Collection[int] | None, today: date, patient: bool, *, only_patient: bool
) -> Any:
    """(pid, on): each person's last contact up to today, as far as staleness needs it.

    A subquery the people count joins, not ``interaction_facts.last_contacts``' dictionary:
    read only as far back as staleness needs, it is what keeps the dashboard fast.

    Everybody's in the recent window; before it only for people who want contact less often
    than every ``RECENT_DAYS`` days (``patient``: some do), for the others no recent contact
    already means stale. ``only_patient``: the patient people's alone (None when there are
    none), the window's read tells of the others'.
    """
    if only_patient and not patient:
        return None
    since = today - timedelta(days=RECENT_DAYS)
    link, meeting = InteractionStakeholder, Interaction
    people = select(Stakeholder.id).where(Stakeholder.contact_frequency_days > RECENT_DAYS)
    if account_ids is not None:
        people = people.where(Stakeholder.account_id.in_(account_ids))
    recent = (
        select(link.stakeholder_id.label("pid"), func.max(meeting.occurred_on).label("on"))
        .join(meeting, meeting.id == link.interaction_id)
        .where(meeting.occurred_on >= since, meeting.occurred_on <= today)
        .group_by(link.stakeholder_id)
    )
    if only_patient:
        recent = recent.where(link.stakeholder_id.in_(people))
    elif account_ids is not None:  # a refresh of a few accounts: from their people only
        recent = recent.join(Stakeholder, Stakeholder.id == link.stakeholder_id).where(
            Stakeholder.account_id.in_(account_ids)
        )
    if not patient:
        return recent.subquery()
    older = (
        select(link.stakeholder_id.label("pid"), func.max(meeting.occurred_on).label("on"))
        .join(meeting, meeting.id == link.interaction_id)
        .where(meeting.occurred_on < since, link.stakeholder_id.in_(people))
        .group_by(link.stakeholder_id)
    )
    both = union_all(recent, older).subquery()
    return select(both.c.pid, func.max(both.c.on).label("on")).group_by(both.c.pid).subquery()


def older_contacts(session: Session, account_ids: list[int], today: date) -> dict[int, date]:
    """The last contact with an account's people, for the families with none recently."""
    if not account_ids:
        return {}
    statement = (
        select(Stakeholder.account_id, func.max(Interaction.occurred_on))
        .select_from(InteractionStakeholder)
        .join(Interaction, Interaction.id == InteractionStakeholder.interaction_id)
        .join(Stakeholder, Stakeholder.id == InteractionStakeholder.stakeholder_id)
        .where(Stakeholder.account_id.in_(account_ids), Interaction.occurred_on <= today)
        .group_by(Stakeholder.account_id)
    )
    return {account_id: as_date(on) for account_id, on in all_rows(session, statement)}
