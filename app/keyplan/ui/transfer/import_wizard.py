"""The import wizard: a contacts file into the selected account or the whole portfolio,
with a preview first.

Into the portfolio (File › Import contacts…) each row goes to the account its company is;
into one account (Account › Import people…) rows of other companies are left out unless the
user takes them too.

Page one says what the file is and which column of a CSV is read as what; the user may
correct any column, and must say which holds the names when none does (a corrected mapping
is remembered for files with the same columns). Page two
(``import_preview_page.py``) shows what will happen to every row: new, update (each can be
unticked) or skipped, with why. On both pages the text encoding can be chosen when the guess
reads the names wrong: the file is read again at once. Finish writes it all in one
transaction on the writer thread, with a progress bar, and the whole import is one step of
Edit › Undo. Reading and matching run off the GUI thread too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)
from typing_extensions import override

from keyplan.domain.errors import KeyplanError
from keyplan.exchange.transfer.contact_files import ContactFile, read_contacts_file, with_mapping
from keyplan.exchange.transfer.contacts import IMPORT_FIELDS, ImportRefused, MappingNeeded
from keyplan.exchange.transfer.csv_formats import guess_mapping, mapping_has_a_name
from keyplan.ui import dialogs
from keyplan.ui.background import run_task
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.transfer.import_encoding import EncodingChoice
from keyplan.ui.transfer.import_preview_page import PreviewPage

IGNORE = "(not imported)"
EXAMPLE_ROWS = 3


class ImportWizard(QWizard):
    """Import people from ``path`` into one account of the document, or (``account_id``
    None) into the portfolio: each row to the account its company is."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int | None,
        path: str,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.document, self.account_id, self.path = document, account_id, path
        self.contact_file: ContactFile | None = None
        self.needs_mapping = False
        self.receipt: Any = None
        self.chosen_encoding: str | None = None  # the user's choice; None: guessed
        self.detected = ""  # what the guess found, for "Automatic (Windows-1252)"
        self._reading = 0  # which reading's result is awaited; older ones are dropped
        self.portfolio = account_id is None
        if account_id is None:
            self.setWindowTitle("Import contacts into your portfolio")
        else:
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
        self.detected = self.contact_file.encoding
        self.columns_page.show_file(self.contact_file, self.needs_mapping)
        self._show_encoding()

    # ---- the text encoding ----------------------------------------------------------------

    def choose_encoding(self, encoding: str | None) -> None:
        """Read the file again in this encoding (None: guessed) and show it on this page.

        On the preview page, a file that cannot be read so, or whose columns then no longer
        fit the mapping, is refused with a message and the preview stays as it was.
        """
        self._reading += 1  # a reading still under way is not wanted any more
        reading = self._reading
        if encoding == self.chosen_encoding:
            self._show_encoding()
            self.preview_page.keep_preview()
            return
        if self.currentPage() is self.preview_page:
            self.preview_page.show_reading(encoding)
        run_task(
            lambda _report: _read(self.path, encoding),
            on_success=lambda result: self._read_again(reading, encoding, result),
            on_error=lambda error: self._refuse_encoding(reading, error),
        )

    def _read_again(
        self, reading: int, encoding: str | None, result: tuple[ContactFile, bool]
    ) -> None:
        if reading != self._reading:
            return
        contact_file, needs_mapping = result
        carried = self._mapping_for(contact_file) if needs_mapping else None
        on_preview = self.currentPage() is self.preview_page
        if on_preview:
            try:
                shown = _file_for_preview(contact_file, needs_mapping, carried)
            except KeyplanError as error:
                self._refuse_encoding(reading, error)
                return
        self.chosen_encoding = encoding
        if encoding is None:
            self.detected = contact_file.encoding
        self.contact_file, self.needs_mapping = contact_file, needs_mapping
        self.columns_page.show_file(contact_file, needs_mapping, carried)
        self._show_encoding()
        if on_preview:
            self.preview_page.show_file(shown)

    def _mapping_for(self, contact_file: ContactFile) -> dict[int, str] | None:
        """The columns the user mapped, when the file read again has as many columns."""
        old, new = self.contact_file, contact_file
        if old is None or old.table is None or new.table is None:
            return None
        if len(old.table.header) != len(new.table.header):
            return None
        return self.columns_page.mapping() or None

    def _refuse_encoding(self, reading: int, error: BaseException) -> None:
        if reading != self._reading:
            return
        if not isinstance(error, KeyplanError):
            raise error
        still = self.chosen_encoding or f"{self.detected} (guessed)"
        self._show_encoding(f"{error} Nothing changed: it is still read as {still}.")
        self.preview_page.keep_preview()

    def _show_encoding(self, problem: str = "") -> None:
        for choice in (self.columns_page.encoding, self.preview_page.encoding):
            choice.show_choice(self.chosen_encoding, self.detected)
            choice.show_problem(problem)

    def _cannot_continue(self, error: BaseException) -> None:
        if not isinstance(error, KeyplanError):
            raise error
        dialogs.show_error(self, str(error), "Cannot import this file")
        self.reject()

    def contacts_file_for_preview(self) -> ContactFile:
        """The file read through the mapping the user chose (when there was one to choose)."""
        assert self.contact_file is not None
        return _file_for_preview(self.contact_file, self.needs_mapping, self.columns_page.mapping())

    def remember_mapping(self) -> None:
        from keyplan.exchange.transfer import mapping_memory

        chosen = self.preview_page.contact_file
        if chosen is not None and chosen.kind == "mapped" and chosen.table is not None:
            mapping_memory.remember(chosen.table.header, chosen.mapping_by_column())


