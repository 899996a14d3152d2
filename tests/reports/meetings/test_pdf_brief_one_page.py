"""A director's brief fits on one page, for a meeting of up to five people of the demo."""

from __future__ import annotations

from datetime import date

import pytest
from pdf_sample import pdf_text
from pypdf import PdfReader

from keyplan.reports.export import export_pdf
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account

TODAY = date(2026, 11, 23)
FIVE = ["Zoë Åkesson", "Henrik Dahlgren", "Ingrid Solberg", "Sebastian Wallin", "Marcus Feld"]


@pytest.fixture(scope="module")
def export_brief(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("brief")
    db = open_database(folder / "demo.keyplan")
    create_demo_portfolio(db, today=TODAY)
    account = find_account(db, "Aldermark Group")

    def export(people: list[str], page_size: str = "A4"):
        out = folder / f"brief-{len(people)}-{page_size}.pdf"
        export_pdf(db, account, "brief", out, page_size=page_size, people=people, today=TODAY)
        return PdfReader(out), " ".join(pdf_text(out).split())

    yield export
    db.close()


@pytest.mark.parametrize("page_size", ["A4", "Letter"])
@pytest.mark.parametrize("count", [3, 5])
def test_a_meeting_of_three_or_five_fits_on_one_page(export_brief, count, page_size):
    reader, text = export_brief(FIVE[:count], page_size)
    assert len(reader.pages) == 1
    # Nothing a director must know was given up for the page: every card, the politics and
    # the overdue business case, raised first.
    for name in FIVE[:count]:
        assert f"{name} " in text
    assert "Between them" in text
    assert "5 days late" in text
    points = text.split("Suggested talking points", 1)[1]
    assert points.startswith(" • Zoë: report on the action “Business case for the ERP")


def test_one_attendee_keeps_the_full_length_brief(export_brief):
    reader, text = export_brief(FIVE[:1])
    assert len(reader.pages) == 1
    # The generous limits: full fact labels, two interactions, whole notes, six points.
    assert "Buying role:" in text and "Stance (internal):" in text
    assert "2026-08-17 · In person:" in text
    points = text.split("Suggested talking points", 1)[1]
    assert points.count("•") >= 4
    _, five_text = export_brief(FIVE)
    assert "Buying role:" not in five_text  # the bigger meeting had to tighten
    assert len(text.split("Suggested talking points", 1)[1]) > len(
        five_text.split("Suggested talking points", 1)[1]
    )


@pytest.mark.parametrize("count", [1, 5])
def test_the_try_that_fits_is_the_brief_written_not_laid_out_again(
    export_brief, count, monkeypatch
):
    from keyplan.reports.document import KeyplanDocument

    layouts: list[int] = []
    build = KeyplanDocument.build
    monkeypatch.setattr(
        KeyplanDocument, "build", lambda self, story: layouts.append(1) or build(self, story)
    )
    export_brief(FIVE[:1])
    tries_for_one = len(layouts)
    reader, text = export_brief(FIVE[:count])
    assert tries_for_one == 1  # a meeting with one person fits at once: one layout in all
    assert len(reader.pages) == 1 and "Meeting brief" in text
    assert len(layouts) - tries_for_one <= 4  # halving over 9 steps: at most 4 tries
