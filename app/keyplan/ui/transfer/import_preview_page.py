"""The import wizard's last page: who is new, who is updated, who is skipped and why.

Every row that would be written has a tick box: the user leaves out whom they do not want
(assistants, people who have left), with "Select all" and "Select none" for a long file and
Space for the highlighted rows; the summary follows the ticks. People already in the account
only get the fields they lack: where the file differs from a value the user has, the row
says so and theirs is kept, unless "Also overwrite values that differ" is ticked (the file is
compared again, the ticks kept). The summary names the departments new to the account.
The text encoding can be changed here too: the file is read again and the preview
refreshed, the ticks kept. Finish writes the ticked rows in one transaction on the writer
thread, with a progress bar.

Where rows go: the summary says how many go into each account and which companies match
none (``placement_lines``); into one account, "Also take other companies" takes those rows
too. An update found by a name the file spells differently is a guess ("≈ Update"): the user
may make any of them a new person ("Add as new person", the rows kept in ``as_new``), or
accept only exact names ("Same person only by exact name"). Each of these plans the file
again, the ticks kept.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)
from typing_extensions import override

from keyplan.domain.errors import KeyplanError
from keyplan.exchange.transfer.contact_files import ContactFile
from keyplan.exchange.transfer.import_plan import ImportPlan, plan_import
from keyplan.exchange.transfer.import_preview_text import (
    departments_summary,
    levels_summary,
    placement_lines,
    update_summary,
)
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.transfer.import_encoding import EncodingChoice
from keyplan.ui.transfer.import_preview import ImportPreviewModel, PreviewColumn

if TYPE_CHECKING:
    from keyplan.ui.transfer.import_wizard import ImportWizard


class PreviewTable(QTableView):
    """The preview's rows; Space ticks or unticks every highlighted row at once."""

    def __init__(self, model: ImportPreviewModel) -> None:
        super().__init__()
        self.preview = model
        self.setModel(model)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        tickable = [row for row in rows if self.preview.is_tickable(row)]
        if event.key() == Qt.Key.Key_Space and tickable:
            # All ticked: untick them; otherwise tick them all (as file managers do).
            everyone_in = all(self.preview.is_included(row) for row in tickable)
            self.preview.set_rows_included(tickable, not everyone_in)
            event.accept()
            return
        super().keyPressEvent(event)


