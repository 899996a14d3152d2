"""The internal plan prints the three views of the sample account's people, in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_sample import DMITRI, GIORGOS, KHALID, WANG, ZOE, pdf_text
from pypdf import PdfReader


@pytest.fixture(scope="module")
def internal_text(pdfs: dict[str, Path]) -> str:
    return pdf_text(pdfs["internal"])


def section(text: str, title: str, next_title: str) -> str:
    """The body of a section: from its heading after the contents page to the next one."""
    body = text[text.index("Coverage and relationship health") :]  # past the contents
    start = body.index(title)
    return body[start : body.index(next_title, start + len(title))]


def test_the_power_interest_grid_puts_people_in_their_quadrants_and_lists_the_unrated(
    internal_text,
):
    grid = section(internal_text, "Power / interest", "Opportunities")
    # Zoë: high influence and interest; Giorgos: high influence, low interest.
    assert re.search(rf"MANAGE CLOSELY {ZOE} \(champion\)", grid)
    assert re.search(rf"KEEP SATISFIED {GIORGOS} \(blocker\)", grid)
    not_rated = grid[grid.index("Not rated") :]
    for name in (DMITRI, WANG, KHALID):
        assert name in not_rated


def test_the_buying_centre_names_the_roles_and_raises_the_red_flags(internal_text):
    centre = section(internal_text, "Buying centre", "Competitors")
    assert "Cloud migration wave 1" in centre
    assert f"Technical evaluators {DMITRI}" in centre
    assert "RED FLAG — No coach" in centre
    assert "RED FLAG — No economic buyer named" in centre
    assert f"RED FLAG — Blocker with high influence: {GIORGOS} (CFO)." in centre


def test_the_team_matrix_shows_who_met_whom_and_the_gap(internal_text):
    matrix = section(internal_text, "Team × stakeholder matrix", "Coverage and relationship")
    assert "Ada Director" in matrix and "Sam Specialist" in matrix
    assert re.search(rf"{ZOE} 1 / 1 2026-11-02", matrix)  # in 90 days / in 12 months, last
    assert f"Gaps (1): {GIORGOS}." in matrix
    assert re.search(rf"{GIORGOS} never GAP", matrix)


def test_each_view_is_a_bookmark_of_the_internal_plan(pdfs):
    titles = [entry.title for entry in PdfReader(pdfs["internal"]).outline]
    for title in ("Power / interest", "Buying centre", "Team × stakeholder matrix"):
        assert title in titles


def test_a_long_role_is_cut_to_the_most_influential_in_print(sample, tmp_path):
    from pdf_sample import TODAY

    from keyplan.reports.views.sections import PER_ROLE
    from keyplan.reports.views.views_pdf import export_views_pdf
    from keyplan.store.people import edits

    for number in range(PER_ROLE + 2):
        edits.add_stakeholder(
            sample.db, sample.account_id, f"Evaluator {number:02}", department="IT",
            buying_role="technical_evaluator", influence="low",
        )  # fmt: skip
    text = pdf_text(export_views_pdf(sample.db, sample.account_id, tmp_path / "v.pdf", today=TODAY))
    centre = text[text.index("Buying centre") :]
    # Eight of low influence and Dmitri (none recorded): the six first by influence, then name.
    assert "Technical evaluators Evaluator 00" in centre and "Evaluator 05" in centre
    assert "Evaluator 06" not in centre
    assert "and 3 more (see Stakeholders)" in centre


def test_the_matrix_counts_a_whole_year_of_contacts_however_many(tmp_path):
    from datetime import date, timedelta

    from keyplan.reports.views.plan_views import plan_team_matrix
    from keyplan.store.database import open_database
    from keyplan.store.meetings.edits import log_interaction
    from keyplan.store.people import edits
    from keyplan.store.plan.queries import RECENT_INTERACTIONS, load_plan
    from keyplan.store.roster.edits import add_team_member

    db = open_database(tmp_path / "busy.db")
    account = edits.add_account(db, "Busy AG")
    ingrid = edits.add_stakeholder(db, account, "Ingrid Olsen")
    anna = add_team_member(db, "Anna Berg")
    today = date(2026, 12, 7)
    calls = RECENT_INTERACTIONS + 50  # more than the plan used to read
    for day in range(calls):
        log_interaction(db, account, today - timedelta(days=day % 360), [ingrid], [anna])
    matrix = plan_team_matrix(load_plan(db, account, today))
    db.close()
    assert matrix.cell(ingrid, "Anna Berg").year == calls
