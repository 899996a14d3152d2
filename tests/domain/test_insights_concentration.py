"""Concentration stories: are we driving in the ruts with the same friendly contact?"""

import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyplan.domain.insights import (
    AccountFacts,
    InteractionFacts,
    PersonFacts,
    contact_concentration,
)
from keyplan.domain.insights.concentration import (
    concentration_of,
    contact_spread,
    merge_spreads,
    spread_concentration,
)

TODAY = date(2025, 6, 2)
ANNA, BEN, CARL, DINA = 1, 2, 3, 4
PEOPLE = (
    PersonFacts(ANNA, "Anna Berg"),
    PersonFacts(BEN, "Ben Cole"),
    PersonFacts(CARL, "Carl Ek"),
    PersonFacts(DINA, "Dina Falk"),
)


def account_with(*meetings: tuple[int, tuple[int, ...]]) -> AccountFacts:
    """An account with one interaction per (days ago, people met)."""
    interactions = tuple(
        InteractionFacts(number, TODAY - timedelta(days=days_ago), people, (7,))
        for number, (days_ago, people) in enumerate(meetings, start=1)
    )
    return AccountFacts(1, "Nordwind", people=PEOPLE, interactions=interactions)


def test_three_of_four_calls_went_to_anna_so_the_account_is_single_threaded():
    account = account_with((5, (ANNA,)), (12, (ANNA,)), (30, (ANNA,)), (40, (BEN,)))

    ruts = contact_concentration(account, TODAY)

    assert ruts.interaction_count == 4
    assert ruts.top_person_id == ANNA
    assert ruts.top_person_name == "Anna Berg"
    assert ruts.top1_share == pytest.approx(0.75)
    assert ruts.top3_share == pytest.approx(1.0)
    assert ruts.herfindahl == pytest.approx(0.75**2 + 0.25**2)  # 0.625
    assert ruts.single_threaded
    assert [person for person, _ in ruts.shares] == [ANNA, BEN]


def test_a_workshop_spreads_one_unit_across_everybody_in_the_room():
    # One workshop with all four, and two one-to-ones with Ben: Ben gets 1/4 + 2 = 2.25 of 3.
    account = account_with((3, (ANNA, BEN, CARL, DINA)), (10, (BEN,)), (20, (BEN,)))

    ruts = contact_concentration(account, TODAY)

    assert ruts.top_person_id == BEN
    assert ruts.top1_share == pytest.approx(0.75)
    assert ruts.top3_share == pytest.approx((2.25 + 0.25 + 0.25) / 3)
    assert sum(share for _, share in ruts.shares) == pytest.approx(1.0)
    assert ruts.people_reached == 4


def test_a_person_listed_twice_in_one_meeting_counts_once():
    account = account_with((3, (ANNA, ANNA, BEN)), (4, (CARL,)))

    ruts = contact_concentration(account, TODAY)

    assert dict(ruts.shares) == pytest.approx({ANNA: 0.25, BEN: 0.25, CARL: 0.5})


def test_meetings_older_than_ninety_days_or_still_planned_do_not_count():
    account = account_with((90, (ANNA,)), (91, (BEN,)), (-3, (CARL,)), (1, (DINA,)))

    ruts = contact_concentration(account, TODAY)

    assert dict(ruts.shares) == pytest.approx({ANNA: 0.5, DINA: 0.5})


def test_two_meetings_with_one_person_are_too_few_to_call_single_threaded():
    ruts = contact_concentration(account_with((5, (ANNA,)), (6, (ANNA,))), TODAY)

    assert ruts.top1_share == pytest.approx(1.0)
    assert not ruts.single_threaded


def test_exactly_half_is_not_single_threaded_because_the_threshold_is_strictly_above():
    account = account_with((1, (ANNA,)), (2, (ANNA,)), (3, (BEN,)), (4, (CARL,)))

    ruts = contact_concentration(account, TODAY)

    assert ruts.top1_share == pytest.approx(0.5)
    assert not ruts.single_threaded


def test_four_people_met_equally_are_worth_four_effective_contacts():
    account = account_with((1, (ANNA,)), (2, (BEN,)), (3, (CARL,)), (4, (DINA,)))

    ruts = contact_concentration(account, TODAY)

    assert ruts.herfindahl == pytest.approx(0.25)
    assert ruts.effective_contacts == pytest.approx(4.0)
    # Equal shares: the lowest id is named first, so the answer never flickers.
    assert ruts.top_person_id == ANNA


def test_internal_meetings_without_customer_people_and_silence_give_no_shares():
    ruts = contact_concentration(account_with((1, ())), TODAY)

    assert ruts.interaction_count == 0
    assert ruts.shares == ()
    assert ruts.top_person_id is None
    assert ruts.top1_share == 0.0
    assert ruts.herfindahl == 0.0
    assert ruts.effective_contacts == 0.0
    assert not ruts.single_threaded


meetings_strategy = st.lists(
    st.lists(st.integers(min_value=1, max_value=12), max_size=6), max_size=40
)


@given(meetings=meetings_strategy, split=st.integers(min_value=0, max_value=40))
def test_counted_meetings_measure_as_the_meetings_themselves(meetings, split):
    # The dashboard counts an account's and each affiliate's meetings apart and adds the
    # counts up; the Insights tab measures the family's meetings as one list. Both must
    # give the same figures to the last bit, however the meetings are split.
    whole = concentration_of(meetings, str)
    parts = merge_spreads([contact_spread(meetings[:split]), contact_spread(meetings[split:])])
    assert spread_concentration(parts, str) == whole
    assert parts.interactions == sum(1 for people in meetings if people)


def test_a_spread_counts_meetings_per_person_and_size():
    spread = contact_spread([[7], [7, 8], [8, 8], [], [9, 7, 8]])
    assert spread.interactions == 4  # the empty one is internal preparation
    assert dict(spread.meetings) == {(7, 1): 1, (7, 2): 1, (8, 2): 1, (8, 1): 1, (7, 3): 1,
                                     (8, 3): 1, (9, 3): 1}  # fmt: skip


@given(meetings=meetings_strategy)
def test_each_share_is_the_exact_sum_of_the_persons_parts_of_each_meeting(meetings):
    # The reference, plainly: each meeting gives each of its people 1/size, added exactly
    # (fsum) in the order met, then divided by the meetings counted.
    parts: dict[int, list[float]] = {}
    for people in meetings:
        for person in set(people):
            parts.setdefault(person, []).append(1.0 / len(set(people)))
    counted = sum(1 for people in meetings if people)
    expected = {person: math.fsum(units) / counted for person, units in parts.items()}
    ruts = concentration_of(meetings, str)
    assert dict(ruts.shares) == expected
    assert [share for _, share in ruts.shares] == sorted(expected.values(), reverse=True)
