"""A viewer's account is read-only with the banner; an owner manages access (Account › Access…)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from access_helpers import login_url, make_login
from keyplan.store.access import grants
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.ui.access.access_dialog import AccessDialog
from keyplan.ui.access.viewer_mode import VIEWER_BANNER
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def team(postgres_server, postgres_url) -> Iterator[dict]:
    for login in ("alice", "bob"):
        make_login(postgres_server, login)
    admin = open_database(postgres_url)
    acme = edits.add_account(admin, "Acme Group")
    globex = edits.add_account(admin, "Globex")
    edits.add_stakeholder(admin, globex, "Gus Grant")
    grants.grant(admin, acme, "bob", "editor")
    grants.grant(admin, globex, "bob", "viewer")
    grants.grant(admin, globex, "alice", "owner")
    yield {"url": postgres_url, "admin": admin, "acme": acme, "globex": globex}
    admin.close()


def window_as(qtbot, url: str, login: str) -> MainWindow:
    database = open_database(login_url(url, login))
    window = MainWindow(PortfolioDocument(database), open_document)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def plan_fields(window: MainWindow) -> list[QPlainTextEdit]:
    plan = window.show_tab("Plan")
    return [f for f in plan.findChildren(QPlainTextEdit) if f.objectName().startswith("plan_")]


@pytest.mark.postgresql
def test_a_viewers_account_is_read_only_with_the_banner_and_an_editors_is_not(qtbot, team, answers):
    window = window_as(qtbot, team["url"], "bob")
    window.select_account(team["globex"])
    assert window.read_only_banner.isVisible()
    assert window.read_only_banner.text() == VIEWER_BANNER
    assert not any(action.isEnabled() for action in window.writing_actions)
    assert plan_fields(window) and all(field.isReadOnly() for field in plan_fields(window))
    assert not window.access_action.isEnabled()  # a viewer does not grant
    assert window.export_pdf_action.isEnabled()  # but exports: reading is all it needs

    window.select_account(team["acme"])
    assert not window.read_only_banner.isVisible()
    assert all(action.isEnabled() for action in window.writing_actions)
    assert not any(field.isReadOnly() for field in plan_fields(window))
    window.document.database.close()


@pytest.mark.postgresql
def test_an_owner_grants_changes_and_removes_access_in_the_dialog(qtbot, team, answers):
    window = window_as(qtbot, team["url"], "alice")
    window.select_account(team["globex"])
    assert window.access_action.isEnabled()
    dialog = AccessDialog(window.document.database, team["globex"], "Globex", window)
    qtbot.addWidget(dialog)
    roles = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    assert roles == ["alice", "bob"]

    dialog.table.selectRow(1)  # bob, viewer: make him an editor
    assert dialog.role.text() == "bob"
    dialog.level.setCurrentIndex(dialog.level.findData("editor"))
    qtbot.mouseClick(dialog.grant_button, Qt.MouseButton.LeftButton)
    assert dialog.table.item(1, 1).text() == "editor"
    bob = open_database(login_url(team["url"], "bob"))
    assert grants.level_of(bob, team["globex"]) == "editor"
    bob.close()

    dialog.role.setText("nobody")
    qtbot.mouseClick(dialog.grant_button, Qt.MouseButton.LeftButton)
    assert answers.errors == ["There is no database role 'nobody' on this server."]
    assert dialog.table.rowCount() == 2

    dialog.table.selectRow(1)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["alice"]
    window.document.database.close()


def test_access_is_not_offered_on_a_laptop_file(window):
    window.select_account(window.portfolio_model.first_account_id())
    assert not window.access_action.isEnabled()
    assert not window.read_only_banner.isVisible()


@pytest.mark.postgresql
def test_a_grant_made_elsewhere_reaches_the_open_window(qtbot, team, answers):
    window = window_as(qtbot, team["url"], "bob")
    assert window.teammate_changes.listener.wait_until_listening()
    window.select_account(team["globex"])
    assert window.read_only_banner.isVisible()

    grants.grant(team["admin"], team["globex"], "bob", "editor")  # the admin, on another PC
    qtbot.waitUntil(lambda: not window.read_only_banner.isVisible(), timeout=5000)

    grants.revoke(team["admin"], team["acme"], "bob")
    qtbot.waitUntil(lambda: window.portfolio_model.first_account_id() == team["globex"]
                    and not window.portfolio_model.index_of(team["acme"]).isValid(),
                    timeout=5000)  # fmt: skip
    window.document.database.close()
