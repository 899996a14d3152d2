"""Marking a promise kept, late, open or broken keeps its delivery date and status honest."""

from datetime import date

from keyplan.domain.interaction_fields import commitment_status_change

DUE = date(2026, 11, 15)


def test_a_promise_kept_after_its_due_date_is_marked_late():
    assert commitment_status_change("kept", None, date(2026, 11, 23), DUE) == {
        "status": "late",
        "delivered_on": date(2026, 11, 23),
    }


def test_a_promise_kept_on_or_before_its_due_date_stays_kept():
    for today in (date(2026, 11, 10), DUE):
        assert commitment_status_change("kept", None, today, DUE)["status"] == "kept"


def test_a_delivery_date_already_recorded_decides_not_today():
    change = commitment_status_change("kept", date(2026, 11, 14), date(2026, 12, 1), DUE)
    assert change == {"status": "kept", "delivered_on": date(2026, 11, 14)}


def test_a_promise_without_a_due_date_is_simply_kept():
    assert commitment_status_change("kept", None, date(2026, 11, 23))["status"] == "kept"


def test_reopening_or_breaking_a_promise_clears_its_delivery():
    for status in ("open", "broken"):
        assert commitment_status_change(status, DUE, date(2026, 11, 23), DUE) == {
            "status": status,
            "delivered_on": None,
        }
