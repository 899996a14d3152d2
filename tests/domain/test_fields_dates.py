"""Dates are typed as people write them; a date that could mean two days is asked back."""

from datetime import date

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import ACCOUNT_FIELDS

REVIEW = ACCOUNT_FIELDS["last_review_on"]


@pytest.mark.parametrize(
    "typed",
    [
        "2027-03-31",
        "31.03.2027",
        "31.3.2027",
        "31.03.27",
        "31/03/2027",
        "03/31/2027",
        "31 March 2027",
        "31. März 2027",
        "March 31, 2027",
        "31 mars 2027",
        " 2027-03-31 ",
    ],
)
def test_a_date_written_any_usual_way(typed):
    assert REVIEW.parse(typed) == date(2027, 3, 31)


def test_a_slashed_date_that_could_be_two_days_is_asked_back():
    with pytest.raises(RuleViolation, match=r"day/month or month/day\? Type it as"):
        REVIEW.parse("03/04/2027")


@pytest.mark.parametrize("typed", ["31.02.2027", "yesterday", "2027-13-01", "32 March 2027"])
def test_anything_else_is_refused_with_examples(typed):
    with pytest.raises(RuleViolation, match=r"like 2027-03-31 or 31\.03\.2027"):
        REVIEW.parse(typed)
