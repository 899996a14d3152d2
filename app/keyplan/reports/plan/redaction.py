"""What the customer-safe plan may show, decided field by field, and the redaction itself.

The customer-safe plan is handed over the table as a joint plan: our understanding of the
customer's business and objectives, what we will do together, what we promised. Anything that
is our assessment of the customer's people, our sales targeting, or our internal working is
left out. ``CUSTOMER_SAFE_FIELDS`` is the single list of decisions, for every customer-safe
document (the PDF and the PowerPoint deck); ``redact_for_customer`` applies it to the data
*before* any page or slide is built, so a section that prints an excluded field by mistake
finds nothing there to print. It also keeps only the people we work with, unless asked for all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

from keyplan.domain.plan_vocabulary import PeopleShown, WhitespaceStatus
from keyplan.domain.rules import is_worked_with
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan.queries import PlanData


class Show(Enum):
    INCLUDE = "include"
    EXCLUDE = "exclude"


INCLUDE, EXCLUDE = Show.INCLUDE, Show.EXCLUDE


@dataclass(frozen=True, slots=True)
class FieldDecision:
    record: str
    field: str
    show: Show
    reason: str


def _decide(record: str, show: Show, reason: str, *fields: str) -> list[FieldDecision]:
    return [FieldDecision(record, field, show, reason) for field in fields]


_THEIR_BUSINESS = "our understanding of their business: the point of a joint plan"
_ASSESSMENT = "our private assessment of a person; never shown to the customer"
_PIPELINE = "our sales targeting and pipeline figures"
_CONTACT = "contact details and location: not needed in a plan, kept out for privacy"

CUSTOMER_SAFE_FIELDS: tuple[FieldDecision, ...] = tuple(
    [
        # ---- the account ----
        *_decide("account", INCLUDE, "who the plan is about", "id", "name", "parent_id"),
        *_decide("account", INCLUDE, "public facts", "industry", "region", "country", "website"),
        *_decide(
            "account",
            EXCLUDE,
            "former names and our shorthand for them, kept to match files; the plan uses the "
            "name they go by",
            "aliases",
        ),
        *_decide("account", INCLUDE, "amounts print in it (no amount is shown)", "currency"),
        *_decide("account", EXCLUDE, "our internal classification of them", "tier", "status"),
        *_decide("account", EXCLUDE, _PIPELINE, "annual_revenue", "potential"),
        *_decide("account", EXCLUDE, "internal notes", "notes"),
        *_decide(
            "account",
            INCLUDE,
            _THEIR_BUSINESS,
            "mission",
            "vision",
            "values",
            "history",
            "current_objectives",
            "strategy",
            "business_drivers",
        ),
        *_decide(
            "account",
            EXCLUDE,
            "our assessment of their capabilities and problems (gaps, weaknesses, how they "
            "affect our standing): internal reading, however it is worded",
            "resources",
            "structures",
            "systems",
            "skills",
            "cost_quality_issues",
        ),
        *_decide("account", INCLUDE, "what we bring them", "value_proposition"),
        *_decide(
            "account", INCLUDE, "the joint review rhythm", "review_cadence_days", "last_review_on"
        ),
        *_decide("affiliate", INCLUDE, "their own group structure", "id", "name", "country"),
        # ---- their people ----
        *_decide(
            "person",
            INCLUDE,
            "who they are and where they work",
            "full_name",
            "job_title",
            "department",
            "reports_to_id",
            "manager_name",
            "map_position",
        ),
        *_decide("person", EXCLUDE, "seniority grading serves our coverage analysis", "level"),
        *_decide("person", EXCLUDE, _CONTACT, "location", "email", "phone", "profile_url"),
        *_decide(
            "person",
            EXCLUDE,
            _ASSESSMENT,
            "buying_role",
            "influence",
            "interest",
            "stance",
            "strength",
            "personality_notes",
            "personal_interests",
        ),
        *_decide(
            "person",
            EXCLUDE,
            "individuals' challenges and priorities are told to us in "
            "confidence; the account's objectives are shown instead",
            "major_challenge",
            "priorities",
        ),
        *_decide(
            "person",
            EXCLUDE,
            "our contact planning",
            "contact_frequency_days",
            "preferred_channel",
            "preferred_team_member_id",
            "last_contact",
        ),
        *_decide("person", INCLUDE, "their contact on our side", "owners"),
        *_decide("person", INCLUDE, "the same owners as internal keys, never printed", "owner_ids"),
        *_decide("person", EXCLUDE, "people who left are not in the joint plan", "has_left"),
        *_decide("person", INCLUDE, "internal keys, never printed", "id", "account_id"),
        *_decide(
            "person",
            INCLUDE,
            "an open position is the customer's structure, not an assessment",
            "is_vacancy",
            "vacancy_note",
        ),
        *_decide(
            "influence_line",
            EXCLUDE,
            "informal politics between their people",
            "from_id",
            "to_id",
            "kind",
            "strength",
            "note",
        ),
        *_decide(
            "evidence",
            EXCLUDE,
            "what our assessments of their people rest on: who said what, and how sure we are",
            "person_id",
            "rating",
            "rated_as",
            "observed",
            "observed_on",
            "source",
            "confidence",
            "by",
            "interaction_id",
        ),
        # ---- our team ----
        *_decide(
            "team_member",
            INCLUDE,
            "the customer's contacts on our side",
            "id",
            "name",
            "role",
            "email",
        ),
        *_decide(
            "relationship_owner",
            INCLUDE,
            "who their contact on our side is",
            "person_id",
            "person_name",
            "member_name",
            "member_role",
        ),
        *_decide("relationship_owner", EXCLUDE, "our internal rules of engagement", "rule"),
        # ---- the plan ----
        *_decide(
            "opportunity",
            EXCLUDE,
            _PIPELINE,
            "name",
            "department",
            "offering",
            "value",
            "currency",
            "stage",
            "probability",
            "expected_close_on",
            "status",
        ),
        *_decide("offering", INCLUDE, "what we provide today", "id", "name"),
        *_decide(
            "whitespace",
            INCLUDE,
            "only cells we already supply (installed) are kept; "
            "the other statuses are sales targeting",
            "department",
            "offering_id",
            "status",
            "account_id",
        ),
        *_decide(
            "competitor",
            EXCLUDE,
            "our competitor assessments",
            "competitor",
            "area",
            "threat_level",
            "notes",
        ),
        *_decide(
            "risk",
            EXCLUDE,
            "our risks to the account",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "status",
        ),
        *_decide(
            "objective",
            EXCLUDE,
            "our sales goals for the account (their objectives are "
            "the account's current objectives)",
            "description",
            "measure",
            "target",
            "due_on",
            "status",
        ),
        *_decide(
            "action",
            EXCLUDE,
            "internal working steps, often about people and deals; "
            "what we will do for them is the open promises",
            "description",
            "owner",
            "due_on",
            "status",
            "person",
            "opportunity",
            "objective",
        ),
        *_decide(
            "commitment",
            INCLUDE,
            "what we promised them, kept or not: trust comes from showing it",
            "promise",
            "to_person_id",
            "to_person",
            "by_member",
            "made_on",
            "due_on",
            "status",
            "delivered_on",
            "late",
        ),
        *_decide(
            "interaction",
            EXCLUDE,
            "our meeting notes",
            "occurred_on",
            "channel",
            "summary",
            "next_step",
            "person_ids",
            "team",
        ),
    ]
)

_DECISIONS = {(d.record, d.field): d.show for d in CUSTOMER_SAFE_FIELDS}

# PlanData attribute -> record kind of its rows.
COLLECTIONS = {
    "affiliates": "affiliate",
    "influence_lines": "influence_line",
    "team": "team_member",
    "owners": "relationship_owner",
    "opportunities": "opportunity",
    "offerings": "offering",
    "whitespace": "whitespace",
    "competitors": "competitor",
    "risks": "risk",
    "objectives": "objective",
    "actions": "action",
    "commitments": "commitment",
    "interactions": "interaction",
    "evidence": "evidence",
}


def is_customer_safe(record: str, field: str) -> bool:
    """Whether a field may appear in the customer-safe plan; unknown fields never do."""
    return _DECISIONS.get((record, field)) is Show.INCLUDE


def redact_for_customer(
    plan: PlanData, people_shown: PeopleShown | str = PeopleShown.WORKED
) -> PlanData:
    """A copy of the plan holding only what ``CUSTOMER_SAFE_FIELDS`` includes.

    Excluded fields become None; a collection with no included field becomes empty; people
    who have left and whitespace cells we do not supply yet are dropped, and so are the people
    we do not work with (no owner, never met: ``rules.is_worked_with``) unless ``people_shown``
    is "all". The test is made on the full data, before the owners and contacts are redacted.
    """
    everyone = PeopleShown(people_shown) is PeopleShown.ALL
    shown = [
        p
        for p in plan.people
        if not p.values.get("has_left") and (everyone or is_worked_with(p.owners, p.last_contact))
    ]
    met_by = _team_who_met(plan)
    collections = {
        attribute: _redact_rows(getattr(plan, attribute), record)
        for attribute, record in COLLECTIONS.items()
    }
    collections["whitespace"] = tuple(
        cell
        for cell in collections["whitespace"]
        if cell.status == WhitespaceStatus.INSTALLED.value
    )
    return dataclasses.replace(
        plan,
        account=_redact_mapping(plan.account, "account"),
        people=tuple(_redact_person(_with_contacts(p, met_by)) for p in shown),
        history=None,  # who moved, left, changed stance: our own reading of their people
        other_changes=(),  # who influences whom, and our own tiering of the account
        **collections,
    )


def _team_who_met(plan: PlanData) -> dict[int, tuple[str, ...]]:
    """Person id -> our people who met them, most recent meeting first (from ``interactions``)."""
    met: dict[int, list[str]] = {}
    for interaction in sorted(plan.interactions, key=lambda i: i.occurred_on, reverse=True):
        for person_id in interaction.person_ids:
            names = met.setdefault(person_id, [])
            names.extend(n for n in interaction.team if n not in names)
    return {person_id: tuple(names) for person_id, names in met.items()}


def _with_contacts(person: PersonRow, met_by: dict[int, tuple[str, ...]]) -> PersonRow:
    """A person with no relationship owner shows the colleagues who met them as contacts.

    Their contact on our side is a customer-safe fact; printing "—" for someone we met helps
    nobody. The meetings themselves stay out (``interaction`` is excluded above).
    """
    if person.owners or not met_by.get(person.id):
        return person
    return dataclasses.replace(person, owners=met_by[person.id][:2])


def _redact_mapping(values: dict[str, Any], record: str) -> dict[str, Any]:
    return {k: (v if is_customer_safe(record, k) else None) for k, v in values.items()}


def _redact_rows(rows: tuple[Any, ...], record: str) -> tuple[Any, ...]:
    if not rows:
        return rows
    names = [f.name for f in dataclasses.fields(rows[0])]
    hidden = {name: None for name in names if not is_customer_safe(record, name)}
    if len(hidden) == len(names):
        return ()
    return tuple(dataclasses.replace(row, **hidden) for row in rows) if hidden else rows


def _redact_person(person: PersonRow) -> PersonRow:
    top_level = {
        f.name: None
        for f in dataclasses.fields(person)
        if f.name != "values" and not is_customer_safe("person", f.name)
    }
    return dataclasses.replace(person, values=_redact_mapping(person.values, "person"), **top_level)
