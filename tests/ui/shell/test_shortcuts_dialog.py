"""Help › Keyboard shortcuts lists what the menus answer, and no key belongs to two commands."""

from __future__ import annotations

from collections import Counter

from keyplan.ui.shell.shortcuts_dialog import ShortcutsDialog, menu_shortcuts


def test_the_list_is_read_from_the_menus(window):
    listed = {(menu, command): keys for menu, command, keys in menu_shortcuts(window)}
    assert listed[("Account", "Find in portfolio")] == "Ctrl+Shift+F"
    assert "Ctrl+Y" in listed[("Edit", "Redo")]
    assert ("Help", "Keyboard shortcuts") in listed


def test_no_key_is_bound_to_two_menu_commands(window):
    keys = Counter(
        key for _menu, _command, keys in menu_shortcuts(window) for key in keys.split(" or ")
    )
    assert [key for key, count in keys.items() if count > 1] == []


def test_the_dialog_shows_the_menus_and_the_map_keys(qtbot, window):
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert "Account menu" in groups and "On the map" in groups