def _read(path: str, encoding: str | None = None) -> tuple[ContactFile, bool]:
    """The file, and whether its columns must be mapped by the user first."""
    try:
        return read_contacts_file(path, encoding=encoding), False
    except MappingNeeded as needed:
        assert isinstance(needed.contact_file, ContactFile)
        return needed.contact_file, True


def _file_for_preview(
    contact_file: ContactFile, needs_mapping: bool, mapping: dict[int, str] | None
) -> ContactFile:
    """The file as the preview reads it: through the user's mapping when it differs.

    Columns recognised by their names and left as they were keep the file's own kind; a
    column the user corrected makes it a mapped file, remembered for the next one.
    """
    if mapping is None and not needs_mapping:
        return contact_file
    if mapping is not None and not needs_mapping and mapping == contact_file.mapping:
        return contact_file
    if mapping is None:
        raise ImportRefused(
            f"Read as {contact_file.encoding}, the file has other columns than the ones you "
            f"mapped. Choose another encoding, or go Back and say which column is which."
        )
    return with_mapping(contact_file, mapping)


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
        self.encoding = EncodingChoice()
        self.encoding.chosen.connect(wizard.choose_encoding)
        self.encoding.setEnabled(False)  # until the file has been read once
        encoding_row = QHBoxLayout()
        encoding_row.addStretch(1)
        encoding_row.addWidget(self.encoding)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(encoding_row)
        layout.addWidget(self.encoding.problem)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        self.combos: list[QComboBox] = []
        self.by_hand: dict[str, str | None] = {}  # column name -> field the user chose
        self._ready = False

    def show_busy(self, text: str) -> None:
        self.about.setText(text)
        self.busy.show()
        self.table.hide()

    def show_file(
        self,
        contact_file: ContactFile,
        needs_mapping: bool,
        mapping: dict[int, str] | None = None,
    ) -> None:
        """Say what the file is and show its columns (``mapping``: the user's, kept)."""
        self.busy.hide()
        self.encoding.setEnabled(True)
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
                f"Recognised as a {contact_file.kind_label} file. Each column is imported as "
                "shown; correct any that is wrong."
            )
        self.about.setToolTip(contact_file.columns_read())
        if contact_file.table is not None:
            self._fill_columns(contact_file, mapping)
        else:
            self.combos = []
            self.table.hide()
        self._ready = True
        self.completeChanged.emit()

    def _fill_columns(self, contact_file: ContactFile, mapping: dict[int, str] | None) -> None:
        table = contact_file.table
        assert table is not None
        chosen = mapping or contact_file.mapping or guess_mapping(table.header)
        # What the user chose by hand outlives a reading in another encoding.
        for position, column in enumerate(table.header):
            if column in self.by_hand:
                chosen = {p: f for p, f in chosen.items() if p != position}
                if self.by_hand[column] is not None:
                    chosen[position] = self.by_hand[column]
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
            combo.currentIndexChanged.connect(
                lambda _i, column=column, combo=combo: self._chosen(column, combo)
            )
            self.table.setCellWidget(position, 2, combo)
            self.combos.append(combo)
        self.table.show()

    def _chosen(self, column: str, combo: QComboBox) -> None:
        self.by_hand[column] = combo.currentData()
        self.completeChanged.emit()

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
        if not self.combos:  # a vCard: no columns to map
            return True
        return mapping_has_a_name(set(self.mapping().values()))


def start_import(
    document: PortfolioDocument, account_id: int | None, parent: QWidget
) -> ImportWizard | None:
    """Ask for a contacts file and open the wizard on it; None when the user cancelled.

    ``account_id`` None: into the portfolio, each person to their company's account.
    """
    path = dialogs.ask_import_file(parent)
    if not path:
        return None
    wizard = ImportWizard(document, account_id, path, parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.start()
    return wizard
