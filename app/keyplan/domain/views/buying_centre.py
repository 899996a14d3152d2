"""The buying centre of an open opportunity: who buys, who uses, who evaluates, who coaches us.

Opportunities name no people (they name a department at most), so the buying centre is read
from the buying roles of the account's people: the economic buyer, decision makers and the
coach from the whole account (they decide and guide whatever the department), users and
technical evaluators from the opportunity's department when it names one that has any, else
from the whole account. Red flags are the classic ones: no coach, no economic buyer named or
not met, and a blocker of high influence anywhere in the account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from keyplan.domain.plan_vocabulary import OpportunityStatus
from keyplan.domain.views.people import ViewPerson
from keyplan.domain.vocabulary import BuyingRole, Influence, Stance

#: An economic buyer we have not met for this long counts as "not met".
MET_WITHIN = timedelta(days=365)


class RedFlag(StrEnum):
    NO_COACH = "no_coach"
    NO_ECONOMIC_BUYER = "no_economic_buyer"
    ECONOMIC_BUYER_NOT_MET = "economic_buyer_not_met"
    POWERFUL_BLOCKER = "powerful_blocker"


@dataclass(frozen=True, slots=True)
class Warning:
    """A red flag with the sentence a director reads."""

    flag: RedFlag
    text: str


@dataclass(frozen=True, slots=True)
class Opportunity:
    """An opportunity as the buying centre needs it."""

    name: str
    status: str = OpportunityStatus.OPEN.value
    department: str | None = None
    stage: str | None = None


@dataclass(frozen=True, slots=True)
class BuyingCentre:
    """One open opportunity's buying centre, role by role, with its red flags."""

    opportunity: Opportunity
    economic_buyers: tuple[ViewPerson, ...]
    decision_makers: tuple[ViewPerson, ...]
    technical_evaluators: tuple[ViewPerson, ...]
    users: tuple[ViewPerson, ...]
    coaches: tuple[ViewPerson, ...]
    red_flags: tuple[Warning, ...]

    def groups(self) -> tuple[tuple[str, tuple[ViewPerson, ...]], ...]:
        """The roles in the order a director reads them, with the people in each."""
        return (
            ("Economic buyer", self.economic_buyers),
            ("Decision makers", self.decision_makers),
            ("Technical evaluators", self.technical_evaluators),
            ("Users", self.users),
            ("Coach", self.coaches),
        )


def buying_centres(
    opportunities: list[Opportunity], people: list[ViewPerson], today: date
) -> list[BuyingCentre]:
    """The buying centre of every open opportunity, in the order given."""
    return [
        buying_centre(opportunity, people, today)
        for opportunity in opportunities
        if opportunity.status == OpportunityStatus.OPEN.value
    ]


def buying_centre(opportunity: Opportunity, people: list[ViewPerson], today: date) -> BuyingCentre:
    """Who is who in buying this opportunity, and what should worry us."""
    ordered = sorted(people, key=lambda p: (p.name.casefold(), p.id))
    in_department = [p for p in ordered if p.department == opportunity.department]

    def with_role(role: BuyingRole, where: list[ViewPerson] = ordered) -> tuple[ViewPerson, ...]:
        return tuple(p for p in where if p.buying_role == role.value)

    def from_department(role: BuyingRole) -> tuple[ViewPerson, ...]:
        local = with_role(role, in_department) if opportunity.department else ()
        return local or with_role(role)

    economic_buyers = with_role(BuyingRole.ECONOMIC_BUYER)
    coaches = with_role(BuyingRole.CHAMPION_COACH)
    flags = _red_flags(economic_buyers, coaches, ordered, today)
    return BuyingCentre(
        opportunity=opportunity,
        economic_buyers=economic_buyers,
        decision_makers=with_role(BuyingRole.DECISION_MAKER),
        technical_evaluators=from_department(BuyingRole.TECHNICAL_EVALUATOR),
        users=from_department(BuyingRole.USER),
        coaches=coaches,
        red_flags=flags,
    )


def is_met(person: ViewPerson, today: date) -> bool:
    """Whether one of us has met the person within ``MET_WITHIN``."""
    return person.last_contact is not None and today - person.last_contact <= MET_WITHIN


def _red_flags(
    economic_buyers: tuple[ViewPerson, ...],
    coaches: tuple[ViewPerson, ...],
    people: list[ViewPerson],
    today: date,
) -> tuple[Warning, ...]:
    flags: list[Warning] = []
    if not coaches:
        flags.append(Warning(RedFlag.NO_COACH, "No coach: nobody guides us through the buying."))
    if not economic_buyers:
        flags.append(
            Warning(RedFlag.NO_ECONOMIC_BUYER, "No economic buyer named: who signs the budget?")
        )
    for buyer in economic_buyers:
        if not is_met(buyer, today):
            when = (
                f"last met {buyer.last_contact.isoformat()}" if buyer.last_contact else "never met"
            )
            flags.append(
                Warning(
                    RedFlag.ECONOMIC_BUYER_NOT_MET,
                    f"Economic buyer {buyer.name} not met in the last 12 months ({when}).",
                )
            )
    for person in people:
        if person.stance == Stance.BLOCKER.value and person.influence == Influence.HIGH.value:
            flags.append(
                Warning(
                    RedFlag.POWERFUL_BLOCKER,
                    f"Blocker with high influence: {person.name}"
                    + (f" ({person.job_title})." if person.job_title else "."),
                )
            )
    return tuple(flags)
