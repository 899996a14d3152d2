"""An account's aliases: the names a contacts file may give for the company."""

from keyplan.domain.account_names import account_aliases, account_names


def test_one_alias_per_line():
    assert account_aliases("Nordwind Logistik AG\nNWL\n") == ["Nordwind Logistik AG", "NWL"]


def test_aliases_separated_by_semicolons_and_lines_mixed():
    typed = "NWL; Nordwind Spedition\r\nNordwind Frachtdienste ;"
    assert account_aliases(typed) == ["NWL", "Nordwind Spedition", "Nordwind Frachtdienste"]


def test_a_comma_stays_part_of_a_company_name():
    assert account_aliases("Nordwind, Inc.; Smith, Jones & Co.") == [
        "Nordwind, Inc.",
        "Smith, Jones & Co.",
    ]


def test_blank_entries_stray_spaces_and_repeats_are_dropped():
    typed = "  NWL  ;;\n\n  Nordwind   Spedition \nnwl\nNORDWIND SPEDITION"
    assert account_aliases(typed) == ["NWL", "Nordwind Spedition"]


def test_no_aliases_when_nothing_is_stored():
    assert account_aliases(None) == []
    assert account_aliases("") == []
    assert account_aliases(" ;\n ") == []


def test_the_account_answers_to_its_name_first_then_its_aliases():
    names = account_names("Nordwind Logistik", "NWL\nnordwind logistik\nNordwind Spedition")
    assert names == ["Nordwind Logistik", "NWL", "Nordwind Spedition"]
