"""File › Import calendar…: meetings of an .ics export become interactions, after a preview.

The dialog reads the file off the GUI thread for the range shown (the year up to today: past
meetings), then says what an import would do: the meetings per account, each meeting with
its date, account and both sides, what is left out and why, and the attendees nobody knows.
Ticking an unknown attendee adds them as a person of the account they probably work for, and
the preview follows at once (a meeting only they attended now comes in too). Import writes it
all in one transaction on the writer thread; Edit › Undo takes the whole import back.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from keyplan.domain.errors import KeyplanError
from keyplan.domain.vocabulary import Channel
from keyplan.domain.wording import count_of
from keyplan.exchange.transfer.calendar_file import day_range
from keyplan.exchange.transfer.calendar_import import (
    CalendarPreview,
    import_summary,
    read_and_match,
    with_new_people,
)
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets import theme

CALENDAR_FILTER = "Calendars (*.ics *.ical *.ifb);;All files (*)"
#: Meetings listed in the preview; the counts always cover them all.
LISTED_MEETINGS = 500


class CalendarImportDialog(QDialog):
    """Preview and import the meetings of one calendar file into the document's database."""

    def __init__(
        self,
        document: PortfolioDocument,
        path: str,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.document, self.path = document, path
        self.file_name = Path(path).name
        self.preview: CalendarPreview | None = None  # as read, nobody added
        self.shown: CalendarPreview | None = None  # with the ticked attendees added
        self.receipt: Any = None
        self._reading = 0  # which reading's result is awaited; older ones are dropped
        self.setWindowTitle(f"Import calendar: {self.file_name}")
        today = today or date.today()
        self.first_edit = _date_edit(today - timedelta(days=365))
        self.last_edit = _date_edit(today)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet(theme.text_style(theme.HINT))
        self.meetings_table = _table(
            ["Date", "Your time", "Meeting", "Account", "Their people", "Our team"]
        )
        self.unknown_label = QLabel()
        self.unknown_table = _table(
            ["Name (tick to add)", "E-mail", "Meetings", "Probably works for"]
        )
        self.unknown_table.itemChanged.connect(self._ticks_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton("Import")
        self.import_button.setDefault(True)
        self.import_button.setEnabled(False)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        dates = QHBoxLayout()
        dates.addWidget(QLabel("Meetings from"))
        dates.addWidget(self.first_edit)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.last_edit)
        dates.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(self.meetings_table, 3)
        layout.addWidget(self.unknown_label)
        layout.addWidget(self.unknown_table, 2)
        layout.addWidget(buttons)
        self.resize(1040, 660)
        for edit in (self.first_edit, self.last_edit):
            edit.dateChanged.connect(lambda _day: self.read())

    # ---- reading --------------------------------------------------------------------------

    def read(self) -> None:
        """Read the file for the dates shown and match it, off the GUI thread."""
        self._reading += 1
        reading = self._reading
        self.import_button.setEnabled(False)
        self.summary.setText(f"Reading {self.file_name}…")
        first, last = self.first_edit.date().toPython(), self.last_edit.date().toPython()
        database, path = self.document.database, self.path

        # Up to today means up to now: a meeting later today has not happened yet.
        through = None if last == date.today() else last

        def work(_report: Any) -> CalendarPreview:
            from datetime import datetime

            since, until = day_range(first, through, datetime.now().astimezone())
            return read_and_match(path, database, since, until)

        run_task(
            work,
            on_success=lambda preview: self._read_done(reading, preview),
            on_error=lambda error: self._refused(reading, error),
        )

    def _read_done(self, reading: int, preview: CalendarPreview) -> None:
        if reading != self._reading:
            return
        self.preview = self.shown = preview
        self._show_unknown(preview)
        self._show(preview)

    def _refused(self, reading: int, error: BaseException) -> None:
        if reading != self._reading:
            return
        if not isinstance(error, KeyplanError | OSError):
            raise error  # a bug: let the excepthook report it
        self.summary.setText(f"<b>Cannot import:</b> {_escaped(str(error))}")
        self.preview = self.shown = None
        dialogs.show_error(self, str(error), "Cannot import the calendar")

    # ---- showing --------------------------------------------------------------------------

    def _show(self, preview: CalendarPreview) -> None:
        plan, names = preview.plan, preview.directory.account_names
        count = len(plan.meetings)
        per_account = ", ".join(
            f"{names.get(account_id, '?')} {number}" for account_id, number in plan.per_account()
        )
        self.summary.setText(
            f"<b>{count_of(count, 'meeting')} "
            f"{'becomes an interaction' if count == 1 else 'become interactions'}</b>"
            + (f": {_escaped(per_account)}" if per_account else "")
        )
        self.details.setText(_details(preview))
        self._fill_meetings(preview)
        self.import_button.setEnabled(bool(plan.meetings))
        self.import_button.setText(f"Import {count_of(count, 'meeting')}")

    def _fill_meetings(self, preview: CalendarPreview) -> None:
        names = preview.directory.account_names
        team = dict(self.document.team_members())
        rows = preview.plan.meetings[:LISTED_MEETINGS]
        table = self.meetings_table
        table.setRowCount(len(rows))
        for row, planned in enumerate(rows):
            meeting = planned.meeting
            people = _their_people(preview, planned)
            ours = ", ".join(team.get(member, "?") for member in planned.team_member_ids)
            how = "video" if planned.channel == Channel.VIDEO.value else ""
            # The date where it was held (what is logged); the time on the user's clock.
            cells = (
                f"{meeting.day:%a %Y-%m-%d}",
                f"{meeting.starts_local:%d %b %H:%M}",
                (meeting.summary or "(no title)") + (f" ({how})" if how else ""),
                names.get(planned.account_id, "?"),
                people,
                ours or "me",
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, _cell(text))
        _fit_columns(table, {2: 300, 3: 210, 4: 240})

    def _show_unknown(self, preview: CalendarPreview) -> None:
        unknown, names = preview.plan.unknown, preview.directory.account_names
        self.unknown_label.setText(
            f"<b>{count_of(len(unknown), 'attendee')} nobody knows yet.</b> "
            "Tick those to add as people of the account they probably work for."
            if unknown
            else "Every attendee is known (or one of our team)."
        )
        table = self.unknown_table
        table.blockSignals(True)
        table.setRowCount(len(unknown))
        for row, attendee in enumerate(unknown):
            tick = _cell(attendee.name or "")
            tick.setData(Qt.ItemDataRole.UserRole, attendee.email)
            if attendee.account_id is not None:
                tick.setFlags(tick.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                tick.setCheckState(Qt.CheckState.Unchecked)
            else:
                tick.setToolTip("No account is likely: add them from their account's People tab.")
            account = names.get(attendee.account_id, "") if attendee.account_id else "—"
            cells = (attendee.email, str(attendee.meetings), account)
            table.setItem(row, 0, tick)
            for column, text in enumerate(cells, start=1):
                table.setItem(row, column, _cell(text))
        table.blockSignals(False)
        _fit_columns(table, {})

    def ticked_emails(self) -> list[str]:
        table = self.unknown_table
        return [
            table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            for row in range(table.rowCount())
            if table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def _ticks_changed(self, _item: QTableWidgetItem) -> None:
        if self.preview is None:
            return
        ticked = self.ticked_emails()
        self.shown = with_new_people(self.preview, ticked) if ticked else self.preview
        self._show(self.shown)

    # ---- importing ------------------------------------------------------------------------

    @override
    def accept(self) -> None:
        if self.shown is None or not self.shown.plan.meetings:
            return
        self.import_button.setEnabled(False)
        self.summary.setText(f"Importing {len(self.shown.plan.meetings)} meetings…")
        self.document.transfer_editor.import_calendar_in_background(
            self.shown, self.file_name, on_done=self._imported, on_error=self._failed
        )

    def _imported(self, receipt: Any) -> None:
        self.receipt = receipt
        dialogs.show_info(self, import_summary(receipt), "Import calendar")
        super().accept()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, KeyplanError | OSError):
            raise error
        dialogs.show_error(self, str(error), "Import failed")
        self.read()  # what the database holds now, previewed again


def start_calendar_import(window: Any) -> CalendarImportDialog | None:
    """File › Import calendar…: ask for the file, then preview it; None when cancelled."""
    document = window.document
    if document is None:
        return None
    path = dialogs.ask_open_file(window, "Import calendar", CALENDAR_FILTER)
    if not path:
        return None
    dialog = CalendarImportDialog(document, path, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.read()
    return dialog


def _details(preview: CalendarPreview) -> str:
    read, plan = preview.read, preview.plan
    parts = [f"{count_of(len(read.meetings), 'meeting')} in the file between these dates"]
    if read.all_day:
        parts.append(f"{count_of(read.all_day, 'all-day event')} left out")
    if read.cancelled:
        parts.append(f"{read.cancelled} cancelled left out")
    if plan.already_imported:
        parts.append(f"{plan.already_imported} imported before (skipped)")
    if plan.without_our_people:
        parts.append(f"{plan.without_our_people} with none of your accounts' people")
    if preview.new_people:
        parts.append(f"{count_of(len(preview.new_people), 'attendee')} added as people")
    return "; ".join(parts) + "."


def _their_people(preview: CalendarPreview, planned: Any) -> str:
    """The names of their people at a meeting, as the database knows them."""
    names = preview.directory.person_names
    return ", ".join(sorted(names.get(pid, "?") for pid in planned.person_ids))


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _table(titles: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(titles))
    table.setHorizontalHeaderLabels(titles)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)  # a long list of names is elided, whole in its tooltip
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def _fit_columns(table: QTableWidget, widest: dict[int, int]) -> None:
    """Columns as wide as their text (some at most ``widest``), the last filling the rest."""
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Interactive)
    table.resizeColumnsToContents()
    for column, most in widest.items():
        table.setColumnWidth(column, min(table.columnWidth(column), most))
    header.setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _escaped(text: str) -> str:
    import html

    return html.escape(text)
