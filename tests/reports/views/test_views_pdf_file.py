"""The views as a PDF of their own: three sections, and a refused folder leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_sample import ACCOUNT, GIORGOS, TODAY, pdf_text
from pypdf import PdfReader

from keyplan.reports.export import ExportFailed
from keyplan.reports.views.views_pdf import export_views_pdf
from keyplan.store.people.queries import find_account


def test_the_views_pdf_has_the_three_views_each_from_a_new_page(sample, tmp_path: Path):
    path = export_views_pdf(sample.db, sample.account_id, tmp_path / "who.pdf", today=TODAY)
    reader = PdfReader(path)
    titles = [entry.title for entry in reader.outline]
    assert titles == ["Power / interest", "Buying centre", "Team × stakeholder matrix"]
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == sorted(set(pages))  # each on a page of its own
    text = pdf_text(path)
    assert "Internal — confidential" in text and f"Gaps (1): {GIORGOS}." in text
    assert find_account(sample.db, ACCOUNT) == sample.account_id


def test_a_missing_folder_is_refused_with_a_message_and_writes_nothing(sample, tmp_path: Path):
    target = tmp_path / "no such folder" / "who.pdf"
    with pytest.raises(ExportFailed, match="does not exist"):
        export_views_pdf(sample.db, sample.account_id, target, today=TODAY)
    assert not target.parent.exists()
