"""Plan freshness stories: is the Nordwind plan reviewed as often as the team agreed?"""

from datetime import date, timedelta

from keyplan.domain.insights import AccountFacts, plan_freshness

TODAY = date(2025, 6, 2)


def reviewed(days_ago: int | None, cadence: int | None = 90) -> AccountFacts:
    last = None if days_ago is None else TODAY - timedelta(days=days_ago)
    return AccountFacts(1, "Nordwind", review_cadence_days=cadence, last_review_on=last)


def test_a_quarterly_plan_last_reviewed_120_days_ago_is_30_days_overdue():
    freshness = plan_freshness(reviewed(120), TODAY)

    assert freshness.days_since_review == 120
    assert freshness.overdue_days == 30
    assert freshness.is_overdue
    assert freshness.reason == (
        "Plan review 30 days overdue: last reviewed 120 days ago, due every 90 days"
    )


def test_a_plan_reviewed_last_month_is_fresh_and_says_when_the_next_review_is():
    freshness = plan_freshness(reviewed(30), TODAY)

    assert freshness.overdue_days == 0
    assert not freshness.is_overdue
    assert freshness.reason == "Plan reviewed 30 days ago; next review in 60 days"


def test_a_plan_never_reviewed_is_overdue_without_a_number_of_days():
    freshness = plan_freshness(reviewed(None, cadence=30), TODAY)

    assert freshness.never_reviewed
    assert freshness.is_overdue
    assert freshness.days_since_review is None
    assert freshness.overdue_days == 0
    assert freshness.reason == "Plan never reviewed; reviews are due every 30 days"


def test_without_a_cadence_the_plan_is_reviewed_quarterly_by_default():
    freshness = plan_freshness(reviewed(100, cadence=None), TODAY)

    assert freshness.cadence_days == 90
    assert freshness.cadence_is_default
    assert freshness.overdue_days == 10
    assert freshness.reason.endswith("due every 90 days by default")


def test_a_review_dated_in_the_future_counts_as_today():
    freshness = plan_freshness(reviewed(-5), TODAY)

    assert freshness.days_since_review == 0
    assert not freshness.is_overdue
