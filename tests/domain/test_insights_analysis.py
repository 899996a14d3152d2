"""The dashboard's one call: every insight of an account, consistent with the single insights."""

from datetime import date, timedelta

from keyplan.domain.insights import (
    AccountFacts,
    ActionFacts,
    CommitmentFacts,
    FindingKind,
    InteractionFacts,
    PersonFacts,
    account_score,
    analyse_account,
    contact_concentration,
    coverage_grid,
    next_best_contacts,
    plan_freshness,
    promise_keeping,
    relationship_health,
    weekly_nudge,
)
from keyplan.domain.insights.tally import finding_tally
from keyplan.domain.vocabulary import BuyingRole, CommitmentStatus, Level, Stance, Strength

TODAY = date(2025, 6, 2)


def nordwind() -> AccountFacts:
    """Anna gets every call, the CFO has no owner, a blocker waits, a promise is late."""
    people = (
        PersonFacts(1, "Anna Berg", department="IT", level=Level.MANAGER,
                    stance=Stance.CHAMPION, strength=Strength.TRUSTED, owner_ids=(7,)),
        PersonFacts(2, "Dana Whitfield", title="CFO", department="Finance", level=Level.C_LEVEL,
                    buying_role=BuyingRole.DECISION_MAKER, major_challenge="a cost freeze"),
        PersonFacts(3, "Bo Hall", department="Procurement", level=Level.DIRECTOR,
                    stance=Stance.BLOCKER),
    )  # fmt: skip
    interactions = tuple(
        InteractionFacts(number, TODAY - timedelta(days=7 * number), (1,), (7,))
        for number in range(1, 5)
    )
    return AccountFacts(
        1,
        "Nordwind Logistics",
        review_cadence_days=90,
        last_review_on=TODAY - timedelta(days=100),
        people=people,
        interactions=interactions,
        commitments=(
            CommitmentFacts(
                1,
                "Send the migration plan",
                CommitmentStatus.OPEN,
                1,
                7,
                due_on=TODAY - timedelta(days=5),
            ),
        ),
        actions=(ActionFacts(1, "Invite Bo to the reference visit", stakeholder_id=None),),
        offerings_discussed=("Cloud",),
    )


def test_one_call_gives_the_same_answers_as_the_single_insights():
    account = nordwind()

    insights = analyse_account(account, TODAY)

    assert insights.account_name == "Nordwind Logistics"
    assert insights.coverage == coverage_grid(account, TODAY)
    assert insights.concentration == contact_concentration(account, TODAY)
    assert insights.health == relationship_health(account, TODAY)
    assert insights.promises == promise_keeping(account, TODAY)
    assert insights.freshness == plan_freshness(account, TODAY)
    assert insights.next_contacts == next_best_contacts(account, TODAY)
    assert insights.nudge == weekly_nudge(account, TODAY)
    assert insights.score == account_score(
        breadth=insights.coverage.breadth,
        concentration=insights.concentration,
        health=finding_tally(insights.health, account.people),
        promises=insights.promises,
        freshness=insights.freshness,
    )


def test_the_story_of_nordwind_in_one_pass():
    insights = analyse_account(nordwind(), TODAY)

    assert insights.concentration.single_threaded
    assert insights.concentration.top_person_name == "Anna Berg"
    assert [f.kind for f in insights.health.findings] == [
        FindingKind.UNCOVERED_KEY_PERSON,
        FindingKind.UNMITIGATED_BLOCKER,
        FindingKind.STALE,
    ]
    assert [due.promise for due in insights.promises.overdue] == ["Send the migration plan"]
    assert insights.freshness.overdue_days == 10
    assert insights.nudge is not None
    assert insights.nudge.person_name == "Dana Whitfield"
    assert insights.nudge.challenge == "a cost freeze"
    assert insights.next_contacts[0].person_name == "Dana Whitfield"
    assert insights.score.top_reason == (
        "Dana Whitfield (CFO) is a decision maker with no owner and no relationship yet"
    )
    assert 0 < insights.score.value < 60


def test_the_analysis_depends_only_on_the_date_given():
    first = analyse_account(nordwind(), TODAY)
    later = analyse_account(nordwind(), TODAY + timedelta(days=30))

    assert analyse_account(nordwind(), TODAY) == first
    assert later.freshness.overdue_days == 40
    assert later.score.value < first.score.value
