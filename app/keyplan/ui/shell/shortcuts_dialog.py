"""Help › Keyboard shortcuts: every key the menus answer, read from the menus themselves (so
the list cannot drift from them), then the keys of the map and of the forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

# Keys handled inside a view rather than by a menu: kept beside the code that handles them
# (ui/map/view.py, ui/map/controls.py, ui/meetings/log_form.py, ui/people/people_tab.py).
VIEW_KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "On the map",
        (
            ("Arrow keys", "Select the manager (Up), first report (Down) or the card beside"),
            ("Ctrl+arrow keys", "Move the selected cards a step (with Shift: one pixel)"),
            ("Enter", "Edit the selected person"),
            ("Menu key or Shift+F10", "The selected card's menu (also on a right-click)"),
            ("Delete or Backspace", "Delete the selected people or line"),
            ("Escape", "Cancel a drag or a line being drawn"),
            ("Space + drag", "Move the view"),
            ("Ctrl+0", "Fit the map to the window"),
            ("Ctrl+1", "Actual size (100 %)"),
            ("Ctrl+= / Ctrl+-", "Zoom in / out"),
        ),
    ),
    (
        "In lists and forms",
        (
            ("Delete", "Delete the selected people (People tab)"),
            ("Ctrl+Return", "Save the interaction being logged"),
            ("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous account tab"),
        ),
    ),
)


def menu_shortcuts(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command that has keys, in menu order."""
    found = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            found += [(_plain(top.text()), *entry) for entry in _entries(menu)]
    return found


def _entries(menu: QMenu) -> list[tuple[str, str]]:
    entries = []
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            entries += _entries(submenu)
        elif keys := _keys(action):
            entries.append((_plain(action.text()), keys))
    return entries


def _keys(action: QAction) -> str:
    texts = [key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()]
    return " or ".join(dict.fromkeys(text for text in texts if text))


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        groups: dict[str, QTreeWidgetItem] = {}
        for menu, command, keys in menu_shortcuts(window):
            group = groups.get(menu)
            if group is None:
                group = groups[menu] = QTreeWidgetItem(self.tree, [f"{menu} menu"])
            QTreeWidgetItem(group, [command, keys])
        for title, keys in VIEW_KEYS:
            group = QTreeWidgetItem(self.tree, [title])
            for key, what in keys:
                QTreeWidgetItem(group, [what, key])
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(720, 640)


def show_shortcuts(window: QMainWindow) -> None:
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
