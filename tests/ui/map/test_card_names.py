"""A name on a card, seen from afar, breaks between words, fills the card, and is elided, never
cut off, when a word is too long even in the smallest far font."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFontMetricsF

from keyplan.store.map.queries import map_data
from keyplan.store.people import edits
from keyplan.ui.map import style
from keyplan.ui.map.card_face import card_face
from keyplan.ui.map.far_name import LINE_PITCH, NAME_AREA, FarName, far_font


def far_name(db, name: str) -> FarName:
    acme = edits.add_account(db, f"Acme {len(name)}")
    edits.add_stakeholder(db, acme, name)
    (person,) = map_data(db, acme, with_affiliates=False).people
    return card_face(person, None, date.today()).far_name


def lines_of(name: FarName) -> list[str]:
    return [line.strip("\u2068\u2069") for line in name.text.split("\n")]


def inside_the_card(name: FarName) -> bool:
    metrics = QFontMetricsF(far_font(name.pixels))
    lines = lines_of(name)
    wide = all(metrics.horizontalAdvance(line) <= NAME_AREA.width() for line in lines)
    return wide and len(lines) * name.pixels * LINE_PITCH <= NAME_AREA.height()


def test_a_long_surname_is_elided_within_the_card(db, qapp) -> None:
    name = far_name(db, "Γιώργος Παπαδοπουλόπουλος-Χατζηγεωργίου")
    assert lines_of(name)[0] == "Γιώργος"
    assert name.pixels == style.FAR_NAME_PIXELS  # the smallest: still too long, so elided
    assert inside_the_card(name)
    assert lines_of(name)[-1].endswith("…")


def test_a_short_name_is_left_whole_on_one_line_in_the_largest_font(db, qapp) -> None:
    name = far_name(db, "Ann Lee")
    assert lines_of(name) == ["Ann Lee"]
    assert inside_the_card(name)
    assert far_name(db, "Bo Ek").pixels == style.FARTHEST_NAME_PIXELS  # no larger than that


def test_a_two_word_name_takes_two_lines_larger_than_the_old_far_font(db, qapp) -> None:
    name = far_name(db, "Henrik Solberg")
    assert lines_of(name) == ["Henrik", "Solberg"]
    assert name.pixels >= style.FAR_NAME_PIXELS * 1.4  # was 24 px, elided below 25 %
    assert inside_the_card(name)


def test_three_words_fit_three_lines_rather_than_losing_one(db, qapp) -> None:
    name = far_name(db, "Maximilian von Rosenkranz")
    assert lines_of(name) == ["Maximilian", "von", "Rosenkranz"]
    assert inside_the_card(name)
