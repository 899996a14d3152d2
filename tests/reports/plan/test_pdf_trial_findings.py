"""What a director found reading the demo's Aldermark Group plans on paper, and no longer finds."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pdf_sample import pdf_text
from pypdf import PdfReader
from reportlab.platypus import KeepTogether

from keyplan.reports.export import export_pdf
from keyplan.reports.meetings import brief, brief_points
from keyplan.reports.names import plain_name
from keyplan.reports.plan.context import Context, money
from keyplan.reports.plan.sections_plan import promise_status, promise_summary
from keyplan.reports.plan.whitespace import company_grids, group_cell, installed_where
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account
from keyplan.store.plan import whitespace as plan_whitespace
from keyplan.store.plan.queries import CommitmentRow, PlanData, load_plan

TODAY = date(2026, 11, 23)
ACCOUNT = "Aldermark Group"
ATTENDEES = ["Zoë Åkesson", "Lena Ek"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("trial") / "demo.keyplan"
    db = open_database(path)
    create_demo_portfolio(db, today=TODAY)
    yield db
    db.close()


@pytest.fixture(scope="module")
def plan(demo: Database) -> PlanData:
    return load_plan(demo, find_account(demo, ACCOUNT), TODAY)


@pytest.fixture(scope="module")
def pdfs(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("trial-pdfs")
    account_id = find_account(demo, ACCOUNT)
    return {
        variant: export_pdf(
            demo,
            account_id,
            variant,
            folder / f"{variant}.pdf",
            today=TODAY,
            people=ATTENDEES if variant == "brief" else None,
        )
        for variant in ("internal", "customer", "brief")
    }


# ---- 1. "(you)" is the user's own screen's word, never the paper's ----------------------------


@pytest.mark.parametrize("variant", ["internal", "customer", "brief"])
def test_no_pdf_calls_anyone_you_and_the_director_is_named_plainly(pdfs, variant):
    text = pdf_text(pdfs[variant])
    assert "(you)" not in text
    if variant != "brief":  # the brief names only the attendees' owners
        assert "Alex Morgan" in text
    assert PdfReader(pdfs[variant]).metadata.author == "Alex Morgan"


def test_customer_plan_names_the_director_on_the_cover_and_as_their_contact(pdfs):
    reader = PdfReader(pdfs["customer"])
    cover = " ".join(reader.pages[0].extract_text().split())
    assert "Account director Alex Morgan" in cover
    assert "Your contact with us" in pdf_text(pdfs["customer"])


def test_plain_name_drops_only_the_screen_marker():
    assert plain_name("Alex Morgan (you)") == "Alex Morgan"
    assert plain_name("Alex Morgan ( You )") == "Alex Morgan"
    assert plain_name("Youssef (Yusuf) Amari") == "Youssef (Yusuf) Amari"
    assert plain_name(None) is None


# ---- 2. every promise counted once, in the Commitments tab's words --------------------------


def _promise(status: str, late: bool) -> CommitmentRow:
    return CommitmentRow("p", None, None, None, None, date(2026, 1, 1), status, None, late)


def test_overdue_promises_are_part_of_the_open_ones_not_a_category_of_their_own():
    rows = (
        [_promise("open", True)] * 2
        + [_promise("open", False)]
        + [_promise("kept", False)] * 3
        + [_promise("kept", True)]
        + [_promise("late", True)] * 2
        + [_promise("broken", False)]
    )
    assert promise_summary(rows) == "10 promises: 3 open (2 overdue), 4 kept, 2 late, 1 broken."


def test_a_late_promise_says_late_once():
    assert promise_status(_promise("late", True)) == "Late"
    assert promise_status(_promise("open", True)) == "Open (overdue)"
    assert promise_status(_promise("kept", True)) == "Kept (late)"


@pytest.mark.parametrize("variant", ["internal", "customer"])
def test_the_promise_record_in_the_pdf_adds_up(pdfs, plan, variant):
    text = pdf_text(pdfs[variant])
    found = re.search(r"(\d+) promises: (\d+) open(?: \((\d+) overdue\))?((?:, \d+ \w+)*)\.", text)
    assert found is not None
    total, open_count = int(found[1]), int(found[2])
    others = [int(n) for n in re.findall(r"(\d+) \w+", found[4])]
    assert total == len(plan.commitments) == open_count + sum(others)
    assert "Late (late)" not in text


# ---- 3. the whitespace grid shows the app's picture -------------------------------------------


def test_each_company_grid_is_the_one_the_app_shows(demo, plan):
    grids = company_grids(plan)
    assert len(grids) == 4
    for grid in grids:
        assert grid.cells == plan_whitespace.whitespace(demo, grid.account_id).cells, grid.name


def test_the_group_grid_shows_the_best_status_and_in_how_many_companies(pdfs):
    assert group_cell(["installed", "installed", "installed", "competitor_holds"]) == (
        "installed",
        "Installed (3 of 4)",
    )
    assert group_cell(["competitor_holds", "in_pursuit"])[1] == "In pursuit (1 of 2)"
    assert group_cell(["opportunity"])[1] == "Opportunity"
    text = pdf_text(pdfs["internal"])
    assert "Across the group (4 companies)" in text
    assert "Installed (3 of 4)" in text  # IT × Managed Workplace


def test_what_we_provide_lists_each_offering_once(pdfs, plan):
    for department, offerings in installed_where(plan).items():
        for offering, companies in offerings.items():
            assert len(companies) == len(set(companies)), (department, offering)
    text = pdf_text(pdfs["customer"])
    assert "Managed Workplace, Managed Workplace" not in text


# ---- 4. the PDF speaks in its own terms ---------------------------------------------------------


def test_the_internal_plan_sends_nobody_to_an_app_tab(pdfs):
    assert "Insights tab" not in pdf_text(pdfs["internal"])


# ---- 5. an amount stays on one line -------------------------------------------------------------


def test_money_never_splits_from_its_currency(pdfs):
    assert money(1_100_000, "EUR") == "EUR\u00a01,100,000"
    for variant in ("internal", "brief"):
        for page in PdfReader(pdfs[variant]).pages:
            assert not re.search(r"\bEUR\s*\n\s*[\d,]+", page.extract_text() or ""), variant


# ---- 6. talking points read as sentences and stay together ---------------------------------------


def test_talking_points_end_once_and_keep_together(pdfs, plan):
    text = pdf_text(pdfs["brief"])
    assert "Suggested talking points" in text
    assert ".”." not in text and '.".' not in text
    assert "show how we support “A faster close; one chart of accounts”." in text
    attendees = brief.find_attendees(plan, ATTENDEES)
    ctx = Context(plan, (595.0, 842.0), internal=True)
    flowables = brief_points.talking_points(ctx, attendees)
    assert len(flowables) == 1 and isinstance(flowables[0], KeepTogether)