class PreviewPage(QWizardPage):
    """What the import will do with every row; Finish imports the ticked ones."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle("What the import will do")
        self.setCommitPage(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ImportPreviewModel(parent=self)
        self.view = PreviewTable(self.model)
        self._set_up_view()
        self.select_all = QPushButton("Select &all")
        self.select_none = QPushButton("Select &none")
        self.select_all.clicked.connect(lambda: self.model.set_all_included(True))
        self.select_none.clicked.connect(lambda: self.model.set_all_included(False))
        self.overwrite = QCheckBox("Also &overwrite values that differ from yours")
        self.overwrite.setToolTip(
            "Off: people already in the account only get the fields they lack; where the file "
            "differs, your value is kept.\nOn: the file's values replace yours."
        )
        self.overwrite.toggled.connect(self._options_changed)
        self.all_companies = QCheckBox("Also take other &companies")
        self.all_companies.setToolTip(
            "Off: rows of companies that are not this account or its affiliates are left out "
            "and listed.\nOn: they are imported into this account too."
        )
        self.all_companies.setVisible(not wizard.portfolio)
        self.all_companies.toggled.connect(self._options_changed)
        self.exact_only = QCheckBox("Same person only by &exact name")
        self.exact_only.setToolTip(
            "On: someone in the file is someone already there only by profile, e-mail or the "
            "same name (accents aside), never by a close name; the same for managers."
        )
        self.exact_only.toggled.connect(self._options_changed)
        self.as_new_button = QPushButton("Add as ne&w person")
        self.as_new_button.setToolTip(
            "The highlighted ≈ rows are someone else: add them as new people instead.\n"
            "On rows you made new, Match again takes that back."
        )
        self.as_new_button.setEnabled(False)
        self.as_new_button.clicked.connect(self.add_selected_as_new)
        self.as_new: set[int] = set()  # rows the user said are new people, by position
        hint = QLabel("Untick anyone you want to leave out (Space ticks the highlighted rows).")
        hint.setWordWrap(True)
        self.encoding = EncodingChoice()
        self.encoding.chosen.connect(wizard.choose_encoding)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.encoding)
        tools = QHBoxLayout()
        tools.addWidget(self.select_all)
        tools.addWidget(self.select_none)
        tools.addWidget(hint, 1)
        tools.addWidget(self.overwrite)
        matching = QHBoxLayout()
        matching.addWidget(self.as_new_button)
        matching.addWidget(self.exact_only)
        matching.addStretch(1)
        matching.addWidget(self.all_companies)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addLayout(matching)
        layout.addWidget(self.encoding.problem)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        self.contact_file: ContactFile | None = None
        self.planned = False
        self.writing = False
        self.reading = False  # the file is being read again in another encoding
        self._planning = 0  # which planning's result is awaited; older ones are dropped
        self.model.dataChanged.connect(lambda *_args: self._ticks_changed())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    def _set_up_view(self) -> None:
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column in (PreviewColumn.INCLUDE, PreviewColumn.WHERE, PreviewColumn.ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (PreviewColumn.NAME, PreviewColumn.ACCOUNT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PreviewColumn.DETAILS, QHeaderView.ResizeMode.Stretch)

    @override
    def initializePage(self) -> None:
        try:
            contact_file = self.import_wizard.contacts_file_for_preview()
        except KeyplanError as error:
            self.planned = False
            self.completeChanged.emit()
            self.summary.setText(str(error))
            return
        self.show_file(contact_file)

    def show_file(self, contact_file: ContactFile) -> None:
        """Compare the file's people with the account's, off the GUI thread, and show it."""
        self.contact_file = contact_file
        self.planned = False
        self.completeChanged.emit()
        wizard = self.import_wizard
        where = "your accounts" if wizard.portfolio else "the account"
        self.summary.setText(f"Comparing with the people already in {where}…")
        target = wizard.document.import_target(wizard.account_id, portfolio=wizard.portfolio)
        contacts = contact_file.contacts
        options = {
            "overwrite": self.overwrite.isChecked(),
            "all_companies": self.all_companies.isChecked(),
            "exact_only": self.exact_only.isChecked(),
            "as_new": frozenset(self.as_new),
        }
        self._planning += 1
        planning = self._planning
        run_task(
            lambda _report: plan_import(contacts, target, **options),
            on_success=lambda plan: self._planned(planning, plan),
            on_error=self.import_wizard._cannot_continue,
        )

    def _options_changed(self) -> None:
        # The same file compared again: which rows are updates may change, the ticks stay.
        if self.contact_file is not None and not self.writing:
            self.show_file(self.contact_file)

    def selected_guesses(self) -> list[int]:
        """The highlighted rows that are guesses (``≈ Update``): what Add as new person takes."""
        return [row for row in self._selected_rows() if self.model.is_a_guess(row)]

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.view.selectionModel().selectedRows()})

    def add_selected_as_new(self) -> None:
        """Add as new person: the highlighted guesses are someone else; plan the file again.

        When the highlighted rows are only ones the user made new, the button takes that
        back ("Match again"): they are matched as the planner sees fit.
        """
        if self.writing:
            return
        guesses = self.selected_guesses()
        if guesses:
            self.as_new.update(guesses)
        else:
            chosen = [row for row in self._selected_rows() if row in self.as_new]
            if not chosen:
                return
            self.as_new.difference_update(chosen)
        self._options_changed()

    def _selection_changed(self, *_args: object) -> None:
        guesses = bool(self.selected_guesses())
        chosen = any(row in self.as_new for row in self._selected_rows())
        match_again = chosen and not guesses
        self.as_new_button.setText("&Match again" if match_again else "Add as ne&w person")
        self.as_new_button.setEnabled((guesses or chosen) and not self.writing)

    def show_reading(self, encoding: str | None) -> None:
        """The file is read again: Finish waits; the preview stays until the new one is ready."""
        self.reading = True
        how = f"as {encoding}" if encoding else "in the encoding guessed"
        self.summary.setText(f"Reading the file again {how}…")
        self.completeChanged.emit()

    def keep_preview(self) -> None:
        """No new reading is coming: the preview shown stands, and can be imported."""
        self.reading = False
        self._show_summary()
        self.completeChanged.emit()

    def _planned(self, planning: int, plan: ImportPlan) -> None:
        if planning != self._planning:
            return  # the file was read again meanwhile; a newer plan is on its way
        self.reading = False
        self.model.set_plan(plan, keep_ticks=True, chosen_new=self.as_new)
        self.view.setColumnHidden(PreviewColumn.ACCOUNT, not self.model.shows_accounts())
        self.view.resizeColumnToContents(PreviewColumn.NAME)
        self.view.resizeColumnToContents(PreviewColumn.ACCOUNT)
        self.planned = True
        self._show_summary()
        self.completeChanged.emit()

    def _ticks_changed(self) -> None:
        self._show_summary()
        self.completeChanged.emit()  # nobody ticked: nothing to finish

    def _show_summary(self) -> None:
        plan = self.model.plan()
        if plan is None or not self.planned or self.reading:
            return
        nothing = not plan.new_count and not plan.update_count
        ending = (
            "Nothing to import." if nothing else "Finish imports them; Edit › Undo takes it back."
        )
        extra = [
            text
            for text in (update_summary(plan), departments_summary(plan), levels_summary(plan))
            if text
        ]
        extra += placement_lines(plan, all_companies_option='"Also take other companies"')
        guesses = sum(1 for row in plan.rows if row.is_a_guess and row.included)
        if guesses:
            extra.append(
                f"{guesses} found by a name spelled differently (≈): check them; "
                f"Add as new person if one is someone else."
            )
        self.summary.setText(
            f"<b>{plan.summary()}</b>. {ending}"
            + "".join(f"<br>{html.escape(text)}" for text in extra)
        )

    @override
    def isComplete(self) -> bool:
        plan = self.model.plan()
        return (
            self.planned
            and not self.writing
            and not self.reading
            and plan is not None
            and bool(plan.new_count or plan.update_count)
        )

    @override
    def validatePage(self) -> bool:
        """Finish: start the write and stay on the page until it is done."""
        if self.import_wizard.receipt is not None:
            return True
        plan = self.model.plan()
        if plan is None or self.writing or self.reading:
            return False
        self.writing = True
        self.completeChanged.emit()
        self.encoding.setEnabled(False)
        self.overwrite.setEnabled(False)
        for option in (self.all_companies, self.exact_only, self.as_new_button):
            option.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        name = Path(self.import_wizard.path).name
        self.import_wizard.document.import_people_in_background(
            plan,
            name,
            on_done=self._written,
            on_error=self._failed,
            on_progress=lambda fraction: self.progress.setValue(round(fraction * 100)),
        )
        return False

    def _written(self, receipt: Any) -> None:
        self.import_wizard.receipt = receipt
        self.writing = False
        self.import_wizard.remember_mapping()
        self.import_wizard.accept()

    def _failed(self, error: BaseException) -> None:
        self.writing = False
        self.encoding.setEnabled(True)
        self.overwrite.setEnabled(True)
        for option in (self.all_companies, self.exact_only):
            option.setEnabled(True)
        self._selection_changed()
        self.progress.hide()
        self.completeChanged.emit()
        if not isinstance(error, KeyplanError):
            raise error
        dialogs.show_error(self, f"Nothing was imported. {error}", "Import refused")
