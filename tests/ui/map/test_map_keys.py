"""The map from the keyboard and for the eyes (issue 20): arrow keys between cards, the menu and
the manager chosen without a mouse, what a screen reader hears, Fit on small accounts, the zoom
kept when a card is added, and the "too small for names" hint only where names do not read."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QApplication

from keyplan.store.people import edits, queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import card_menu, map_tab, style
from keyplan.ui.map.card_menu import ChoosePerson
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow

NO_KEYS = Qt.KeyboardModifier.NoModifier


def shown_area(tab) -> QRectF:
    view = tab.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def press(tab, qtbot, key: Qt.Key, keys: Qt.KeyboardModifier = NO_KEYS) -> None:
    tab.view.setFocus()
    qtbot.keyClick(tab.view, key, keys)


def selected(tab) -> list[int]:
    return tab.scene.selected_person_ids()


# ---- the arrow keys ---------------------------------------------------------------------------


def test_arrow_keys_walk_the_chart_and_enter_opens_the_person(
    acme_map, qtbot, small_portfolio, olaf, monkeypatch
):
    p = small_portfolio
    opened: list[int] = []
    monkeypatch.setattr(map_tab, "edit_person", lambda _tab, _doc, pid: opened.append(pid))
    press(acme_map, qtbot, Qt.Key.Key_Down)  # nothing selected: the head of the chart
    assert selected(acme_map) == [p.ingrid]
    press(acme_map, qtbot, Qt.Key.Key_Down)
    assert selected(acme_map) == [p.harald]  # the first report
    press(acme_map, qtbot, Qt.Key.Key_Down)
    assert selected(acme_map) == [p.mia]
    press(acme_map, qtbot, Qt.Key.Key_Up)
    press(acme_map, qtbot, Qt.Key.Key_Up)
    assert selected(acme_map) == [p.ingrid]  # the manager's manager
    press(acme_map, qtbot, Qt.Key.Key_Right)
    assert selected(acme_map) == [olaf]  # the card beside, on the same row
    press(acme_map, qtbot, Qt.Key.Key_Left)
    assert selected(acme_map) == [p.ingrid]
    press(acme_map, qtbot, Qt.Key.Key_Return)
    assert opened == [p.ingrid]
    # Nothing was moved on the way: arrows select, Ctrl+arrows nudge.
    assert all(queries.person(acme_map.document.database, pid).map_position is None
               for pid in (p.ingrid, p.harald, p.mia, olaf))  # fmt: skip


def test_the_view_scrolls_to_the_card_the_arrows_reach(acme_map, qtbot, small_portfolio):
    view = acme_map.view
    view.actual_size()
    view.centerOn(acme_map.scene.cards[small_portfolio.ingrid].centre())
    acme_map.find_person(small_portfolio.ingrid)
    view.zoom_by(2.0)  # close up: Mia, two rows down, is out of the window
    zoom = view.zoom
    mia = acme_map.scene.cards[small_portfolio.mia].scene_card_rect()
    assert not shown_area(acme_map).contains(mia)
    press(acme_map, qtbot, Qt.Key.Key_Down)
    press(acme_map, qtbot, Qt.Key.Key_Down)
    assert selected(acme_map) == [small_portfolio.mia]
    assert shown_area(acme_map).contains(mia)
    assert view.zoom == zoom  # scrolled, not zoomed


def test_set_the_manager_without_a_mouse(acme_map, qtbot, small_portfolio, olaf, monkeypatch):
    """Arrows to Mia, Shift+F10, the menu's "Set manager…", type "olaf", Enter."""
    picks = ["Set manager…"]
    focus: list[bool] = []

    def keyboard_menu(menu, _at):
        action = next(a for a in menu.actions() if a.text().replace("&", "") == picks[0])
        action.trigger()

    monkeypatch.setattr(card_menu, "run_menu", keyboard_menu)

    def type_in_the_chooser() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ChoosePerson):
            QTimer.singleShot(20, type_in_the_chooser)  # not open yet
            return
        focus.append(dialog.focusWidget() is dialog.filter)
        qtbot.keyClicks(dialog.focusWidget(), "o")  # Olaf, and "— reports to nobody —"
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Up)
        qtbot.keyClicks(dialog.focusWidget(), "laf")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        if dialog.isVisible():
            dialog.reject()  # the keys did not close it: fail below, do not hang

    for _ in range(3):
        press(acme_map, qtbot, Qt.Key.Key_Down)
    assert selected(acme_map) == [small_portfolio.mia]
    QTimer.singleShot(0, type_in_the_chooser)
    press(acme_map, qtbot, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert focus == [True]  # typing goes straight to the filter
    assert queries.person(acme_map.document.database, small_portfolio.mia)["reports_to_id"] == olaf


# ---- screen readers ---------------------------------------------------------------------------


def test_a_screen_reader_hears_the_map_and_the_selected_card(acme_map, qtbot, small_portfolio):
    view = acme_map.view
    assert view.accessibleName() == "Stakeholder map"
    assert "arrow keys" in view.accessibleDescription()
    press(acme_map, qtbot, Qt.Key.Key_Down)
    assert view.accessibleDescription() == "Ingrid Olsen, CEO"
    press(acme_map, qtbot, Qt.Key.Key_Down)
    assert view.accessibleDescription() == "Harald Berg, champion"
    controls = acme_map.controls
    for widget in (controls.search_box, controls.add_button, controls.department_box):
        assert widget.accessibleName(), widget
    zoom_out = [w for w in controls.zoom_out_action.associatedObjects() if w is not None]
    assert any(getattr(w, "accessibleName", lambda: "")() == "Zoom out" for w in zoom_out)


# ---- Fit, adding, and when names read ---------------------------------------------------------


def account_map(db, qtbot, account_id: int):
    """A laptop-sized window (1280 × 800) on an account's map, after its first look."""
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    main.select_account(account_id)
    tab = main.show_tab("Map")
    qtbot.waitExposed(tab.view)
    qtbot.waitUntil(tab.view.fit.untouched)
    return tab


def test_eleven_people_without_reporting_lines_all_show_after_fit(db, answers, qtbot):
    newco = edits.add_account(db, "Newco")
    people = [edits.add_stakeholder(db, newco, f"Person {n:02}") for n in range(11)]
    tab = account_map(db, qtbot, newco)
    tab.view.zoom_by(3.0)
    tab.controls.fit_action.trigger()
    area = shown_area(tab)
    assert all(area.contains(tab.scene.cards[pid].scene_card_rect()) for pid in people)
    assert style.names_read(tab.view.zoom)


def bigco_of_24(db) -> tuple[int, list[int]]:
    """A CEO, four VPs, and five reports under three of them, four under the last."""
    bigco = edits.add_account(db, "Bigco")
    ceo = edits.add_stakeholder(db, bigco, "Chief Executive", job_title="CEO")
    people = [ceo]
    for branch in range(4):
        vp = edits.add_stakeholder(db, bigco, f"VP {branch}", reports_to_id=ceo)
        people.append(vp)
        for n in range(5 if branch < 3 else 4):
            people.append(edits.add_stakeholder(db, bigco, f"Report {branch}.{n}",
                                                reports_to_id=vp))  # fmt: skip
    assert len(people) == 24
    return bigco, people


def test_fit_shows_every_branch_of_a_24_person_account(db, answers, qtbot):
    bigco, people = bigco_of_24(db)
    tab = account_map(db, qtbot, bigco)
    tab.view.zoom_by(3.0)
    tab.controls.fit_action.trigger()
    area = shown_area(tab)
    cut = [tab.scene.name_of(pid) for pid in people
           if not area.contains(tab.scene.cards[pid].scene_card_rect())]  # fmt: skip
    assert cut == []


def test_adding_a_person_by_double_click_keeps_the_zoom(hand, acme_map, answers, qtbot):
    view = acme_map.view
    view.zoom_by(0.6)
    zoom = view.zoom
    answers.texts.append("Nora Vik")
    spot = hand.empty_point()
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, NO_KEYS, spot)
    nora = next(pid for pid, p in acme_map.scene.people.items() if p.full_name == "Nora Vik")
    assert view.zoom == zoom
    assert shown_area(acme_map).contains(acme_map.scene.cards[nora].scene_card_rect())
    assert selected(acme_map) == [nora]


