"""Amounts are typed as people write them, including as the dashboard shows them."""

from __future__ import annotations

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import ACCOUNT_FIELDS

REVENUE = ACCOUNT_FIELDS["annual_revenue"]


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1250000", 1_250_000),
        ("1,250,000", 1_250_000),
        ("5.2m", 5_200_000),
        ("EUR 5.2m", 5_200_000),
        ("600k", 600_000),
        ("1.5bn", 1_500_000_000),
        ("€ 3M", 3_000_000),
        (2.5, 2.5),
        # European ways: a decimal comma, points between the thousands.
        ("4,8m", 4_800_000),
        ("EUR 4,8m", 4_800_000),
        ("4.800.000", 4_800_000),
        ("1.234.567,50", 1_234_567.5),
        ("1,234,567.50", 1_234_567.5),
        ("2,5", 2.5),
        ("1'250'000", 1_250_000),
        ("1 250 000", 1_250_000),
    ],
)
def test_amounts_as_written_and_as_shown(typed, amount):
    assert REVENUE.parse(typed) == pytest.approx(amount)


@pytest.mark.parametrize("typed", ["abc", "5.2x", "1.2.3", "m", "4,8,1", "1.23,45,6"])
def test_anything_else_is_refused_with_examples(typed):
    with pytest.raises(RuleViolation, match=r"like 1250000, 1\.25m or 600k"):
        REVENUE.parse(typed)


def test_a_negative_amount_is_refused():
    with pytest.raises(RuleViolation, match="cannot be negative"):
        REVENUE.parse("-5k")


@pytest.mark.parametrize("typed", [1e20, "99999999999999", "20000bn", float("nan"), float("inf")])
def test_an_amount_beyond_any_account_is_refused_as_a_slip(typed):
    with pytest.raises(RuleViolation, match="too large"):
        REVENUE.parse(typed)
