"""The customer-safe plan: a reader who opens it finds nothing internal in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pdf_sample import (
    ACCOUNT_ALIASES,
    MARKUP_NOTE,
    SECRET_ACCOUNT_NOTE,
    SECRET_COMPETITOR_NOTE,
    SECRET_EVIDENCE,
    SECRET_INTEREST,
    SECRET_PERSONALITY,
    SECRET_PRIORITY,
    SECRET_RISK,
    SECRET_WEAKNESS,
    TODAY,
    ZOE,
    ZOE_PROFILE,
    pdf_text,
)

from keyplan.domain.evidence import EvidenceFacts
from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.domain.vocabulary import BuyingRole, Influence, Stance, Strength
from keyplan.reports.plan.redaction import (
    COLLECTIONS,
    CUSTOMER_SAFE_FIELDS,
    EXCLUDE,
    is_customer_safe,
    redact_for_customer,
)
from keyplan.store.people.queries import PersonRow
from keyplan.store.plan import queries as plan_queries


@pytest.fixture(scope="module")
def customer_text(pdfs: dict[str, Path]) -> str:
    return pdf_text(pdfs["customer"])


@pytest.fixture(scope="module")
def internal_text(pdfs: dict[str, Path]) -> str:
    return pdf_text(pdfs["internal"])


SECRETS = (
    SECRET_PERSONALITY,
    SECRET_INTEREST,
    SECRET_RISK,
    SECRET_COMPETITOR_NOTE,
    SECRET_ACCOUNT_NOTE,
    SECRET_PRIORITY,
    SECRET_WEAKNESS,
    SECRET_EVIDENCE,
    "What the key ratings rest on",
    MARKUP_NOTE,
    "Rivalcorp",
    "Margin pressure in services",
    "Cloud migration wave 1",
    "EUR 750,000",
    "EUR 4,800,000",
    "Double service revenue by 2028",
    "Run a cloud workshop with IT",
    "Budget fights",
    "Owner only",
    "Coordinate with owner first",
    "Competitor holds",
    "In pursuit",
)


@pytest.mark.parametrize("secret", SECRETS)
def test_internal_values_are_in_the_internal_plan_only(secret, customer_text, internal_text):
    assert secret in internal_text  # the value is real: it does print somewhere
    assert secret not in customer_text


@pytest.mark.parametrize(
    "words",
    [Stance, BuyingRole, Influence],
    ids=["stance", "buying role", "influence"],
)
def test_no_assessment_words_of_people(words, customer_text):
    for member in words:
        if member.value in ("none", "unknown", "user"):
            continue  # too common as plain words to prove anything
        assert member.label not in customer_text, member.label


def test_no_relationship_strength(customer_text):
    for strength in Strength:
        if strength is not Strength.NONE:
            assert strength.label not in customer_text, strength.label


def test_no_sections_of_our_own(customer_text):
    for title in (
        "Stakeholders",
        "Opportunities",
        "Competitors",
        "Risks",
        "Objectives",
        "Action plan",
        "Coverage and relationship health",
        "Internal — confidential",
        "Share of wallet",
    ):
        assert title not in customer_text, title


def test_it_keeps_what_is_shared(customer_text):
    for expected in (
        "Make factories that never stop.",
        "Uptime as a service.",
        "Field service",
        "Send the uptime report for Q3",
        "Fix the invoice error",
        "90 days",
        "Ada Director",
    ):
        assert expected in customer_text, expected


def _fields(row_type) -> set[str]:
    return {f.name for f in dataclasses.fields(row_type)}


def test_every_field_has_a_decision_with_a_reason():
    decided: dict[str, set[str]] = {}
    for decision in CUSTOMER_SAFE_FIELDS:
        assert decision.reason.strip(), decision
        decided.setdefault(decision.record, set()).add(decision.field)
    assert set(ACCOUNT_FIELDS) <= decided["account"]
    assert set(STAKEHOLDER_FIELDS) | _fields(PersonRow) - {"values"} <= decided["person"]
    row_types = {
        "affiliates": plan_queries.AffiliateRow,
        "influence_lines": plan_queries.InfluenceRow,
        "team": plan_queries.TeamRow,
        "owners": plan_queries.OwnerRow,
        "opportunities": plan_queries.OpportunityRow,
        "offerings": plan_queries.OfferingRow,
        "whitespace": plan_queries.WhitespaceRow,
        "competitors": plan_queries.CompetitorRow,
        "risks": plan_queries.RiskRow,
        "objectives": plan_queries.ObjectiveRow,
        "actions": plan_queries.ActionRow,
        "commitments": plan_queries.CommitmentRow,
        "interactions": plan_queries.InteractionRow,
        "evidence": EvidenceFacts,
    }
    assert set(row_types) == set(COLLECTIONS)
    for attribute, row_type in row_types.items():
        assert _fields(row_type) <= decided[COLLECTIONS[attribute]], attribute


def test_the_assessments_are_excluded():
    for field in (
        "stance",
        "influence",
        "strength",
        "personality_notes",
        "personal_interests",
        "buying_role",
    ):
        assert not is_customer_safe("person", field)
    assert not is_customer_safe("account", "notes")
    assert not is_customer_safe("relationship_owner", "rule")
    assert all(
        d.show is EXCLUDE
        for d in CUSTOMER_SAFE_FIELDS
        if d.record in ("risk", "competitor", "influence_line", "interaction", "evidence")
    )


def test_a_profile_url_and_the_aliases_are_not_handed_to_the_customer(customer_text, sample):
    assert "linkedin" not in customer_text.lower()
    for alias in ACCOUNT_ALIASES.replace(";", "\n").split("\n"):
        assert alias.strip() not in customer_text, alias
    assert not is_customer_safe("person", "profile_url")
    assert not is_customer_safe("account", "aliases")
    plan = plan_queries.load_plan(sample.db, sample.account_id, TODAY)
    redacted = redact_for_customer(plan)
    for shown, profile, aliases in ((plan, ZOE_PROFILE, ACCOUNT_ALIASES), (redacted, None, None)):
        zoe = next(person for person in shown.people if person.values["full_name"] == ZOE)
        assert zoe.values["profile_url"] == profile
        assert shown.account["aliases"] == aliases


def test_unknown_fields_are_never_safe():
    assert not is_customer_safe("person", "a_field_added_next_year")
