"""The dashboard's recent window: the last ``RECENT_DAYS`` days' meetings, counted per account.

Counted per person and meeting size (``ContactSpread``), which is all the concentration needs,
and our team per account; read by ``dashboard_tally`` on its main thread.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Executable,
    and_,
    func,
    literal,
    null,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.orm import Session

from keyplan.domain.insights.concentration import ContactSpread, contact_spread, merge_spreads
from keyplan.domain.insights.contacts import RECENT_DAYS
from keyplan.store.models import (
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Stakeholder,
)

# The kinds of the counted window's rows (``_counted_window``).
SPREAD, COUNTED, CROSSING = 0, 1, 2


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
    """

    spreads: dict[int, ContactSpread] = field(default_factory=dict)
    mixed: list[list[tuple[int, int]]] = field(default_factory=list)
    mixed_of: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    team: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    names: dict[int, str] = field(default_factory=dict)

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
    in_sql: bool | None = None,
) -> RecentWindow:
    """The recent window's interactions touching some accounts (None: all), counted.

    On PostgreSQL the meetings are counted in SQL (``_counted_window``): a team's window
    runs to 200,000 people met, whose rows cost the client more than the server's counting.
    On SQLite, whose counting is slower than Python's, one row comes per person met (and one
    per interaction with nobody), in interaction order, and is counted here
    (``_count_met_rows``). Our team is counted per account in SQL on both.

    ``in_sql``: count in SQL (True) or here (False) on any database; None: as above.
    """
    since = today - timedelta(days=RECENT_DAYS)
    meeting = Interaction
    team_logged = (
        select(meeting.account_id, InteractionTeamMember.team_member_id)
        .join(meeting, meeting.id == InteractionTeamMember.interaction_id)
        .group_by(meeting.account_id, InteractionTeamMember.team_member_id)
    )
    if account_ids is None:  # every account: the interactions of the window, as they lie
        meetings: Any = meeting.__table__
        window = _in_window(session, since, today)
        team_logged = team_logged.where(window)
    else:  # a refresh of a few accounts (or a team member's own): their meetings only
        meetings = _meetings_of(account_ids, since, today).subquery()
        window = None
        team_logged = team_logged.where(
            meeting.account_id.in_(account_ids), meeting.occurred_on.between(since, today)
        )
    found = RecentWindow()
    if in_sql is None:
        in_sql = session.get_bind().dialect.name == "postgresql"
    if in_sql:
        elsewhere = _count_meetings(found, _id_rows(session, _counted_window(meetings, window)))
    else:
        elsewhere = _count_met_rows(found, _id_rows(session, _met_rows(meetings, window)))
    for account_id, member_id in _id_rows(session, team_logged):
        found.team[account_id].add(member_id)
    if elsewhere:  # people met in an interaction logged on another account
        team = select(
            InteractionTeamMember.interaction_id, InteractionTeamMember.team_member_id
        ).where(InteractionTeamMember.interaction_id.in_(elsewhere))
        for iid, member_id in _id_rows(session, team):
            for account_id in elsewhere[iid]:
                found.team[account_id].add(member_id)
    return found


def _in_window(session: Session, since: date, today: date) -> ColumnElement[bool]:
    """The window's dates as a condition on every interaction.

    On SQLite the dates are wrapped in a COALESCE, which keeps the date index out: reading
    the interactions in file order is three times faster than hopping through the date
    index to a quarter of a large table. PostgreSQL gets the plain column, which it can
    estimate (a bitmap scan of the window's pages).
    """
    on: Any = Interaction.occurred_on
    if session.get_bind().dialect.name == "sqlite":
        on = func.coalesce(on, on)
    return and_(on >= since, on <= today)


