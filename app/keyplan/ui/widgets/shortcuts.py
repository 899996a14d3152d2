"""Keyboard shortcuts that every platform's users expect, each bound once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

# QKeySequence is imported where a key is bound, not here: making it ready builds its enum
# classes (StandardKey's seventy-odd members, some 2 ms), and the first window binds its keys
# only once it is up (ui/shell/main_menus.py).
if TYPE_CHECKING:
    from PySide6.QtGui import QKeySequence


class StandardKey(NamedTuple):
    """A platform's standard key, named as in ``QKeySequence.StandardKey`` ("New", "Undo"):
    written without QKeySequence, made into one when it is bound."""

    name: str


# PySide6 builds its whole `Qt` namespace (93 enum classes, some 20 ms of the start) the first
# time a call's arguments are checked against `Qt.Key`: `QKeySequence("Ctrl+N")`,
# `QKeySequence(StandardKey.New)` and `setShortcut(...)` all do. `QKeySequence.listFromString`,
# `keyBindings` and `setShortcuts(list)` do not, so the first window's shortcuts use those.
Shortcut: TypeAlias = "str | StandardKey | QKeySequence.StandardKey"


def key_sequences(shortcut: Shortcut) -> list[QKeySequence]:
    """The key sequences for ``setShortcuts``: from portable text ("Ctrl+Shift+E"), or the
    platform's first binding of a standard key (what ``setShortcut`` would bind)."""
    from PySide6.QtGui import QKeySequence

    if isinstance(shortcut, str):
        return QKeySequence.listFromString(shortcut)
    if isinstance(shortcut, StandardKey):
        shortcut = getattr(QKeySequence.StandardKey, shortcut.name)
    return QKeySequence.keyBindings(shortcut)[:1]


# Linux users press Ctrl+Shift+Z, Windows users Ctrl+Y; a director moves between both.
_REDO_EVERYWHERE = ("Ctrl+Shift+Z", "Ctrl+Y")


def unique_sequences(sequences: Iterable[QKeySequence]) -> list[QKeySequence]:
    """The sequences in order, each once: Qt ignores a sequence bound twice ("Ambiguous
    shortcut overload"), so a repeated binding silently disables the key."""
    from PySide6.QtGui import QKeySequence

    seen: set[str] = set()
    unique = []
    for sequence in sequences:
        text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
        if text and text not in seen:
            seen.add(text)
            unique.append(sequence)
    return unique


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's Redo keys plus Ctrl+Shift+Z and Ctrl+Y, none of them twice."""
    from PySide6.QtGui import QKeySequence

    platform = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    everywhere = [sequence for key in _REDO_EVERYWHERE for sequence in key_sequences(key)]
    return unique_sequences([*platform, *everywhere])
