"""The rules of the data, without a database."""

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.domain.rules import check_reports_to

NAMES = {1: "Ingrid Olsen", 2: "Harald Berg", 3: "Mia Chen", 4: "Omar Haddad"}
# Ingrid <- Harald <- Mia; Omar reports to nobody.
MANAGERS = {1: None, 2: 1, 3: 2, 4: None}


def name_of(person_id: int) -> str:
    return NAMES[person_id]


def test_a_person_may_report_to_someone_outside_their_chain():
    check_reports_to(4, 3, MANAGERS, name_of)
    check_reports_to(3, 1, MANAGERS, name_of)
    check_reports_to(1, None, MANAGERS, name_of)


def test_nobody_reports_to_themselves():
    with pytest.raises(RuleViolation, match="Ingrid Olsen cannot report to themselves"):
        check_reports_to(1, 1, MANAGERS, name_of)


def test_a_boss_cannot_report_to_someone_below_them_and_the_message_names_both():
    with pytest.raises(RuleViolation) as refused:
        check_reports_to(1, 3, MANAGERS, name_of)
    assert str(refused.value) == (
        "Ingrid Olsen cannot report to Mia Chen: Mia Chen is already in Ingrid Olsen's "
        "reporting chain."
    )


def test_an_existing_cycle_in_damaged_data_does_not_hang_the_check():
    damaged = {1: 2, 2: 1, 3: None, 4: None}
    check_reports_to(3, 1, damaged, name_of)


@pytest.mark.parametrize(
    ("field", "typed", "stored"),
    [
        ("annual_revenue", "1,250,000", 1_250_000.0),
        ("tier", "Strategic", "strategic"),
        ("review_cadence_days", " 90 ", 90),
        ("last_review_on", "2026-03-31", __import__("datetime").date(2026, 3, 31)),
        ("industry", "   ", None),
    ],
)
def test_account_fields_turn_what_was_typed_into_what_is_stored(field, typed, stored):
    assert ACCOUNT_FIELDS[field].parse(typed) == stored


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("annual_revenue", "lots", "Annual revenue with us must be an amount like 1250000"),
        ("review_cadence_days", "0", "Review cadence (days) must be at least 1."),
        ("last_review_on", "31/02/2026", "Last plan review must be a date like 2027-03-31"),
        ("name", "  ", "Name cannot be empty."),
        ("tier", "platinum", "Tier: 'platinum' is not one of: Strategic, Key, Growth, Maintain"),
    ],
)
def test_bad_account_values_are_refused_with_a_message(field, typed, message):
    with pytest.raises(RuleViolation, match=message.replace("(", r"\(").replace(")", r"\)")):
        ACCOUNT_FIELDS[field].parse(typed)


def test_stance_and_strength_accept_labels_and_numbers():
    assert STAKEHOLDER_FIELDS["stance"].parse("Blocker") == "blocker"
    assert STAKEHOLDER_FIELDS["strength"].parse("3") == 3
    assert STAKEHOLDER_FIELDS["level"].parse("VP / Head of") == "vp"
    with pytest.raises(RuleViolation):
        STAKEHOLDER_FIELDS["strength"].parse("7")


def test_an_accounts_family_is_it_and_every_affiliate_below_at_any_depth():
    from keyplan.domain.rules import families_below, family_below

    parents = {1: None, 2: 1, 3: 2, 4: None, 5: 6, 6: 5}  # 5 and 6: a damaged loop
    assert family_below(parents, 1) == {1, 2, 3}
    assert family_below(parents, 2) == {2, 3}
    assert families_below(parents)[4] == {4}
    assert families_below(parents)[5] == {5, 6}  # the loop ends, it does not hang
