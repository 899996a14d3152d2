"""What a portfolio without accounts shows: the three ways to begin, not an empty form."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

BEGIN_TITLE = "This portfolio has no account yet"
BEGIN_TEXT = (
    "Start with the account you know best: name it, then add its people by hand, paste them "
    "from a spreadsheet or import a contacts file (Account › Import people…). A Keyplan JSON "
    "export brings whole accounts at once. To look around first, open the demo portfolio: it "
    "is a separate file, so nothing of it mixes with yours."
)


class EmptyPortfolioPage(QWidget):
    """The page in place of the account tabs while the portfolio has no account."""

    def __init__(
        self,
        new_account: Callable[[], object],
        import_json: Callable[[], object],
        open_demo: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        from PySide6.QtCore import Qt  # only for an empty portfolio: its enums cost 20 ms

        super().__init__(parent)
        self.setObjectName("empty_portfolio")
        title = QLabel(BEGIN_TITLE)
        title.setStyleSheet("font-size: 18px; font-weight: 600;")
        text = QLabel(BEGIN_TEXT)
        text.setWordWrap(True)
        # A fixed width: a centred, wrapped label given only a maximum is cut to one line.
        text.setFixedWidth(560)
        text.setMinimumHeight(text.heightForWidth(560))
        self.new_account_button = _button("Create the first account…", new_account)
        self.new_account_button.setDefault(True)
        self.import_json_button = _button("Import accounts from a Keyplan JSON file…", import_json)
        self.demo_button = _button("Open the demo portfolio", open_demo)
        column = QVBoxLayout(self)
        column.setSpacing(12)
        column.addStretch(1)
        for widget in (title, text, self.new_account_button, self.import_json_button,
                       self.demo_button):  # fmt: skip
            column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)

    def set_writable(self, writable: bool) -> None:
        """A read-only database can still open the demo, but cannot take a new account."""
        self.new_account_button.setEnabled(writable)
        self.import_json_button.setEnabled(writable)


def _button(text: str, slot: Callable[[], object]) -> QPushButton:
    button = QPushButton(text)
    button.setMinimumWidth(320)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def demo_database_file() -> Path:
    """The demo portfolio's file, made (once) beside the user's own database."""
    from keyplan.paths import demo_database_path

    path = demo_database_path()
    if not path.exists():
        from keyplan.store.database import open_database
        from keyplan.store.demo import create_demo_portfolio

        path.parent.mkdir(parents=True, exist_ok=True)
        database = open_database(path, create=True)
        try:
            create_demo_portfolio(database)
        finally:
            database.close()
    return path
