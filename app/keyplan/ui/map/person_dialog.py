"""Edit every field of a person from the map: a dialog built from ``STAKEHOLDER_FIELDS``.

The dialog only collects values; ``edit_person`` writes what changed through the document as
one undo step. ``exec_dialog`` is the seam tests replace, since a modal loop never returns in
an offscreen test.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import STAKEHOLDER_FIELDS, FieldSpec, Kind
from keyplan.domain.history.wording import HistoryLine
from keyplan.store.people.queries import department_choices
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.evidence.panel import EvidencePanel
from keyplan.ui.map import seats
from keyplan.ui.people.history_list import HistoryList
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.field_editors import choice_items, complete_from, make_choice_box

NO_ONE = "— nobody —"


class PersonDialog(QDialog):
    """The fields of one person: facts on the left, what we know of them on the right."""

    def __init__(
        self,
        values: dict[str, Any],
        references: dict[str, list[tuple[int, str]]],
        parent: QWidget | None = None,
        last_change: str = "",
        departments: list[str] | None = None,
        history: Sequence[HistoryLine] = (),
        matrix: MatrixFacts | None = None,
        evidence: list[dict[str, Any]] | None = None,
    ) -> None:
        """Build the form.

        Args:
            values: the person's stored values, by field name.
            references: the choices of each reference field (managers, team members; for
                the evidence lists also ``interaction_id``, the meetings they attended).
            parent: the dialog's parent.
            last_change: "Last changed by … on …" (team mode), shown under the fields.
            departments: the departments in use in the account, offered as one types.
            history: the person's change log, newest first, shown under the fields.
            matrix: their dotted-line managers (and the choices), and where they came from
                or went.
            evidence: the person's evidence rows; None shows no evidence lists.
        """
        super().__init__(parent)
        self.setWindowTitle(f"Edit {values.get('full_name') or 'person'}")
        self.original = dict(values)
        self.editors: dict[str, QWidget] = {}
        facts, notes = QFormLayout(), QFormLayout()
        for spec in STAKEHOLDER_FIELDS.values():
            editor = _make_editor(self, spec, values.get(spec.name), references)
            editor.setObjectName(f"person_{spec.name}")
            editor.setToolTip(spec.help)
            self.editors[spec.name] = editor
            if spec.name == "department" and isinstance(editor, QLineEdit):
                complete_from(editor, departments or [])
            (notes if spec.kind is Kind.NOTE else facts).addRow(spec.label, editor)
        matrix = matrix or MatrixFacts()
        self.dotted = dotted_list(self, matrix)
        facts.addRow("Dotted line to", self.dotted)
        # Who of ours owns the relationship: a row of Plan › Governance, set from here too.
        owners = [(None, NO_ONE), *references.get("relationship_owner", [])]
        self.owner_id = values.get("relationship_owner")
        self.owner_box = make_choice_box(self, owners, self.owner_id)
        self.owner_box.setObjectName("person_relationship_owner")
        self.owner_box.setToolTip(
            "Who of our team owns the relationship (Plan › Governance sets the contact rule)"
        )
        facts.addRow("Relationship owner", self.owner_box)
        columns = QHBoxLayout()
        columns.addLayout(facts, 1)
        columns.addLayout(notes, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # The fields scroll, the buttons stay: on a laptop screen, or at 200 % scaling, the
        # whole form is taller than the screen and OK would be out of reach.
        body = QWidget()
        layout = QVBoxLayout(body)
        self.story = QLabel(matrix.story)
        self.story.setObjectName("person_story")
        self.story.setStyleSheet(theme.text_style(theme.SECONDARY, "font-style: italic;"))
        self.story.setVisible(bool(matrix.story))
        layout.addWidget(self.story)
        layout.addLayout(columns)
        self.evidence: EvidencePanel | None = None
        if evidence is not None:
            choices = {"team_member_id": references.get("preferred_team_member_id", []),
                       "interaction_id": references.get("interaction_id", [])}  # fmt: skip
            self.evidence = EvidencePanel(evidence, choices, self)
            layout.addWidget(QLabel("What the ratings rest on (newest evidence counts):"))
            layout.addWidget(self.evidence)
        self.last_change = QLabel(last_change)
        self.last_change.setObjectName("person_last_change")
        self.last_change.setStyleSheet(theme.text_style(theme.HINT))
        self.last_change.setVisible(bool(last_change))
        layout.addWidget(self.last_change)
        layout.addWidget(QLabel("History"))
        self.history = HistoryList(history, self)
        layout.addWidget(self.history)
        _scrolling(self, body, buttons)

    def set_value(self, field: str, value: Any) -> None:
        """Put a value in a field's editor, as a user would (used by tests and scripts)."""
        editor = self.editors[field]
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def chosen_owner(self) -> tuple[bool, int | None]:
        """(changed, team member id) of the Relationship owner field."""
        chosen = self.owner_box.currentData()
        return chosen != self.owner_id, chosen

    def dotted_ids(self) -> list[int]:
        """The dotted-line managers ticked, in the list's order."""
        return [
            self.dotted.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.dotted.count())
            if self.dotted.item(row).checkState() == Qt.CheckState.Checked
        ]

    def set_dotted(self, manager_ids: list[int]) -> None:
        """Tick exactly these dotted-line managers (as a user would click them)."""
        for row in range(self.dotted.count()):
            item = self.dotted.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in manager_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def evidence_rows(self) -> list[dict[str, Any]] | None:
        """The evidence lists when the user changed them (else None: nothing to write).

        New rows are recorded for the ratings as the dialog shows them now.
        """
        if self.evidence is None or not self.evidence.edited:
            return None
        current = {name: _editor_value(self.editors[name]) for name in self.editors}
        return self.evidence.rows(current)

    def changes(self) -> dict[str, Any]:
        """The fields whose parsed value differs from what is stored.

        Raises:
            RuleViolation: a value cannot be stored (a letter in a number, an empty name).
        """
        changed = {}
        for name, editor in self.editors.items():
            spec = STAKEHOLDER_FIELDS[name]
            value = spec.parse(_editor_value(editor))
            if value != self.original.get(name):
                changed[name] = value
        return changed


