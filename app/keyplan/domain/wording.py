"""Counted nouns as a reader expects them: "1 person", "2 people", "3 opportunities"."""

from __future__ import annotations

# Plurals that the spelling rules below get wrong, for the nouns Keyplan counts.
_IRREGULAR = {"person": "people", "people": "people"}
_VOWELS = "aeiou"


def plural(noun: str) -> str:
    """The plural of a noun, by its last word ("person" → "people", "opportunity" →
    "opportunities", "overdue promise" → "overdue promises")."""
    head, _, last = noun.rpartition(" ")
    if last in _IRREGULAR:
        last = _IRREGULAR[last]
    elif last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        last = last[:-1] + "ies"
    elif last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    else:
        last += "s"
    return f"{head} {last}" if head else last


def count_of(
    number: int, noun: str, plural_form: str | None = None, *, thousands: bool = False
) -> str:
    """ "1 value", "3 values", "1 person", "2 people"; the noun is given in the singular.
    `thousands` writes 12,000 rather than 12000 (for reading, not for parsing)."""
    figure = f"{number:,}" if thousands else str(number)
    return f"{figure} {noun if number == 1 else plural_form or plural(noun)}"
