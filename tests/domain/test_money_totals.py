"""Money is totalled per currency, the account's own first, and never added across currencies."""

from __future__ import annotations

import pytest

from keyplan.domain.money import (
    amount_sort_text,
    format_amount,
    format_totals,
    money_totals,
    weighted_amount,
)


def _read(text: str) -> str:
    """As a person reads it: the no-break space between currency and amount is a space."""
    return text.replace("\u00a0", " ")


def test_nothing_to_add_is_nothing_in_the_accounts_currency():
    totals = money_totals([], "EUR")
    assert totals == {}
    assert _read(format_totals(totals, "EUR")) == "EUR 0"


def test_one_currency_is_one_total():
    totals = money_totals([(750_000, "EUR"), (450_000, "EUR")], "EUR")
    assert totals == {"EUR": 1_200_000}
    assert _read(format_totals(totals, "EUR")) == "EUR 1,200,000"


def test_a_brazilian_affiliates_deal_is_never_added_into_the_euro_total():
    totals = money_totals(
        [(750_000, "EUR"), (350_000, "BRL"), (90_000, "USD"), (450_000, "EUR")], "EUR"
    )
    assert totals == {"EUR": 1_200_000, "BRL": 350_000, "USD": 90_000}
    assert _read(format_totals(totals, "EUR")) == "EUR 1,200,000 + BRL 350,000 + USD 90,000"


def test_the_accounts_own_currency_comes_first_then_the_others_alphabetically():
    amounts = [(1, "USD"), (2, "BRL"), (3, "JPY"), (4, "CHF")]
    assert list(money_totals(amounts, "JPY")) == ["JPY", "BRL", "CHF", "USD"]
    # With nothing in the account's currency, the others keep their alphabetical order.
    assert list(money_totals(amounts, "EUR")) == ["BRL", "CHF", "JPY", "USD"]


def test_an_amount_nobody_entered_adds_nothing_and_names_no_currency():
    totals = money_totals([(None, "BRL"), (500_000, "EUR"), (None, "EUR")], "EUR")
    assert totals == {"EUR": 500_000}
    assert money_totals([(None, "EUR")], "EUR") == {}


def test_a_known_zero_is_a_total():
    assert money_totals([(0, "BRL")], "EUR") == {"BRL": 0}


@pytest.mark.parametrize(
    ("amount", "probability", "weighted"),
    [(750_000, 40, 300_000), (750_000, None, 0), (None, 40, None), (0, 90, 0)],
)
def test_a_deal_is_weighted_by_its_probability(amount, probability, weighted):
    assert weighted_amount(amount, probability) == weighted


def test_one_amount_reads_with_its_currency_or_as_a_dash():
    assert _read(format_amount(1_100_000, "EUR")) == "EUR 1,100,000"
    assert format_amount(None, "EUR") == "—"
    assert format_amount(2_500, "") == "2,500"
    # The currency never wraps away from its amount.
    assert format_amount(5, "GBP") == "GBP\u00a05"


def test_amounts_sort_by_currency_then_by_amount_never_across_currencies():
    accounts = [(4_800_000, "EUR"), (90_000_000, "BRL"), (600_000, "EUR"), (None, "EUR")]
    ordered = sorted(accounts, key=lambda pair: amount_sort_text(*pair))
    assert ordered == [(90_000_000, "BRL"), (None, "EUR"), (600_000, "EUR"), (4_800_000, "EUR")]
    assert amount_sort_text(1e13, "EUR") > amount_sort_text(9.99e12, "EUR")
