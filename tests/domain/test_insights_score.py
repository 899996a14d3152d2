"""Health score stories: a score is never a bare number; every lost point has its reason."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from keyplan.domain.insights import (
    WEIGHTS,
    AccountFacts,
    AccountScore,
    CommitmentFacts,
    InteractionFacts,
    PersonFacts,
    analyse_account,
)
from keyplan.domain.vocabulary import (
    BuyingRole,
    CommitmentStatus,
    Influence,
    Level,
    Stance,
    Strength,
)

TODAY = date(2025, 6, 2)
BLOCKER_REASON = (
    "Ingrid Sato (IT VP) is a blocker and no open action due ahead aims to win them over"
)
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


def sentences(score: AccountScore) -> tuple[tuple[float, str], ...]:
    """The score's reasons as (points lost, sentence), without the headlines."""
    return tuple((reason.points_lost, reason.reason) for reason in score.reasons)


def test_weights_add_up_to_a_hundred():
    assert sum(WEIGHTS.values()) == 100


def test_a_well_worked_account_scores_100_and_has_nothing_to_say():
    score = analyse_account(healthy(), TODAY).score

    assert score.value == 100
    assert score.reasons == ()
    assert score.top_reason is None


def test_a_plan_never_reviewed_and_a_late_promise_cost_six_and_four_points():
    overdue = CommitmentFacts(
        2, "Send the migration plan", CommitmentStatus.OPEN, 1, 8, due_on=TODAY - timedelta(12)
    )
    account = replace(healthy(), last_review_on=None, commitments=(*healthy().commitments, overdue))

    score = analyse_account(account, TODAY).score

    assert score.value == 90
    assert sentences(score) == (
        (6.0, "Plan never reviewed; reviews are due every 90 days"),
        (4.0, "Promise overdue by 12 days: Send the migration plan"),
    )
    assert score.top_reason == "Plan never reviewed; reviews are due every 90 days"


def test_seven_of_eleven_meetings_with_dana_make_the_account_single_threaded():
    account = replace(healthy(), interactions=meetings(1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 5))

    score = analyse_account(account, TODAY).score

    # HHI = (7² + 4·1²) / 11² ≈ 0.438; (0.438 − 0.2) / 0.8 of 8 points ≈ 2.38 lost.
    ((points, reason),) = sentences(score)
    assert points == pytest.approx(2.4)
    assert reason == "Single-threaded: 64% of recent contact went to Dana Whitfield"
    assert score.value == 98


def test_an_unowned_cfo_the_only_decision_maker_costs_all_22_points():
    account = replace(healthy(), people=(replace(DANA, owner_ids=()), *OTHERS))

    score = analyse_account(account, TODAY).score

    assert score.value == 78
    assert score.top_reason == (
        "Dana Whitfield (CFO) is an influential decision maker with no owner"
    )


def test_a_broken_and_a_late_promise_out_of_four_cost_three_eighths_of_two_points():
    statuses = [CommitmentStatus.KEPT, CommitmentStatus.KEPT, CommitmentStatus.BROKEN,
                CommitmentStatus.LATE]  # fmt: skip
    commitments = tuple(
        CommitmentFacts(number, f"Promise {number}", status, due_on=TODAY)
        for number, status in enumerate(statuses, start=1)
    )

    score = analyse_account(replace(healthy(), commitments=commitments), TODAY).score

    assert sentences(score) == ((0.8, "Of 4 settled promises, 1 broken and 1 kept late"),)
    assert score.value == 99


def test_an_empty_account_explains_every_missing_dimension_biggest_first():
    score = analyse_account(AccountFacts(9, "Blank Corp"), TODAY).score

    assert score.value == 47
    assert [points for points, _ in sentences(score)] == [22, 8, 6, 6, 6, 3, 2]
    assert [reason for _, reason in sentences(score)] == [
        "No decision maker or high-influence person identified",
        "No interactions in the last 90 days",
        "No departments recorded for the people we know",
        "No working relationship at board, VP or director level",
        "Plan never reviewed; reviews are due every 90 days by default",
        "Nobody on our team met the customer in 90 days or owns a relationship",
        "No offering areas discussed with the customer",
    ]


def test_every_reason_has_a_headline_that_fits_a_dashboard_column():
    score = analyse_account(AccountFacts(9, "Blank Corp"), TODAY).score

    assert score.headlines(3) == (
        "No decision maker known",
        "No contact in 90 days",
        "No departments recorded",
    )
    assert all(len(reason.headline) <= 40 for reason in score.reasons)


def test_a_single_person_behind_a_reason_is_named_in_its_headline():
    account = healthy()
    dana = replace(DANA, owner_ids=(), strength=Strength.ACQUAINTED)
    score = analyse_account(replace(account, people=(dana, *OTHERS)), TODAY).score

    assert score.headlines(1) == ("Decision maker Dana Whitfield: no owner",)


# ---- what an experienced account director would say -------------------------------------