def test_whole_tree_says_too_small_for_names_only_when_they_are(db, answers, qtbot):
    midco = edits.add_account(db, "Midco")
    ceo = edits.add_stakeholder(db, midco, "Chief Executive", job_title="CEO")
    for branch in range(3):  # twelve people in the widest row: about 40 % in the window
        vp = edits.add_stakeholder(db, midco, f"VP {branch}", reports_to_id=ceo)
        for n in range(4):
            edits.add_stakeholder(db, midco, f"Report {branch}.{n}", reports_to_id=vp)
    tab = account_map(db, qtbot, midco)
    tab.controls.whole_tree_action.trigger()
    zoom = tab.view.zoom
    assert style.READABLE_ZOOM <= zoom < 0.45  # the old floor called this "too small"
    assert "too small for names" not in tab.hint.text()
    tab.window().resize(700, 500)  # a small window: the whole tree in blocks of colour
    qtbot.waitUntil(lambda: tab.view.viewport().width() < 600)
    tab.controls.whole_tree_action.trigger()
    assert not style.names_read(tab.view.zoom)
    assert "too small for names" in tab.hint.text()


def test_too_small_for_names_only_where_names_do_not_read():
    for zoom in (0.31, 0.35, 0.41, 0.45, 1.0):
        assert style.names_read(zoom), zoom
        assert style.name_pixels(zoom) >= style.MIN_NAME_PIXELS
    for zoom in (0.05, 0.15, 0.2, 0.24):
        assert not style.names_read(zoom), zoom  # cut to a few letters, or a block of colour
    assert style.READABLE_ZOOM <= 0.25


