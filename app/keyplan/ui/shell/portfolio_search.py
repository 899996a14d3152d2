"""Edit › Find in portfolio (Ctrl+Shift+F): people, accounts, promises, actions and notes of
every account, found as you type; Enter opens what is selected where it lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.portfolio_search import PortfolioIndex, RecordKind, SearchHit
from keyplan.domain.wording import count_of
from keyplan.store.shell.search_records import search_records

if TYPE_CHECKING:
    from keyplan.ui.shell.main_window import MainWindow

_TYPING_PAUSE_MS = 120  # search once the user pauses, not on every key of a fast typist
_HIT_ROLE = Qt.ItemDataRole.UserRole


class PortfolioSearch(QDialog):
    """Searches the index made when the dialog opens (the portfolio does not change under it:
    the dialog is modal to the window)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        assert window.document is not None
        self.setWindowTitle("Find in portfolio")
        self.index = PortfolioIndex(search_records(window.document.database))
        self.query = QLineEdit()
        self.query.setPlaceholderText("Name, title, e-mail, a word of a note or a promise…")
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName("Find in portfolio")
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["What", "Name", "Account", "Found in"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAccessibleName("Search results")
        header = self.results.header()
        header.setStretchLastSection(True)
        for column, width in ((0, 120), (1, 240), (2, 190)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.count_label = QLabel(f"Searching {count_of(len(self.index), 'record')}.")
        layout = QVBoxLayout(self)
        for widget in (self.query, self.results, self.count_label):
            layout.addWidget(widget)
        self.timer = QTimer(self, singleShot=True, interval=_TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _text: self.timer.start())
        self.query.returnPressed.connect(self.open_selected)
        self.results.itemActivated.connect(lambda _item, _column: self.open_selected())
        self.resize(900, 480)

    def keyPressEvent(self, event) -> None:
        # Up and Down move through the results while the typing stays in the box.
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results.topLevelItemCount():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = self.results.indexOfTopLevelItem(self.results.currentItem()) + step
            row = min(max(row, 0), self.results.topLevelItemCount() - 1)
            self.results.setCurrentItem(self.results.topLevelItem(row))
            return
        super().keyPressEvent(event)

    def run_search(self) -> None:
        self.timer.stop()
        hits = self.index.search(self.query.text())
        self.results.clear()
        for hit in hits:
            self.results.addTopLevelItem(_item(hit))
        if hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
        text = self.query.text().strip()
        self.count_label.setText(f"{count_of(len(hits), 'match')} for “{text}”." if text else "")

    def open_selected(self) -> None:
        if self.timer.isActive():  # Enter typed before the pause: search what was typed
            self.run_search()
        item = self.results.currentItem()
        if item is None:
            return
        open_hit(self.window_, item.data(0, _HIT_ROLE))
        self.accept()


def _item(hit: SearchHit) -> QTreeWidgetItem:
    record = hit.record
    found = "" if hit.found_in == "name" else f"{hit.found_in}: {hit.excerpt}"
    if not found and record.kind is RecordKind.PERSON:  # who they are, at a glance
        found = next((text for label, text in record.fields if label == "Job title"), "")
    item = QTreeWidgetItem([record.kind.label, record.name, record.account_name, found])
    item.setData(0, _HIT_ROLE, hit)
    item.setToolTip(3, found)
    return item


def open_hit(window: MainWindow, hit: SearchHit) -> None:
    """Show the record where it lives: its account, then its tab and row."""
    record = hit.record
    window.select_account(record.account_id)
    window.show_account_tabs()
    if record.kind is RecordKind.PERSON:
        window.show_person(record.id)
    elif record.kind is RecordKind.PROMISE:
        window.show_commitment(record.id)
    elif record.kind is RecordKind.INTERACTION:
        window.show_tab("Interactions")
    elif record.kind is RecordKind.ACTION:
        window.show_tab("Plan")
    else:
        window.show_tab("Overview" if hit.found_in == "name" else _tab_of_account_field(hit))


def _tab_of_account_field(hit: SearchHit) -> str:
    # The plan's narrative fields are edited on the Plan tab; the rest on the Overview.
    overview = {"Also known as", "Industry", "Country", "Notes"}
    return "Overview" if hit.found_in in overview else "Plan"


def find_in_portfolio(window: MainWindow, parent: QWidget | None = None) -> None:
    dialog = PortfolioSearch(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