def _scrolling(dialog: QDialog, body: QWidget, buttons: QWidget) -> None:
    """Put the form in a scroll area over the buttons, sized to fit the screen it opens on."""
    scroll = QScrollArea(dialog)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(body)
    outer = QVBoxLayout(dialog)
    outer.addWidget(scroll, 1)
    outer.addWidget(buttons)
    wanted = body.sizeHint()
    screen = dialog.screen().availableGeometry().size() if dialog.screen() else wanted
    bar = scroll.verticalScrollBar().sizeHint().width()
    margins = outer.contentsMargins()
    width = wanted.width() + bar + margins.left() + margins.right()
    height = wanted.height() + buttons.sizeHint().height() + margins.top() + margins.bottom() + 8
    dialog.resize(min(width, int(screen.width() * 0.95)), min(height, int(screen.height() * 0.9)))


@dataclass(frozen=True)
class MatrixFacts:
    """What the dialog shows of dotted lines and moves.

    Attributes:
        dotted: the person's dotted-line managers now.
        choices: who may be one: (id, name).
        story: "Was our champion at Aldermark" / "Went to Brightwave" / an open position's note.
    """

    dotted: tuple[int, ...] = ()
    choices: tuple[tuple[int, str], ...] = ()
    story: str = ""


def matrix_facts(
    document: PortfolioDocument, person_id: int, managers: list[tuple[int, str]]
) -> MatrixFacts:
    """Read a person's dotted-line managers, the choices, and where they came from or went."""
    current = document.map_editor.dotted_managers(person_id)
    choices = dict(managers)
    choices.update(current)  # a dotted manager below them in the chart is still listed
    story = document.map_editor.person_story(person_id)
    return MatrixFacts(
        tuple(mid for mid, _name in current),
        tuple(sorted(choices.items(), key=lambda pair: pair[1].casefold())),
        story_text(story),
    )


def story_text(story: dict[str, str | None]) -> str:
    """One line of where a person came from and went, or an open position's note."""
    parts = []
    if story.get("came_from"):
        text = str(story["came_from"])
        parts.append(text[:1].upper() + text[1:])
    if story.get("left_for"):
        parts.append(f"Went to {story['left_for']}")
    if story.get("vacancy_note"):
        parts.append(f"Open position: {story['vacancy_note']}")
    return " · ".join(parts)


