"""A director reads the brief in the taxi: the most senior first, the politics, what we owe."""

from __future__ import annotations

from datetime import date

import pytest
from pdf_sample import pdf_text

from keyplan.reports.export import export_pdf
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account

TODAY = date(2026, 11, 23)
# Chosen in an order that is neither alphabetical nor by rank.
CHOSEN = "Lena Ek,Sebastian Wallin,Zoë Åkesson,Ingrid Solberg"


@pytest.fixture(scope="module")
def brief_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("brief")
    db = open_database(folder / "demo.keyplan")
    try:
        create_demo_portfolio(db, today=TODAY)
        out = export_pdf(
            db,
            find_account(db, "Aldermark Group"),
            "brief",
            folder / "brief.pdf",
            people=CHOSEN.split(","),
            today=TODAY,
        )
    finally:
        db.close()
    return " ".join(pdf_text(out).split())


def test_the_board_comes_first_then_influence(brief_text):
    # Two C-level (Zoë, Ingrid; both high influence), a VP, then a director.
    order = [
        brief_text.index(f"{name} ") for name in ("Zoë Åkesson", "Sebastian Wallin", "Lena Ek")
    ]
    assert order == sorted(order)
    assert brief_text.index("Ingrid Solberg Group") < brief_text.index("Sebastian Wallin VP")
    assert "With Zoë Åkesson, Ingrid Solberg, Sebastian Wallin, Lena Ek." in brief_text


def test_between_them_names_the_lines_among_and_into_the_attendees(brief_text):
    between = brief_text.split("Between them", 1)[1]
    assert "Sebastian Wallin is Zoë Åkesson’s ally (strong)" in between
    assert "Zoë Åkesson and Ingrid Solberg are rivals" in between
    assert "Olof Hedlund (Head of Group Treasury, not attending) influences Zoë Åkesson" in between


def test_an_overdue_action_for_an_attendee_comes_first_and_is_raised(brief_text):
    work = brief_text.split("Open promises and actions with them", 1)[1]
    overdue = work.index("Business case for the ERP template")
    assert overdue < work.index("Executive sponsor meeting with Zoë Åkesson")
    assert "5 days late" in work
    assert "8 days late" in work  # the ERP demo promised to Lena
    points = brief_text.split("Suggested talking points", 1)[1]
    assert points.startswith(" • Lena: report on the promise “Run a finance-specific ERP demo")
    assert "(overdue — apologise and give a date)." in points


def test_open_risks_naming_an_attendee_are_shown(brief_text):
    assert "The CFO questions the data platform spend" in brief_text


def test_between_them_names_the_lever_an_attendee_gives_us_on_somebody_absent(brief_text):
    between = brief_text.split("Between them", 1)[1]
    lever = (
        "Ingrid Solberg influences Henrik Dahlgren (Group Chief Executive Officer, not attending)"
    )
    assert lever in between
    # The lever comes before the lines that only whisper into an attendee's ear.
    assert between.index(lever) < between.index("Olof Hedlund")
