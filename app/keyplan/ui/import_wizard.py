"""The import wizard: a contacts file into the selected account, with a preview first.

Page one says what the file is and, for a CSV of no known kind, lets the user say which
column is which (the answer is remembered for files with the same columns). Page two shows
what will happen to every row: new, update (each can be unticked) or skipped, with why.
Finish writes it all in one transaction on the writer thread, with a progress bar, and the
whole import is one step of Edit › Undo. Reading and matching run off the GUI thread too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from typing_extensions import override

from keyplan.domain.errors import KeyplanError
from keyplan.exchange.contact_files import ContactFile, read_contacts_file, with_mapping
from keyplan.exchange.contacts import IMPORT_FIELDS, MappingNeeded
from keyplan.exchange.csv_formats import guess_mapping, mapping_has_a_name
from keyplan.exchange.import_plan import ImportPlan, plan_import
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.import_preview import ImportPreviewModel, PreviewColumn

IGNORE = "(not imported)"
EXAMPLE_ROWS = 3


class ImportWizard(QWizard):
    """Import people from ``path`` into one account of the document."""

    def __init__(
        self, document: PortfolioDocument, account_id: int, path: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.document, self.account_id, self.path = document, account_id, path
        self.contact_file: ContactFile | None = None
        self.needs_mapping = False
        self.receipt: Any = None
        account = document.account_values(account_id)["name"]
        self.setWindowTitle(f"Import people into {account}")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.addPage(self.columns_page)
        self.addPage(self.preview_page)
        self.resize(860, 560)

    def start(self) -> None:
        """Show the wizard and read the file off the GUI thread."""
        self.show()
        self.columns_page.show_busy(f"Reading {Path(self.path).name}…")
        run_task(
            lambda _report: _read(self.path),
            on_success=self._file_read,
            on_error=self._cannot_continue,
        )

    def _file_read(self, result: tuple[ContactFile, bool]) -> None:
        self.contact_file, self.needs_mapping = result
        self.columns_page.show_file(self.contact_file, self.needs_mapping)

    def _cannot_continue(self, error: BaseException) -> None:
        if not isinstance(error, KeyplanError):
            raise error
        dialogs.show_error(self, str(error), "Cannot import this file")
        self.reject()

    def contacts_file_for_preview(self) -> ContactFile:
        """The file read through the mapping the user chose (when there was one to choose)."""
        assert self.contact_file is not None
        if self.needs_mapping or self.contact_file.kind == "mapped":
            return with_mapping(self.contact_file, self.columns_page.mapping())
        return self.contact_file

    def remember_mapping(self) -> None:
        from keyplan.exchange import mapping_memory

        chosen = self.preview_page.contact_file
        if chosen is not None and chosen.kind == "mapped" and chosen.table is not None:
            mapping_memory.remember(chosen.table.header, chosen.mapping_by_column())


def _read(path: str) -> tuple[ContactFile, bool]:
    """The file, and whether its columns must be mapped by the user first."""
    try:
        return read_contacts_file(path), False
    except MappingNeeded as needed:
        assert isinstance(needed.contact_file, ContactFile)
        return needed.contact_file, True


class ColumnsPage(QWizardPage):
    """What the file is; for a CSV, which column goes into which field."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle("The file")
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Column in the file", "Example", "Imported as"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        self.combos: list[QComboBox] = []
        self._ready = False

    def show_busy(self, text: str) -> None:
        self.about.setText(text)
        self.busy.show()
        self.table.hide()

    def show_file(self, contact_file: ContactFile, needs_mapping: bool) -> None:
        self.busy.hide()
        self.setSubTitle(f"{contact_file.name}: {contact_file.description()}.")
        if contact_file.table is None:
            self.about.setText("A vCard file: every card is a person. Next shows who is new.")
        elif needs_mapping:
            self.about.setText(
                "Keyplan does not know this kind of file. Say which column holds what; the "
                "names are needed (full name, or first and last name). Keyplan remembers your "
                "choice for files with the same columns."
            )
        else:
            self.about.setText(
                f"Recognised as a {contact_file.kind_label} file. These columns are imported:"
            )
        if contact_file.table is not None:
            self._fill_columns(contact_file, editable=needs_mapping)
        self._ready = True
        self.completeChanged.emit()

    def _fill_columns(self, contact_file: ContactFile, *, editable: bool) -> None:
        table = contact_file.table
        assert table is not None
        chosen = contact_file.mapping or guess_mapping(table.header)
        self.table.setRowCount(len(table.header))
        self.combos = []
        for position, column in enumerate(table.header):
            self.table.setItem(position, 0, QTableWidgetItem(column))
            examples = [cells[position] for _n, cells in table.rows[:EXAMPLE_ROWS]
                        if position < len(cells) and cells[position].strip()]  # fmt: skip
            self.table.setItem(position, 1, QTableWidgetItem(" · ".join(examples)))
            combo = QComboBox()
            combo.addItem(IGNORE, None)
            for name, label in IMPORT_FIELDS.items():
                combo.addItem(label, name)
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(position))))
            combo.setEnabled(editable)
            combo.currentIndexChanged.connect(lambda _i: self.completeChanged.emit())
            self.table.setCellWidget(position, 2, combo)
            self.combos.append(combo)
        self.table.show()

    def mapping(self) -> dict[int, str]:
        """Column position -> import field, as the combo boxes say."""
        return {
            position: combo.currentData()
            for position, combo in enumerate(self.combos)
            if combo.currentData() is not None
        }

    def choose(self, column: str, field: str | None) -> None:
        """Set what a column is imported as (what a user does with the combo box)."""
        assert self.import_wizard.contact_file is not None
        table = self.import_wizard.contact_file.table
        assert table is not None
        combo = self.combos[table.header.index(column)]
        combo.setCurrentIndex(combo.findData(field))

    @override
    def isComplete(self) -> bool:
        if not self._ready:
            return False
        if not self.import_wizard.needs_mapping:
            return True
        return mapping_has_a_name(set(self.mapping().values()))


