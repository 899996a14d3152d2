"""Money totals: kept per currency, never added across currencies.

Decision: a total of amounts in several currencies is kept as one total per currency
("EUR 1,200,000 + BRL 350,000"), never converted into one figure. Converting needs exchange
rates, and a director's plan must not depend on a rate nobody maintains; conversion, with rates
the user keeps in the portfolio, can come later on top of these totals.

Every floor totals money through this module: the printed plan, the Plan tab, the dashboard.
For the same reason, amounts in two currencies are never compared as numbers either: a list of
accounts sorted by potential groups them by currency, and orders them by amount within each.
"""

from __future__ import annotations

from collections.abc import Iterable

# A no-break space joins a currency to its amount: a line wrapping "EUR" away from "1,100,000"
# reads as two values.
_JOIN = "\u00a0"
# Between the totals of two currencies. Not " · ", which already separates the facts of a
# summary line ("3 open · pipeline EUR 750,000 + BRL 350,000 · weighted …").
_BETWEEN = " + "


def money_totals(
    amounts: Iterable[tuple[float | None, str | None]], home_currency: str
) -> dict[str, float]:
    """Add up amounts, one total per currency.

    Args:
        amounts: (amount, currency) pairs. An amount of None is not known and adds nothing; a
            currency that only has unknown amounts gets no total.
        home_currency: the account's own currency; its total comes first.

    Returns:
        currency -> total, in a stable order: the home currency first, then the others
        alphabetically. Empty when no amount is known.
    """
    totals: dict[str, float] = {}
    for amount, currency in amounts:
        if amount is None:
            continue
        key = currency or ""
        totals[key] = totals.get(key, 0.0) + amount
    return dict(sorted(totals.items(), key=lambda item: (item[0] != home_currency, item[0])))


def weighted_amount(amount: float | None, probability: float | None) -> float | None:
    """What an opportunity is worth weighted by its probability in percent (none given: 0 %).

    Returns:
        None when the amount is not known.
    """
    return None if amount is None else amount * (probability or 0) / 100


def amount_sort_text(amount: float | None, currency: str | None) -> str:
    """Where an amount sorts among amounts in any currency: by currency, then by amount.

    A text, so that any list sorts by it (list views compare texts and numbers, not pairs); an
    amount not known sorts as zero.
    """
    # Amounts are never negative nor above typed_values.MAX_AMOUNT (14 digits): 20 places
    # order them.
    return f"{currency or ''}\u0000{amount or 0:020.2f}"


def format_amount(amount: float | None, currency: str | None) -> str:
    """An amount with its currency as people read it ("EUR 1,200,000"), or a dash."""
    if amount is None:
        return "—"
    return f"{currency or ''}{_JOIN}{amount:,.0f}".strip()


def format_totals(totals: dict[str, float], home_currency: str) -> str:
    """Totals per currency as people read them: "EUR 1,200,000 + BRL 350,000".

    Args:
        totals: as ``money_totals`` returns them, in the order they are to be read.
        home_currency: the account's own currency, named in a total of nothing ("EUR 0").
    """
    if not totals:
        return format_amount(0, home_currency)
    return _BETWEEN.join(format_amount(amount, currency) for currency, amount in totals.items())
