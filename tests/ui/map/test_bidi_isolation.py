"""A name with a right-to-left override does not reorder what is drawn after it.

Story from issue 18: a name such as "\u202eevil" (RLO, as a crafted contacts file carries it)
turned the rest of its line around: on a card, in a PDF. The card's texts are isolated
(FSI … PDI), so the override ends with the name; the PDF leaves spanning bidi controls out.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont, QTextLayout

from keyplan.reports.fonts import font_runs, markup
from keyplan.store.map.queries import map_data
from keyplan.store.people import edits
from keyplan.ui.map.card_face import card_face

RLO, PDF_MARK, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


def x_of(text: str, index: int) -> float:
    """Where Qt draws the character at ``index`` of one line of text."""
    layout = QTextLayout(text, QFont())
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return line.cursorToX(index)[0]


def test_a_cards_name_is_isolated_so_the_next_text_stays_in_place(db, qapp) -> None:
    acme = edits.add_account(db, "Acme")
    edits.add_stakeholder(db, acme, f"{RLO}evil", job_title=f"CFO{RLO}", department="Finance")
    (person,) = map_data(db, acme, with_affiliates=False).people
    face = card_face(person, None, date.today())
    assert face.name == f"{FSI}{RLO}evil{PDI}"
    assert face.title == f"{FSI}CFO{RLO}{PDI}"
    assert face.department == "Finance"  # nothing to isolate: left as it was
    line = face.name + " reports to Bo"
    last = len(line) - 1  # the "o" of "Bo": still drawn last, right of the name
    assert all(x_of(line, last) > x_of(line, i) for i in range(1, 5))


def test_the_pdf_leaves_spanning_bidi_controls_out() -> None:
    text = f"Ann {RLO}evil{PDF_MARK} Lee reports to Bø"
    assert RLO not in markup(text) and PDF_MARK not in markup(text)
    assert "".join(chunk for _font, chunk in font_runs(text)) == "Ann evil Lee reports to Bø"
