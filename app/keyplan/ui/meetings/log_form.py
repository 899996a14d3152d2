"""The quick form for logging a meeting or call: date, who took part, channel, what was said.

Built for speed after a meeting: the date starts at today, the people list filters as you type,
and Ctrl+Return logs it. Every entry starts with nobody ticked on either side: ticks that stayed
from the last entry once saved a call made alone as a colleague's too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.vocabulary import Channel
from keyplan.ui.widgets import theme

IdRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class LoggedInteraction:
    """What the form holds when the user logs it."""

    occurred_on: date
    channel: str
    person_ids: list[int]
    team_member_ids: list[int]
    summary: str | None
    next_step: str | None


class InteractionForm(QGroupBox):
    """Log a meeting, call or message; ``submitted`` carries the filled form."""

    submitted = Signal(object)  # LoggedInteraction

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Log a meeting or call", parent)
        self.setObjectName("interaction_form")  # read_only.make_read_only finds it so
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.channel_box = QComboBox()
        for channel in Channel:
            self.channel_box.addItem(channel.label, channel.value)
        self.people_filter = QLineEdit(placeholderText="Filter their people…")
        self.people_filter.setClearButtonEnabled(True)
        self.people_filter.textChanged.connect(self._filter_people)
        self.people_list = _checkable_list()
        # Who is ticked, in one line: in a list of sixty, a tick can sit out of sight.
        self.people_chosen = QLabel()
        self.people_chosen.setWordWrap(True)
        self.people_chosen.setStyleSheet(theme.text_style(theme.HINT))
        self.people_list.itemChanged.connect(self._show_chosen)
        self.team_list = _checkable_list()
        # Their people are many and ours few: the spare height goes to their list.
        self.team_list.setMaximumHeight(150)
        self.summary_edit = QPlainTextEdit(placeholderText="What was said, what you learned")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(70)
        self.next_step_edit = QLineEdit(placeholderText="What happens next, and who does it")
        self.log_button = QPushButton("Log interaction")
        self.log_button.setDefault(True)
        self.log_button.setToolTip("Ctrl+Return")
        self.log_button.clicked.connect(self.submit)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.submit)

        form = QFormLayout()
        form.addRow("Date", self.date_edit)
        form.addRow("Channel", self.channel_box)
        people = QVBoxLayout()
        people.addWidget(self.people_filter)
        people.addWidget(self.people_list)
        people.addWidget(self.people_chosen)
        form.addRow("Their people", people)
        form.addRow("Our team", self.team_list)
        form.addRow("Summary", self.summary_edit)
        form.addRow("Next step", self.next_step_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignRight)
        self.reset(date.today())
        self._show_chosen()

    # ---- filling ------------------------------------------------------------------------

    def set_people(self, people: Iterable[tuple[int, str, str | None]]) -> None:
        """The customer's people to choose from: (id, name, job title)."""
        self.people_list.clear()
        for person_id, name, title in people:
            _add_checkable(self.people_list, f"{name} — {title}" if title else name, person_id)
        self._filter_people(self.people_filter.text())

    def set_team(self, team: Iterable[tuple[int, str]]) -> None:
        """Our team members to choose from, keeping whoever was ticked."""
        ticked = set(self.checked(self.team_list))
        self.team_list.clear()
        for member_id, name in team:
            item = _add_checkable(self.team_list, name, member_id)
            if member_id in ticked:
                item.setCheckState(Qt.CheckState.Checked)

    def tick_people(self, person_ids: Iterable[int]) -> None:
        """Tick people (e.g. the person whose card was right-clicked)."""
        wanted = set(person_ids)
        first = None
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item.data(IdRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)
                first = first or item
        if first is not None:
            self.people_list.scrollToItem(first)

    def chosen_names(self) -> list[str]:
        """The names of their people ticked, in list order."""
        return [
            item.text().split(" — ")[0]
            for item in map(self.people_list.item, range(self.people_list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _show_chosen(self) -> None:
        names = self.chosen_names()
        self.people_chosen.setText(
            "With " + ", ".join(names) if names else "Tick who took part (none yet)"
        )

    def tick_team(self, member_ids: Iterable[int]) -> None:
        wanted = set(member_ids)
        for row in range(self.team_list.count()):
            item = self.team_list.item(row)
            if item.data(IdRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)

    def fill(self, entry: LoggedInteraction) -> None:
        """Show a logged interaction to change it: its date, channel, ticks and text."""
        self.date_edit.setDate(
            QDate(entry.occurred_on.year, entry.occurred_on.month, entry.occurred_on.day)
        )
        index = self.channel_box.findData(entry.channel)
        self.channel_box.setCurrentIndex(max(index, 0))
        self.people_filter.clear()
        for view, wanted in ((self.people_list, entry.person_ids),
                             (self.team_list, entry.team_member_ids)):  # fmt: skip
            for row in range(view.count()):
                item = view.item(row)
                ticked = item.data(IdRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self.summary_edit.setPlainText(entry.summary or "")
        self.next_step_edit.setText(entry.next_step or "")

    def reset(self, today: date) -> None:
        """Ready for the next entry: today, nobody ticked on either side, no text."""
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        for view in (self.people_list, self.team_list):
            for row in range(view.count()):
                view.item(row).setCheckState(Qt.CheckState.Unchecked)
        self.people_filter.clear()
        self.summary_edit.clear()
        self.next_step_edit.clear()

    # ---- reading ------------------------------------------------------------------------

    @staticmethod
    def checked(view: QListWidget) -> list[int]:
        """The ids of the ticked lines of a list, in list order."""
        return [
            view.item(row).data(IdRole)
            for row in range(view.count())
            if view.item(row).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> LoggedInteraction:
        """The form as it stands."""
        return LoggedInteraction(
            occurred_on=self.date_edit.date().toPython(),
            channel=self.channel_box.currentData(),
            person_ids=self.checked(self.people_list),
            team_member_ids=self.checked(self.team_list),
            summary=self.summary_edit.toPlainText().strip() or None,
            next_step=self.next_step_edit.text().strip() or None,
        )

    def submit(self) -> None:
        self.submitted.emit(self.values())

    def _filter_people(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())


def _checkable_list() -> QListWidget:
    view = QListWidget()
    view.setMinimumHeight(90)
    view.setUniformItemSizes(True)
    return view


def _add_checkable(view: QListWidget, text: str, item_id: int) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(IdRole, item_id)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    view.addItem(item)
    return item
