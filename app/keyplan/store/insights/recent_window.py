"""The dashboard's recent window: the last ``RECENT_DAYS`` days' meetings, counted per account.

Counted per person and meeting size (``ContactSpread``), which is all the concentration needs,
and our team per account; read by ``dashboard_tally`` on its main thread.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, compress, groupby, repeat
from operator import is_not, itemgetter, ne, not_
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    func,
    select,
    union,
)
from sqlalchemy.orm import Session

from keyplan.domain.insights.concentration import ContactSpread, contact_spread, merge_spreads
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.store.insights.dashboard_sql import rows_in_one_step
from keyplan.store.insights.window_contacts import WindowContacts, contact_code, window_contacts
from keyplan.store.models import (
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
)


@dataclass(slots=True)
class RecentWindow:
    """The recent window's interactions, counted by the accounts whose people were in them.

    Most interactions meet the people of one account only: they are counted per account
    (``spreads``), and an account's family adds up its members' counts. The few that meet
    people of several accounts (``mixed``) are counted per family, since a meeting with the
    group and its French affiliate is one meeting of both for the group, but a one-to-one
    for France.

    Attributes:
        spreads: account id -> its people's meetings that met nobody of another account.
        mixed: (person id, account id) of each meeting with people of several accounts.
        mixed_of: account id -> the indexes in ``mixed`` of the meetings with its people.
        team: account id -> our team members in the interactions touching it: logged on it
            or meeting its people.
        names: the names of the people met.
        contacts: on a team server, who of each account was met in time, and when last
            (``window_contacts``).
    """

    spreads: dict[int, ContactSpread] = field(default_factory=dict)
    mixed: list[list[tuple[int, int]]] = field(default_factory=list)
    mixed_of: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    team: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    names: dict[int, str] = field(default_factory=dict)
    contacts: WindowContacts | None = None

    def add_mixed(self, accounts: set[int], people: list[tuple[int, int]]) -> None:
        """Note a meeting with the people of several accounts."""
        for account_id in accounts:
            self.mixed_of[account_id].add(len(self.mixed))
        self.mixed.append(people)

    def family(self, members: list[int]) -> tuple[ContactSpread, set[int]]:
        """The family's recent contact, counted; our team in the interactions touching it."""
        spread = merge_spreads(self.spreads[m] for m in members if m in self.spreads)
        meetings = sorted({index for m in members for index in self.mixed_of.get(m, ())})
        if meetings:
            family = set(members)
            people = [[pid for pid, aid in self.mixed[i] if aid in family] for i in meetings]
            spread = merge_spreads((spread, contact_spread(people)))
        return spread, set().union(*(self.team.get(member, ()) for member in members))


def read_recent_window(
    session: Session,
    today: date,
    account_ids: Collection[int] | None,
    *,
    contacts: bool = False,
) -> RecentWindow:
    """The recent window's interactions touching some accounts (None: all), counted.

    One row per person met, in no particular order, counted here (``_count_meetings``):
    counting them in SQL (window functions for each meeting's size) cost PostgreSQL twice
    the server time it saved the client, and SQLite counts slower than Python. Our team in
    the interactions met away from the account they are logged on is read here; our team
    logged on each account is the caller's to read (``team_logged_on``). With ``contacts``,
    each row also says when the person was met and whether in time (``window_contacts``:
    PostgreSQL only).
    """
    since = today - timedelta(days=RECENT_DAYS)
    if account_ids is None:  # every account: the interactions of the window, as they lie
        meetings: Any = Interaction.__table__
        window: ColumnElement[bool] | None = _in_window(session, since, today)
    else:  # a refresh of a few accounts (or a team member's own): their meetings only
        meetings = _meetings_of(account_ids, since, today).subquery()
        window = None
    found = RecentWindow()
    code = contact_code(meetings.c.occurred_on, Stakeholder, today) if contacts else None
    rows = _id_rows(session, _met_rows(meetings, window, code))
    elsewhere = _count_meetings(found, rows)
    if contacts:
        found.contacts = window_contacts(rows)
    if elsewhere:  # people met in an interaction logged on another account
        team = select(
            InteractionTeamMember.interaction_id, InteractionTeamMember.team_member_id
        ).where(InteractionTeamMember.interaction_id.in_(elsewhere))
        for iid, member_id in _id_rows(session, team):
            for account_id in elsewhere[iid]:
                found.team[account_id].add(member_id)
    return found