class PreviewPage(QWizardPage):
    """Who is new, who is updated, who is skipped and why; Finish imports."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.import_wizard = wizard
        self.setTitle("What the import will do")
        self.setCommitPage(False)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ImportPreviewModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        for column in (PreviewColumn.INCLUDE, PreviewColumn.WHERE, PreviewColumn.ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PreviewColumn.NAME, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PreviewColumn.DETAILS, QHeaderView.ResizeMode.Stretch)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        self.contact_file: ContactFile | None = None
        self.planned = False
        self.writing = False
        self.model.dataChanged.connect(lambda *_args: self._show_summary())

    @override
    def initializePage(self) -> None:
        self.planned = False
        self.completeChanged.emit()
        try:
            self.contact_file = self.import_wizard.contacts_file_for_preview()
        except KeyplanError as error:
            self.summary.setText(str(error))
            return
        self.summary.setText("Comparing with the people already in the account…")
        target = self.import_wizard.document.import_target(self.import_wizard.account_id)
        contacts = self.contact_file.contacts
        run_task(
            lambda _report: plan_import(contacts, target),
            on_success=self._planned,
            on_error=self.import_wizard._cannot_continue,
        )

    def _planned(self, plan: ImportPlan) -> None:
        self.model.set_plan(plan)
        self.view.resizeColumnToContents(PreviewColumn.NAME)
        self.planned = True
        self._show_summary()
        self.completeChanged.emit()

    def _show_summary(self) -> None:
        plan = self.model.plan()
        if plan is None:
            return
        nothing = not plan.new_count and not plan.update_count
        ending = (
            "Nothing to import." if nothing else "Finish imports them; Edit › Undo takes it back."
        )
        self.summary.setText(f"<b>{plan.summary()}</b>. {ending}")

    @override
    def isComplete(self) -> bool:
        plan = self.model.plan()
        return (
            self.planned
            and not self.writing
            and plan is not None
            and bool(plan.new_count or plan.update_count)
        )

    @override
    def validatePage(self) -> bool:
        """Finish: start the write and stay on the page until it is done."""
        if self.import_wizard.receipt is not None:
            return True
        plan = self.model.plan()
        if plan is None or self.writing:
            return False
        self.writing = True
        self.completeChanged.emit()
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
        self.progress.hide()
        self.completeChanged.emit()
        if not isinstance(error, KeyplanError):
            raise error
        dialogs.show_error(self, f"Nothing was imported. {error}", "Import refused")


def start_import(
    document: PortfolioDocument, account_id: int, parent: QWidget
) -> ImportWizard | None:
    """Ask for a contacts file and open the wizard on it; None when the user cancelled."""
    path = dialogs.ask_import_file(parent)
    if not path:
        return None
    wizard = ImportWizard(document, account_id, path, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.start()
    return wizard
