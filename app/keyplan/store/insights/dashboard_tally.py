"""The portfolio dashboard's reading: every account counted in a few aggregate queries.

The dashboard scores every account at once, so nothing here is read per person: the people
are counted per account, department and level (with the health findings counted alongside, in
SQL), the recent window's meetings are counted per person and meeting size (``ContactSpread``:
all the concentration needs), and the monthly trend is read as one list of dates per account.
Only the handful of people a score reason names one by one (the single uncovered decision
maker, the single blocker…) are read in full, afterwards.

The counts are built from the definitions in ``domain/relationships.py``; the
store test ``test_the_dashboard_scores_every_account_as_the_insights_tab`` holds the two equal
on the demo and on a synthetic portfolio. The SQL is portable (CASE, COUNT, MIN, MAX); the
one dialect-specific function, the list of dates, is chosen by dialect.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import itemgetter
from types import MappingProxyType
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    func,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import Session

from keyplan.domain.insights.contacts import RECENT_DAYS, ContactLog
from keyplan.domain.insights.facts import PersonFacts
from keyplan.domain.insights.health import (
    FindingKind,
    HealthFinding,
    findings_for_person,
    wins_over,
)
from keyplan.domain.insights.seats import DECIDING_ROLES, seat_title
from keyplan.domain.insights.summary import TREND_MONTHS
from keyplan.domain.insights.tally import AccountTally, FindingTally, PeopleCell
from keyplan.domain.relationships import (
    CHAMPION_ROLES,
    CHAMPION_STANCES,
    DEFAULT_CONTACT_DAYS,
    ENGAGED_STRENGTH,
    KEY_INFLUENCES,
    KEY_ROLES,
    WARM_STRENGTH,
)
from keyplan.domain.vocabulary import Level, Stance
from keyplan.store.database import Database
from keyplan.store.insights.fact_buckets import (
    PERSON_COLUMNS,
    FactBuckets,
    PortfolioAccount,
    person_facts,
)
from keyplan.store.insights.queries import families_of
from keyplan.store.insights.recent_window import RecentWindow, read_recent_window
from keyplan.store.insights.rule_sql import stored
from keyplan.store.meetings.facts import last_contacts
from keyplan.store.models import (
    Interaction,
    InteractionStakeholder,
    RelationshipOwner,
    Stakeholder,
)
from keyplan.store.shell.quick_reads import as_date

_LEVELS = {member.value: member for member in Level}
_MONTH = itemgetter(slice(0, 7))  # "2026-11-23" -> "2026-11", at C speed
_KINDS = (
    FindingKind.UNCOVERED_KEY_PERSON,
    FindingKind.STALE,
    FindingKind.CHAMPION_LEFT,
    FindingKind.UNMITIGATED_BLOCKER,
)


@dataclass(slots=True)
class _Counts:
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


def dashboard_tallies(
    db: Database, today: date, account_ids: Collection[int] | None
) -> tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]:
    """Count every account read (``account_ids`` and their affiliates; None: all).

    The people are counted (and the plan rows read) on a second thread, in a session of its
    own, while this one reads the recent window and the trend: the database does most of
    that work with Python's lock released, so the two overlap on a machine with two cores.
    (Two read transactions: an edit landing between them shows in the next refresh, which
    that edit's signal asks for anyway.)

    Returns:
        The accounts read, in name order, and the tally of each one with its affiliates.
    """
    with ThreadPoolExecutor(max_workers=1) as helper:
        counted = helper.submit(_counted, db, account_ids, today)
        with db.read() as session:
            _settle_for_aggregates(session)
            window = read_recent_window(session, today, account_ids)
            trend = _trend(session, account_ids, today)
            buckets, counts, owners, blockers = counted.result()
            return _tallies(session, today, buckets, counts, window, owners, blockers, trend)


def _counted(db: Database, account_ids: Collection[int] | None, today: date) -> tuple[
    FactBuckets,
    defaultdict[int, _Counts],
    dict[int, set[int]],
    dict[int, list[tuple[int, bool]]],
]:  # fmt: skip
    """The helper thread's half: accounts and plan rows, people counted, owners and blockers
    (the longer half: the trend, once here, is read on the other thread after the window)."""
    with db.read() as session:
        _settle_for_aggregates(session)
        buckets = FactBuckets()
        buckets.load_plan(session, account_ids)
        return (
            buckets,
            _people_counts(session, account_ids, today),
            _owners(session, account_ids),
            _blockers(session, account_ids),
        )


def _settle_for_aggregates(session: Session) -> None:
    """On PostgreSQL, this read transaction's settings for the dashboard's aggregates.

    No parallel workers: each one rebuilt the whole of each person's last contact (a hash
    of the window's 200,000 meetings of a team) that the people count joins, so three
    processes did the same work on two cores, beside the other thread's queries. And room
    for the hash aggregates in memory (the default 4 MB spilled them to disk in batches).
    ``SET LOCAL``: only until this read transaction ends.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
    session.execute(text("SET LOCAL work_mem = '64MB'"))


def _tallies(
    session: Session,
    today: date,
    buckets: FactBuckets,
    counts: defaultdict[int, _Counts],
    window: RecentWindow,
    owners: dict[int, set[int]],
    blockers: dict[int, list[tuple[int, bool]]],
    trend: dict[int, tuple[dict[int, int], date | None]],
) -> tuple[tuple[PortfolioAccount, ...], dict[int, AccountTally]]:
    """Each account's tally with its affiliates, from what was read."""
    families = families_of(buckets)
    wanted = set(buckets.accounts)
    # Families whose people nobody met recently: when were they last met at all?
    quiet = [a for a in wanted if all(counts[m].last_contact is None for m in families[a])]
    older = _older_contacts(session, quiet, today)
    open_actions = _open_action_targets(buckets, today)
    found: dict[int, tuple[FindingTally, dict[FindingKind, int]]] = {}
    for account_id in wanted:
        members = sorted(families[account_id])
        targets = open_actions.get_family(members)
        unmitigated = [
            (pid, key) for m in members for pid, key in blockers.get(m, ()) if pid not in targets
        ]
        found[account_id] = _family_findings(
            [counts[m] for m in members], unmitigated, blockers, members
        )
    named = _single_findings(session, found, today)
    tallies: dict[int, AccountTally] = {}
    for account_id in wanted:
        family = families[account_id]
        members = sorted(family)
        findings, singles = found[account_id]
        months, logged_last = _family_trend(trend, members)
        contacts = [counts[m].last_contact for m in members] + [older.get(m) for m in members]
        last = max([d for d in (*contacts, logged_last) if d is not None], default=None)
        account = buckets.accounts[account_id]
        recent_contact, team = window.family(members)
        team.update(o for m in members for o in owners.get(m, ()))
        tallies[account_id] = AccountTally(
            id=account_id,
            name=account.name,
            review_cadence_days=account.review_cadence_days,
            last_review_on=account.last_review_on,
            cells=tuple(cell for m in members for cell in counts[m].cells),
            recent_contact=recent_contact,
            names=window.names,
            team_member_ids=frozenset(team),
            findings=replace(
                findings,
                singles=MappingProxyType(
                    {
                        kind: named[pid][kind]
                        for kind, pid in singles.items()
                        if kind in named.get(pid, {})
                    }
                ),
            ),
            commitments=tuple(c for m in members for c in buckets.commitments.get(m, ())),
            offerings_discussed=tuple(
                sorted({o for m in members for o in buckets.offerings.get(m, ())})
            ),
            opportunity_departments=tuple(
                sorted({d for m in members for d in buckets.opportunity_departments.get(m, ())})
            ),
            interactions_by_month=months,
            last_interaction_on=last,
            vacant_seats=tuple(
                sorted((t for m in members for t in counts[m].vacant_seats), key=str.casefold)
            ),
            assigned_team=buckets.assigned_team_of(members),
        )
    accounts = tuple(sorted(buckets.portfolio_rows.values(), key=lambda a: a.name.casefold()))
    return accounts, tallies


# ---- people, counted ---------------------------------------------------------------------


def _people_counts(
    session: Session, account_ids: Collection[int] | None, today: date
) -> defaultdict[int, _Counts]:
    """Count each account's people per department and level, with their findings."""
    s = Stakeholder
    owned_people = select(RelationshipOwner.stakeholder_id.label("pid")).distinct().subquery()
    intervals = _intervals(session, account_ids)
    last = _last_contact_subquery(account_ids, today, any(d > RECENT_DAYS for d in intervals))
    owned = owned_people.c.pid.is_not(None)
    key = _is_key()
    decides = s.buying_role.in_(stored(KEY_ROLES))
    # The rules of domain/relationships.py, from its constants: needs_keeping_warm,
    # is_key_person_uncovered (insights.people), contact_due (overdue or never met), is_champion.
    warm = or_(s.strength >= int(WARM_STRENGTH), owned, s.contact_frequency_days.is_not(None), key)
    uncovered = and_(key, or_(~owned, s.strength < int(ENGAGED_STRENGTH)))
    stale = and_(warm, or_(last.c.on.is_(None), last.c.on < _cut_off(intervals, today)))
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
            func.max(last.c.on),
        )
        .outerjoin(owned_people, owned_people.c.pid == s.id)
        .outerjoin(last, last.c.pid == s.id)
        .where(s.is_vacancy.is_(False))  # open positions are not people
        .group_by(s.account_id, s.department, s.level, s.has_left)
    )
    if account_ids is not None:
        statement = statement.where(s.account_id.in_(account_ids))
    counts: defaultdict[int, _Counts] = defaultdict(_Counts)
    _count_vacant_seats(session, account_ids, counts)
    rows = sorted(_rows(session, statement), key=lambda row: (row[0], row[5]))
    for (account_id, department, level, has_left, known, first_id, engaged, keys, deciders,
         uncovered_n, uncovered_id, uncovered_deciders, warm_n, stale_n, stale_id,
         champions, champion_id, last_on) in rows:  # fmt: skip
        tally = counts[account_id]
        if last_on is not None:  # any contact with its people, those who left included
            on = as_date(last_on)
            tally.last_contact = on if tally.last_contact is None else max(tally.last_contact, on)
        if has_left:
            tally.found(FindingKind.CHAMPION_LEFT, champions, champion_id)
            continue
        tally.cells.append(PeopleCell(department, _LEVELS.get(level), known, engaged, first_id))
        tally.key_people += keys
        tally.decision_makers += deciders
        tally.warm_people += warm_n
        tally.uncovered_deciders += uncovered_deciders
        tally.found(FindingKind.UNCOVERED_KEY_PERSON, uncovered_n, uncovered_id)
        tally.found(FindingKind.STALE, stale_n, stale_id)
    return counts


