"""Amounts and dates as people type them, read into what a field stores.

"EUR 5.2m", "600k" and "4.800.000" are amounts (either decimal mark); "31.03.2027",
"31 March 2027" and "March 31, 2027" are dates, in the languages the app reads. What cannot be
read raises a ``RuleViolation`` that names the field and says how to type it.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from keyplan.domain.errors import RuleViolation
from keyplan.domain.patterns import LazyPattern
from keyplan.domain.plain_text import quoted

# Amounts as the dashboard shows them ("EUR 5.2m", "600k") are typed back the same way, with
# either decimal mark: "4,8m" is 4.8 million, "4.800.000" and "4,800,000" are 4.8 million.
_MONEY_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
_MONEY_TEXT = LazyPattern(r"^(?:[A-Z]{3}|[$€£¥])?([0-9.,]+)(k|m|mn|bn|b)?(?:[A-Z]{3})?$", re.I)
_GROUPED = LazyPattern(r"^[0-9]{1,3}(?:[.,][0-9]{3})+$")  # 4,800,000 or 4.800.000
#: No account is worth more than this (ten trillion): a bigger number is a typing slip.
MAX_AMOUNT = 1e13


def parse_money(label: str, value: Any) -> float:
    """An amount as people type it (1250000, 1.25m, 600k, EUR 4,8m), or RuleViolation naming
    the field (``label``)."""
    if isinstance(value, bool):
        raise RuleViolation(f"{label} must be an amount, not yes or no.")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an int beyond a float's range
            number = math.inf
    else:
        text = str(value).strip()
        negative = text.startswith("-")
        text = text.lstrip("-").replace(" ", "").replace("\u00a0", "").replace("'", "")
        found = _MONEY_TEXT.match(text)
        try:
            if found is None:
                raise ValueError(text)
            digits = _plain_number(found[1])
            number = float(digits) * _MONEY_SCALES.get((found[2] or "").lower(), 1)
        except (ValueError, OverflowError) as error:
            raise RuleViolation(
                f"{label} must be an amount like 1250000, 1.25m or 600k, not {quoted(value)}."
            ) from error
        if negative:
            number = -number
    if number < 0:
        raise RuleViolation(f"{label} cannot be negative.")
    if not number <= MAX_AMOUNT:  # also refuses NaN and infinity
        raise RuleViolation(f"{label} of {quoted(value)} is too large: check the number of zeros.")
    return number


def _plain_number(text: str) -> str:
    """Digits with one decimal point, from a number written the English or European way.

    A comma or point followed by exactly three digits, in groups, separates thousands
    ("4,800,000", "4.800.000", "1,500"); otherwise a single one is the decimal mark ("4,8",
    "5.25"). With both, the last one is the decimal mark ("1.234,5", "1,234.5").
    """
    marks = [c for c in text if c in ",."]
    if not marks:
        return text
    if len(set(marks)) == 2:
        decimal = text[max(text.rfind(","), text.rfind("."))]
        whole, _, fraction = text.rpartition(decimal)
        if not _GROUPED.match(whole) and not whole.isdigit():
            raise ValueError(text)
        return whole.replace(",", "").replace(".", "") + "." + fraction
    if _GROUPED.match(text):
        return text.replace(",", "").replace(".", "")
    if len(marks) == 1:
        return text.replace(",", ".")
    raise ValueError(text)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier", "enero"),
            ("feb", "february", "februar", "février", "fevrier", "febrero"),
            ("mar", "march", "märz", "maerz", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juillet", "julio"),
            ("aug", "august", "août", "aout", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "oktober", "octobre", "octubre"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dezember", "décembre", "decembre", "diciembre"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = LazyPattern(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})$")
_WORDED_DATE = LazyPattern(r"^(\d{1,2})\.?\s+([^\W\d]+)\.?,?\s+(\d{4})$")  # 31 March 2027
_WORDED_US_DATE = LazyPattern(r"^([^\W\d]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")  # March 31, 2027


def parse_date(label: str, value: Any) -> date:
    """A date as people type it: 2027-03-31, 31.03.2027, 31 March 2027, March 31, 2027, and
    31/03/2027 when it can only mean one day (03/04/2027 is asked back, not guessed)."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        found = _read_date(text)
    except ValueError:
        found = None
    if isinstance(found, date):
        return found
    if found == "ambiguous":
        raise RuleViolation(
            f"Is {text} day/month or month/day? Type it as 2027-03-31 or 31.03.2027."
        )
    raise RuleViolation(
        f"{label} must be a date like 2027-03-31 or 31.03.2027, not {quoted(value)}."
    )


def _read_date(text: str) -> date | str | None:
    """The date a non-ISO text means, "ambiguous" for 03/04/2027, or None."""
    numeric = _NUMERIC_DATE.match(text)
    if numeric:
        first, mark, second, year = numeric.groups()
        year_number = int(year) + (2000 if len(year) == 2 else 0)
        day, month = int(first), int(second)
        if mark == "/" and day <= 12 and month <= 12 and day != month:
            return "ambiguous"  # 03/04: the 3rd of April in Europe, March 4th in the US
        if mark == "/" and month > 12:  # 03/31/2027: the US order
            day, month = month, day
        return date(year_number, month, day)
    worded = _WORDED_DATE.match(text)
    if worded:
        day_text, month_name, year = worded.groups()
        month_number = _MONTHS.get(month_name.casefold())
        return date(int(year), month_number, int(day_text)) if month_number else None
    worded = _WORDED_US_DATE.match(text)
    if worded:
        month_name, day_text, year = worded.groups()
        month_number = _MONTHS.get(month_name.casefold())
        return date(int(year), month_number, int(day_text)) if month_number else None
    return None
