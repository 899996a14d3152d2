"""Change a logged interaction: the log form, filled with what was logged, in a dialog.

The same form as logging, so a correction looks and works like the entry it corrects. Saving
goes through the document (one undo step); a refusal (someone of another customer, the
interaction deleted meanwhile) shows its message and keeps the dialog open with the edits.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.store.meetings.edits import InteractionContent
from keyplan.store.meetings.queries import InteractionRow
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.meetings.log_form import InteractionForm, LoggedInteraction


class InteractionEditDialog(QDialog):
    """Edit one logged interaction; ``accept`` saves it, ``reject`` leaves it as it was."""

    def __init__(
        self,
        document: PortfolioDocument,
        row: InteractionRow,
        people: list[tuple[int, str, str | None]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.interaction_id = document, row.id
        self.setWindowTitle(f"Edit interaction of {row.occurred_on.isoformat()}")
        self.form = InteractionForm()
        self.form.setTitle("")
        self.form.log_button.hide()  # the dialog's own buttons save or cancel
        known = {person_id for person_id, _, _ in people}
        # Someone who has left since still took part: keep them choosable, or a save drops them.
        gone = [(pid, name, "has left") for pid, name in row.people if pid not in known]
        self.form.set_people(people + gone)
        self.form.set_team(document.team_members())
        self.form.fill(
            LoggedInteraction(
                row.occurred_on, row.channel, [pid for pid, _ in row.people],
                [mid for mid, _ in row.team], row.summary, row.next_step,
            )
        )  # fmt: skip
        self.form.submitted.connect(lambda _entry: self.accept())  # Ctrl+Return saves too
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def content(self) -> InteractionContent:
        entry = self.form.values()
        return InteractionContent(
            entry.occurred_on, entry.channel, entry.summary, entry.next_step,
            tuple(entry.person_ids), tuple(entry.team_member_ids),
        )  # fmt: skip

    @override
    def accept(self) -> None:
        content = self.content()
        if not content.person_ids:
            dialogs.show_error(self, "Tick at least one of their people who took part.")
            return
        try:
            self.document.edit_interaction(self.interaction_id, content)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        super().accept()
