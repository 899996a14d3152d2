"""The Overview tab: the account at a glance, and its fields edited where they stand."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.account_names import ALIASES_HINT
from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import ACCOUNT_FIELDS, BUSINESS_GROUPS, FieldSpec, Kind
from keyplan.domain.wording import count_of
from keyplan.store.shell.quick_reads import AccountGlance, account_glance
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.choice_box import choice_items, make_choice_box
from keyplan.ui.widgets.note_edit import NoteEdit
from keyplan.ui.widgets.wrapped_label import WrappedLabel

# Each field is edited in one place: who the account is here, the plan's content (the
# customer's business, our position, revenue and potential, the review cadence) on the Plan
# tab. The Overview repeated Plan section 1, and users did not know where to write.
ACCOUNT_GROUP = (
    "name", "aliases", "industry", "region", "country", "tier", "status", "currency", "website",
)  # fmt: skip
NOTES_GROUP = ("notes",)
PLAN_TEXT = (
    "The customer's business, our position, revenue and potential, and the review cadence "
    "are written in the plan."
)


class OverviewTab(QWidget):
    """Shows one account: a summary line that gives something back, then who the account is."""

    plan_requested = Signal()  # "Open the plan": the main window shows the Plan tab

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.editors: dict[str, QWidget] = {}
        self._build()
        document.account_changed.connect(self._on_account_changed)
        document.people_changed.connect(lambda _account: self._refresh_glance())
        document.person_changed.connect(self._on_person_changed)
        # The glance counts contact and promises of the whole family: an interaction or a
        # promise anywhere may change it (one small query), so it is read again at once.
        document.interactions_changed.connect(lambda _account: self._refresh_glance())
        plan_changed = getattr(document, "plan_changed", None)
        if plan_changed is not None:
            plan_changed.connect(self._on_plan_changed)

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.glance = WrappedLabel()
        self.glance.setStyleSheet(theme.text_style(theme.SECONDARY))
        columns = QHBoxLayout()
        columns.addWidget(self._group("Account", ACCOUNT_GROUP, rows_at_top=True), 2)
        side = QVBoxLayout()
        side.addWidget(self._group("Notes", NOTES_GROUP), 1)
        side.addWidget(self._plan_box())
        columns.addLayout(side, 3)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.glance)
        body_layout.addLayout(columns)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def _plan_box(self) -> QGroupBox:
        box = QGroupBox("The plan")
        text = WrappedLabel(PLAN_TEXT)
        self.plan_status = WrappedLabel()
        self.open_plan_button = QPushButton("Open the plan")
        self.open_plan_button.clicked.connect(lambda _checked=False: self.plan_requested.emit())
        column = QVBoxLayout(box)
        for widget in (text, self.plan_status):
            column.addWidget(widget)
        button_row = QHBoxLayout()  # the button at its own width, on the left (no `Qt` enums:
        button_row.addWidget(self.open_plan_button)  # their first use costs the start 20 ms)
        button_row.addStretch(1)
        column.addLayout(button_row)
        return box

    def _group(
        self, title: str, fields: tuple[str, ...], *, rows_at_top: bool = False
    ) -> QGroupBox:
        """A box of the fields' editors, each row labelled; with ``rows_at_top``, a box made
        taller (by a taller column beside it) keeps its rows together at the top, the room
        left below them."""
        group = QGroupBox(title)
        if rows_at_top:  # not a fixed size policy: QSizePolicy's type costs the start 3 M
            column = QVBoxLayout(group)
            form = QFormLayout()
            column.addLayout(form)
            column.addStretch(1)
        else:
            form = QFormLayout(group)
        for field in fields:
            spec = ACCOUNT_FIELDS[field]
            editor = self._make_editor(spec)
            editor.setObjectName(f"account_{field}")
            editor.setToolTip(spec.help)
            self.editors[field] = editor
            if spec.label == title:  # the group's title names its only field already
                form.addRow(editor)
            else:
                form.addRow(spec.label, editor)
        return group

    def _make_editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind is Kind.CHOICE:
            box = make_choice_box(self, choice_items(spec), None)
            box.activated.connect(lambda _i, s=spec, b=box: self._commit(s, b.currentData()))
            return box
        if spec.kind is Kind.NOTE:
            note = NoteEdit()
            if spec.name == "aliases":
                note.setPlaceholderText(ALIASES_HINT)
                # Three names show, more scroll (its box keeps the rows at the top: _group).
                note.setFixedHeight(58)
            note.committed.connect(lambda text, s=spec: self._commit(s, text))
            return note
        line = QLineEdit()
        if spec.kind is Kind.DATE:
            line.setPlaceholderText("YYYY-MM-DD")
        line.editingFinished.connect(lambda s=spec, e=line: self._commit(s, e.text()))
        return line

    # ---- showing ------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.setEnabled(account_id is not None)
        if account_id is None:
            self.title.setText("No account selected")
            return
        values = self.document.account_values(account_id)
        for field, editor in self.editors.items():
            self._show_value(ACCOUNT_FIELDS[field], editor, values[field])
        self.title.setText(values["name"])
        self._refresh_glance(values)
        self.plan_status.setText(plan_status_text(values))

    def _show_value(self, spec: FieldSpec, editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, NoteEdit):
            editor.show_text(value or "")
        elif isinstance(editor, QLineEdit):
            editor.setText(spec.display(value) if spec.kind is not Kind.TEXT else value or "")
            editor.setCursorPosition(0)

    def _refresh_glance(self, values: dict[str, Any] | None = None) -> None:
        if self.account_id is None:
            return
        values = values or self.document.account_values(self.account_id)
        facts = account_glance(self.document.database, self.account_id)  # as of today
        self.glance.setText(glance_text(facts, values))

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if account_id != self.account_id:
            return
        values = self.document.account_values(account_id)
        if field in self.editors:
            self._show_value(ACCOUNT_FIELDS[field], self.editors[field], values[field])
        self.plan_status.setText(plan_status_text(values))
        if field == "name":
            self.title.setText(values["name"])
        self._refresh_glance(values)

    def _on_person_changed(self, _person_id: int, field: str) -> None:
        if field in ("stance", "buying_role", "has_left"):
            self._refresh_glance()

    def _on_plan_changed(self, table: str, _account_id: int) -> None:
        from keyplan.domain.plan_fields import PlanTable  # not needed at start-up

        if table == PlanTable.COMMITMENTS.value:  # the glance counts open and overdue promises
            self._refresh_glance()

    # ---- editing ------------------------------------------------------------------------

    def _commit(self, spec: FieldSpec, value: Any) -> None:
        if self.account_id is None:
            return
        try:
            self.document.set_account_field(self.account_id, spec.name, value)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            self.show_account(self.account_id)  # put back what is stored


def glance_text(facts: AccountGlance, values: dict[str, Any]) -> str:
    """One line of what matters: size, politics, reach, promises and wallet share."""
    parts = [count_of(facts.people, "person")]
    if facts.affiliates:
        parts[0] += f" across {facts.affiliates + 1} companies"
    if facts.left:  # the tree and the map count them too: say why this number is smaller
        parts[0] += f" (and {facts.left} who left)"
    parts.append(count_of(facts.decision_makers, "decision maker"))
    parts.append(f"{count_of(facts.champions, 'champion')}, {count_of(facts.blockers, 'blocker')}")
    if facts.never_contacted:
        parts.append(f"{facts.never_contacted} never contacted")
    if facts.last_interaction:
        parts.append(f"last contact {facts.last_interaction.isoformat()}")
    if facts.open_commitments:
        promises = f"{facts.open_commitments} open promises"
        if facts.overdue_commitments:
            promises += f" ({facts.overdue_commitments} overdue)"
        parts.append(promises)
    revenue, potential = values.get("annual_revenue"), values.get("potential")
    if revenue and potential:
        parts.append(f"{revenue / potential:.0%} share of wallet")
    return " · ".join(parts)


def plan_status_text(values: dict[str, Any]) -> str:
    """How far the plan is written: "8 of 12 questions on the customer's business answered ·
    reviewed 2026-11-02"."""
    fields = [field for _title, group in BUSINESS_GROUPS for field in group]
    answered = sum(1 for field in fields if str(values.get(field) or "").strip())
    parts = [f"{answered} of {len(fields)} questions on the customer's business answered"]
    reviewed = values.get("last_review_on")
    parts.append(f"last reviewed {reviewed.isoformat()}" if reviewed else "never reviewed")
    return " · ".join(parts)
