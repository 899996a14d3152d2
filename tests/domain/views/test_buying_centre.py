"""The buying centre of an open opportunity and its red flags."""

from datetime import date

from keyplan.domain.views.buying_centre import Opportunity, RedFlag, buying_centre, buying_centres
from keyplan.domain.views.people import ViewPerson

TODAY = date(2026, 12, 7)


def team() -> list[ViewPerson]:
    return [
        ViewPerson(1, "Zoë Åkesson", "CFO", "Finance", "economic_buyer", "high",
                   last_contact=date(2025, 10, 1)),
        ViewPerson(2, "Ingrid Solberg", "CIO", "IT", "decision_maker", "high", stance="champion"),
        ViewPerson(3, "Pär Nilsson", "VP Architecture", "IT", "technical_evaluator"),
        ViewPerson(4, "Lena Ek", "Director Finance Systems", "Finance", "technical_evaluator"),
        ViewPerson(5, "Viktor Ahlström", "Cloud Manager", "IT", "user"),
        ViewPerson(6, "Sebastian Wallin", "VP Procurement", "Procurement", "gatekeeper", "high",
                   stance="blocker"),
    ]  # fmt: skip


def flags(centre) -> list[RedFlag]:
    return [warning.flag for warning in centre.red_flags]


def test_roles_are_read_from_the_account_and_evaluators_from_the_department():
    centre = buying_centre(Opportunity("Cloud platform", department="IT"), team(), TODAY)
    assert [p.name for p in centre.economic_buyers] == ["Zoë Åkesson"]
    assert [p.name for p in centre.decision_makers] == ["Ingrid Solberg"]
    assert [p.name for p in centre.technical_evaluators] == ["Pär Nilsson"]
    assert [p.name for p in centre.users] == ["Viktor Ahlström"]
    anywhere = buying_centre(Opportunity("Group deal"), team(), TODAY)
    assert [p.name for p in anywhere.technical_evaluators] == ["Lena Ek", "Pär Nilsson"]


def test_a_department_without_evaluators_falls_back_to_the_whole_account():
    centre = buying_centre(Opportunity("HR suite", department="HR"), team(), TODAY)
    assert [p.name for p in centre.technical_evaluators] == ["Lena Ek", "Pär Nilsson"]


def test_no_coach_an_unmet_economic_buyer_and_a_powerful_blocker_are_flagged():
    centre = buying_centre(Opportunity("Cloud platform"), team(), TODAY)
    assert flags(centre) == [
        RedFlag.NO_COACH,
        RedFlag.ECONOMIC_BUYER_NOT_MET,
        RedFlag.POWERFUL_BLOCKER,
    ]
    texts = [warning.text for warning in centre.red_flags]
    assert "Zoë Åkesson not met in the last 12 months (last met 2025-10-01)" in texts[1]
    assert texts[2] == "Blocker with high influence: Sebastian Wallin (VP Procurement)."


def test_a_healthy_buying_centre_has_no_red_flags():
    people = [p for p in team() if p.id != 6]
    people[0] = ViewPerson(1, "Zoë Åkesson", buying_role="economic_buyer",
                           last_contact=date(2026, 11, 20))  # fmt: skip
    people.append(ViewPerson(7, "Emma Strand", buying_role="champion_coach"))
    centre = buying_centre(Opportunity("Cloud platform"), people, TODAY)
    assert centre.red_flags == ()
    assert [p.name for p in centre.coaches] == ["Emma Strand"]


def test_nobody_named_economic_buyer_is_a_red_flag_of_its_own():
    people = [p for p in team() if p.buying_role != "economic_buyer"]
    centre = buying_centre(Opportunity("Cloud platform"), people, TODAY)
    assert RedFlag.NO_ECONOMIC_BUYER in flags(centre)
    assert RedFlag.ECONOMIC_BUYER_NOT_MET not in flags(centre)


def test_only_open_opportunities_get_a_buying_centre():
    opportunities = [
        Opportunity("Won last year", status="won"),
        Opportunity("Cloud platform"),
        Opportunity("Paused", status="on_hold"),
    ]
    centres = buying_centres(opportunities, team(), TODAY)
    assert [c.opportunity.name for c in centres] == ["Cloud platform"]
