"""The dashboard's monthly trend: each account's interactions counted per month.

PostgreSQL counts each account's months itself; from SQLite the dates are read as one list
per account and counted here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Mapping
from datetime import date, timedelta

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from keyplan.domain.insights.summary import TREND_MONTHS
from keyplan.store.insights.dashboard_sql import all_rows
from keyplan.store.models import Interaction


def monthly_trend(
    session: Session, account_ids: Collection[int] | None, today: date
) -> dict[int, tuple[dict[int, int], date | None]]:
    """Account id -> (interactions logged per month offset, 0 = this month; the last one).

    PostgreSQL counts the months itself (``_counted_by_server``); from SQLite the dates are
    listed and counted here (``_listed_dates``).
    """
    if session.get_bind().dialect.name == "postgresql":
        return _counted_by_server(session, account_ids, today)
    return _listed_dates(session, account_ids, today)


def _listed_dates(
    session: Session, account_ids: Collection[int] | None, today: date
) -> dict[int, tuple[dict[int, int], date | None]]:
    """``monthly_trend`` from one row per account with the dates of its interactions listed,
    counted here: grouping by account and month in SQL sorts every interaction, which costs
    twice as much, and counting each month in SQL (a CASE per month) costs SQLite five times
    as much.
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
    tomorrow = (today + timedelta(days=1)).isoformat()  # every day up to today sorts before
    starts = _month_starts(today)
    found: dict[int, tuple[dict[int, int], date | None]] = {}
    for account_id, listed_dates in all_rows(session, statement):
        days = listed_dates.split(",") if listed_dates else []
        # Sorted (at C speed; the index mostly gives them in order already), each month is
        # counted by two bisections instead of slicing and hashing every date.
        days.sort()
        past = end = bisect_left(days, tomorrow)  # planned meetings are not contact yet
        by_month: dict[int, int] = {}
        for offset, start in enumerate(starts):
            begin = bisect_left(days, start, 0, end)
            if end > begin:
                by_month[offset] = end - begin
            end = begin
        found[account_id] = (by_month, date.fromisoformat(days[past - 1][:10]) if past else None)
    return found


def _month_starts(today: date) -> list[str]:
    """The first days of the trend's months as ISO text: this month's first, then earlier."""
    month = today.year * 12 + today.month - 1
    return [
        date((month - offset) // 12, (month - offset) % 12 + 1, 1).isoformat()
        for offset in range(TREND_MONTHS)
    ]


def _counted_by_server(
    session: Session, account_ids: Collection[int] | None, today: date
) -> dict[int, tuple[dict[int, int], date | None]]:
    """``monthly_trend`` counted by PostgreSQL: per account, how many interactions up to today
    since the first day of each month of the trend, and the last one.

    Comparing each date with a dozen plain dates is cheaper for the server than writing a
    team's 600,000 dates out as text, and it spares the client reading and splitting them
    (grouping by month would compute each date's month: slower still). Still one pass over
    the (account, date) index, and twelve numbers per account to read.
    """
    on = Interaction.occurred_on
    # Cumulative: since the first of this month, of last month, … (offset 0, 1, …).
    since_month = [func.count().filter(on >= date.fromisoformat(d)) for d in _month_starts(today)]
    statement = (
        select(Interaction.account_id, func.max(on), *since_month)
        .where(on <= today)  # planned meetings are not contact yet
        .group_by(Interaction.account_id)
    )
    if account_ids is not None:
        statement = statement.where(Interaction.account_id.in_(account_ids))
    found: dict[int, tuple[dict[int, int], date | None]] = {}
    for account_id, latest, *since in all_rows(session, statement):
        by_month: dict[int, int] = {}
        before = 0
        for offset, count in enumerate(since):
            if count > before:
                by_month[offset] = count - before
            before = count
        found[account_id] = (by_month, latest)
    return found


def family_trend(
    trend: Mapping[int, tuple[dict[int, int], date | None]], members: list[int]
) -> tuple[tuple[int, ...], date | None]:
    """A family's interactions per month (oldest first, this month last) and its last one."""
    counts = [0] * TREND_MONTHS
    last: date | None = None
    for member in members:
        by_month, latest = trend.get(member, ({}, None))
        for offset, count in by_month.items():
            counts[TREND_MONTHS - 1 - offset] += count
        if latest is not None and (last is None or latest > last):
            last = latest
    return tuple(counts), last
