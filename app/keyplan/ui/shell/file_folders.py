"""Where file dialogs start: the folder last used for the same kind of file, else Documents.

A PDF goes to the customer folder, a map to the slides folder, a CSV to the spreadsheet
folder: each kind of file remembers its own folder (``settings.FOLDER_*``), so exporting a
plan does not send the next map export to the plans folder. Every file dialog asks through
``in_last_folder``.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from keyplan.ui.shell import settings

if TYPE_CHECKING:  # Qt's classes load when first used; this module is on the start-up path
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    # QFileDialog.getSaveFileName / getOpenFileName: (parent, caption, dir, filter) -> ...
    FileQuestion = Callable[[QWidget | None, str, str, str], tuple[str, str]]


class FileKind(Enum):
    """The kinds of file that each remember their own folder."""

    PDF_EXPORT = settings.FOLDER_PDF_EXPORTS
    MAP_EXPORT = settings.FOLDER_MAP_EXPORTS
    DATA_EXPORT = settings.FOLDER_DATA_EXPORTS
    IMPORT_SOURCE = settings.FOLDER_IMPORT_SOURCES
    DATABASE = settings.FOLDER_DATABASES


def in_last_folder(
    kind: FileKind,
    ask: FileQuestion,
    parent: QWidget | None,
    title: str,
    suggested: str,
    file_filter: str,
) -> tuple[str, str]:
    """Ask with a file dialog that starts in the folder last used for ``kind``; remember it.

    Args:
        kind: which kind of file, and so which folder.
        ask: ``QFileDialog.getSaveFileName`` or ``QFileDialog.getOpenFileName``.
        suggested: a file name to offer ("Acme plan.pdf"), or "". Only its name counts: the
            folder is the remembered one.

    Returns:
        What ``ask`` returned: the chosen path ("" when cancelled) and filter.
    """
    path, chosen_filter = ask(parent, title, start_path(kind, suggested), file_filter)
    if path:
        remember_folder(kind, path)
    return path, chosen_filter


def start_path(kind: FileKind, suggested: str = "") -> str:
    """The folder a dialog for ``kind`` starts in, with the suggested file name in it."""
    folder = last_folder(kind)
    name = Path(suggested).name if suggested else ""
    return str(folder / name) if name else str(folder)


def last_folder(kind: FileKind) -> Path:
    """The folder last used for ``kind`` while it still exists; else the Documents folder."""
    remembered = settings.read(kind.value)
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(kind: FileKind, chosen_path: str) -> None:
    """Remember the folder of a file the user chose, for the next dialog of the same kind."""
    settings.write(kind.value, str(Path(chosen_path).expanduser().absolute().parent))


def documents_folder() -> Path:
    """The user's Documents folder; their home folder on a system that has none."""
    from PySide6.QtCore import QStandardPaths

    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()
