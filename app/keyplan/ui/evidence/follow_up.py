"""After logging a meeting: the updates it implies, offered in one dialog, applied as one step.

For each person met: the relationship as it is now, to raise (or lower) at once, and the
stance with what showed it (evidence linked to the meeting). Then the next step, as an action
of the plan or a promise to them, with an owner and a due date. "Apply" writes it all in one
transaction; the edit joins the meeting's own undo step, so one Undo takes back the meeting
and everything it changed. "Skip" leaves the meeting logged as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.errors import KeyplanError
from keyplan.domain.evidence_fields import EVIDENCE_FIELDS, MAX_OBSERVED_LENGTH
from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.plan_vocabulary import Confidence
from keyplan.domain.vocabulary import Strength
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets.field_editors import choice_items, make_choice_box

#: A promise or an action is due two weeks after the meeting unless the user says otherwise.
DEFAULT_DUE_DAYS = 14
NOTHING, ACTION, PROMISE = "nothing", "action", "promise"


@dataclass(frozen=True)
class MetPerson:
    """One person met, as the dialog starts from."""

    id: int
    name: str
    strength: int
    stance: str


@dataclass(frozen=True)
class LoggedMeeting:
    """The meeting just logged: what the dialog offers updates for."""

    interaction_id: int
    account_id: int
    occurred_on: date
    people: tuple[MetPerson, ...]
    team: tuple[tuple[int, str], ...]  # every team member (id, name)
    ours: tuple[int, ...]  # who of ours took part
    summary: str | None
    next_step: str | None


class FollowUpDialog(QDialog):
    """The updates a meeting implies; ``updates()`` reads them for the document."""

    def __init__(self, meeting: LoggedMeeting, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting = meeting
        self.setWindowTitle("Update after the meeting")
        self.strengths: dict[int, QComboBox] = {}
        self.stances: dict[int, QComboBox] = {}
        self.seen: dict[int, QLineEdit] = {}
        self.confidence: dict[int, QComboBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"What did the meeting of {meeting.occurred_on.isoformat()} show?"))
        layout.addWidget(self._people_box())
        layout.addWidget(self._next_step_box())
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Skip", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    # ---- building -------------------------------------------------------------------------

    def _people_box(self) -> QGroupBox:
        box = QGroupBox("The people met")
        grid = QGridLayout(box)
        for column, title in enumerate(
            ("", "Relationship", "Stance", "What showed it", "How sure")
        ):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for row, person in enumerate(self.meeting.people, start=1):
            now = Strength(max(0, min(4, person.strength))).label
            grid.addWidget(QLabel(person.name), row, 0)
            strength = make_choice_box(
                box,
                [(s.value, f"{now} → {s.label}" if s.value != person.strength else s.label)
                 for s in Strength],
                person.strength,
            )  # fmt: skip
            strength.setObjectName(f"strength_{person.id}")
            stance = make_choice_box(box, choice_items(STAKEHOLDER_FIELDS["stance"]), person.stance)
            stance.setObjectName(f"stance_{person.id}")
            seen = QLineEdit(box)
            seen.setObjectName(f"seen_{person.id}")
            seen.setMaxLength(MAX_OBSERVED_LENGTH)
            seen.setPlaceholderText("What they said or did (records evidence for the stance)")
            seen.setMinimumWidth(260)
            sure = make_choice_box(
                box, choice_items(EVIDENCE_FIELDS["confidence"]), Confidence.CONFIRMED.value
            )
            for column, widget in enumerate((strength, stance, seen, sure), start=1):
                grid.addWidget(widget, row, column)
            self.strengths[person.id], self.stances[person.id] = strength, stance
            self.seen[person.id], self.confidence[person.id] = seen, sure
        return box

    def _next_step_box(self) -> QGroupBox:
        box = QGroupBox("The next step")
        layout = QVBoxLayout(box)
        kinds = QHBoxLayout()
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for kind, text in ((NOTHING, "Nothing to record"), (ACTION, "An action of ours"),
                           (PROMISE, "A promise to them")):  # fmt: skip
            button = QRadioButton(text, box)
            button.setObjectName(f"next_{kind}")
            self.kind_group.addButton(button)
            self.kind_buttons[kind] = button
            kinds.addWidget(button)
        self.kind_buttons[PROMISE if self.meeting.next_step else NOTHING].setChecked(True)
        layout.addLayout(kinds)
        self.step_text = QLineEdit(self.meeting.next_step or "", box)
        self.step_text.setObjectName("next_text")
        self.step_text.setPlaceholderText("What happens next")
        team = [(None, "— nobody —"), *self.meeting.team]
        first_ours = self.meeting.ours[0] if self.meeting.ours else None
        self.owner = make_choice_box(box, team, first_ours)
        self.owner.setObjectName("next_owner")
        self.who = make_choice_box(box, [(p.id, p.name) for p in self.meeting.people], None)
        self.who.setObjectName("next_person")
        due = self.meeting.occurred_on + timedelta(days=DEFAULT_DUE_DAYS)
        self.due = QLineEdit(due.isoformat(), box)
        self.due.setObjectName("next_due")
        row = QHBoxLayout()
        for label, widget in (("Owner", self.owner), ("With / to", self.who), ("Due", self.due)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        layout.addWidget(self.step_text)
        layout.addLayout(row)
        return box

    # ---- scripting (tests) ----------------------------------------------------------------

    def choose(self, name: str, value: Any) -> None:
        """Pick a value in a combo box by its object name, as a user would."""
        box = self.findChild(QComboBox, name)
        assert box is not None, name
        box.setCurrentIndex(max(box.findData(value), 0))

    # ---- reading --------------------------------------------------------------------------

    def updates(self) -> dict[str, Any]:
        """What to apply: ``ratings``, ``evidence``, ``action``, ``commitment`` (document)."""
        ours = self.owner.currentData()
        on = self.meeting.occurred_on.isoformat()
        ratings: dict[int, dict[str, Any]] = {}
        evidence: list[dict[str, Any]] = []
        for person in self.meeting.people:
            strength = self.strengths[person.id].currentData()
            stance = self.stances[person.id].currentData()
            changed = {}
            if strength != person.strength:
                changed["strength"] = strength
                evidence.append(self._strength_evidence(person.id, strength, on, ours))
            if stance != person.stance:
                changed["stance"] = stance
            if changed:
                ratings[person.id] = changed
            seen = self.seen[person.id].text().strip()
            if seen:
                sure = self.confidence[person.id].currentData()
                evidence.append({"stakeholder_id": person.id, "rating": "stance",
                                 "rated_as": stance, "observed": seen, "observed_on": on,
                                 "team_member_id": ours, "source": "meeting",
                                 "confidence": sure})  # fmt: skip
        return {"ratings": ratings, "evidence": evidence, **self._next_step(ours)}

    def _strength_evidence(
        self, person_id: int, strength: int, on: str, ours: int | None
    ) -> dict[str, Any]:
        """The meeting itself is the evidence for the relationship it changed."""
        said = " ".join((self.meeting.summary or "").split()) or f"Met on {on}"
        return {"stakeholder_id": person_id, "rating": "strength", "rated_as": strength,
                "observed": said[:MAX_OBSERVED_LENGTH], "observed_on": on,
                "team_member_id": ours, "source": "meeting", "confidence": "confirmed"}  # fmt: skip

    def _next_step(self, ours: int | None) -> dict[str, Any]:
        text = self.step_text.text().strip()
        kind = next(k for k, b in self.kind_buttons.items() if b.isChecked())
        if kind == NOTHING or not text:
            return {}
        who, due = self.who.currentData(), self.due.text().strip() or None
        if kind == ACTION:
            return {"action": {"description": text, "owner_id": ours, "due_on": due,
                               "stakeholder_id": who}}  # fmt: skip
        return {"commitment": {"promise": text, "to_stakeholder_id": who,
                               "by_team_member_id": ours, "made_on": self.meeting.occurred_on,
                               "due_on": due}}  # fmt: skip


def exec_follow_up(dialog: FollowUpDialog) -> bool:
    """Run the dialog modally; True when the user pressed Apply. Tests replace this seam."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def logged_meeting(
    document: PortfolioDocument,
    account_id: int,
    interaction_id: int,
    occurred_on: date,
    person_ids: list[int],
    team_member_ids: list[int],
    summary: str | None,
    next_step: str | None,
) -> LoggedMeeting:
    """What the dialog needs of a meeting just logged, read through the document."""
    people = []
    for person_id in dict.fromkeys(person_ids):
        row = document.person(person_id)
        people.append(MetPerson(person_id, row["full_name"], row["strength"], row["stance"]))
    return LoggedMeeting(
        interaction_id,
        account_id,
        occurred_on,
        tuple(people),
        tuple(document.team_members()),
        tuple(team_member_ids),
        summary,
        next_step,
    )


def offer_follow_up(
    parent: QWidget | None, document: PortfolioDocument, meeting: LoggedMeeting
) -> bool:
    """Offer the updates a logged meeting implies; apply them as one step with the meeting.

    Returns:
        True when updates were applied.
    """
    if not meeting.people:
        return False
    dialog = FollowUpDialog(meeting, parent)
    try:
        while exec_follow_up(dialog):
            try:
                document.evidence_editor.follow_up_meeting(
                    meeting.account_id, meeting.interaction_id, **dialog.updates()
                )
                return True
            except KeyplanError as error:
                dialogs.show_error(parent, str(error))  # shown again to correct or skip
        return False
    finally:
        dialog.deleteLater()