DECIDERS = tuple(
    PersonFacts(10 + n, name, title=title, department=dept, level=Level.C_LEVEL,
                buying_role=BuyingRole.DECISION_MAKER, strength=Strength.TRUSTED, owner_ids=(7,))
    for n, (name, title, dept) in enumerate(
        [("Ola Nord", "CIO", "IT"), ("Per Sand", "COO", "Operations"),
         ("Siri Dahl", "CPO", "Procurement")]
    )
)  # fmt: skip


def with_people(*people: PersonFacts) -> AccountFacts:
    """The healthy account with these people too, each met ten days ago."""
    everyone = (DANA, *OTHERS, *people)
    return replace(healthy(), people=everyone, interactions=meetings(*(p.id for p in everyone)))


def test_the_first_uncovered_decision_maker_of_four_already_costs_half_the_weight():
    cold = replace(DECIDERS[0], strength=Strength.ACQUAINTED)
    score = analyse_account(with_people(cold, *DECIDERS[1:]), TODAY).score

    # sqrt(1/4) of 22 points: one decision maker in four out of reach is a real gap.
    assert sentences(score) == (
        (11.0, "Ola Nord (CIO) is a decision maker with only an acquainted relationship"),
    )
    assert score.value == 89


def test_a_highly_influential_blocker_nobody_works_on_costs_twice_an_ordinary_one():
    ordinary = replace(OTHERS[1], stance=Stance.BLOCKER)
    influential = replace(ordinary, influence=Influence.HIGH)

    ordinary_score = analyse_account(
        replace(healthy(), people=(DANA, OTHERS[0], ordinary, *OTHERS[2:])), TODAY
    ).score
    influential_score = analyse_account(
        replace(healthy(), people=(DANA, OTHERS[0], influential, *OTHERS[2:])), TODAY
    ).score

    assert sentences(ordinary_score) == ((6.0, BLOCKER_REASON),)
    assert influential_score.value == 88
    assert influential_score.top_reason == (
        "Ingrid Sato (IT VP) is a blocker and no open action due ahead aims to win them over"
    )


def test_many_uncovered_decision_makers_and_an_unmanaged_blocker_need_attention():
    """The Aldermark story: most deciders out of reach and a powerful blocker left alone."""
    cold = tuple(replace(p, strength=Strength.ACQUAINTED, owner_ids=()) for p in DECIDERS)
    blocker = replace(OTHERS[1], stance=Stance.BLOCKER, influence=Influence.HIGH)
    account = replace(with_people(*cold), people=(DANA, OTHERS[0], blocker, *OTHERS[2:], *cold))

    score = analyse_account(account, TODAY).score

    # 3 of 4 decision makers: sqrt(3/4) of 22 ≈ 19.1; the blocker 12; Operations and
    # Procurement, where the cold deciders sit, have nobody engaged: 2/4 of 6.
    assert sentences(score) == (
        (19.1, "3 of 4 decision makers have no owner or no working relationship"),
        (12.0, BLOCKER_REASON),
        (3.0, "2 of 4 departments have nobody engaged"),
    )
    assert score.value == 66


# ---- our own team: who is assigned, who has met someone -------------------------------------


def two_of_us_at_work() -> AccountFacts:
    """The healthy account where only Ann (7) and Bo (8) own relationships and met people."""
    people = tuple(replace(p, owner_ids=(7,) if p.id % 2 else (8,)) for p in (DANA, *OTHERS))
    return replace(healthy(), people=people)


def test_three_assigned_and_sofie_has_met_no_one_says_exactly_that():
    assigned = ((7, "Ann Lee"), (8, "Bo Dahl"), (10, "Sofie Berg"))
    account = replace(two_of_us_at_work(), assigned_team=assigned)

    score = analyse_account(account, TODAY).score

    (reason,) = score.reasons
    assert reason.reason == (
        "3 team members are assigned; Sofie Berg has not met anyone at the account in 90 days"
    )
    assert reason.short == "Sofie Berg: no meeting in 90 days"
    assert reason.points_lost == pytest.approx(WEIGHTS["team"] / 3, abs=0.1)


def test_two_assigned_who_met_no_one_are_both_named():
    assigned = ((10, "Sofie Berg"), (11, "Jan Ek"))
    account = replace(two_of_us_at_work(), people=(replace(DANA, owner_ids=(7,)),),
                      interactions=meetings(1), assigned_team=assigned)  # fmt: skip

    score = analyse_account(account, TODAY).score

    team = [r for r in score.reasons if "assigned" in r.reason]
    assert [(r.reason, r.short) for r in team] == [
        (
            "2 team members are assigned; Jan Ek and Sofie Berg have not met anyone at the "
            "account in 90 days",
            "2 of 2 assigned: no meeting",
        )
    ]


def test_without_anyone_idle_the_old_words_stay_true():
    score = analyse_account(replace(two_of_us_at_work(), assigned_team=((7, "Ann Lee"),)), TODAY)

    assert [r.reason for r in score.score.reasons] == [
        "Only 2 team members work this account; aim for 3"
    ]
