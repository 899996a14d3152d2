"""A person's profile URL is typed as a browser shows it, and stored so that it opens."""

import pytest

from keyplan.domain.errors import RuleViolation
from keyplan.domain.fields import STAKEHOLDER_FIELDS

PROFILE = STAKEHOLDER_FIELDS["profile_url"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (
            "https://www.linkedin.com/in/eirik-solberg",
            "https://www.linkedin.com/in/eirik-solberg",
        ),
        ("  http://example.com/people/eirik  ", "http://example.com/people/eirik"),
        ("www.linkedin.com/in/eirik-solberg", "https://www.linkedin.com/in/eirik-solberg"),
        ("linkedin.com/in/eirik-solberg", "https://linkedin.com/in/eirik-solberg"),
        ("no.linkedin.com/in/eirik-solberg/", "https://no.linkedin.com/in/eirik-solberg/"),
        ("HTTPS://XING.com/profile/Eirik_Solberg", "HTTPS://XING.com/profile/Eirik_Solberg"),
    ],
)
def test_a_web_address_is_kept_with_https_added_when_it_has_no_scheme(typed, stored):
    assert PROFILE.parse(typed) == stored


def test_an_empty_profile_url_is_no_profile_url():
    assert PROFILE.parse("   ") is None


@pytest.mark.parametrize(
    "typed",
    [
        "Eirik Solberg",
        "eirik-solberg",
        "eirik@nordwind.example",
        "mailto:eirik@nordwind.example",
        "javascript:alert(1)",
        "https://",
        "https://linkedin",
        "https://www.linkedin.com/in/eirik solberg",
        "ftp://files.example.com/eirik",
    ],
)
def test_anything_that_is_not_a_web_address_is_refused_with_an_example(typed):
    with pytest.raises(RuleViolation, match=r"Profile URL must be a web address like https://"):
        PROFILE.parse(typed)


def test_a_web_address_longer_than_the_column_is_refused():
    with pytest.raises(RuleViolation, match="longer than 500 characters"):
        PROFILE.parse("https://www.linkedin.com/in/" + "e" * 480)
