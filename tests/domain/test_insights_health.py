"""Relationship health stories: who needs attention at Nordwind, and why, in one sentence."""

from dataclasses import replace
from datetime import date, timedelta

from keyplan.domain.insights import (
    AccountFacts,
    ActionFacts,
    FindingKind,
    InteractionFacts,
    PersonFacts,
    relationship_health,
)
from keyplan.domain.plan_vocabulary import WorkStatus
from keyplan.domain.vocabulary import BuyingRole, Influence, Stance, Strength

TODAY = date(2025, 6, 2)


def met(person_id: int, days_ago: int, number: int = 1) -> InteractionFacts:
    return InteractionFacts(number, TODAY - timedelta(days=days_ago), (person_id,), (7,))


def account(*people: PersonFacts, interactions=(), actions=()) -> AccountFacts:
    return AccountFacts(1, "Nordwind", people=people, interactions=interactions, actions=actions)


# A trusted decision maker with an owner: healthy unless we stop calling.
DANA = PersonFacts(
    1,
    "Dana Whitfield",
    title="CFO",
    buying_role=BuyingRole.DECISION_MAKER,
    strength=Strength.TRUSTED,
    owner_ids=(7,),
    preferred_contact_days=30,
)


def test_dana_prefers_a_call_every_30_days_and_was_last_called_134_days_ago():
    health = relationship_health(account(DANA, interactions=(met(1, 134),)), TODAY)

    (finding,) = health.findings
    assert finding.kind is FindingKind.STALE
    assert (
        finding.reason == "Dana Whitfield (CFO) last contacted 134 days ago; prefers every 30 days"
    )
    assert finding.days_since_contact == 134
    assert finding.days_overdue == 104
    assert not finding.never_contacted


def test_ninety_days_is_the_default_and_the_ninetieth_day_is_still_fine():
    erik = PersonFacts(2, "Erik Lund", department="Finance", strength=Strength.WORKING)

    on_time = relationship_health(account(erik, interactions=(met(2, 90),)), TODAY)
    late = relationship_health(account(erik, interactions=(met(2, 91),)), TODAY)

    assert on_time.findings == ()
    assert late.findings[0].reason == (
        "Erik Lund (Finance) last contacted 91 days ago; the default is every 90 days"
    )


def test_an_acquaintance_never_contacted_is_stale_but_a_stranger_is_not():
    acquaintance = PersonFacts(2, "Erik Lund", strength=Strength.ACQUAINTED)
    stranger = PersonFacts(3, "Tom Berg")

    health = relationship_health(account(acquaintance, stranger), TODAY)

    (finding,) = health.findings
    assert finding.person_id == 2
    assert finding.never_contacted
    assert finding.reason == "Erik Lund has never been contacted; the default is every 90 days"
    assert health.warm_people == 1


def test_a_planned_meeting_next_week_is_not_contact():
    health = relationship_health(account(DANA, interactions=(met(1, -7),)), TODAY)

    assert health.findings[0].never_contacted


def test_a_decision_maker_nobody_owns_is_uncovered_even_when_the_relationship_is_good():
    dana = replace(DANA, owner_ids=())

    health = relationship_health(account(dana, interactions=(met(1, 3),)), TODAY)

    (finding,) = health.findings
    assert finding.kind is FindingKind.UNCOVERED_KEY_PERSON
    assert finding.reason == "Dana Whitfield (CFO) is a decision maker with no owner"


def test_an_influential_person_we_only_know_a_little_is_uncovered():
    ingrid = PersonFacts(
        2, "Ingrid Sato", influence=Influence.HIGH, strength=Strength.ACQUAINTED, owner_ids=(8,)
    )

    health = relationship_health(account(ingrid, interactions=(met(2, 3),)), TODAY)

    assert [f.reason for f in health.findings] == [
        "Ingrid Sato is highly influential with only an acquainted relationship"
    ]
    assert health.key_people == 1


def test_a_blocker_is_a_finding_until_an_open_action_aims_at_them():
    blocker = PersonFacts(3, "Bo Hall", stance=Stance.BLOCKER)
    done = ActionFacts(1, "Lunch with Bo", WorkStatus.DONE, stakeholder_id=3)
    planned = ActionFacts(
        2, "Show Bo the audit report", WorkStatus.IN_PROGRESS, stakeholder_id=3, due_on=TODAY
    )

    unmitigated = relationship_health(account(blocker, actions=(done,)), TODAY)
    mitigated = relationship_health(account(blocker, actions=(done, planned)), TODAY)

    assert [f.kind for f in unmitigated.findings] == [FindingKind.UNMITIGATED_BLOCKER]
    assert unmitigated.findings[0].reason == (
        "Bo Hall is a blocker and no open action due ahead aims to win them over"
    )
    assert mitigated.findings == ()
    assert mitigated.blockers == 1


def test_a_champion_who_left_is_a_loss_and_no_longer_stale_or_uncovered():
    champion = PersonFacts(
        4,
        "Cleo Park",
        title="Head of Ops",
        stance=Stance.CHAMPION,
        buying_role=BuyingRole.DECISION_MAKER,
        strength=Strength.TRUSTED,
        has_left=True,
    )

    health = relationship_health(account(champion), TODAY)

    (finding,) = health.findings
    assert finding.kind is FindingKind.CHAMPION_LEFT
    assert finding.reason == "Cleo Park (Head of Ops), a champion, has left the company"
    assert health.key_people == 0


def test_findings_come_most_serious_first_and_stale_key_people_before_others():
    champion = PersonFacts(4, "Cleo Park", buying_role=BuyingRole.CHAMPION_COACH, has_left=True)
    blocker = PersonFacts(3, "Bo Hall", stance=Stance.BLOCKER)
    erik = PersonFacts(2, "Erik Lund", strength=Strength.WORKING)
    dana = replace(DANA, owner_ids=())
    interactions = (met(1, 40, 1), met(2, 200, 2))

    health = relationship_health(
        account(erik, blocker, dana, champion, interactions=interactions), TODAY
    )

    assert [(f.kind, f.person_id) for f in health.findings] == [
        (FindingKind.CHAMPION_LEFT, 4),
        (FindingKind.UNCOVERED_KEY_PERSON, 1),
        (FindingKind.UNMITIGATED_BLOCKER, 3),
        (FindingKind.STALE, 1),  # Dana is a key person: her 10 days overdue come first
        (FindingKind.STALE, 2),
    ]
    assert health.count(FindingKind.STALE) == 2
    assert [f.kind for f in health.for_person(1)] == [
        FindingKind.UNCOVERED_KEY_PERSON,
        FindingKind.STALE,
    ]


def test_an_undated_or_overdue_action_is_no_plan_to_win_a_blocker_over():
    blocker = PersonFacts(3, "Bo Hall", stance=Stance.BLOCKER)
    undated = ActionFacts(1, "Talk to Bo", WorkStatus.NOT_STARTED, stakeholder_id=3)
    overdue = ActionFacts(
        2, "Show Bo the audit report", WorkStatus.IN_PROGRESS, 3, TODAY - timedelta(days=1)
    )
    for actions in ((undated,), (overdue,), (undated, overdue)):
        health = relationship_health(account(blocker, actions=actions), TODAY)
        assert [f.kind for f in health.findings] == [FindingKind.UNMITIGATED_BLOCKER]
