"""The dashboard's summary of an account: the same score as the full analysis, and a trend."""

from datetime import date

from keyplan.domain.insights import AccountFacts, InteractionFacts, PersonFacts, analyse_account
from keyplan.domain.insights.summary import interactions_by_month, summarise_account
from keyplan.domain.vocabulary import Strength

TODAY = date(2026, 3, 15)


def meeting(number: int, on: date) -> InteractionFacts:
    return InteractionFacts(number, on, (1,), (7,))


def test_interactions_are_counted_per_calendar_month_oldest_first():
    interactions = (
        meeting(1, date(2026, 3, 1)),
        meeting(2, date(2026, 3, 15)),
        meeting(3, date(2026, 2, 28)),
        meeting(4, date(2025, 4, 30)),  # the first month of the twelve
        meeting(5, date(2025, 3, 31)),  # thirteen months ago: outside
        meeting(6, date(2026, 3, 16)),  # tomorrow: planned, not contact
    )
    counts = interactions_by_month(interactions, TODAY)
    assert len(counts) == 12
    assert counts == (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2)


def test_the_summary_scores_an_account_exactly_as_the_full_analysis():
    account = AccountFacts(
        1,
        "Nordwind",
        people=(PersonFacts(1, "Anna Berg", department="IT", strength=Strength.TRUSTED),),
        interactions=(meeting(1, date(2026, 3, 1)), meeting(2, date(2025, 11, 2))),
    )
    summary = summarise_account(account, TODAY)
    assert summary.score == analyse_account(account, TODAY).score
    assert summary.last_interaction_on == date(2026, 3, 1)
    assert summary.days_since_last_interaction == 14


def test_a_trend_counted_elsewhere_is_taken_as_given():
    account = AccountFacts(1, "Nordwind")
    summary = summarise_account(
        account, TODAY, trend=(0,) * 11 + (3,), last_interaction_on=date(2026, 3, 2)
    )
    assert summary.interactions_by_month[-1] == 3
    assert summary.last_interaction_on == date(2026, 3, 2)
