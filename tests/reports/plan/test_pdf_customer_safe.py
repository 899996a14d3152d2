"""The customer-safe plan: a reader who opens it finds nothing internal in it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from pdf_sample import (
    ACCOUNT_ALIASES,
    DMITRI,
    KHALID,
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
    WANG,
    YAMADA,
    ZOE,
    ZOE_PROFILE,
    deck_text,
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


# One leak test over both customer-safe documents: the PDF and the PowerPoint deck (its slides
# and its speaker notes) must leave out the same things (redaction.CUSTOMER_SAFE_FIELDS).
@pytest.fixture(scope="module", params=["pdf", "pptx"])
def document_kind(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def customer_text(document_kind, pdfs: dict[str, Path], decks: dict[str, Path]) -> str:
    return pdf_text(pdfs["customer"]) if document_kind == "pdf" else deck_text(decks["customer"])


@pytest.fixture(scope="module")
def internal_text(document_kind, pdfs: dict[str, Path], decks: dict[str, Path]) -> str:
    return pdf_text(pdfs["internal"]) if document_kind == "pdf" else deck_text(decks["internal"])


def _texts(kind: str, pdfs: dict[str, Path], decks: dict[str, Path], name: str) -> str:
    return pdf_text(pdfs[name]) if kind == "pdf" else deck_text(decks[name])


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


# The evidence behind ratings is printed in the internal PDF; the internal deck has no slide
# of it yet. The customer deck must leave it out all the same.
PDF_ONLY = {SECRET_EVIDENCE, "What the key ratings rest on"}


@pytest.mark.parametrize("secret", SECRETS)
def test_internal_values_are_in_the_internal_plan_only(
    secret, document_kind, customer_text, internal_text
):
    if not (document_kind == "pptx" and secret in PDF_ONLY):
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
        "What changed since the last review",
        "Since the last review",
        "Power / interest",
        "Manage closely",
        "Keep satisfied",
        "Not rated",
        "Buying centre",
        "RED FLAG",
        "Team × stakeholder matrix",
        "Over-covered",
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


# ---- whom the customer-safe plan lists, and no words of ours about the document ----


def test_by_default_only_the_people_we_work_with_are_listed(document_kind, pdfs, decks):
    worked = _texts(document_kind, pdfs, decks, "customer")
    everyone = _texts(document_kind, pdfs, decks, "customer-all")
    for name in (ZOE, DMITRI):  # Zoë has an owner and a meeting, Dmitri an owner
        assert name in worked and name in everyone
    for name in (WANG, YAMADA, KHALID):  # nobody of ours knows them
        assert name not in worked, name
        assert name in everyone, name


def test_a_person_we_met_has_the_colleague_who_met_them_as_contact(sample):
    plan = plan_queries.load_plan(sample.db, sample.account_id, TODAY)
    met_only = dataclasses.replace(
        plan,
        people=tuple(
            dataclasses.replace(p, owners=()) if p.values["full_name"] == ZOE else p
            for p in plan.people
        ),
    )
    zoe = next(p for p in redact_for_customer(met_only).people if p.values["full_name"] == ZOE)
    assert zoe.owners == ("Ada Director",)  # she met Ada: that is her contact with us


@pytest.mark.parametrize("variant", ["customer", "customer-all"])
def test_the_customer_plan_prints_no_placeholders_or_notes_to_the_reader(
    document_kind, pdfs, decks, variant
):
    text = _texts(document_kind, pdfs, decks, variant)
    assert "—" not in text  # no dash standing for a contact, a date or a fact we lack
    for words in ("Team of 12", "a card marked", "Nothing recorded", "not recorded"):
        assert words.lower() not in text.lower(), words


def test_empty_sections_are_left_out_of_the_customer_plan(sample, tmp_path):
    from keyplan.reports.plan.outline import customer_sections

    plan = plan_queries.load_plan(sample.db, sample.account_id, TODAY)
    bare = dataclasses.replace(redact_for_customer(plan), commitments=(), whitespace=())
    bare = dataclasses.replace(bare, account={**bare.account, "value_proposition": None})
    keys = [key for key, _title in customer_sections(bare)]
    assert keys == ["business", "organisation", "people", "working"]
