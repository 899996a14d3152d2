"""Stories of looking at the map: zoom, find, filter, and take it away as SVG, PNG or on paper."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from keyplan.cli import export_map as cli_command
from keyplan.domain.errors import KeyplanError
from keyplan.store.people import edits, queries
from keyplan.ui.map import prompts
from keyplan.ui.map.export import export_file, export_png, export_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_ctrl_plus_minus_and_zero_zoom_and_fit(hand, acme_map):
    view = acme_map.view
    hand.key(Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > 1.0
    assert acme_map.controls.zoom_label.text() == f"{view.zoom:.0%}"
    hand.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    hand.key(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < 1.0
    hand.key(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    assert shown.contains(acme_map.scene.content_rect())


def test_ctrl_wheel_zooms_around_the_mouse(hand, acme_map, small_portfolio):
    view = acme_map.view
    under_mouse = hand.card_point(small_portfolio.mia)
    scene_point = view.mapToScene(under_mouse)
    wheel = QWheelEvent(
        QPointF(under_mouse),
        QPointF(view.viewport().mapToGlobal(under_mouse)),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > 1.0
    assert (view.mapFromScene(scene_point) - under_mouse).manhattanLength() <= 3


def test_search_finds_a_person_and_centres_on_them(hand, acme_map, small_portfolio):
    acme_map.view.zoom_by(2.0)
    hand.qtbot.keyClicks(acme_map.controls.search_box, "mia")
    assert acme_map.scene.selected_person_ids() == [small_portfolio.mia]
    centre = acme_map.view.viewport().rect().center()
    assert (hand.card_point(small_portfolio.mia) - centre).manhattanLength() <= 3


def test_search_finds_a_chief_by_the_abbreviation(db, small_portfolio, map_opener, qtbot):
    edits.set_stakeholder_field(
        db, small_portfolio.harald, "job_title", "Group Chief Financial Officer"
    )
    tab = map_opener()
    qtbot.keyClicks(tab.controls.search_box, "CFO")
    assert tab.scene.selected_person_ids() == [small_portfolio.harald]


def test_filters_highlight_decision_makers_dim_the_uncovered_and_show_one_department(
    db, small_portfolio, map_opener
):
    edits.set_stakeholder_fields(
        db, small_portfolio.ingrid, {"buying_role": "decision_maker", "department": "Board"}
    )
    edits.set_stakeholder_field(db, small_portfolio.harald, "department", "IT")
    edits.set_stakeholder_field(db, small_portfolio.mia, "department", "IT")
    tab = map_opener()
    cards = tab.scene.cards
    tab.controls.decision_makers_box.setChecked(True)
    assert cards[small_portfolio.ingrid].highlighted
    assert not cards[small_portfolio.harald].highlighted

    tab.controls.uncovered_box.setChecked(True)
    assert all(card.dimmed for card in cards.values())  # nobody owns anyone yet

    departments = tab.controls.department_box
    assert [departments.itemText(i) for i in range(departments.count())] == [
        "All departments",
        "Board",
        "IT",
    ]
    departments.setCurrentIndex(departments.findData("IT"))
    shown = {pid for pid, card in cards.items() if card.isVisible()}
    assert shown == {small_portfolio.harald, small_portfolio.mia}
    assert tab.count_label.text().startswith("2 people shown")


def test_people_who_left_are_faded_and_can_be_hidden(db, small_portfolio, map_opener):
    edits.set_stakeholder_field(db, small_portfolio.mia, "has_left", True)
    tab = map_opener()
    mia = tab.scene.cards[small_portfolio.mia]
    assert mia.opacity() < 1.0
    tab.controls.left_box.setChecked(False)
    assert not mia.isVisible()


def test_export_an_svg_that_parses_with_every_name_as_text(acme_map, tmp_path, monkeypatch):
    target = tmp_path / "acme.svg"
    monkeypatch.setattr(prompts, "ask_export_path", lambda *a: str(target))
    acme_map.controls.export_svg_action.trigger()
    root = ElementTree.parse(target).getroot()
    texts = {"".join(node.itertext()).strip() for node in root.iter(f"{SVG}text")}
    assert {"Ingrid Olsen", "Harald Berg", "Mia Chen", "Olaf Lund"} <= texts
    assert "France" in texts  # the affiliate's tag
    assert "Saved acme.svg" in acme_map.hint.text()


def test_export_the_shown_map_for_yed_and_for_drawio_from_the_export_menu(
    acme_map, tmp_path, monkeypatch, small_portfolio
):
    acme_map.controls.lines_box.setChecked(False)  # as shown: without the influence lines
    for suffix, action in (
        (".graphml", acme_map.controls.export_graphml_action),
        (".drawio", acme_map.controls.export_drawio_action),
    ):
        target = tmp_path / f"acme{suffix}"
        monkeypatch.setattr(prompts, "ask_export_path", lambda *a, t=target: str(t))
        action.trigger()
        text = target.read_text(encoding="utf-8")
        ElementTree.fromstring(text)
        assert "Ingrid Olsen" in text and "Mia Chen" in text
        assert _dashed_lines(text) == 0  # no influence line drawn (cards may be dashed)
        assert f"Saved acme{suffix}" in acme_map.hint.text()


def _dashed_lines(text: str) -> int:
    """The dashed lines (edges) of a GraphML or draw.io file: its influence lines."""
    root = ElementTree.fromstring(text)
    graphml = sum(
        1
        for edge in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")
        for style in edge.iter("{http://www.yworks.com/xml/graphml}LineStyle")
        if style.get("type") != "line"
    )
    drawio = sum(
        1
        for cell in root.iter("mxCell")
        if cell.get("edge") == "1" and "dashed=1" in (cell.get("style") or "")
    )
    return graphml + drawio


def test_an_export_to_an_unknown_format_says_so_and_writes_nothing(acme_map, tmp_path):
    with pytest.raises(KeyplanError, match=r"\.graphml \(yEd\) or \.drawio"):
        export_file(acme_map.scene, tmp_path / "acme.vsdx")
    assert not (tmp_path / "acme.vsdx").exists()


def test_export_a_png(acme_map, tmp_path):
    target = tmp_path / "acme.png"
    export_png(acme_map.scene, target)
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_an_export_does_not_keep_the_selection_out_of_the_picture(
    acme_map, tmp_path, small_portfolio
):
    acme_map.find_person(small_portfolio.mia)
    export_svg(acme_map.scene, tmp_path / "map.svg")
    assert acme_map.scene.selected_person_ids() == [small_portfolio.mia]


def test_print_goes_to_the_chosen_printer(acme_map, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "map.pdf"))
    monkeypatch.setattr(prompts, "ask_printer", lambda *a: printer)
    acme_map.controls.print_action.trigger()
    assert (tmp_path / "map.pdf").read_bytes()[:5] == b"%PDF-"


def test_export_map_command_writes_an_svg_and_a_png(db_path, small_portfolio, tmp_path, capsys):
    for name in ("acme.svg", "acme.png"):
        out = tmp_path / name
        code = cli_command.main(
            ["--db", str(db_path), "--account", "acme group", "--out", str(out)]
        )
        assert code == 0
        assert out.stat().st_size > 0
    assert "Mia Chen" in Path(tmp_path / "acme.svg").read_text(encoding="utf-8")
    assert "Wrote the map of acme group (3 people)" in capsys.readouterr().out


def test_export_map_command_names_an_unknown_account(db_path, small_portfolio, tmp_path, capsys):
    out = tmp_path / "x.svg"
    code = cli_command.main(["--db", str(db_path), "--account", "Initech", "--out", str(out)])
    assert code == 1
    assert "There is no account named 'Initech'" in capsys.readouterr().err
    assert not out.exists()


def test_the_map_follows_an_account_chosen_in_the_portfolio(window, map_opener, small_portfolio):
    tab = map_opener()
    window.select_account(small_portfolio.globex)
    assert tab.account_id == small_portfolio.globex
    assert tab.scene.cards == {}
    window.select_account(small_portfolio.acme)
    assert len(tab.scene.cards) == 3
    tab.controls.affiliates_box.setChecked(False)
    assert small_portfolio.mia not in tab.scene.cards
    assert queries.person(tab.document.database, small_portfolio.mia)["full_name"] == "Mia Chen"


def test_middle_button_and_space_drag_pan_the_map(hand, acme_map):
    view, viewport = acme_map.view, acme_map.view.viewport()
    view.zoom_by(3.0)
    start = view.horizontalScrollBar().value()
    middle = Qt.MouseButton.MiddleButton
    hand.qtbot.mousePress(viewport, middle, pos=QPoint(400, 300))
    hand.qtbot.mouseMove(viewport, QPoint(300, 300))
    hand.qtbot.mouseRelease(viewport, middle, pos=QPoint(300, 300))
    assert view.horizontalScrollBar().value() == start + 100

    view.setFocus()
    hand.qtbot.keyPress(view, Qt.Key.Key_Space)
    hand.drag(QPoint(300, 300), QPoint(400, 300))
    hand.qtbot.keyRelease(view, Qt.Key.Key_Space)
    assert view.horizontalScrollBar().value() == start
    assert acme_map.scene.selected_person_ids() == []  # a pan, not a rubber band
