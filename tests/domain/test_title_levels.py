"""Imported people get a level from their title, in the languages the import reads."""

import pytest

from keyplan.domain.title_levels import guess_level
from keyplan.domain.vocabulary import Level


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Chief Financial Officer", Level.C_LEVEL),
        ("Group CFO", Level.C_LEVEL),
        ("CEO & Founder", Level.C_LEVEL),
        ("Geschäftsführerin", Level.C_LEVEL),
        ("Président-directeur général", Level.C_LEVEL),
        ("Amministratore Delegato", Level.C_LEVEL),
        ("Managing Director", Level.C_LEVEL),
        ("Verkställande direktör", Level.C_LEVEL),
        ("VP Sales EMEA", Level.VP),
        ("Senior Vice President, Operations", Level.VP),
        ("Vice-Président Achats", Level.VP),
        ("Head of IT", Level.DIRECTOR),
        ("Director of Procurement", Level.DIRECTOR),
        ("Directrice financière", Level.DIRECTOR),
        ("Bereichsleiter Logistik", Level.DIRECTOR),
        ("IT Manager", Level.MANAGER),
        ("Teamleiter Einkauf", Level.MANAGER),
        ("Responsable des achats", Level.MANAGER),
        ("Jefe de compras", Level.MANAGER),
        ("Senior Software Engineer", Level.INDIVIDUAL),
        ("Business Analyst", Level.INDIVIDUAL),
        ("Einkäuferin", Level.INDIVIDUAL),
        ("Compliance Officer", Level.INDIVIDUAL),
    ],
)
def test_a_title_gives_its_level(title, level):
    assert guess_level(title) is level


@pytest.mark.parametrize("title", [None, "", "   ", "Ninja", "Mitarbeiterin"])
def test_a_title_that_says_nothing_of_rank_gives_no_level(title):
    assert guess_level(title) is None


def test_vice_president_is_not_the_president_and_director_general_is_not_a_director():
    assert guess_level("Vice President") is Level.VP
    assert guess_level("President") is Level.C_LEVEL
    assert guess_level("Director General") is Level.C_LEVEL
