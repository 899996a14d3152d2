"""Account › Access…: who may see or change the selected account on a team database.

Lists the account's own grants (role, level, granted by); an owner (or a Keyplan admin) adds
one, changes a level or removes one. The server checks every change again: a refusal is shown
in a message box and the list is read afresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyplan.ui import dialogs

if TYPE_CHECKING:
    from keyplan.store.database import Database
    from keyplan.ui.shell.main_window import MainWindow

LEVEL_CHOICES = (
    ("viewer", "Viewer: sees the account, changes nothing"),
    ("editor", "Editor: changes the account"),
    ("owner", "Owner: also decides who has access"),
    ("none", "None: shut out of this affiliate (narrows an umbrella's grant)"),
)


class AccessDialog(QDialog):
    """The grants of one account, with add/change/remove."""

    def __init__(self, database: Database, account_id: int, account_name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.database = database
        self.account_id = account_id
        self.setWindowTitle(f"Access to {account_name}")
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Database role", "Level", "Granted by"])
        self.table.setAccessibleName("Grants of this account")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._take_selected)
        self.role = QLineEdit()
        self.role.setPlaceholderText("database login or group, e.g. alice")
        self.role.setAccessibleName("Database role")
        self.level = QComboBox()
        self.level.setAccessibleName("Access level")
        # A row of its own: the labels say what each level may do, whole.
        self.level.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value, label in LEVEL_CHOICES:
            self.level.addItem(label, value)
        self.grant_button = QPushButton("&Grant or change")
        self.grant_button.clicked.connect(self.grant)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove)
        self._lay_out()
        self.reload()

    def _lay_out(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(QLabel(
            "The server shows each account only to the roles granted it. A grant on an "
            "umbrella covers its affiliates; a grant on an affiliate overrides it there."
        ))  # fmt: skip
        column.itemAt(0).widget().setWordWrap(True)
        column.addWidget(self.table, 1)
        form = QFormLayout()
        form.addRow("&Role:", self.role)
        form.addRow("&Level:", self.level)
        column.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.grant_button)
        row.addWidget(self.remove_button)
        column.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        column.addWidget(close)
        self.resize(620, 400)

    def reload(self) -> None:
        from keyplan.store.access import grants

        listed = grants.grants(self.database, self.account_id)
        self.table.clearSelection()
        self.table.setRowCount(len(listed))
        for row, grant in enumerate(listed):
            for column, text in enumerate((grant.role_name, grant.level, grant.granted_by or "")):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.remove_button.setEnabled(False)

    def _take_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.remove_button.setEnabled(bool(rows))
        if rows:
            self.role.setText(self.table.item(rows[0].row(), 0).text())
            self.level.setCurrentIndex(
                self.level.findData(self.table.item(rows[0].row(), 1).text())
            )

    def grant(self) -> None:
        from keyplan.store.access import grants

        role = self.role.text().strip()
        if not role:
            dialogs.show_error(self, "Type the database role to grant access to.")
            return
        self._change(lambda: grants.grant(self.database, self.account_id, role,
                                          self.level.currentData()))  # fmt: skip

    def remove(self) -> None:
        from keyplan.store.access import grants

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        role = self.table.item(rows[0].row(), 0).text()
        self._change(lambda: grants.revoke(self.database, self.account_id, role))

    def _change(self, change: object) -> None:
        from keyplan.domain.errors import KeyplanError

        try:
            change()  # type: ignore[operator]
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
        self.reload()


def show_access(window: MainWindow) -> None:
    """Account › Access…: the dialog for the selected account (owners and admins)."""
    document = window.document
    if document is None or window.account_id is None:
        return
    name = str(window.portfolio_model.index_of(window.account_id).data() or "")
    dialog = AccessDialog(document.database, window.account_id, name or "this account", window)
    dialog.exec()
