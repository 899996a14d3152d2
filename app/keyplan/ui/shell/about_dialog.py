"""Help › About Keyplan: what this program is, its version and licence, and where the data is.

Loaded only when the user asks for it: nothing here runs at start-up. Reading the package
metadata (version, licence) costs tens of milliseconds, which is fine at this point.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyplan import version
from keyplan.ui import dialogs

TAGLINE = "Account planning for strategic account directors, offline."
ICON_SIZE = 64


@dataclass(frozen=True, slots=True)
class AboutFacts:
    """Everything the dialog shows, gathered in one place so a test can check it."""

    version: str
    licence: str
    database: str  # the open database: a file path, or a server URL without its password
    database_folder: Path | None  # the folder of the database file; None for a server
    data_folder: Path  # Keyplan's own folder in the user's data folder
    qt_version: str
    pyside_version: str
    python_version: str

    @classmethod
    def gather(cls, database: str, database_path: Path | None) -> AboutFacts:
        """The facts about this installation, for the database that is open."""
        from keyplan.paths import default_database_path

        return cls(
            version=version(),
            licence=licence(),
            database=database,
            database_folder=database_path.parent if database_path is not None else None,
            data_folder=default_database_path().parent,
            qt_version=qVersion(),
            pyside_version=PySide6.__version__,
            python_version=platform.python_version(),
        )


def licence() -> str:
    """The licence named in the package metadata (the one place it is declared)."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        fields = metadata("keyplan")
    except PackageNotFoundError:  # a source tree that was never installed
        return "see the LICENSE file"
    return fields.get("License-Expression") or fields.get("License") or "see the LICENSE file"


class AboutDialog(QDialog):
    """The About box, with buttons that open the data folder in the desktop's file manager."""

    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.facts = facts
        self.setWindowTitle("About Keyplan")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.setSpacing(14)
        layout.addLayout(self._heading())
        layout.addLayout(self._data_rows())
        layout.addWidget(self._versions_line())
        layout.addWidget(self._buttons())

    def _heading(self) -> QHBoxLayout:
        self.icon_label = icon = QLabel()
        icon.setPixmap(_application_pixmap(self.devicePixelRatioF()))
        icon.setFixedSize(ICON_SIZE, ICON_SIZE)
        self.title_label = QLabel(
            f"<b style='font-size:16pt'>Keyplan</b><br>Version {self.facts.version}"
            f"<p>{TAGLINE}<br>Licence: {self.facts.licence}</p>"
        )
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addSpacing(16)
        row.addWidget(self.title_label, 1)
        return row

    def _data_rows(self) -> QFormLayout:
        # The paths are selectable: users copy them into a backup tool or a support mail.
        self.database_label = _selectable(self.facts.database)
        self.data_folder_label = _selectable(str(self.facts.data_folder))
        form = QFormLayout()
        form.addRow("Database:", self.database_label)
        form.addRow("Data folder:", self.data_folder_label)
        return form

    def _versions_line(self) -> QLabel:
        facts = self.facts
        self.versions_label = _selectable(
            f"Qt {facts.qt_version} · PySide6 {facts.pyside_version} · "
            f"Python {facts.python_version}"
        )
        self.versions_label.setStyleSheet("color: palette(placeholder-text)")
        return self.versions_label

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        self.open_data_button = QPushButton("Open data folder")
        self.open_data_button.clicked.connect(self.open_data_folder)
        box.addButton(self.open_data_button, QDialogButtonBox.ButtonRole.ActionRole)
        if not self.facts.data_folder.is_dir():
            # Nothing was ever saved there (every database so far was opened elsewhere).
            self.open_data_button.setEnabled(False)
            self.open_data_button.setToolTip("The folder does not exist yet.")
        self.open_database_button: QPushButton | None = None
        folder = self.facts.database_folder
        if folder is not None and folder != self.facts.data_folder:
            self.open_database_button = QPushButton("Open database folder")
            self.open_database_button.clicked.connect(self.open_database_folder)
            box.addButton(self.open_database_button, QDialogButtonBox.ButtonRole.ActionRole)
        return box

    def open_data_folder(self) -> None:
        dialogs.open_in_desktop(str(self.facts.data_folder))

    def open_database_folder(self) -> None:
        if self.facts.database_folder is not None:
            dialogs.open_in_desktop(str(self.facts.database_folder))


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold "<" or "&"
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def _application_pixmap(pixel_ratio: float) -> QPixmap:
    """The icon at the dialog's size, from the PNG drawn for it (twice as big on a HiDPI screen)."""
    from keyplan.resources import resource_path

    scale = 2 if pixel_ratio > 1 else 1
    pixmap = QPixmap(str(resource_path("icons", f"keyplan-{ICON_SIZE * scale}.png")))
    pixmap.setDevicePixelRatio(scale)
    return pixmap
