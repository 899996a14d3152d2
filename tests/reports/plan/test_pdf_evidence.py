"""The internal plan and the brief print what the ratings of decision makers and blockers rest
on; the customer-safe plan never does (its leak test lists the evidence among the secrets)."""

from __future__ import annotations

from pathlib import Path

from pdf_sample import SECRET_EVIDENCE, pdf_text


def _flat(path: Path) -> str:
    return " ".join(pdf_text(path).split())


def test_the_internal_plan_shows_each_key_rating_with_its_evidence_or_a_question(pdfs):
    text = _flat(pdfs["internal"])
    assert "What the key ratings rest on" in text
    # Γιώργος, the blocker: evidence from June, older than the 90-day cadence, so in doubt.
    assert "Blocker?" in text
    assert f"2026-06-20 · second hand · likely — Ada Director: {SECRET_EVIDENCE}" in text
    assert "No evidence recorded" in text  # Zoë decides, and nobody wrote down why we think so


def test_the_brief_gives_the_attending_blocker_his_evidence(pdfs):
    text = _flat(pdfs["brief"])
    assert "Evidence: Blocker? 2026-06-20 second hand, likely: Called our" in text
    assert "Decision maker? — no evidence" in text
    assert "What the key ratings rest on" not in _flat(pdfs["customer"])


def test_the_insights_section_lists_the_uncertain_key_ratings(pdfs):
    text = _flat(pdfs["internal"])
    section = text.split("Politics and evidence", 1)[1]
    assert "Uncertain ratings (no evidence within the review cadence)" in section
    assert "Blocker? — last evidence 5 months ago, second hand, likely" in section


def _map_page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    texts = [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]
    return [text for text in texts if "Stakeholder map" in text and "Dashed dark card" in text]


def test_the_internal_map_page_marks_the_doubted_stance_in_its_band_and_the_customer_map_not(
    pdfs,
):
    (page,) = _map_page_texts(pdfs["internal"])
    # Γιώργος' blocker rests on evidence older than the cadence: "B?" in his card's band, and
    # the legend says what the dashed dark card means.
    assert "B?" in page.split()
    assert "rating without evidence newer than the review cadence" in page
    assert _map_page_texts(pdfs["customer"]) == []
    assert "Dashed dark card" not in _flat(pdfs["customer"])
