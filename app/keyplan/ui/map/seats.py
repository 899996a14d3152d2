"""Open positions and people who leave, as the map's user works them.

- "Open position": a seat without a person, under the selected card (asks its title and a
  note such as "hire expected Q3").
- "Fill position": the selected open position is taken by someone of the customer, or by
  someone new; its reports move to them.
- Marking a person as having left asks where they went (words, or another account of ours,
  where they then appear with a link to their old record) and whether their seat stays open.

Every question goes through a function the tests replace (a modal loop never returns in an
offscreen test); every edit is one undo step of the document.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument

SOMEONE_NEW = -1  # the first choice when filling a position


@dataclass(frozen=True, slots=True)
class LeavingAnswer:
    """Where a person went, and whether their position stays open."""

    left_for: str | None
    to_account_id: int | None
    keep_position: bool


class LeavingDialog(QDialog):
    """Asks where a person who left went, and whether their seat stays open."""

    def __init__(
        self, name: str, accounts: list[tuple[int, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{name} has left")
        self.where = QLineEdit()
        self.where.setPlaceholderText("A company, 'retired', …")
        self.account = QComboBox()
        self.account.addItem("— none of ours —", None)
        for account_id, account_name in accounts:
            self.account.addItem(account_name, account_id)
        self.keep = QCheckBox("Keep their position open (their reports stay with the seat)")
        self.keep.setChecked(True)
        form = QFormLayout()
        form.addRow("Where did they go?", self.where)
        form.addRow("Or to one of our accounts:", self.account)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Where did {name} go? Both may stay empty."))
        layout.addLayout(form)
        layout.addWidget(self.keep)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def answer(self) -> LeavingAnswer:
        return LeavingAnswer(
            self.where.text().strip() or None, self.account.currentData(), self.keep.isChecked()
        )


def ask_where_they_went(
    parent: QWidget | None, name: str, accounts: list[tuple[int, str]]
) -> LeavingAnswer | None:
    """Ask where a person went; None when cancelled. Tests replace this seam."""
    dialog = LeavingDialog(name, accounts, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def mark_left(parent: QWidget | None, document: PortfolioDocument, person_id: int) -> bool:
    """Ask where a person went, then mark them as having left: one undo step.

    Returns:
        True when they were marked (False: cancelled or refused, with a message).
    """
    person = document.person(person_id)
    accounts = [(row.id, row.name) for row in document.portfolio() if row.id != person.account_id]
    answer = ask_where_they_went(parent, person["full_name"], accounts)
    if answer is None:
        return False
    try:
        document.mark_left(
            person_id,
            left_for=answer.left_for,
            to_account_id=answer.to_account_id,
            keep_position=answer.keep_position,
        )
    except KeyplanError as error:
        dialogs.show_error(parent, str(error))
        return False
    return True


def open_position(
    parent: QWidget | None, document: PortfolioDocument, account_id: int, manager_id: int | None
) -> int | None:
    """Ask a title and a note, then open the position under the manager; its id, or None."""
    title = dialogs.ask_text(parent, "Open position", "Title of the open position (e.g. CFO):")
    if not title:
        return None
    note = dialogs.ask_text(
        parent, "Open position", "Note, e.g. when a hire is expected (may stay empty):"
    )
    try:
        return document.open_position(account_id, title, manager_id=manager_id, note=note or None)
    except KeyplanError as error:
        dialogs.show_error(parent, str(error))
        return None


def fill_position(
    parent: QWidget | None,
    document: PortfolioDocument,
    vacancy_id: int,
    candidates: list[tuple[int, str]],
) -> int | None:
    """Ask who takes an open position (someone of ``candidates`` or someone new) and seat
    them; return their id, or None when cancelled or refused (with a message)."""
    items: list[tuple[object, str]] = [(SOMEONE_NEW, "Someone new…"), *candidates]
    chosen = dialogs.ask_choice(parent, "Fill position", "Who takes this position?", items)
    if chosen is None:
        return None
    try:
        if chosen == SOMEONE_NEW:
            name = dialogs.ask_text(parent, "Fill position", "Full name of the new person:")
            if not name:
                return None
            return document.fill_vacancy_with_new(vacancy_id, name)
        assert isinstance(chosen, int)
        document.fill_vacancy(vacancy_id, chosen)
        return chosen
    except KeyplanError as error:
        dialogs.show_error(parent, str(error))
        return None
