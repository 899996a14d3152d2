"""Redo answers every key a user expects, and no key is bound twice (Qt then ignores it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from keyplan.store.people import queries
from keyplan.ui.widgets.shortcuts import redo_shortcuts, unique_sequences


def texts(sequences: list[QKeySequence]) -> list[str]:
    return [sequence.toString() for sequence in sequences]


def test_the_linux_redo_binding_is_not_repeated():
    # On X11 Qt's own Redo binding is Ctrl+Shift+Z: binding it again made the key ambiguous.
    linux = [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert texts(unique_sequences(linux)) == ["Ctrl+Shift+Z", "Ctrl+Y"]


def test_redo_has_ctrl_shift_z_and_ctrl_y_each_once(qapp):
    keys = texts(redo_shortcuts())
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys
    assert len(keys) == len(set(keys))


def test_the_main_window_redo_keys_are_bound_once(window):
    keys = texts(window.redo_action.shortcuts())
    assert len(keys) == len(set(keys))


def test_ctrl_y_redoes_a_typed_industry(window, qtbot, db, small_portfolio):
    window.select_account(small_portfolio.globex)
    industry = window.overview_tab.findChild(QLineEdit, "account_industry")
    qtbot.mouseClick(industry, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(industry, "Logistics")
    qtbot.keyClick(industry, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert queries.account_values(db, small_portfolio.globex)["industry"] is None

    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert queries.account_values(db, small_portfolio.globex)["industry"] == "Logistics"


def test_shortcuts_from_text_and_standard_keys_bind_what_set_shortcut_would(qapp):
    # key_sequences avoids PySide6's Qt.Key check (20 ms of the start): same keys bound.
    from keyplan.ui.widgets.shortcuts import key_sequences

    assert texts(key_sequences("Ctrl+Shift+E")) == ["Ctrl+Shift+E"]
    standard = QKeySequence.StandardKey.Print
    assert texts(key_sequences(standard)) == [QKeySequence(standard).toString()]


def test_the_file_menus_shortcuts_are_bound(window):
    shortcuts = {
        action.text(): texts(action.shortcuts()) for action in window.findChildren(QAction)
    }
    assert shortcuts["&Export plan (PDF or PowerPoint)…"] == ["Ctrl+Shift+E"]
    assert shortcuts["&Print…"] == [QKeySequence(QKeySequence.StandardKey.Print).toString()]
    assert window.undo_action.shortcuts() == [QKeySequence(QKeySequence.StandardKey.Undo)]


def test_a_window_whose_keys_come_later_binds_them_all_when_asked(qtbot, db):
    # The start-up window binds its keys on the turn after it shows (ui/shell/launch.py).
    from PySide6.QtGui import QShortcut

    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.launch import open_document
    from keyplan.ui.shell.main_window import MainWindow

    window = MainWindow(PortfolioDocument(db), open_document, keys_later=True)
    qtbot.addWidget(window)
    actions = {action.text(): action for action in window.findChildren(QAction)}
    assert actions["&Quit"].shortcuts() == [] and window.undo_action.shortcuts() == []
    assert all(not shortcut.keys() for shortcut in window.findChildren(QShortcut))

    window.bind_keys()
    assert texts(actions["&Quit"].shortcuts()) == texts(
        QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)[:1]
    )
    assert texts(actions["Add &person…"].shortcuts()) == ["Ctrl+Shift+N"]
    assert window.undo_action.shortcuts() == [QKeySequence(QKeySequence.StandardKey.Undo)]
    assert "Ctrl+Y" in texts(window.redo_action.shortcuts())
    assert all(shortcut.keys() for shortcut in window.findChildren(QShortcut))
