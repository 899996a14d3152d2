"""Big values read and print in time that grows with their size, and long names print cut.

Stories from issue 18: a vCard field folded over 100,000 lines took 20 s to read (vobject
decodes the whole value, which Keyplan never uses); a 300,000-character name in an old
database kept `export-pdf` running for minutes. Now a property longer than any field Keyplan
reads is left out before it is parsed (with a note when it is one Keyplan reads), and the
PDF prints every text cut to its field's limit. `tests/benchmarks/bench_parsing.py` prints
the times.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from keyplan.cli import main
from keyplan.domain.fields import MAX_NAME_LENGTH
from keyplan.exchange.transfer.contact_files import read_contacts
from keyplan.store.database import open_database
from keyplan.store.people import edits

FOLDS = 100_000


def card_with_folded(property_line: str) -> bytes:
    fold = "".join(f" part {n} of a very long value\r\n" for n in range(FOLDS))
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nN:Lee;Ann;;;\r\n"
        f"{property_line}\r\n{fold}EMAIL:ann@example.com\r\nEND:VCARD\r\n"
    ).encode()


def test_a_note_folded_over_100000_lines_leaves_the_card_readable() -> None:
    contact_file = read_contacts(card_with_folded("NOTE:start"), "big.vcf")
    (ann,) = contact_file.contacts
    assert ann.values["full_name"] == "Ann Lee"
    assert ann.values["email"] == "ann@example.com"
    assert not ann.problem and not ann.notes  # Keyplan never reads a card's NOTE


def test_a_title_folded_over_100000_lines_is_left_out_with_a_note() -> None:
    contact_file = read_contacts(card_with_folded("TITLE:Head of"), "big.vcf")
    (ann,) = contact_file.contacts
    assert ann.values["full_name"] == "Ann Lee" and "job_title" not in ann.values
    assert len(ann.notes) == 1
    assert ann.notes[0].endswith("left out: longer than 10,000 bytes")


@pytest.mark.sqlite_only
def test_an_old_database_with_a_huge_name_prints_it_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    db = open_database(path)
    acme = edits.add_account(db, "Acme")
    boss = edits.add_stakeholder(db, acme, "Bo Chief")
    edits.add_stakeholder(db, acme, "Ann Lee", reports_to_id=boss)
    db.close()
    huge = "Verylongname " * 2_000  # 26,000 characters, as another tool wrote it
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE stakeholders SET full_name = ? WHERE id = ?", (huge, boss))
    connection.close()
    out = tmp_path / "plan.pdf"
    code = main(["--db", str(path), "export-pdf", "--account", "Acme", "--variant", "internal",
                 "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    runs = re.findall(r"(?:Verylongname\s*)+", text)
    assert runs and max(len(run) for run in runs) <= MAX_NAME_LENGTH + 20  # line breaks aside
    assert re.search(r"(?:Verylongname\s*)+\w*…", text.replace("\n", "")), "cut, marked as cut"
