"""Person › Forget…: Harald Berg asks to be forgotten; the director confirms by typing his name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.safety.backup import make_rolling_backup
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.forget.forget_flow import start_forgetting
from keyplan.ui.map import card_menu as card_menus
from keyplan.ui.map.card_menu import CardActions, card_menu
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def infos(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_info", lambda _p, message, *a: shown.append(message))
    return shown


def forget_action(window):
    person_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Person")
    return next(a for a in person_menu.actions() if a.text() == "&Forget…")


def open_forget_dialog(qtbot, window, small_portfolio):
    window.select_account(small_portfolio.acme)
    forget_action(window).trigger()
    dialog = window.forget_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def choose(dialog, name: str) -> None:
    dialog.person_box.setCurrentIndex(dialog.person_box.findText(name))


def test_forgetting_asks_for_the_name_then_reports_and_offers_the_backups(
    qtbot, window, small_portfolio, infos, db
):
    backup = make_rolling_backup(db.path)
    old_document = window.document
    dialog = open_forget_dialog(qtbot, window, small_portfolio)
    choose(dialog, "Harald Berg")
    assert "Forget Harald Berg?" in dialog.question.text()
    assert not dialog.forget_button.isEnabled()
    qtbot.keyClicks(dialog.name_box, "harald")
    assert not dialog.forget_button.isEnabled()  # half the name is not the name
    qtbot.keyClicks(dialog.name_box, "  BERG")
    assert dialog.forget_button.isEnabled()
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: getattr(window, "forget_report", None) is not None, timeout=10_000)
    report = window.forget_report
    qtbot.waitUntil(report.isVisible)
    assert "Forgot Harald Berg. Removed:" in report.report.text()
    assert "reports moved: 1" in report.report.text()
    assert "Their reports now report to Ingrid Olsen." in report.report.text()
    assert (
        "1 older backup of this file still holds them. Rewrite the backups" in report.notice.text()
    )
    # The window now shows the data afresh: no undo step holds Harald any more.
    assert window.document is not old_document
    assert window.document.undo_stack.count() == 0
    people = {row.values["full_name"]: row for row in window.document.people(
        small_portfolio.acme, with_affiliates=True)}  # fmt: skip
    assert "Harald Berg" not in people
    assert people["Mia Chen"].manager_name == "Ingrid Olsen"
    assert b"Harald" not in db.path.read_bytes()
    wal = db.path.with_name(db.path.name + "-wal")
    assert not wal.exists() or b"Harald" not in wal.read_bytes()

    assert b"Harald" in backup.read_bytes()
    qtbot.mouseClick(report.rewrite_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(infos), timeout=10_000)
    assert infos == ["Rewrote 1 of 1 backups without Harald Berg; the others never held them."]
    assert b"Harald" not in backup.read_bytes()


def test_cancelling_forgets_nobody(qtbot, window, small_portfolio, db):
    dialog = open_forget_dialog(qtbot, window, small_portfolio)
    choose(dialog, "Ingrid Olsen")
    qtbot.keyClicks(dialog.name_box, "Ingrid Olsen")
    dialog.reject()
    assert getattr(window, "forget_report", None) is None
    assert db.rows("SELECT count(*) FROM stakeholders WHERE full_name = 'Ingrid Olsen'") == [(1,)]
    assert len(window.document.people(small_portfolio.acme)) == 2


def test_choosing_another_person_clears_the_typed_name(qtbot, window, small_portfolio):
    dialog = open_forget_dialog(qtbot, window, small_portfolio)
    choose(dialog, "Ingrid Olsen")
    qtbot.keyClicks(dialog.name_box, "Ingrid Olsen")
    choose(dialog, "Harald Berg")
    assert dialog.name_box.text() == ""
    assert not dialog.forget_button.isEnabled()


def test_the_window_forgets_nothing_on_a_read_only_database(
    qtbot, window, small_portfolio, answers
):
    window.document.database.read_only_reason = "Another Keyplan window is editing this file."
    assert start_forgetting(window, small_portfolio.harald) is None
    assert answers.errors == ["Another Keyplan window is editing this file."]


def test_a_cards_menu_offers_forget_for_a_person_but_not_for_an_open_position(qtbot):
    forgotten: list[str] = []
    actions = CardActions(*(lambda: None for _ in range(7)), forget=lambda: forgotten.append("yes"))

    def entry(menu: QMenu):
        return next((a for a in menu.actions() if a.text() == "F&orget…"), None)

    menu = card_menu(None, actions, has_left=False, writable=True)
    entry(menu).trigger()
    assert forgotten == ["yes"]
    assert not entry(card_menu(None, actions, has_left=False, writable=False)).isEnabled()
    assert entry(card_menu(None, actions, has_left=False, writable=True, vacant=True)) is None


def test_forget_on_a_cards_menu_opens_the_confirmation_for_that_person(
    qtbot, window, small_portfolio, monkeypatch
):
    def pick_forget(menu: QMenu, _at) -> None:
        next(a for a in menu.actions() if a.text() == "F&orget…").trigger()

    monkeypatch.setattr(card_menus, "run_menu", pick_forget)
    window.select_account(small_portfolio.acme)
    tab = window.show_tab("Map")
    qtbot.waitExposed(tab.view)
    card_menus.show_card_menu(tab, small_portfolio.harald, QPoint(0, 0))
    dialog = window.forget_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.person_id() == small_portfolio.harald
    assert dialog.person_name() == "Harald Berg"


@pytest.mark.postgresql
def test_on_a_team_database_the_report_names_the_servers_backups(qtbot, postgres_url, answers):
    database = open_database(postgres_url, user_name="alice")
    acme = edits.add_account(database, "Acme Group")
    harald = edits.add_stakeholder(database, acme, "Harald Berg")
    edits.add_stakeholder(database, acme, "Mia Chen", reports_to_id=harald)
    main = MainWindow(PortfolioDocument(database), open_document)
    qtbot.addWidget(main)
    main.show()
    try:
        main.document.set_person_field(harald, "job_title", "CFO")  # an undo step holding him
        assert main.document.undo_stack.count() == 1
        main.select_account(acme)
        dialog = start_forgetting(main, harald)
        qtbot.keyClicks(dialog.name_box, "Harald Berg")
        qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(main, "forget_report", None) is not None, timeout=10_000)
        report = main.forget_report
        assert "server's own backups keep them until those backups expire" in report.notice.text()
        assert report.rewrite_button is None
        assert main.document.undo_stack.count() == 0
        assert database.rows("SELECT count(*) FROM stakeholders WHERE id = :id", id=harald) == [
            (0,)
        ]
    finally:
        main.teammate_changes.listener.stop()
        database.close()


def test_the_person_selected_in_the_people_tab_is_the_one_offered(qtbot, window, small_portfolio):
    window.select_account(small_portfolio.acme)
    window.show_person(small_portfolio.harald)
    forget_action(window).trigger()
    dialog = window.forget_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.person_box.itemText(0) == "Ingrid Olsen"  # first in the list, not chosen
    assert dialog.person_name() == "Harald Berg"
    assert dialog.person_box.accessibleName() == "Person to forget"