def _count_vacant_seats(
    session: Session, account_ids: Collection[int] | None, counts: defaultdict[int, _Counts]
) -> None:
    """Each account's open decision makers' seats (``insights.seats``), by title."""
    s = Stakeholder
    statement = select(s.account_id, s.job_title, s.full_name).where(
        s.is_vacancy.is_(True), s.buying_role.in_(stored(DECIDING_ROLES))
    )
    if account_ids is not None:
        statement = statement.where(s.account_id.in_(account_ids))
    for account_id, title, name in _rows(session, statement):
        counts[account_id].vacant_seats.append(seat_title(title, name))


def _is_key() -> ColumnElement[bool]:
    """``relationships.is_key`` as a condition on a stakeholder row."""
    return or_(
        Stakeholder.buying_role.in_(stored(KEY_ROLES)),
        Stakeholder.influence.in_(stored(KEY_INFLUENCES)),
    )


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.count(case((condition, 1)))


def _first(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.min(case((condition, Stakeholder.id)))


def _intervals(session: Session, account_ids: Collection[int] | None) -> list[int]:
    """The contact intervals people asked for (positive ones; the others mean the default)."""
    statement = select(Stakeholder.contact_frequency_days).distinct()
    if account_ids is not None:
        statement = statement.where(Stakeholder.account_id.in_(account_ids))
    return sorted(d for (d,) in _rows(session, statement) if d is not None and d > 0)


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


def _last_contact_subquery(account_ids: Collection[int] | None, today: date, patient: bool) -> Any:
    """(pid, on): each person's last contact up to today, as far as staleness needs it.

    A subquery the people count joins, not ``interaction_facts.last_contacts``' dictionary:
    read only as far back as staleness needs, it is what keeps the dashboard fast.

    Everybody's in the recent window; before it only for people who want contact less often
    than every ``RECENT_DAYS`` days (``patient``: some do), for the others no recent contact
    already means stale.
    """
    since = today - timedelta(days=RECENT_DAYS)
    link, meeting = InteractionStakeholder, Interaction
    recent = (
        select(link.stakeholder_id.label("pid"), func.max(meeting.occurred_on).label("on"))
        .join(meeting, meeting.id == link.interaction_id)
        .where(meeting.occurred_on >= since, meeting.occurred_on <= today)
        .group_by(link.stakeholder_id)
    )
    if account_ids is not None:  # a refresh of a few accounts: from their people only
        recent = recent.join(Stakeholder, Stakeholder.id == link.stakeholder_id).where(
            Stakeholder.account_id.in_(account_ids)
        )
    if not patient:
        return recent.subquery()
    people = select(Stakeholder.id).where(Stakeholder.contact_frequency_days > RECENT_DAYS)
    if account_ids is not None:
        people = people.where(Stakeholder.account_id.in_(account_ids))
    older = (
        select(link.stakeholder_id.label("pid"), func.max(meeting.occurred_on).label("on"))
        .join(meeting, meeting.id == link.interaction_id)
        .where(meeting.occurred_on < since, link.stakeholder_id.in_(people))
        .group_by(link.stakeholder_id)
    )
    both = union_all(recent, older).subquery()
    return select(both.c.pid, func.max(both.c.on).label("on")).group_by(both.c.pid).subquery()


def _blockers(
    session: Session, account_ids: Collection[int] | None
) -> dict[int, list[tuple[int, bool]]]:
    """Account id -> (person id, is a key person) of its current blockers."""
    s = Stakeholder
    statement = select(s.account_id, s.id, case((_is_key(), 1), else_=0)).where(
        s.stance == Stance.BLOCKER.value, s.has_left.is_(False)
    )
    if account_ids is not None:
        statement = statement.where(s.account_id.in_(account_ids))
    found: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for account_id, person_id, is_key in sorted(_rows(session, statement)):
        found[account_id].append((person_id, bool(is_key)))
    return found


class _OpenActions:
    """The people an open action aims at, per account; unions per family, remembered."""

    def __init__(self, by_account: Mapping[int, set[int]]) -> None:
        self.by_account = by_account
        self._families: dict[tuple[int, ...], set[int]] = {}

    def get_family(self, members: list[int]) -> set[int]:
        key = tuple(members)
        if key not in self._families:
            self._families[key] = {p for m in members for p in self.by_account.get(m, ())}
        return self._families[key]


def _open_action_targets(buckets: FactBuckets, today: date) -> _OpenActions:
    targets: dict[int, set[int]] = defaultdict(set)
    for account_id, actions in buckets.actions.items():
        for action in actions:
            # wins_over has checked the person is named; said again for the type checker.
            if wins_over(action, today) and action.stakeholder_id is not None:
                targets[account_id].add(action.stakeholder_id)
    return _OpenActions(targets)


def _family_findings(
    members: list[_Counts],
    unmitigated: list[tuple[int, bool]],
    blockers: Mapping[int, list[tuple[int, bool]]],
    member_ids: list[int],
) -> tuple[FindingTally, dict[FindingKind, int]]:
    """Add up the members' counts; note who a kind's only finding is about."""
    counts: dict[FindingKind, int] = defaultdict(int)
    singles: dict[FindingKind, int] = {}
    for tally in members:
        for kind, count in tally.findings.items():
            counts[kind] += count
    if unmitigated:
        counts[FindingKind.UNMITIGATED_BLOCKER] = len(unmitigated)
    for kind in _KINDS:
        if counts.get(kind) == 1:
            if kind is FindingKind.UNMITIGATED_BLOCKER:
                singles[kind] = unmitigated[0][0]
            else:
                singles[kind] = next(t.first[kind] for t in members if kind in t.first)
    return FindingTally(
        key_people=sum(t.key_people for t in members),
        decision_makers=sum(t.decision_makers for t in members),
        warm_people=sum(t.warm_people for t in members),
        blockers=sum(len(blockers.get(m, ())) for m in member_ids),
        counts=MappingProxyType(dict(counts)),
        uncovered_decision_makers=sum(t.uncovered_deciders for t in members),
        key_blockers=sum(1 for _pid, is_key in unmitigated if is_key),
    ), singles


def _single_findings(
    session: Session,
    found: Mapping[int, tuple[FindingTally, dict[FindingKind, int]]],
    today: date,
) -> dict[int, dict[FindingKind, HealthFinding]]:
    """Person id -> their findings by kind, for the people behind a kind's only finding."""
    wanted = {pid for _tally, singles in found.values() for pid in singles.values()}
    if not wanted:
        return {}
    log = _contact_log(session, wanted, today)
    # Only unmitigated blockers are asked about, so no action counts as mitigating here.
    return {
        pid: {f.kind: f for f in findings_for_person(person, log, (), today)}
        for pid, person in _people(session, wanted).items()
    }


def _people(session: Session, person_ids: Iterable[int]) -> dict[int, PersonFacts]:
    ids = list(person_ids)
    owners: dict[int, list[int]] = defaultdict(list)
    owner_rows = (
        select(RelationshipOwner.stakeholder_id, RelationshipOwner.team_member_id)
        .where(RelationshipOwner.stakeholder_id.in_(ids))
        .order_by(RelationshipOwner.team_member_id)
    )
    for person_id, member_id in _rows(session, owner_rows):
        owners[person_id].append(member_id)
    statement = select(*PERSON_COLUMNS).where(Stakeholder.id.in_(ids))
    return {row[0]: person_facts(row, owners.get(row[0], ())) for row in _rows(session, statement)}


def _contact_log(session: Session, person_ids: Iterable[int], today: date) -> ContactLog:
    last = last_contacts(session, Stakeholder.id.in_(list(person_ids)), until=today)
    return ContactLog(last_contact_on=last, recent=(), recent_team_member_ids=frozenset())


def _owners(session: Session, account_ids: Collection[int] | None) -> dict[int, set[int]]:
    """Account id -> our team members who own a relationship with a current person there."""
    statement = (
        select(Stakeholder.account_id, RelationshipOwner.team_member_id)
        .join(Stakeholder, Stakeholder.id == RelationshipOwner.stakeholder_id)
        .where(Stakeholder.has_left.is_(False))
        .distinct()
    )
    if account_ids is not None:
        statement = statement.where(Stakeholder.account_id.in_(account_ids))
    found: dict[int, set[int]] = defaultdict(set)
    for account_id, member_id in _rows(session, statement):
        found[account_id].add(member_id)
    return found


def _older_contacts(session: Session, account_ids: list[int], today: date) -> dict[int, date]:
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
    return {account_id: as_date(on) for account_id, on in _rows(session, statement)}


# ---- the trend ---------------------------------------------------------------------------


def _trend(
    session: Session, account_ids: Collection[int] | None, today: date
) -> dict[int, tuple[dict[int, int], date | None]]:
    """Account id -> (interactions logged per month offset, 0 = this month; the last one).

    One row per account with the dates of its interactions listed, counted here: grouping
    by account and month in SQL sorts every interaction, which costs twice as much.
    """
    dates = cast(Interaction.occurred_on, String)
    if session.get_bind().dialect.name == "sqlite":
        listed = func.group_concat(dates)
    else:
        listed = func.string_agg(dates, ",")
    # Grouped on the plain column: ix_interactions_account_occurred (account, date) gives each
    # account's dates in order from the index alone, with no table row read and no sort.
    statement = select(Interaction.account_id, listed).group_by(Interaction.account_id)
    if account_ids is not None:
        statement = statement.where(Interaction.account_id.in_(account_ids))
    this_month = today.year * 12 + today.month - 1
    last_day = today.isoformat()
    found: dict[int, tuple[dict[int, int], date | None]] = {}
    for account_id, listed_dates in _rows(session, statement):
        days = listed_dates.split(",") if listed_dates else []
        latest = max(days, default="")[:10]
        if latest > last_day:  # planned meetings are not contact yet
            days = [day for day in days if day[:10] <= last_day]
            latest = max(days, default="")[:10]
        by_month: dict[int, int] = {}
        for month, count in Counter(map(_MONTH, days)).items():
            offset = this_month - (int(month[:4]) * 12 + int(month[5:7]) - 1)
            if offset < TREND_MONTHS:
                by_month[offset] = count
        found[account_id] = (by_month, date.fromisoformat(latest) if latest else None)
    return found


def _family_trend(
    trend: Mapping[int, tuple[dict[int, int], date | None]], members: list[int]
) -> tuple[tuple[int, ...], date | None]:
    counts = [0] * TREND_MONTHS
    last: date | None = None
    for member in members:
        by_month, latest = trend.get(member, ({}, None))
        for offset, count in by_month.items():
            counts[TREND_MONTHS - 1 - offset] += count
        if latest is not None and (last is None or latest > last):
            last = latest
    return tuple(counts), last


# ---- helpers -----------------------------------------------------------------------------


def _rows(session: Session, statement: Select) -> list[Any]:
    # Core execution, fetched at once: tuples without the ORM's per-row bookkeeping.
    return list(session.connection().execute(statement).all())
