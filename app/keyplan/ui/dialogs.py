"""Every modal question the UI asks, in one place.

Modal dialogs block forever in an offscreen test, so widgets ask through these functions and
the tests replace them (monkeypatch) with scripted answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The dialog classes are imported by the functions that show them: making each Qt class
# available costs time (QMessageBox alone 2 ms), which the first window, asking nothing, need
# not spend before it appears. So is the file dialogs' folder memory (``file_folders``, an
# enum and a module read after Qt): the first window opens no file dialog.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from keyplan.ui.safety.recovery_dialog import DamagedDatabase, RecoveryChoice
    from keyplan.ui.shell.file_folders import FileKind

DATABASE_FILTER = "Keyplan databases (*.db *.keyplan *.sqlite);;All files (*)"


def show_error(parent: QWidget | None, message: str, title: str = "Keyplan") -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, message: str, title: str = "Keyplan") -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, question: str, title: str = "Keyplan") -> bool:
    from PySide6.QtWidgets import QMessageBox

    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    value, accepted = QInputDialog.getText(parent, title, label, text=text)
    return value.strip() if accepted and value.strip() else None


def ask_open_database(parent: QWidget | None) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.DATABASE, QFileDialog.getOpenFileName, parent, "Open database", "", DATABASE_FILTER
    )
    return path or None


def ask_new_database(parent: QWidget | None) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.DATABASE,
        QFileDialog.getSaveFileName,
        parent,
        "New database",
        "keyplan.db",
        DATABASE_FILTER,
    )
    return path or None


# ---- the account plan and its PDF export (issue 4) -----------------------------------------
# Imports stay inside the functions: this section is appended to a shared module.

PDF_FILTER = "PDF documents (*.pdf)"


def ask_choice(
    parent: QWidget | None, title: str, label: str, items: list[tuple[object, str]]
) -> object | None:
    """Let the user pick one of ``(value, label)`` items; return its value, or None."""
    from PySide6.QtWidgets import QInputDialog

    if not items:
        return None
    labels = [text for _value, text in items]
    text, accepted = QInputDialog.getItem(parent, title, label, labels, 0, False)
    return items[labels.index(text)][0] if accepted and text in labels else None


def ask_export_options(parent: QWidget | None, people: list[tuple[str, str]]) -> object | None:
    """Ask which document to export, on which paper, and (for a brief) who attends.

    Args:
        people: the account's people as (name, "title · department") pairs to choose from.

    Returns:
        An ``ExportOptions``, or None when the user cancelled.
    """
    from keyplan.ui.plan.export_dialog import ExportDialog

    dialog = ExportDialog(people, parent)
    return dialog.options() if dialog.exec() else None


def ask_print_options(parent: QWidget | None, people: list[tuple[str, str]]) -> object | None:
    """Ask which document to print (the export dialog without its choice of format).

    Returns:
        An ``ExportOptions``, or None when the user cancelled.
    """
    from keyplan.ui.plan.export_dialog import ExportDialog

    dialog = ExportDialog(people, parent, for_printing=True)
    return dialog.options() if dialog.exec() else None


def ask_save_pdf(parent: QWidget | None, suggested_path: str) -> str | None:
    """Ask where to save a PDF, offering the suggested path's name; add ".pdf" when missing."""
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.PDF_EXPORT,
        QFileDialog.getSaveFileName,
        parent,
        "Export plan as PDF",
        suggested_path,
        PDF_FILTER,
    )
    if path and not path.lower().endswith(".pdf"):
        path += ".pdf"
    return path or None


def ask_save_pptx(parent: QWidget | None, suggested_path: str) -> str | None:
    """Ask where to save a PowerPoint deck; add ".pptx" when missing."""
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.PDF_EXPORT,  # decks go where plans go
        QFileDialog.getSaveFileName,
        parent,
        "Export plan as PowerPoint",
        suggested_path,
        "PowerPoint decks (*.pptx)",
    )
    if path and not path.lower().endswith(".pptx"):
        path += ".pptx"
    return path or None


