"""Named moments of an account's map ("Before the reorg"), and those plan reviews leave.

A snapshot stores only a name and a moment: the map at that moment is rebuilt from the change
log (``queries.compare_dates``), so it costs one row and can never drift from the history. Once
taken it is read-only (nothing here changes one). A review date of the plan that has passed
(``accounts.last_review_on``, and the next review its cadence makes due) leaves an automatic
snapshot at the end of that day, the first time anyone looks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.domain.fields import MAX_NAME_LENGTH
from keyplan.domain.history.wording import day_text
from keyplan.domain.plain_text import require_plain_text
from keyplan.store.database import Database
from keyplan.store.models import Account, MapSnapshot, utc_now


@dataclass(frozen=True, slots=True)
class NamedSnapshot:
    id: int
    account_id: int
    name: str
    taken_at: datetime
    automatic: bool


def take_snapshot(db: Database, account_id: int, name: str, at: datetime | None = None) -> int:
    """Name the account's map as it is now (or at ``at``); return the snapshot's id.

    Raises:
        NotFound: the account no longer exists.
        RuleViolation: the name is empty, too long or holds control characters.
    """
    name = (name or "").strip()
    if not name:
        raise RuleViolation("Give the snapshot a name, like “Before the reorg”.")
    require_plain_text("The snapshot's name", name, MAX_NAME_LENGTH)
    with db.transaction() as session:
        if session.get(Account, account_id) is None:
            raise NotFound(f"That account no longer exists (id {account_id}).")
        snapshot = MapSnapshot(account_id=account_id, name=name, taken_at=at or utc_now())
        session.add(snapshot)
        session.flush()
        return snapshot.id


def snapshots(db: Database, account_id: int) -> list[NamedSnapshot]:
    """The account's snapshots, oldest first."""
    with db.read() as session:
        rows = session.scalars(
            select(MapSnapshot)
            .where(MapSnapshot.account_id == account_id)
            .order_by(MapSnapshot.taken_at, MapSnapshot.id)
        ).all()
        return [NamedSnapshot(r.id, r.account_id, r.name, r.taken_at, r.automatic) for r in rows]


def review_moments(last_review: date | None, cadence_days: int | None, today: date) -> list[date]:
    """The plan review days that have passed: the last review, and the next one if it is due."""
    days = []
    if last_review is not None and last_review <= today:
        days.append(last_review)
        if cadence_days and last_review + timedelta(days=cadence_days) <= today:
            days.append(last_review + timedelta(days=cadence_days))
    return days


def take_review_snapshots(db: Database, account_id: int, today: date | None = None) -> list[int]:
    """Take the automatic snapshots of plan review days that have passed and have none yet.

    Does nothing on a database opened read-only. Returns the ids of the snapshots taken.
    """
    today = today or date.today()
    if db.read_only_reason:
        return []
    with db.read() as session:
        account = session.get(Account, account_id)
        if account is None:
            return []
        days = review_moments(account.last_review_on, account.review_cadence_days, today)
        taken = set(
            session.scalars(
                select(MapSnapshot.taken_at).where(
                    MapSnapshot.account_id == account_id, MapSnapshot.automatic.is_(True)
                )
            )
        )
    wanted = [(day, datetime.combine(day, time(23, 59, 59))) for day in days]
    wanted = [(day, at) for day, at in wanted if at not in taken]
    if not wanted:
        return []
    ids = []
    with db.transaction() as session:
        for day, at in wanted:
            name = f"Plan review of {day_text(day, today)}"
            snapshot = MapSnapshot(account_id=account_id, name=name, taken_at=at, automatic=True)
            session.add(snapshot)
            session.flush()
            ids.append(snapshot.id)
    return ids