def team_logged_on(
    session: Session, today: date, account_ids: Collection[int] | None
) -> dict[int, set[int]]:
    """Account id -> our team members in the recent window's interactions logged on it."""
    since = today - timedelta(days=RECENT_DAYS)
    meeting = Interaction
    # DISTINCT rather than GROUP BY: the same pairs, a quarter less of SQLite's time.
    statement = (
        select(meeting.account_id, InteractionTeamMember.team_member_id)
        .join(meeting, meeting.id == InteractionTeamMember.interaction_id)
        .distinct()
    )
    if account_ids is None:
        statement = statement.where(_in_window(session, since, today))
    else:
        statement = statement.where(
            meeting.account_id.in_(account_ids), meeting.occurred_on.between(since, today)
        )
    found: dict[int, set[int]] = defaultdict(set)
    for account_id, member_id in _id_rows(session, statement):
        found[account_id].add(member_id)
    return found


def _in_window(session: Session, since: date, today: date) -> ColumnElement[bool]:
    """The window's dates as a condition on every interaction.

    On SQLite the dates are wrapped in a COALESCE, which keeps the date index out: reading
    every interaction (from the (account, date) index, which holds all the columns read) is
    three times faster than hopping through the date index to a quarter of a large table.
    PostgreSQL gets the plain column, which it can estimate (a bitmap scan of the window's
    pages).
    """
    on: Any = Interaction.occurred_on
    if session.get_bind().dialect.name == "sqlite":
        on = func.coalesce(on, on)
    return and_(on >= since, on <= today)


def _met_rows(
    meetings: Any, window: ColumnElement[bool] | None, code: ColumnElement[Any] | None = None
) -> Select[*tuple[Any, ...]]:
    """(interaction, logged on, person, their account, their name) of each person met, and
    ``code`` when given.

    Unordered (the counting gathers each meeting's people itself: sorting a team's 200,000
    rows cost PostgreSQL a sixth of the statement). Outer joins, with a row of nobody for an
    interaction that met nobody: they keep SQLite reading the window's interactions first
    (an inner join let it scan every person ever met instead).
    """
    link, person = InteractionStakeholder, Stakeholder
    statement = (
        select(meetings.c.id, meetings.c.account_id, person.id, person.account_id,
               person.full_name, *([] if code is None else [code]))
        .outerjoin(link, link.interaction_id == meetings.c.id)
        .outerjoin(person, person.id == link.stakeholder_id)
    )  # fmt: skip
    return statement if window is None else statement.where(window)


def _meetings_of(account_ids: Collection[int], since: date, today: date) -> Any:
    """(id, account id, date) of the window's interactions logged on some accounts or meeting
    their people.

    Found through the account indexes, with the dates on the plain column: "logged here OR
    met people here" as one condition on the whole table, or dates in a COALESCE (which
    PostgreSQL cannot estimate), made it read a team's 600,000 interactions for 20 accounts.
    """
    meeting, link, person = Interaction, InteractionStakeholder, Stakeholder
    logged_here = select(meeting.id, meeting.account_id, meeting.occurred_on).where(
        meeting.account_id.in_(account_ids), meeting.occurred_on.between(since, today)
    )
    met_here = (
        select(meeting.id, meeting.account_id, meeting.occurred_on)
        .select_from(link)
        .join(person, person.id == link.stakeholder_id)
        .join(meeting, meeting.id == link.interaction_id)
        .where(person.account_id.in_(account_ids), meeting.occurred_on.between(since, today))
    )
    return union(logged_here, met_here)


# The columns of the window's rows: interaction, logged on, person, their account, name.
_MEETING, _LOGGED_ON, _PERSON, _ACCOUNT = map(itemgetter, range(4))


