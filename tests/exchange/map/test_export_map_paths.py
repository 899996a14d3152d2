"""``keyplan export-map`` reads an up-to-date SQLite file with the standard library (the lean
path) and anything else through the store (the full path): both must write the same files.

A small family with everything a card or a line can show (an affiliate, a dotted reporting
line, a person who left, an open position, a name with markup characters, influence lines,
owners), and the demo's umbrella account, exported to SVG, GraphML and draw.io by the command,
byte for byte against the drawing of the store's own map.
"""

from __future__ import annotations

import gc
from datetime import date

import pytest

from keyplan.cli import export_map
from keyplan.exchange.map import formats
from keyplan.exchange.map.formats import map_document
from keyplan.exchange.map.svg import map_title
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.map import queries as map_queries
from keyplan.store.map.dotted import add_dotted_manager
from keyplan.store.map.edits import add_influence_line
from keyplan.store.map.sqlite_read import read_map
from keyplan.store.people import queries
from keyplan.store.people.edits import add_account, add_stakeholder
from keyplan.store.people.moves import add_vacancy

# The lean path reads SQLite files only.
pytestmark = pytest.mark.sqlite_only

TRICKY = '<b>Ana</b> & "Co"'
FORMATS = (".svg", ".graphml", ".drawio")


def small_family(db) -> str:
    """An umbrella account and its affiliate with one of every kind of card and line."""
    top = add_account(db, "Tricky & Co")
    nordic = add_account(db, "Tricky Nordic", parent_id=top, country="Sweden")
    boss = add_stakeholder(
        db,
        top,
        TRICKY,
        job_title="CEO",
        stance="champion",
        strength=3,
        buying_role="decision_maker",
        influence="high",
        level="c_level",
    )
    cfo = add_stakeholder(
        db,
        top,
        "Harald Berg",
        job_title="CFO",
        reports_to_id=boss,
        stance="blocker",
        has_left=True,
        department="Finance",
    )
    add_vacancy(db, top, "Head of Data", manager_id=boss, note="hire expected Q3")
    mia = add_stakeholder(
        db,
        nordic,
        "Mia Lund",
        job_title="Country manager",
        department="IT",
        stance="supporter",
        strength=1,
    )
    tom = add_stakeholder(
        db, nordic, "Tom Ek", reports_to_id=mia, stance="neutral", map_position=(900.0, 400.0)
    )
    add_dotted_manager(db, mia, boss)
    add_influence_line(db, tom, boss, "influences", 3)
    add_influence_line(db, mia, cfo, "rival", 1)
    return "Tricky & Co"


def exported(tmp_path, db_path, account: str, suffix: str, *flags: str) -> str:
    out = tmp_path / f"map{suffix}"
    argv = ["--db", str(db_path), "--account", account, "--out", str(out), *flags]
    assert export_map.main(argv) == 0
    return out.read_text(encoding="utf-8")


def through_the_store(db, account: str, suffix: str, *, with_affiliates=True, with_lines=True):
    """The file the full path writes: the store's map, drawn and written the same way."""
    account_id = queries.find_account(db, account)
    data = map_queries.map_data(db, account_id, with_affiliates=with_affiliates)
    today = date.today()
    seats = sum(1 for person in data.people if person.is_vacancy)
    title = map_title(account, len(data.people) - seats, today, vacancies=seats)
    return map_document(data, suffix, title=title, today=today, with_lines=with_lines)


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_lean_path_writes_what_the_full_path_writes(db, db_path, tmp_path, suffix):
    account = small_family(db)
    assert read_map(str(db_path), account, with_affiliates=True) is not None  # the lean path
    lean = exported(tmp_path, db_path, account, suffix)
    assert lean == through_the_store(db, account, suffix)
    assert "Harald Berg" in lean and "Head of Data" in lean and "Mia Lund" in lean
    assert TRICKY not in lean  # escaped, never written as markup
    alone = exported(tmp_path, db_path, account, suffix, "--no-affiliates", "--no-influence")
    assert alone == through_the_store(db, account, suffix, with_affiliates=False, with_lines=False)
    assert "Mia Lund" not in alone


def test_the_drawing_shows_every_kind_of_card_and_line(db, db_path, tmp_path):
    svg = exported(tmp_path, db_path, small_family(db), ".svg")
    assert 'class="dotted-line"' in svg  # Mia also reports to the CEO
    assert 'class="vacancy"' in svg  # the open position
    assert ' opacity="' in svg  # Harald left: his card is faded (not a fill-opacity)
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; &quot;Co&quot;" in svg
    assert "<polygon" in svg and "<circle" in svg  # an arrow head, a rivalry's end dots


@pytest.mark.parametrize("suffix", FORMATS)
def test_the_demo_umbrella_is_the_same_both_ways(db, db_path, tmp_path, suffix):
    create_demo_portfolio(db, today=date(2026, 11, 2))
    assert exported(tmp_path, db_path, "Aldermark Group", suffix) == through_the_store(
        db, "Aldermark Group", suffix
    )


def test_collection_is_paused_while_drawing_and_resumed_after(db, db_path, tmp_path, monkeypatch):
    """The drawing makes no reference cycles: a collection would only walk its records."""
    account = small_family(db)
    seen: list[bool] = []
    drawing = formats.map_document_pieces

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return drawing(*args, **kwargs)

    monkeypatch.setattr(formats, "map_document_pieces", watched)
    assert gc.isenabled()
    exported(tmp_path, db_path, account, ".svg")
    assert seen == [False]
    assert gc.isenabled()  # resumed
    gc.disable()
    try:
        exported(tmp_path, db_path, account, ".svg")
        assert not gc.isenabled()  # a caller that had paused it finds it still paused
    finally:
        gc.enable()


def test_the_written_export_leaves_out_the_last_collection_at_exit(
    db, db_path, tmp_path, monkeypatch
):
    """Everything alive at exit is frozen out of the interpreter's last walk for cycles, once
    however many maps the process writes."""
    from keyplan import collector

    registered: list[object] = []
    monkeypatch.setattr(collector.atexit, "register", registered.append)
    monkeypatch.setattr(
        collector.atexit, "unregister", lambda f: registered.remove(f) if f in registered else None
    )
    account = small_family(db)
    exported(tmp_path, db_path, account, ".svg")
    exported(tmp_path, db_path, account, ".graphml")
    assert registered == [gc.freeze]