def _met_rows(meetings: Any, window: ColumnElement[bool] | None) -> Executable:
    """(interaction, logged on, person, their account, their name) of each person met, in
    interaction order, so each interaction's people arrive together."""
    link, person = InteractionStakeholder, Stakeholder
    statement = (
        select(meetings.c.id, meetings.c.account_id, person.id, person.account_id,
               person.full_name)
        .outerjoin(link, link.interaction_id == meetings.c.id)
        .outerjoin(person, person.id == link.stakeholder_id)
        .order_by(meetings.c.id)
    )  # fmt: skip
    return statement if window is None else statement.where(window)


def _counted_window(meetings: Any, window: ColumnElement[bool] | None) -> Executable:
    """The window's meetings counted in SQL, as rows (kind, account, person, n, m, name).

    - ``SPREAD``: (account, person, meeting size, meetings, name) of the meetings that met
      the people of one account only: the person's ``ContactSpread`` entry.
    - ``COUNTED``: (account, -, -, meetings, -): how many such meetings each account had.
    - ``CROSSING``: (person's account, person, interaction, logged on, name) for each person
      of a meeting that met several accounts' people or was logged on another account.

    One statement: the joined rows (``met``, each with its meeting's size and the lowest and
    highest account met, by window functions) are computed once and read three times, with
    no join between them (PostgreSQL cannot estimate a common table expression's rows, and
    joining two of them looped over both). Interactions with nobody in them (internal
    preparation) are not contact and drop out of the join.
    """
    link, person = InteractionStakeholder, Stakeholder
    met = (
        select(
            link.interaction_id.label("iid"),
            meetings.c.account_id.label("logged_on"),
            link.stakeholder_id.label("pid"),
            person.account_id.label("aid"),
            person.full_name.label("name"),
            func.count().over(partition_by=link.interaction_id).label("size"),
            func.min(person.account_id).over(partition_by=link.interaction_id).label("lo"),
            func.max(person.account_id).over(partition_by=link.interaction_id).label("hi"),
        )
        .select_from(meetings)
        .join(link, link.interaction_id == meetings.c.id)
        .join(person, person.id == link.stakeholder_id)
    )
    if window is not None:
        met = met.where(window)
    rows = met.cte("met").c
    one_account = rows.lo == rows.hi
    spread = (
        select(literal(SPREAD), rows.aid, rows.pid, rows.size, func.count(), rows.name)
        .where(one_account)
        .group_by(rows.aid, rows.pid, rows.size, rows.name)
    )
    counted = (
        select(literal(COUNTED), rows.aid, null(), null(), func.count(rows.iid.distinct()), null())
        .where(one_account)
        .group_by(rows.aid)
    )
    crossing = select(
        literal(CROSSING), rows.aid, rows.pid, rows.iid, rows.logged_on, rows.name
    ).where(or_(rows.lo != rows.hi, rows.lo != rows.logged_on))
    return union_all(spread, counted, crossing)


def _meetings_of(account_ids: Collection[int], since: date, today: date) -> Any:
    """(id, account id) of the window's interactions logged on some accounts or meeting
    their people.

    Found through the account indexes, with the dates on the plain column: "logged here OR
    met people here" as one condition on the whole table, or dates in a COALESCE (which
    PostgreSQL cannot estimate), made it read a team's 600,000 interactions for 20 accounts.
    """
    meeting, link, person = Interaction, InteractionStakeholder, Stakeholder
    logged_here = select(meeting.id, meeting.account_id).where(
        meeting.account_id.in_(account_ids), meeting.occurred_on.between(since, today)
    )
    met_here = (
        select(meeting.id, meeting.account_id)
        .select_from(link)
        .join(person, person.id == link.stakeholder_id)
        .join(meeting, meeting.id == link.interaction_id)
        .where(person.account_id.in_(account_ids), meeting.occurred_on.between(since, today))
    )
    return union(logged_here, met_here)


