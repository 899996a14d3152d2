"""File ▸ Restore from backup…: the list of backups (newest first), or another file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.ui.dialogs import DATABASE_FILTER
from keyplan.ui.shell.file_folders import FileKind, in_last_folder


class BackupChooser(QDialog):
    """Pick one of the automatic backups, or choose any backup file."""

    def __init__(self, backups: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self._other_path: str | None = None
        intro = QLabel(
            "Choose the backup to go back to. The database as it is now is backed up first."
            if backups
            else "There are no automatic backups of this database yet. Choose a backup file."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        for path, label in backups:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        other = QPushButton("Other file…")
        buttons.addButton(other, QDialogButtonBox.ButtonRole.ActionRole)
        other.clicked.connect(self._choose_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def _choose_file(self) -> None:
        path, _ = in_last_folder(
            FileKind.DATABASE,
            QFileDialog.getOpenFileName,
            self,
            "Restore from file",
            "",
            DATABASE_FILTER,
        )
        if path:
            self._other_path = path
            self.accept()

    def chosen_path(self) -> str | None:
        """The backup the user chose: another file, or the selected line of the list."""
        if self._other_path:
            return self._other_path
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
