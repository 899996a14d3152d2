"""The dashboard's monthly trend: each account's interactions counted per month.

The dates are read as one list per account (the one dialect-specific function, chosen by
dialect) and counted here.
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

    One row per account with the dates of its interactions listed, counted here: grouping
    by account and month in SQL sorts every interaction, which costs twice as much, and
    counting each month in SQL (a CASE per month) costs SQLite five times as much.
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