def _count_meetings(found: RecentWindow, rows: Sequence[tuple[Any, ...]]) -> dict[int, set[int]]:
    """Count the window's rows (interaction, logged on, person, their account, their name,
    and any further column) into ``found``.

    Each step runs over all the rows at C speed (map, compress, Counter, sort): a loop in
    Python, one pass per row, was the largest part of the dashboard's reading. Only the
    accounts, the few meetings with people of several accounts and the rows met away from
    the account they are logged on are looked at one by one.

    Returns:
        The interactions that met people of an account other than the one they are logged
        on: interaction id -> those accounts (their team is read afterwards).
    """
    # Nobody: internal preparation, not contact (the outer join's row has no person).
    met = list(compress(rows, map(is_not, map(_ACCOUNT, rows), repeat(None))))
    sizes = Counter(map(_MEETING, met))  # people per interaction
    # Each account's rows, and the meetings they are of (the sort keeps the rows' order).
    by_account = [list(run) for _, run in groupby(sorted(met, key=_ACCOUNT), _ACCOUNT)]
    meetings_of = [set(map(_MEETING, run)) for run in by_account]
    if sum(map(len, meetings_of)) > len(sizes):  # a meeting met people of several accounts
        mixed = _count_mixed(found, met, meetings_of)
        by_account = [_without(run, mixed) for run in by_account]
        meetings_of = [meetings - mixed for meetings in meetings_of]
    for run, meetings in zip(by_account, meetings_of, strict=True):
        if run:
            people = map(_PERSON, run)
            in_meetings_of = map(sizes.__getitem__, map(_MEETING, run))
            found.spreads[run[0][3]] = ContactSpread(
                len(meetings), Counter(zip(people, in_meetings_of, strict=True))
            )
    # At C speed, with None for "nobody" once; zip reuses one pair for every row (dict keeps
    # only its items), where itemgetter made a tuple per row.
    names = dict(zip(map(_PERSON, rows), map(itemgetter(4), rows), strict=True))
    names.pop(None, None)
    found.names = names
    elsewhere: dict[int, set[int]] = {}
    away = map(ne, map(_ACCOUNT, rows), map(_LOGGED_ON, rows))
    for iid, _, _, account_id, *_ in compress(rows, away):
        if account_id is not None:
            elsewhere.setdefault(iid, set()).add(account_id)
    return elsewhere


def _count_mixed(
    found: RecentWindow, met: list[tuple[Any, ...]], meetings_of: list[set[int]]
) -> set[int]:
    """Note the meetings with people of several accounts (the interactions in more than one
    of ``meetings_of``) in ``found`` (``add_mixed``), in the order they come; return them."""
    accounts_of = Counter(chain.from_iterable(meetings_of))
    mixed = {iid for iid, accounts in accounts_of.items() if accounts > 1}
    people: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for iid, _, pid, account_id, *_ in _without(met, mixed, keep=True):
        people[iid].append((pid, account_id))
    for pairs in people.values():
        found.add_mixed(set(map(itemgetter(1), pairs)), pairs)
    return mixed


def _without(
    rows: list[tuple[Any, ...]], meetings: set[int], *, keep: bool = False
) -> list[tuple[Any, ...]]:
    """The rows not of some meetings (``keep``: only those of them)."""
    of_them = map(meetings.__contains__, map(_MEETING, rows))
    return list(compress(rows, of_them if keep else map(not_, of_them)))


def _id_rows(session: Session, statement: Select[*tuple[Any, ...]]) -> Sequence[Any]:
    """Rows of ids and plain text, as the driver's own tuples (or, from SQLite, lists).

    The recent window's link tables run to tens of thousands of rows; making a SQLAlchemy row
    of each cost more than reading them. Only for columns that need no type conversion.

    From SQLite, the rows come in one step (``rows_in_one_step``).
    """
    if session.get_bind().dialect.name == "sqlite":
        return rows_in_one_step(session, statement)
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
