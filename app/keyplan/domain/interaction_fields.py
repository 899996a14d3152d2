"""The fields of a logged interaction, and the rule for a promise's status and delivery date.

Declared once, like ``fields.py``: the Interactions tab and the store's validation read these.
(The commitment's own fields are the plan's: ``plan_fields.COMMITMENT_FIELDS``.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import Any

from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.vocabulary import Channel, CommitmentStatus


def _by_name(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


INTERACTION_FIELDS = _by_name(
    FieldSpec("occurred_on", "Date", Kind.DATE, required=True),
    FieldSpec("channel", "Channel", Kind.CHOICE, Channel, required=True),
    FieldSpec("summary", "Summary", Kind.NOTE),
    FieldSpec("next_step", "Next step", Kind.TEXT),
)

#: Statuses that mean a promise was delivered, so it carries a delivery date.
DELIVERED = frozenset({CommitmentStatus.KEPT.value, CommitmentStatus.LATE.value})


def commitment_status_change(
    status: str, delivered_on: date | None, today: date, due_on: date | None = None
) -> dict[str, Any]:
    """The fields a change of a promise's status sets, so the record stays consistent.

    A promise marked kept (or late) was delivered, so it gets a delivery date: the one it has,
    else today. One marked kept but delivered after its due date was kept late, and says so:
    a promise due on the 15th and ticked off on the 23rd is not a promise kept on time. An
    open or broken promise was not delivered, so its date is cleared; without that,
    re-opening a kept promise would leave it looking delivered.

    Args:
        status: the new ``CommitmentStatus`` value.
        delivered_on: the promise's delivery date as it is now.
        today: the date a promise marked delivered now gets.
        due_on: when the promise was due, if it has a date.

    Returns:
        ``status`` and ``delivered_on``, ready for the store.
    """
    if status in DELIVERED:
        delivered = delivered_on or today
        if status == CommitmentStatus.KEPT.value and due_on is not None and delivered > due_on:
            status = CommitmentStatus.LATE.value
        return {"status": status, "delivered_on": delivered}
    return {"status": status, "delivered_on": None}


def promise_record(statuses: Iterable[str], overdue: int) -> str:
    """Each promise counted once, by its status: ``7 promises: 3 open (2 overdue), 3 kept,
    1 late, 1 broken``. Overdue promises are a part of the open ones, not a status of their
    own. The app's tabs and the PDF plans all say it this way.

    Args:
        statuses: the ``CommitmentStatus`` value of every promise.
        overdue: how many of the open ones are past their due date.
    """
    counts = Counter(statuses)
    total = sum(counts.values())
    if not total:
        return "No promises recorded"
    open_count = counts[CommitmentStatus.OPEN.value]
    parts = [f"{open_count} open" + (f" ({overdue} overdue)" if overdue else "")]
    for status in (CommitmentStatus.KEPT, CommitmentStatus.LATE, CommitmentStatus.BROKEN):
        if counts[status.value]:
            parts.append(f"{counts[status.value]} {status.label.lower()}")
    noun = "promise" if total == 1 else "promises"
    return f"{total} {noun}: " + ", ".join(parts)
