"""A name on a card, seen from afar, breaks between words and is elided, never cut off."""

from __future__ import annotations

from datetime import date

from keyplan.store.map.queries import map_data
from keyplan.store.people import edits
from keyplan.ui.map import style
from keyplan.ui.map.card_face import card_face, metrics

TEXT_WIDTH = style.CARD_WIDTH - style.TEXT_LEFT - style.TEXT_RIGHT


def far_lines(db, name: str) -> list[str]:
    acme = edits.add_account(db, f"Acme {len(name)}")
    edits.add_stakeholder(db, acme, name)
    (person,) = map_data(db, acme, with_affiliates=False).people
    return card_face(person, None, date.today()).far_name.split("\n")


def test_a_long_surname_is_elided_within_the_card(db, qapp) -> None:
    lines = far_lines(db, "Γιώργος Παπαδοπουλόπουλος-Χατζηγεωργίου")
    assert lines[0].strip("\u2068\u2069") == "Γιώργος"
    assert all(metrics("far").horizontalAdvance(line) <= TEXT_WIDTH for line in lines)
    assert lines[-1].rstrip("\u2069").endswith("…")


def test_a_short_name_is_left_whole(db, qapp) -> None:
    assert [line.strip("\u2068\u2069") for line in far_lines(db, "Ann Lee")] == ["Ann Lee"]
