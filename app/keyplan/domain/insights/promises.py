"""Promise-keeping: what we said we would do for the customer, and whether we did it.

Each commitment falls in exactly one of four outcomes; *overdue* is a subset of *open*:
- kept on time: status KEPT, delivered on or before the due date (or no date to miss);
- kept late: status LATE, or status KEPT but delivered after the due date. LATE is read as a
  final state ("delivered, but late"), like KEPT and BROKEN: a promise not yet delivered is OPEN,
  and its lateness follows from its due date;
- broken: status BROKEN;
- open: status OPEN; overdue when today is past its due date (``rules.is_commitment_late``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType

from keyplan.domain.insights.facts import AccountFacts, CommitmentFacts
from keyplan.domain.rules import is_commitment_late
from keyplan.domain.vocabulary import CommitmentStatus

#: Open promises due within this many days are listed as due soon.
DUE_SOON_DAYS = 7


class PromiseOutcome(StrEnum):
    """Where a commitment stands."""

    KEPT_ON_TIME = "kept_on_time"
    KEPT_LATE = "kept_late"
    BROKEN = "broken"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class PromiseRecord:
    """A tally of commitments by outcome; ``overdue`` counts the open ones past due."""

    kept_on_time: int = 0
    kept_late: int = 0
    broken: int = 0
    open: int = 0
    overdue: int = 0

    @property
    def total(self) -> int:
        """Every commitment counted."""
        return self.kept_on_time + self.kept_late + self.broken + self.open

    @property
    def settled(self) -> int:
        """Commitments that are no longer open."""
        return self.kept_on_time + self.kept_late + self.broken

    @property
    def on_time_rate(self) -> float | None:
        """Share of settled promises kept on time, or None when nothing is settled yet."""
        return self.kept_on_time / self.settled if self.settled else None


@dataclass(frozen=True, slots=True)
class PromiseDue:
    """An open promise with a due date: ``days_late`` > 0 past due, <= 0 days still left."""

    commitment_id: int
    promise: str
    due_on: date
    days_late: int
    to_person_id: int | None = None
    by_team_member_id: int | None = None


@dataclass(frozen=True, slots=True)
class PromiseKeeping:
    """The promise record of an account, in total and per team member.

    Attributes:
        by_team_member: team member id -> their record; key None for unassigned promises.
        overdue: open promises past due, the latest first.
        due_soon: open promises due in the next ``DUE_SOON_DAYS`` days, the soonest first.
    """

    account: PromiseRecord
    by_team_member: Mapping[int | None, PromiseRecord]
    overdue: tuple[PromiseDue, ...]
    due_soon: tuple[PromiseDue, ...]


def promise_outcome(commitment: CommitmentFacts, today: date) -> PromiseOutcome:
    """Classify one commitment (see the module docstring for the rules)."""
    status = commitment.status
    if status is CommitmentStatus.BROKEN:
        return PromiseOutcome.BROKEN
    if status is CommitmentStatus.LATE:
        return PromiseOutcome.KEPT_LATE
    if status is CommitmentStatus.KEPT:
        late = is_commitment_late(status.value, commitment.due_on, commitment.delivered_on, today)
        return PromiseOutcome.KEPT_LATE if late else PromiseOutcome.KEPT_ON_TIME
    return PromiseOutcome.OPEN


def promise_keeping(account: AccountFacts, today: date) -> PromiseKeeping:
    """Tally an account's commitments and list the overdue and the soon-due ones.

    Args:
        account: the account to read.
        today: the date against which open promises are overdue or due soon.

    Returns:
        The account's record, each team member's record, and the overdue list sorted by how
        late each promise is.
    """
    account_tally = _Tally()
    member_tallies: dict[int | None, _Tally] = {}
    overdue: list[PromiseDue] = []
    due_soon: list[PromiseDue] = []
    for commitment in account.commitments:
        outcome = promise_outcome(commitment, today)
        is_overdue = outcome is PromiseOutcome.OPEN and _is_overdue(commitment, today)
        member = member_tallies.setdefault(commitment.by_team_member_id, _Tally())
        for tally in (account_tally, member):
            tally.add(outcome, is_overdue)
        if outcome is PromiseOutcome.OPEN and commitment.due_on is not None:
            due = _due(commitment, today)
            if is_overdue:
                overdue.append(due)
            elif commitment.due_on <= today + timedelta(days=DUE_SOON_DAYS):
                due_soon.append(due)
    overdue.sort(key=lambda due: (-due.days_late, due.commitment_id))
    due_soon.sort(key=lambda due: (due.due_on, due.commitment_id))
    return PromiseKeeping(
        account=account_tally.record(),
        by_team_member=MappingProxyType(
            {member: tally.record() for member, tally in member_tallies.items()}
        ),
        overdue=tuple(overdue),
        due_soon=tuple(due_soon),
    )


def _is_overdue(commitment: CommitmentFacts, today: date) -> bool:
    """An open promise past its due date and not delivered, by the shared rule."""
    return is_commitment_late(
        CommitmentStatus.OPEN.value, commitment.due_on, commitment.delivered_on, today
    )


def _due(commitment: CommitmentFacts, today: date) -> PromiseDue:
    """The overdue or due-soon line for one open promise that has a due date."""
    assert commitment.due_on is not None  # callers only pass dated promises
    return PromiseDue(
        commitment_id=commitment.id,
        promise=commitment.promise,
        due_on=commitment.due_on,
        days_late=(today - commitment.due_on).days,
        to_person_id=commitment.to_person_id,
        by_team_member_id=commitment.by_team_member_id,
    )


#: The outcomes listed once: iterating an enum class runs Python code for every member, and
#: every account of the dashboard makes a tally for itself and for each of its team members.
_OUTCOMES = tuple(PromiseOutcome)


class _Tally:
    """A mutable counter, frozen into a ``PromiseRecord`` at the end (cheaper than rebuilding)."""

    __slots__ = ("counts", "overdue")

    def __init__(self) -> None:
        self.counts = dict.fromkeys(_OUTCOMES, 0)
        self.overdue = 0

    def add(self, outcome: PromiseOutcome, overdue: bool) -> None:
        self.counts[outcome] += 1
        self.overdue += overdue

    def record(self) -> PromiseRecord:
        return PromiseRecord(
            kept_on_time=self.counts[PromiseOutcome.KEPT_ON_TIME],
            kept_late=self.counts[PromiseOutcome.KEPT_LATE],
            broken=self.counts[PromiseOutcome.BROKEN],
            open=self.counts[PromiseOutcome.OPEN],
            overdue=self.overdue,
        )


def merge_records(records: Iterable[PromiseRecord]) -> PromiseRecord:
    """Add records together, e.g. one team member's record over all accounts of a portfolio."""
    total = PromiseRecord()
    for record in records:
        total = PromiseRecord(
            kept_on_time=total.kept_on_time + record.kept_on_time,
            kept_late=total.kept_late + record.kept_late,
            broken=total.broken + record.broken,
            open=total.open + record.open,
            overdue=total.overdue + record.overdue,
        )
    return total
