"""The three documents as a reader sees them: sections, names in every script, page numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_sample import (
    ACCOUNT,
    DMITRI,
    GIORGOS,
    KHALID,
    MARKUP_HISTORY,
    MARKUP_NOTE,
    NAMES,
    ZOE,
    pdf_text,
)
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER

INTERNAL_SECTIONS = (
    "Contents",
    "Customer business",
    "Our position",
    "Whitespace",
    "Stakeholder map",
    "Stakeholders",
    "What changed since the last review",
    "Power / interest",
    "Opportunities",
    "Buying centre",
    "Competitors",
    "Risks",
    "Objectives",
    "Action plan",
    "Commitments",
    "Governance",
    "Team × stakeholder matrix",
    "Coverage and relationship health",
)
CUSTOMER_SECTIONS = (
    "Joint account plan",
    "Our understanding of your objectives",
    "Your business as we understand it",
    "What we bring",
    "Your organisation",
    "People we work with",
    "What we will do together",
    "What we promised",
    "How we work together",
)


@pytest.fixture(scope="module")
def texts(pdfs: dict[str, Path]) -> dict[str, str]:
    return {variant: pdf_text(path) for variant, path in pdfs.items()}


def test_the_internal_plan_has_every_section_in_order(texts):
    text = texts["internal"]
    contents_end = text.index("Coverage and relationship health")  # the last contents entry
    body = text[text.index("Customer business", contents_end) :]
    positions = [body.index(title) for title in INTERNAL_SECTIONS[1:]]
    assert positions == sorted(positions)
    assert "Internal — confidential" in text
    assert "Ada Director" in text  # the account director on the cover


def test_the_customer_plan_is_a_joint_plan(texts):
    for title in CUSTOMER_SECTIONS:
        assert title in texts["customer"], title


@pytest.mark.parametrize("variant", ["internal", "customer-all"])
def test_names_in_every_script_print_as_text(texts, variant):
    for name in NAMES:
        assert name in texts[variant], name


def test_the_arabic_name_is_shaped_and_extractable(texts):
    # pypdf puts the right-to-left run back in logical order; NFKC undoes the joined forms.
    assert KHALID in texts["internal"]


def test_markup_in_user_text_prints_literally(texts):
    assert MARKUP_NOTE in texts["internal"]  # a key person's personality note
    assert MARKUP_HISTORY in texts["internal"]
    assert MARKUP_HISTORY in texts["customer"]


def test_every_page_says_page_x_of_y(pdfs):
    for path in pdfs.values():
        pages = PdfReader(path).pages
        for number, page in enumerate(pages, start=1):
            text = " ".join(page.extract_text().split())
            assert f"Page {number} of {len(pages)}" in text, (path.name, number)


def test_the_footer_names_the_account_and_the_date(texts):
    for text in texts.values():
        assert f"{ACCOUNT} · 2026-11-23" in text


def test_metadata_says_what_the_document_is(pdfs):
    meta = PdfReader(pdfs["internal"]).metadata
    assert meta.title == f"Account plan — {ACCOUNT}"
    assert meta.author == "Ada Director"
    assert meta.subject == "Internal account plan"
    assert PdfReader(pdfs["brief"]).metadata.subject == f"Meeting with {ZOE}, {GIORGOS}"


def test_the_internal_plan_has_a_bookmark_per_section(pdfs):
    reader = PdfReader(pdfs["internal"])
    titles = [entry.title for entry in reader.outline]
    assert titles == list(INTERNAL_SECTIONS[1:3] + INTERNAL_SECTIONS[4:])
    map_page = reader.get_destination_page_number(reader.outline[titles.index("Stakeholder map")])
    assert "Stakeholder map" in reader.pages[map_page].extract_text()


def test_the_contents_page_gives_each_section_its_page(pdfs):
    reader = PdfReader(pdfs["internal"])
    contents = " ".join(reader.pages[1].extract_text().split())
    for entry in reader.outline:
        page = reader.get_destination_page_number(entry) + 1
        assert f"{entry.title} {page}" in contents, entry.title


def _size(path: Path, index: int = 0) -> tuple[float, float]:
    box = PdfReader(path).pages[index].mediabox
    return round(float(box.width)), round(float(box.height))


def test_a4_and_letter(pdfs):
    assert _size(pdfs["internal"]) == tuple(round(v) for v in A4)
    assert _size(pdfs["internal-letter"]) == tuple(round(v) for v in LETTER)


def test_the_map_and_the_stakeholder_table_are_landscape(pdfs):
    reader = PdfReader(pdfs["internal"])
    index = reader.get_destination_page_number(reader.outline[2])  # Stakeholder map
    width, height = _size(pdfs["internal"], index)
    assert width > height


def test_the_brief_covers_the_attendees(texts):
    brief = texts["brief"]
    for expected in (
        ZOE,
        GIORGOS,
        "Stance (internal): Blocker",
        "Margin pressure in services",
        "Send the uptime report for Q3",
        "Suggested talking points",
        "Quarterly review & roadmap",
    ):
        assert expected in brief, expected
    assert DMITRI not in brief.split("Open promises")[0]  # not an attendee: no card


def test_the_brief_is_short(pdfs):
    assert len(PdfReader(pdfs["brief"]).pages) <= 2
