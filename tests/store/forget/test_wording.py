"""What in free text names a person, and what stays: the rules of ``forget/wording.py``."""

from __future__ import annotations

from keyplan.store.forget.wording import name_pattern


def test_the_full_name_in_any_case_and_spacing_is_removed():
    pattern = name_pattern("Ingrid Solberg")
    assert pattern.scrub("Met INGRID  solberg and\ningrid Solberg.") == (
        "Met [removed] and\n[removed]."
    )


def test_titles_and_middle_names_may_be_left_out():
    assert name_pattern("Dr. Katharina Weiß").scrub("Dr. Katharina Weiß, Katharina Weiß") == (
        "[removed], [removed]"
    )
    assert name_pattern("Anna Maria Berg").scrub("Anna Berg and Anna Maria Berg") == (
        "[removed] and [removed]"
    )


def test_a_first_name_or_surname_alone_is_removed_only_when_nobody_else_has_it():
    others = ["Ingrid Berg", "Pär Nilsson"]
    pattern = name_pattern("Ingrid Solberg", others)
    assert pattern.scrub("Ingrid said Solberg agrees; ask Pär.") == (
        "Ingrid said [removed] agrees; ask Pär."
    )
    assert name_pattern("Ingrid Solberg").scrub("Ingrid's idea") == "[removed]'s idea"


def test_a_name_inside_a_longer_word_or_in_lower_case_stays():
    pattern = name_pattern("Mark Ek")
    assert pattern.scrub("Marketing: mark the EK-200 deck; Ekberg and Mark.") == (
        "Marketing: mark the EK-200 deck; Ekberg and [removed]."
    )


def test_a_decomposed_name_is_the_same_name():
    pattern = name_pattern("Zoë Åkesson")
    assert pattern.names_them("Zoe\u0308 A\u030akesson called")
    assert pattern.scrub("Zoe\u0308 A\u030akesson called") == "[removed] called"
