"""The internal plan's "Coverage and relationship health" page, read as a reader reads it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pdf_sample import GIORGOS, pdf_text
from pypdf import PdfReader

from keyplan.reports.export import export_pdf
from keyplan.store.database import Database
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.people import edits

SECTION = "Coverage and relationship health"
TODAY = date(2026, 11, 23)
TOM = "<b>Tom & Jerry</b>"  # a name that is markup to ReportLab: must print as typed
ELENI = "Ελένη Παπαδοπούλου"


@pytest.fixture
def account(db: Database) -> int:
    """Brightline: an unowned CFO nobody knows, a Greek blocker, one IT manager we meet."""
    account_id = edits.add_account(
        db, "Brightline", review_cadence_days=90, last_review_on=date(2026, 10, 1)
    )
    edits.add_stakeholder(
        db, account_id, TOM, job_title="CFO", department="Finance", level="c_level",
        buying_role="decision_maker",
    )  # fmt: skip
    edits.add_stakeholder(
        db, account_id, ELENI, job_title="Head of Procurement", department="Procurement",
        level="director", stance="blocker", strength=2,
    )  # fmt: skip
    kai = edits.add_stakeholder(
        db, account_id, "Kai Ito", department="IT", level="manager", strength=3
    )
    for days_ago in (5, 20, 40):
        interaction_edits.log_interaction(db, account_id, TODAY - timedelta(days=days_ago), [kai])
    return account_id


def export(db: Database, account_id: int, variant: str, folder: Path) -> Path:
    return export_pdf(db, account_id, variant, folder / f"{variant}.pdf", today=TODAY)


def section_pages(path: Path) -> list[str]:
    """The text of the pages from the section's first page to the end."""
    pages = [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]
    first = next(n for n, text in enumerate(pages) if n > 1 and SECTION in text)
    return pages[first:]


def test_the_internal_plan_names_the_real_findings_with_their_reasons(db, account, tmp_path):
    pages = section_pages(export(db, account, "internal", tmp_path))
    page = pages[0]
    assert page.index(SECTION) < page.index("Health score")
    # The unowned CFO is the account's biggest gap, named as typed, markup and all.
    assert f"{TOM} (CFO) is a decision maker with no owner and no relationship yet" in page
    assert f"{ELENI} (Head of Procurement) is a blocker and no open action" in page
    assert "Single-threaded" in page  # every recent meeting was with Kai Ito
    assert "Coverage: departments × levels" in page
    assert "Plan reviewed 53 days ago; next review in 37 days." in page
    # Short: the section ends on the page it starts on (the last page of the plan).
    assert len(pages) == 1
    assert "Next best contacts" in page


def test_the_customer_plan_has_no_judgement_of_their_people(db, account, tmp_path):
    text = pdf_text(export(db, account, "customer", tmp_path))
    for internal in (SECTION, "Health score", "is a blocker", "decision maker", "Stale"):
        assert internal not in text, internal


def test_the_sample_plan_reports_the_greek_cfo_as_uncovered(pdfs):
    text = pdf_text(pdfs["internal"])
    body = text[text.index("Health score") :]
    assert f"{GIORGOS} (CFO) is an influential decision maker" in body
