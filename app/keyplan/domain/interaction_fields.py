"""The fields of a logged interaction, and the rule for a promise's status and delivery date.

Declared once, like ``fields.py``: the Interactions tab and the store's validation read these.
(The commitment's own fields are the plan's: ``plan_fields.COMMITMENT_FIELDS``.)
"""

from __future__ import annotations

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
