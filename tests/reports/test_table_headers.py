"""Table headers wrap between words, never inside one ("Departme / nt" was printed).

A header's longest word gets its column's room, from columns that have more than they need;
a table too narrow even so prints its headers smaller, still whole.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from keyplan.reports.fonts import ensure_fonts
from keyplan.reports.tables import SMALLEST_HEADER, Column, data_table, date_column

HEADERS = ["Opportunity", "Department", "Offering", "Relationship", "Stage", "Probability"]


def _pdf_words(pdf: Path) -> list[str]:
    reader = pytest.importorskip("pypdf").PdfReader(pdf)
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.findall(r"\w+", text)


def _table_pdf(tmp_path: Path, columns: list[Column], width: float) -> Path:
    ensure_fonts()
    rows = [["ERP upgrade", "Finance", "ERP", "Trusted", "Proposal", "50%"][: len(columns)]] * 3
    out = tmp_path / "table.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build([data_table(columns, rows, width)])
    return out


def test_a_narrow_column_gets_the_room_its_header_word_needs(tmp_path):
    # "Department" in a column of 1/12 of 480 pt (40 pt) was split as "Departme / nt".
    columns = [Column(HEADERS[0], 4), Column(HEADERS[1], 1), Column(HEADERS[2], 4)]
    words = _pdf_words(_table_pdf(tmp_path, columns, 480))
    assert "Department" in words and "Departme" not in words


def test_headers_wrap_between_words_and_shrink_only_when_nothing_else_helps(tmp_path):
    columns = [Column(h, 1) for h in HEADERS] + [date_column("Last contact")]
    table = data_table(columns, [], 330)  # too narrow for six long words at 8 pt
    header_size = table._cellvalues[0][0].style.fontSize
    assert SMALLEST_HEADER <= header_size < 8
    words = _pdf_words(_table_pdf(tmp_path, columns[:6], 330))
    for header in HEADERS:
        assert header in words, header


def test_the_plans_opportunities_table_prints_department_whole(tmp_path):
    from pdf_sample import ACCOUNT, build_sample

    from keyplan.reports.export import export_pdf
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    db = open_database(tmp_path / "plan.keyplan")
    try:
        build_sample(db)
        pdf = export_pdf(db, find_account(db, ACCOUNT), "internal", tmp_path / "plan.pdf")
    finally:
        db.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=False).stdout  # fmt: skip
    if not text:
        pytest.skip("poppler's pdftotext is not installed")
    assert "Department" in text
    assert not re.search(r"\b(Departmen|Departme|Relationshi|Opportunit)\b", text)
