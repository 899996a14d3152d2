"""Health score stories: a score is never a bare number; every lost point has its reason."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from keyplan.domain.insights import (
    WEIGHTS,
    AccountFacts,
    CommitmentFacts,
    InteractionFacts,
    PersonFacts,
    analyse_account,
)
from keyplan.domain.vocabulary import BuyingRole, CommitmentStatus, Influence, Level, Strength

TODAY = date(2025, 6, 2)
DANA = PersonFacts(1, "Dana Whitfield", title="CFO", department="Finance", level=Level.C_LEVEL,
                   buying_role=BuyingRole.DECISION_MAKER, influence=Influence.HIGH,
                   strength=Strength.TRUSTED, owner_ids=(7,))  # fmt: skip
OTHERS = (
    PersonFacts(2, "Erik Lund", department="Finance", level=Level.MANAGER,
                strength=Strength.WORKING, owner_ids=(8,)),
    PersonFacts(3, "Ingrid Sato", department="IT", level=Level.VP,
                strength=Strength.TRUSTED, owner_ids=(9,)),
    PersonFacts(4, "Kai Ito", department="IT", level=Level.DIRECTOR,
                strength=Strength.WORKING, owner_ids=(7,)),
    PersonFacts(5, "Lea Moss", department="IT", level=Level.INDIVIDUAL,
                strength=Strength.WORKING, owner_ids=(8,)),
)  # fmt: skip


def meetings(*person_ids: int) -> tuple[InteractionFacts, ...]:
    """One meeting per person id, ten days ago."""
    return tuple(
        InteractionFacts(number, TODAY - timedelta(days=10), (person_id,), (7,))
        for number, person_id in enumerate(person_ids, start=1)
    )


def healthy() -> AccountFacts:
    """Two departments, three senior levels, five people met equally, three of us, two offerings."""
    return AccountFacts(
        1,
        "Nordwind",
        review_cadence_days=90,
        last_review_on=TODAY - timedelta(days=10),
        people=(DANA, *OTHERS),
        interactions=meetings(1, 2, 3, 4, 5),
        commitments=(
            CommitmentFacts(
                1, "Pricing sheet", CommitmentStatus.KEPT, 1, 7, due_on=TODAY, delivered_on=TODAY
            ),
        ),
        offerings_discussed=("Cloud", "Security"),
    )


def test_weights_add_up_to_a_hundred():
    assert sum(WEIGHTS.values()) == 100


def test_a_well_worked_account_scores_100_and_has_nothing_to_say():
    score = analyse_account(healthy(), TODAY).score

    assert score.value == 100
    assert score.reasons == ()
    assert score.top_reason is None


def test_a_plan_never_reviewed_and_a_late_promise_cost_ten_and_four_points():
    overdue = CommitmentFacts(
        2, "Send the migration plan", CommitmentStatus.OPEN, 1, 8, due_on=TODAY - timedelta(12)
    )
    account = replace(healthy(), last_review_on=None, commitments=(*healthy().commitments, overdue))

    score = analyse_account(account, TODAY).score

    assert score.value == 86
    assert score.reasons == (
        (10.0, "Plan never reviewed; reviews are due every 90 days"),
        (4.0, "Promise overdue by 12 days: Send the migration plan"),
    )
    assert score.top_reason == "Plan never reviewed; reviews are due every 90 days"


def test_seven_of_eleven_meetings_with_dana_make_the_account_single_threaded():
    account = replace(healthy(), interactions=meetings(1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5))

    score = analyse_account(account, TODAY).score

    # HHI = (7² + 4·1²) / 11² ≈ 0.438; (0.438 − 0.2) / 0.8 of 10 points ≈ 2.98 lost.
    ((points, reason),) = score.reasons
    assert points == pytest.approx(3.0)
    assert reason == "Single-threaded: 64% of recent contact went to Dana Whitfield"
    assert score.value == 97


def test_an_unowned_cfo_is_the_top_reason():
    account = replace(healthy(), people=(replace(DANA, owner_ids=()), *OTHERS))

    score = analyse_account(account, TODAY).score

    assert score.value == 85
    assert score.top_reason == (
        "Dana Whitfield (CFO) is an influential decision maker with no owner"
    )


def test_a_broken_and_a_late_promise_out_of_four_cost_three_eighths_of_five_points():
    statuses = [CommitmentStatus.KEPT, CommitmentStatus.KEPT, CommitmentStatus.BROKEN,
                CommitmentStatus.LATE]  # fmt: skip
    commitments = tuple(
        CommitmentFacts(number, f"Promise {number}", status, due_on=TODAY)
        for number, status in enumerate(statuses, start=1)
    )

    score = analyse_account(replace(healthy(), commitments=commitments), TODAY).score

    assert score.reasons == ((1.9, "Of 4 settled promises, 1 broken and 1 kept late"),)
    assert score.value == 98


def test_an_empty_account_explains_every_missing_dimension_biggest_first():
    score = analyse_account(AccountFacts(9, "Blank Corp"), TODAY).score

    assert score.value == 35
    assert [points for points, _ in score.reasons] == [15, 10, 10, 10, 10, 5, 5]
    assert [reason for _, reason in score.reasons] == [
        "No decision maker or high-influence person identified",
        "No departments recorded for the people we know",
        "No working relationship at board, VP or director level",
        "No interactions in the last 90 days",
        "Plan never reviewed; reviews are due every 90 days by default",
        "Nobody on our team met the customer in 90 days or owns a relationship",
        "No offering areas discussed with the customer",
    ]
