"""Every modal question the UI asks, in one place.

Modal dialogs block forever in an offscreen test, so widgets ask through these functions and
the tests replace them (monkeypatch) with scripted answers.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

DATABASE_FILTER = "Keyplan databases (*.db *.keyplan *.sqlite);;All files (*)"


def show_error(parent: QWidget | None, message: str, title: str = "Keyplan") -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, message: str, title: str = "Keyplan") -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, question: str, title: str = "Keyplan") -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if accepted and value.strip() else None


def ask_open_database(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, "Open database", "", DATABASE_FILTER)
    return path or None


def ask_new_database(parent: QWidget | None) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, "New database", "keyplan.db", DATABASE_FILTER)
    return path or None