def _count_meetings(found: RecentWindow, rows: Sequence[Any]) -> dict[int, set[int]]:
    """Sort the counted window's rows (``_counted_window``) into ``found``.

    Returns:
        The interactions that met people of an account other than the one they are logged
        on: interaction id -> those accounts (their team is read afterwards).
    """
    meetings: defaultdict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    counted: dict[int, int] = {}
    crossing: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    logged: dict[int, int] = {}  # where each crossing meeting is logged
    for kind, account_id, pid, n, m, _name in rows:
        if kind == SPREAD:
            meetings[account_id][(pid, n)] = m
        elif kind == COUNTED:
            counted[account_id] = m
        else:
            crossing[n].append((pid, account_id))
            logged[n] = m
    elsewhere: dict[int, set[int]] = {}
    for iid, people in crossing.items():
        accounts = {aid for _pid, aid in people}
        if len(accounts) > 1:  # counted per family, not per account (``RecentWindow``)
            found.add_mixed(accounts, people)
        if accounts != {logged[iid]}:
            elsewhere[iid] = accounts - {logged[iid]}
    found.spreads = {
        account_id: ContactSpread(counted[account_id], pairs)
        for account_id, pairs in meetings.items()
    }
    names = dict(map(itemgetter(2, 5), rows))  # at C speed, with None for the counts once
    names.pop(None, None)
    found.names = names
    return elsewhere


def _count_met_rows(found: RecentWindow, rows: Sequence[Any]) -> dict[int, set[int]]:
    """Count the window's rows (interaction, logged on, person, their account, their name)
    into ``found`` (SQLite: ``_met_rows``).

    Most interactions meet one person: those are counted at C speed (``Counter`` over the
    rows' (account, person) pairs), so the Python loops run over distinct people and over
    the group meetings only.

    Returns:
        The interactions that met people of an account other than the one they are logged
        on: interaction id -> those accounts (their team is read afterwards).
    """
    sizes = Counter(map(itemgetter(0), rows))  # people per interaction, at C speed
    # One row for a one-to-one meeting, and for an interaction with nobody in it (internal
    # preparation, not contact: no person id, dropped here).
    alone = [row for row in rows if sizes[row[0]] == 1 and row[2] is not None]
    meetings: defaultdict[int, dict[tuple[int, int], int]] = defaultdict(dict)
    for (aid, pid), count in Counter(map(itemgetter(3, 2), alone)).items():
        meetings[aid][(pid, 1)] = count
    counted = Counter(map(itemgetter(3), alone))
    elsewhere = {row[0]: {row[3]} for row in alone if row[3] != row[1]}
    groups: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
    logged: dict[int, int] = {}  # where each group meeting is logged
    for iid, logged_on, pid, aid, _name in (row for row in rows if sizes[row[0]] > 1):
        if pid is not None and aid is not None:  # both or neither (for the type checker)
            groups[iid].append((pid, aid))
            logged[iid] = logged_on
    for iid, people in groups.items():
        accounts = {aid for _pid, aid in people}
        if len(accounts) == 1:
            (account_id,) = accounts
            spread = meetings[account_id]
            for pid, _aid in people:
                spread[(pid, len(people))] = spread.get((pid, len(people)), 0) + 1
            counted[account_id] += 1
        else:
            found.add_mixed(accounts, people)
        if accounts != {logged[iid]}:
            elsewhere[iid] = accounts - {logged[iid]}
    found.spreads = {
        account_id: ContactSpread(counted[account_id], pairs)
        for account_id, pairs in meetings.items()
    }
    names = dict(map(itemgetter(2, 4), rows))  # at C speed, with None for "nobody" once
    names.pop(None, None)
    found.names = names
    return elsewhere


def _id_rows(session: Session, statement: Executable) -> Sequence[Any]:
    """Rows of ids and plain text, as the driver's own tuples.

    The recent window's link tables run to tens of thousands of rows; making a SQLAlchemy row
    of each cost more than reading them. Only for columns that need no type conversion.
    """
    result = session.connection().execute(statement)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()
