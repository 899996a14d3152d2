"""Counts read as English: the dashboard said "1 accounts · 1 overdue promises"."""

import pytest

from keyplan.domain.wording import count_of, plural


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("person", "people"),
        ("account", "accounts"),
        ("overdue promise", "overdue promises"),
        ("opportunity", "opportunities"),
        ("day", "days"),
        ("relationship ownership", "relationship ownerships"),
        ("business", "businesses"),
    ],
)
def test_plurals_of_the_nouns_keyplan_counts(noun, expected):
    assert plural(noun) == expected


def test_one_is_singular_and_zero_and_many_are_plural():
    assert count_of(1, "person") == "1 person"
    assert count_of(0, "person") == "0 people"
    assert count_of(2, "plan review") == "2 plan reviews"


def test_thousands_are_separated_only_when_asked():
    assert count_of(12000, "person", thousands=True) == "12,000 people"
    assert count_of(12000, "row") == "12000 rows"