def dotted_list(parent: QWidget, matrix: MatrixFacts) -> QListWidget:
    """The people the person may also report to, on a dotted line, each with a tick box."""
    box = QListWidget(parent)
    box.setObjectName("person_dotted")
    box.setToolTip("Secondary (matrix) managers: drawn as dotted lines, outside the chart's tree")
    for manager_id, name in matrix.choices:
        item = QListWidgetItem(name, box)
        item.setData(Qt.ItemDataRole.UserRole, manager_id)
        ticked = manager_id in matrix.dotted
        item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
    box.setFixedHeight(76)
    return box


def _make_editor(
    parent: QWidget, spec: FieldSpec, value: Any, references: dict[str, list[tuple[int, str]]]
) -> QWidget:
    if spec.kind is Kind.CHOICE:
        return make_choice_box(parent, choice_items(spec), value)
    if spec.kind is Kind.REFERENCE:
        items: list[tuple[Any, str]] = [(None, NO_ONE), *references.get(spec.name, [])]
        return make_choice_box(parent, items, value)
    if spec.kind is Kind.FLAG:
        box = QCheckBox(parent)
        box.setChecked(bool(value))
        return box
    if spec.kind is Kind.NOTE:
        note = QPlainTextEdit(parent)
        note.setPlainText(value or "")
        note.setTabChangesFocus(True)
        note.setMinimumWidth(260)
        note.setFixedHeight(76)
        return note
    line = QLineEdit(parent)
    line.setText("" if value is None else spec.display(value))
    line.setMinimumWidth(220)
    if spec.kind is Kind.LINK:
        line.setPlaceholderText("https://www.linkedin.com/in/…")
        line.setCursorPosition(0)  # a long address shows its start, where the site is named
    return line


def _editor_value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def exec_dialog(dialog: PersonDialog) -> bool:
    """Run the dialog modally; True when the user pressed OK. Tests replace this seam."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def edit_person(parent: QWidget | None, document: PortfolioDocument, person_id: int) -> bool:
    """Show a person's fields, then write what the user changed as one undo step.

    Returns:
        True when something was changed.
    """
    row = document.person(person_id)
    references = {
        "reports_to_id": document.manager_choices(person_id),
        "preferred_team_member_id": document.team_members(),
        "interaction_id": document.evidence_editor.meetings_with(person_id),
        "relationship_owner": document.team_members(),
    }
    last_change = document.last_change_text("stakeholders", person_id)
    departments = department_choices(document.database, person_id)
    history = document.person_history(person_id)
    evidence = document.evidence_editor.person_evidence(person_id)
    matrix = matrix_facts(document, person_id, references["reports_to_id"])
    dialog = PersonDialog(
        {**row.values, "relationship_owner": row.owner_ids[0] if row.owner_ids else None},
        references,
        parent,
        last_change,
        departments,
        history,
        matrix=matrix,
        evidence=evidence,
    )
    try:
        while exec_dialog(dialog):
            try:
                changes = dialog.changes()
                dotted = dialog.dotted_ids()
                dotted_changed = dotted != list(matrix.dotted)
                if dotted_changed:  # first: when refused, nothing else is written
                    document.set_dotted_managers(person_id, dotted)
                    matrix = replace(matrix, dotted=tuple(dotted))
                leaving = changes.pop("has_left", None) is True
                rows = dialog.evidence_rows()
                evidenced = False
                if rows is not None:  # fields and evidence together: one undo step
                    evidenced = document.evidence_editor.edit_person(person_id, changes, rows)
                    changes = {}
                if changes:
                    document.set_person_fields(person_id, changes)
                owner_changed, owner_id = dialog.chosen_owner()
                if owner_changed:  # its own undo step, as when set in Plan › Governance
                    document.people_editor.set_relationship_owner(person_id, owner_id)
                    dialog.owner_id = owner_id
                if leaving:  # asks where they went; their seat may stay open
                    seats.mark_left(parent, document, person_id)
                return bool(changes) or leaving or dotted_changed or evidenced or owner_changed
            except KeyplanError as error:
                dialogs.show_error(parent, str(error))
                # Shown again with what was typed, to be corrected or cancelled.
        return False
    finally:
        dialog.deleteLater()
