"""Rows that cannot be right are skipped with the reason, never imported as odd people."""

from __future__ import annotations

from pathlib import Path

from keyplan.exchange.transfer.broken_rows import row_problem
from keyplan.exchange.transfer.contact_files import read_contacts, read_contacts_file
from keyplan.exchange.transfer.import_plan import Action, plan_import
from keyplan.store.transfer.import_reads import ImportTarget

DATA = Path(__file__).parents[2] / "data" / "import"
NAMES = {0: "first_name", 1: "last_name", 2: "email"}


def test_a_stray_quote_in_a_semicolon_file_is_a_broken_row_not_a_person():
    contact_file = read_contacts_file(DATA / "aldermark_outlook_de_cp1252.csv")
    plan = plan_import(contact_file.contacts, ImportTarget(None, "Aldermark", [], []))
    bernd = next(row for row in plan.rows if row.where == "row 5")
    assert bernd.action is Action.SKIP and bernd.broken
    assert bernd.reason.startswith(
        "looks broken: the name 'Bernd Lehmann;Aldermark Antriebstechnik GmbH\"' holds a "
        'semicolon (;) and a stray quote (")'
    )
    assert plan.summary() == "5 new, 0 updates, 1 skipped (1 looks broken)"
    assert all("Bernd" not in write.values["full_name"] for write in plan.to_write().new)


def test_names_people_really_have_are_not_taken_for_broken_rows():
    assert row_problem(['Robert "Bob"', "Smith", "bob@x.example"], NAMES, 3, ";") == ""
    # "Olsen, Ingrid" is how CRMs write a name, in a comma file quoted as it should be.
    assert row_problem(["Olsen, Ingrid", "", ""], {0: "full_name"}, 3, ",") == ""
    # Excel drops the empty cells at a row's end: a row a little short is read as it is.
    assert row_problem(["Anna", "Berg", "a@x.example"], NAMES, 5, ",") == ""


def test_far_too_few_or_too_many_cells_make_a_row_broken():
    short = row_problem(["Anna", "Berg"], NAMES, 8, ",")
    assert short.startswith("it has 2 cells where the header has 8")
    long = row_problem(["Anna", "Berg", "a@x.example", "", "", "Sales"], NAMES, 5, ",")
    assert long.startswith("it has 6 cells where the header has 5")
    padded = row_problem(["Anna", "Berg", "a@x.example", "", "", "", ""], NAMES, 5, ",")
    assert padded == ""  # empty cells past the header are only padding


def test_a_quote_that_swallowed_a_line_break_is_broken():
    text = 'First Name;Last Name;Email;Phone\r\n"Anna\r\nBerg";Berg;a@x.example;1\r\n'
    [anna] = read_contacts(text.encode(), "x.csv", "crm").contacts
    assert "a line break" in anna.problem