def ask_open_export(parent: QWidget | None, path: str) -> str | None:
    """After an export: "file" to open the PDF, "folder" to show its folder, None for neither."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Information, "Plan exported", f"Saved {path}", parent=parent)
    kind = "deck" if path.lower().endswith(".pptx") else "PDF"
    open_file = box.addButton(f"Open {kind}", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    return "file" if clicked is open_file else "folder" if clicked is open_folder else None


def open_in_desktop(path: str) -> None:
    """Open a file or folder with the desktop's default application."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(path))


# ---- exports, imports and backups (issue 6) ------------------------------------------------
# Imports stay inside the functions: this section is appended to a shared module.

CSV_FILTER = "CSV files (*.csv)"
JSON_FILTER = "Keyplan JSON exports (*.json);;All files (*)"


def ask_save_file(
    parent: QWidget | None,
    title: str,
    suggested_path: str,
    file_filter: str,
    suffix: str,
    kind: FileKind | None = None,
) -> str | None:
    """Ask where to save a file; add ``suffix`` (".csv") when the name has none.

    The dialog starts in the folder last used for ``kind`` (None: CSV and JSON exports).
    """
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    kind = FileKind.DATA_EXPORT if kind is None else kind

    path, _ = in_last_folder(
        kind, QFileDialog.getSaveFileName, parent, title, suggested_path, file_filter
    )
    if path and suffix and not path.lower().endswith(suffix):
        path += suffix
    return path or None


def ask_open_file(parent: QWidget | None, title: str, file_filter: str) -> str | None:
    """Ask for a file to import (a JSON export, …), starting where the last one came from."""
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.IMPORT_SOURCE, QFileDialog.getOpenFileName, parent, title, "", file_filter
    )
    return path or None


def ask_backup_to_restore(parent: QWidget | None, backups: list[tuple[str, str]]) -> str | None:
    """Let the user pick a backup from ``(path, "date — size")`` pairs, or any other file.

    Returns:
        The path of the chosen backup, or None when the user cancelled.
    """
    from keyplan.ui.safety.backup_dialog import BackupChooser

    dialog = BackupChooser(backups, parent)
    return dialog.chosen_path() if dialog.exec() else None


# ---- importing people (issue 6) -------------------------------------------------------------

CONTACTS_FILTER = "Contacts (*.csv *.vcf *.txt);;All files (*)"


def ask_import_file(parent: QWidget | None) -> str | None:
    """Ask which CSV or vCard file to import people from."""
    from PySide6.QtWidgets import QFileDialog

    from keyplan.ui.shell.file_folders import FileKind, in_last_folder

    path, _ = in_last_folder(
        FileKind.IMPORT_SOURCE,
        QFileDialog.getOpenFileName,
        parent,
        "Import people",
        "",
        CONTACTS_FILTER,
    )
    return path or None


# ---- a damaged database at start-up --------------------------------------------------------


def ask_recovery(
    parent: QWidget | None, damaged: DamagedDatabase, closing_text: str = "Quit Keyplan"
) -> RecoveryChoice:
    """Say what is wrong with a damaged database and ask what to do about it.

    Returns:
        The way out the user chose (Quit when they closed the dialog).
    """
    from keyplan.ui.safety.recovery_dialog import RecoveryDialog

    dialog = RecoveryDialog(damaged, parent, closing_text=closing_text)
    dialog.exec()
    return dialog.choice()


# ---- where a file may be saved (issue 18) ---------------------------------------------------


def refuse_output(
    parent: QWidget | None,
    target: str,
    database: object | None,
    *,
    may_replace_database: bool = False,
) -> bool:
    """After a save dialog: True (having said why) when ``target`` must not be written.

    Asked before anything is written, so a refused name (the database itself, its lock, a
    backup, a folder) changes nothing; the writers ask again, for the command line.

    Args:
        database: the open database's file (a ``Path``), or None for a team database.
    """
    from pathlib import Path

    from keyplan.store.safety.output_paths import OutputRefused, check_output_path

    try:
        check_output_path(
            target,
            Path(str(database)) if database is not None else None,
            may_replace_database=may_replace_database,
        )
    except OutputRefused as refusal:
        show_error(parent, str(refusal))
        return True
    return False
