"""Named snapshots: taken on demand, and by plan reviews that have passed; read back in order."""

from __future__ import annotations

from datetime import date

import pytest

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.store.history.named_snapshots import (
    review_moments,
    snapshots,
    take_review_snapshots,
    take_snapshot,
)
from keyplan.store.people import edits


def test_a_snapshot_taken_now_is_listed_with_its_name(db):
    acme = edits.add_account(db, "Acme")
    take_snapshot(db, acme, "  Before the reorg ")
    (shot,) = snapshots(db, acme)
    assert shot.name == "Before the reorg" and not shot.automatic


def test_a_snapshot_without_a_name_or_account_is_refused_and_nothing_is_written(db):
    acme = edits.add_account(db, "Acme")
    with pytest.raises(RuleViolation, match="name"):
        take_snapshot(db, acme, "   ")
    with pytest.raises(RuleViolation):
        take_snapshot(db, acme, "Before\x1b[2J")
    with pytest.raises(NotFound):
        take_snapshot(db, acme + 99, "Before the reorg")
    assert snapshots(db, acme) == []


def test_a_plan_review_that_has_passed_leaves_one_automatic_snapshot(db):
    acme = edits.add_account(db, "Acme")
    edits.set_account_field(db, acme, "last_review_on", date(2026, 3, 3))
    edits.set_account_field(db, acme, "review_cadence_days", 90)
    today = date(2026, 7, 1)
    assert len(take_review_snapshots(db, acme, today)) == 2  # the review, and the one due
    assert take_review_snapshots(db, acme, today) == []  # once only
    names = [(s.name, s.automatic) for s in snapshots(db, acme)]
    assert names == [("Plan review of 3 Mar", True), ("Plan review of 1 Jun", True)]


def test_review_days_in_the_future_leave_nothing_yet():
    assert review_moments(date(2026, 9, 1), 90, date(2026, 8, 1)) == []
    assert review_moments(date(2026, 6, 1), 90, date(2026, 8, 1)) == [date(2026, 6, 1)]
    assert review_moments(None, 90, date(2026, 8, 1)) == []
