"""The three views computed from a plan's data: what the app shows and the internal plan prints.

``PlanData`` is already plain data read in one session; these functions turn it into the
domain's ``ViewPerson``/``ViewContact`` records and ask ``domain/views`` for the answers, so the
screen and the paper cannot disagree.
"""

from __future__ import annotations

from keyplan.domain.views.buying_centre import BuyingCentre, Opportunity, buying_centres
from keyplan.domain.views.people import ViewContact, ViewPerson
from keyplan.domain.views.power_interest import PowerInterestGrid, power_interest_grid
from keyplan.domain.views.team_matrix import TeamMatrix, team_matrix
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import PlanData


def view_person(person: PersonRow) -> ViewPerson:
    """A person row as the views read it."""
    return ViewPerson(
        id=person.id,
        name=person["full_name"],
        job_title=person["job_title"],
        department=person["department"],
        buying_role=person["buying_role"] or "none",
        influence=person["influence"],
        interest=person["interest"],
        stance=person["stance"] or "unknown",
        owners=person.owners,
        last_contact=person.last_contact,
    )


def present_people(plan: PlanData) -> list[ViewPerson]:
    """The plan's people who still work at the customer."""
    return [view_person(p) for p in plan.people if not p.values.get("has_left")]


def plan_grid(plan: PlanData) -> PowerInterestGrid:
    return power_interest_grid(present_people(plan))


def plan_buying_centres(plan: PlanData) -> list[BuyingCentre]:
    opportunities = [
        Opportunity(o.name, o.status, o.department, o.stage) for o in plan.opportunities
    ]
    return buying_centres(opportunities, present_people(plan), plan.today)


def plan_team_matrix(plan: PlanData) -> TeamMatrix:
    contacts = [
        ViewContact(i.occurred_on, tuple(i.person_ids), tuple(i.team)) for i in plan.interactions
    ]
    team = [member.name for member in plan.team]
    return team_matrix(present_people(plan), team, contacts, plan.today)
