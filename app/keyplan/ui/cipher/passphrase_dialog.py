"""The passphrase dialogs: one to open an encrypted file, one to choose a new passphrase.

Each checks what is typed before it closes: a wrong passphrase says so in red under the field
("Wrong passphrase for FILE") and the user tries again or cancels; two new passphrases that
differ, or one too short, are refused the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.ui.widgets import theme

REMEMBER_TEXT = "Remember in the system keyring"


class _PassphraseDialog(QDialog):
    """What both dialogs share: the fields, the problem line, the keyring tick, the buttons."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.text_style(theme.WARNING))  # a red legible in dark too
        self.problem.setAccessibleName("Problem")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.remember = QCheckBox(REMEMBER_TEXT)
        self.remember.setChecked(False)  # the user's choice, never the default
        self.remember.setToolTip(
            "Keeps this file's key in your system's keyring, so Keyplan opens it without "
            "asking. Anyone who can use your logged-in account can then open it too."
        )
        layout.addWidget(self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def secret_field(self, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(label.rstrip(":"))
        self.form.addRow(label, field)
        return field

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def try_accept(self) -> None:
        raise NotImplementedError


class UnlockDialog(_PassphraseDialog):
    """Asks the passphrase of an encrypted file; closes only on the right one (or Cancel).

    ``key`` is then the file's checked key.
    """

    def __init__(self, path: Path, problem: str | None = None, parent: QWidget | None = None):
        super().__init__(
            parent,
            "Encrypted database",
            f"{path.name} is encrypted. Enter its passphrase to open it.\n{path}",
            "Open",
        )
        self.path = path
        self.key: bytes | None = None
        self.passphrase = self.secret_field("Passphrase:")
        if problem:
            self.show_problem(problem)

    def try_accept(self) -> None:
        from keyplan.store.cipher.keys import try_passphrase

        typed = self.passphrase.text()
        key = try_passphrase(self.path, typed) if typed else None
        if key is None:
            self.show_problem(f"Wrong passphrase for {self.path}.")
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.key = key
        self.accept()


class NewPassphraseDialog(_PassphraseDialog):
    """Asks a new passphrase twice (File › Encrypt this database…); ``passphrase`` then."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(
            parent,
            "Encrypt this database",
            f"Choose a passphrase for {path.name}. Keyplan will ask for it each time the file "
            f"is opened; without it nobody, Keyplan included, can read the file. Its automatic "
            f"backups are encrypted with it too.",
            "Encrypt",
        )
        self.path = path
        self.passphrase: str | None = None
        self.first = self.secret_field("Passphrase:")
        self.second = self.secret_field("Confirm passphrase:")

    def try_accept(self) -> None:
        from keyplan.store.cipher.convert import check_new_passphrase

        try:
            check_new_passphrase(self.first.text(), self.second.text())
        except KeyplanError as error:
            self.show_problem(str(error).replace(" Nothing was changed.", ""))
            self.second.clear()
            return
        self.passphrase = self.first.text()
        self.accept()
