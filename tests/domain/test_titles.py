"""A director types "CFO" and finds the Chief Financial Officer, and the other way round."""

import pytest

from keyplan.domain.titles import searchable_title


@pytest.mark.parametrize(
    ("title", "typed"),
    [
        ("Group Chief Financial Officer", "cfo"),
        ("Chief Information Security Officer", "ciso"),
        ("Interim Chief Digital Officer", "cdo"),
        ("Chief Human Resources Officer", "chro"),
        ("VP Group Procurement", "vice president"),
        ("Senior Vice President Sales", "svp"),
        ("Vice President Operations", "vp"),
        ("CFO", "chief financial officer"),
        ("Managing Director DACH", "md"),
    ],
)
def test_a_title_is_found_by_its_abbreviation_and_its_full_form(title, typed):
    assert typed in searchable_title(title)


def test_unrelated_titles_gain_nothing_misleading():
    assert "cfo" not in searchable_title("Head of Controlling")
    assert searchable_title(None) == ""
    assert searchable_title("Werkleiter Stuttgart") == "werkleiter stuttgart"


def test_names_sort_as_people_read_them_accents_and_honorifics_aside():
    from keyplan.domain.titles import sort_name

    names = ["Zoë Åkesson", "Élodie Martin", "Dr. Katharina Weiß", "Charlotte Blom", "Céline Roy"]
    assert sorted(names, key=sort_name) == [
        "Céline Roy",
        "Charlotte Blom",
        "Élodie Martin",
        "Dr. Katharina Weiß",
        "Zoë Åkesson",
    ]


def test_nouns_take_the_article_they_are_read_with():
    from keyplan.domain.titles import with_article

    assert [with_article(n) for n in ("opportunity", "action", "risk", "objective")] == [
        "an opportunity",
        "an action",
        "a risk",
        "an objective",
    ]
