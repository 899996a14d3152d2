"""The portfolio dashboard: many games of chess at once, the accounts that need attention first.

Every account is a row: tier, revenue and potential, the health score with its top reason (all
reasons in the tooltip), coverage breadth, overdue promises, plan age, last contact and a
twelve-month trend. Sorted worst health first; double-click (or Enter) opens the account.
The portfolio is read when the dashboard is first shown, never at start-up.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.wording import count_of
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.insights import palette
from keyplan.ui.insights.dashboard_model import (
    AccountIdRole,
    DashboardColumn,
    PortfolioDashboardModel,
    SortRole,
    TrendRole,
)
from keyplan.ui.insights.sparkline import SparklineDelegate
from keyplan.ui.widgets import theme

#: Account fields the dashboard shows or the insights read.
_ACCOUNT_FIELDS = frozenset({"name", "tier", "currency", "annual_revenue", "potential",
                             "review_cadence_days", "last_review_on"})  # fmt: skip


class PortfolioDashboard(QWidget):
    """Every account of the portfolio with its health; ``account_chosen`` opens one."""

    account_chosen = Signal(int)

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.model = PortfolioDashboardModel(document.dashboard_facts, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(DashboardColumn.ACCOUNT)
        self._loading: object | None = None  # the background task reading the portfolio
        self._reload_wanted = False
        self._pending_accounts: set[int] = set()
        self._pending_people: set[int] = set()
        # Edits come in bursts (a macro, an interaction with five people): recompute once.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._apply_pending)
        self._build()
        self._follow(document)

    def _build(self) -> None:
        self.title = QLabel("Portfolio")
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.filter_box = QLineEdit(placeholderText="Filter accounts…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter accounts")
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName("Accounts by health")
        self.table.setAccessibleDescription(
            "Every account with its health score and what to fix first, worst first; "
            "Enter opens the account"
        )
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(DashboardColumn.HEALTH, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # A reason wider than its column wraps (its row grows) rather than being cut off: a
        # laptop's 1,280 px leave "What to fix first" narrower than its longest headline.
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        # Two lines a row at least: "What to fix first" holds the two biggest reasons.
        line = self.table.fontMetrics().lineSpacing()
        self.table.verticalHeader().setDefaultSectionSize(2 * line + 10)
        self.table.verticalHeader().setMinimumSectionSize(2 * line + 10)
        self._rows_fit = QTimer(self)
        self._rows_fit.setSingleShot(True)
        self._rows_fit.setInterval(0)
        self._rows_fit.timeout.connect(self.table.resizeRowsToContents)
        self.table.setItemDelegateForColumn(
            DashboardColumn.TREND, SparklineDelegate(TrendRole, self.table)
        )
        self.table.doubleClicked.connect(self._open)
        for key in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._open(self.table.currentIndex()))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._wrap_again)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.filter_box)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        hint = QLabel("Double-click an account to open it. Hover over a score for its reasons.")
        hint.setStyleSheet(theme.text_style(theme.MUTED))
        layout.addWidget(hint)

    def _follow(self, document: PortfolioDocument) -> None:
        document.accounts_changed.connect(self._on_accounts_changed)
        document.account_changed.connect(self._on_account_changed)
        document.people_changed.connect(self._queue_account)
        document.interactions_changed.connect(self._queue_account)
        document.person_changed.connect(self._on_person_changed)
        # Our team and offerings count in every account's score: read them all again.
        document.roster_changed.connect(self._on_accounts_changed)
        plan_changed = getattr(document, "plan_changed", None)
        if plan_changed is not None:
            plan_changed.connect(lambda _table, account_id: self._queue_account(account_id))

    # ---- showing ------------------------------------------------------------------------

    def load(self) -> None:
        """Read and summarise the whole portfolio now, on this thread."""
        self._show_rows(self.model.compute_rows())

    def load_in_background(self) -> None:
        """Read and summarise the portfolio on a worker thread; the rows appear when ready.

        A large portfolio takes longer than a screen may freeze for (ARCHITECTURE: ~100 ms),
        so the window stays responsive while it is read.
        """
        if self._loading is not None:
            self._reload_wanted = True  # the accounts changed while they were being read
            return
        from keyplan.ui.background import run_task

        self.headline.setText("Reading the portfolio…")
        self._loading = run_task(
            lambda _report: self.model.compute_rows(),
            on_success=self._show_rows,
            on_error=self._load_failed,
        )

    def _show_rows(self, rows: list) -> None:
        self._loading = None
        self.model.set_rows(rows)
        self._fit_columns()
        self._update_headline()
        if self._reload_wanted:
            self._reload_wanted = False
            self.load_in_background()
        elif self._pending_accounts or self._pending_people:
            self._timer.start()  # edits made while it was being read

    def _load_failed(self, error: BaseException) -> None:
        self._loading = None
        if not isinstance(error, KeyplanError):
            raise error
        self.headline.setText(f"The portfolio could not be read: {error}")

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.model.loaded:
            self.load_in_background()

    def _fit_columns(self) -> None:
        # Every column as wide as its content; what to fix takes what is left, and wraps what
        # does not fit (its tooltip has every reason in full). A long account name wraps too.
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(
            DashboardColumn.ACCOUNT, min(self.table.columnWidth(DashboardColumn.ACCOUNT), 190)
        )
        self.table.setColumnWidth(DashboardColumn.TREND, 112)
        header.setSectionResizeMode(DashboardColumn.TOP_REASON, QHeaderView.ResizeMode.Stretch)
        self._rows_fit.start()

    def _wrap_again(self, column: int, _old: int, _new: int) -> None:
        # Rows are as tall as their wrapped text: a narrower column may need another line.
        if column in (DashboardColumn.TOP_REASON, DashboardColumn.ACCOUNT):
            self._rows_fit.start()

    def _update_headline(self) -> None:
        rows = self.model.rows()
        attention = [r for r in rows if r.summary.score.value < palette.ATTENTION]
        overdue = sum(r.summary.promises.overdue for r in rows if r.umbrella is None)
        reviews = sum(1 for r in rows if r.summary.freshness.is_overdue)
        parts = [count_of(len(rows), "account")]
        parts.append(
            f"<span style='color:{theme.css(theme.WARNING)}'>"
            f"{len(attention)} need attention</span> "
            f"(health below {palette.ATTENTION})"
            if attention
            else "none below a health of 50"
        )
        parts.append(count_of(overdue, "overdue promise"))
        parts.append(f"{count_of(reviews, 'plan review')} due")
        self.headline.setText(" · ".join(parts))

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.account_chosen.emit(index.data(AccountIdRole))

    def select_account(self, account_id: int) -> None:
        """Put the cursor on an account's row."""
        row = self.model.row_of(account_id)
        if row is not None:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.selectRow(index.row())

    # ---- following the document ---------------------------------------------------------

    def _on_accounts_changed(self) -> None:
        if self.model.loaded:
            self.model.loaded = False
            self.load_in_background()

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if field in _ACCOUNT_FIELDS:
            self._queue_account(account_id)

    def _queue_account(self, account_id: int, *_args: Any) -> None:
        if self.model.loaded or self._loading is not None:
            self._pending_accounts.add(account_id)
            self._timer.start()

    def _on_person_changed(self, person_id: int, _field: str) -> None:
        if self.model.loaded or self._loading is not None:
            self._pending_people.add(person_id)
            self._timer.start()

    def _apply_pending(self) -> None:
        if self._loading is not None:
            return  # applied when the rows arrive
        accounts = set(self._pending_accounts)
        for person_id in self._pending_people:
            try:
                accounts.add(self.document.person(person_id).account_id)
            except KeyplanError:
                continue  # deleted meanwhile: its account came through people_changed
        self._pending_accounts.clear()
        self._pending_people.clear()
        self.model.refresh_accounts(accounts)
        self._update_headline()
