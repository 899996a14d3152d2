"""A promise's status edited in the Plan tab's table keeps its delivery date, as in Commitments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from keyplan.store.plan import edits as plan_edits

pytestmark = pytest.mark.sqlite_only


def test_marking_an_overdue_promise_kept_in_the_plan_table_records_it_late(window, small_portfolio):
    document = window.document
    promise = plan_edits.add_row(
        document.database,
        "commitments",
        small_portfolio.acme,
        {"promise": "Send the pricing sheet", "due_on": date.today() - timedelta(days=8)},
    )
    document.set_plan_field("commitments", promise, "status", "Kept")

    row = document.commitment(promise)
    assert (row.status, row.delivered_on) == ("late", date.today())
    document.undo_stack.undo()  # one step: the status and its delivery date
    row = document.commitment(promise)
    assert (row.status, row.delivered_on) == ("open", None)