def test_every_control_of_the_map_tab_has_a_name_a_screen_reader_reads(acme_map):
    from a11y_walk import unnamed_controls

    acme_map.show_comparison(True)  # the compare panel and its "map as it was" box too
    unnamed = unnamed_controls(acme_map)
    assert not unnamed, "\n".join(unnamed)


def nordlys_of_24(db) -> tuple[int, list[int]]:
    """As a director builds it: a CEO, her CFO, CIO and COO; the CIO's twelve heads of
    department, four of them with a report of their own (so the CIO's row cannot be stacked),
    two controllers under the CFO and two plant managers under the COO."""
    nordlys = edits.add_account(db, "Nordlys Energi")
    ceo = edits.add_stakeholder(db, nordlys, "Kari Nordmann", job_title="CEO")
    cfo, cio, coo = (edits.add_stakeholder(db, nordlys, name, job_title=title, reports_to_id=ceo)
                     for name, title in (("Henrik Solberg", "CFO"), ("Ingrid Bakke", "CIO"),
                                         ("Ola Haugen", "COO")))  # fmt: skip
    heads = [edits.add_stakeholder(db, nordlys, name, job_title="Head of IT", reports_to_id=cio)
             for name in ("Mari Lie", "Per Dahl", "Siri Moen", "Lars Berg", "Nina Strand",
                          "Tor Vik", "Eva Lund", "Jon Foss", "Anne Holm", "Knut Ruud", "Liv Aas",
                          "Geir Nygaard")]  # fmt: skip
    people = [ceo, cfo, cio, coo, *heads]
    for head, name in zip(heads, ("Rune Eide", "Tone Hagen", "Arne Lunde", "Berit Myhre"),
                          strict=False):  # fmt: skip
        people.append(edits.add_stakeholder(db, nordlys, name, reports_to_id=head))
    for manager, names in (
        (cfo, ("Odd Tangen", "Kjersti Voll")),
        (coo, ("Trond Nilsen", "Åse Gjøvik")),
    ):
        people += [edits.add_stakeholder(db, nordlys, n, reports_to_id=manager) for n in names]
    assert len(people) == 24
    return nordlys, people


def test_a_fitted_24_person_chart_shows_every_name_whole_and_large_enough(db, answers, qtbot):
    nordlys, people = nordlys_of_24(db)
    tab = account_map(db, qtbot, nordlys)
    tab.view.zoom_by(3.0)
    tab.controls.fit_action.trigger()
    zoom = tab.view.zoom
    assert zoom < style.DETAIL_ZOOM  # the CIO's row of twelve: the whole chart is small
    area = shown_area(tab)
    for pid in people:
        card = tab.scene.cards[pid]
        assert area.contains(card.scene_card_rect()), tab.scene.name_of(pid)
        name = card._fitted_face().far_name  # what the card paints at this zoom
        shown = name.text.replace("\n", " ").strip("\u2068\u2069")
        assert shown.replace("\u2069 \u2068", " ") == tab.scene.name_of(pid)  # whole
        assert name.pixels * zoom >= style.MIN_NAME_PIXELS + 1, shown  # on screen, in pixels
