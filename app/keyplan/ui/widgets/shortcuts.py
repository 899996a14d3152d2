"""Keyboard shortcuts that every platform's users expect, each bound once."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence

# Linux users press Ctrl+Shift+Z, Windows users Ctrl+Y; a director moves between both.
_REDO_EVERYWHERE = ("Ctrl+Shift+Z", "Ctrl+Y")


def unique_sequences(sequences: Iterable[QKeySequence]) -> list[QKeySequence]:
    """The sequences in order, each once: Qt ignores a sequence bound twice ("Ambiguous
    shortcut overload"), so a repeated binding silently disables the key."""
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
    platform = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    return unique_sequences([*platform, *(QKeySequence(key) for key in _REDO_EVERYWHERE)])
