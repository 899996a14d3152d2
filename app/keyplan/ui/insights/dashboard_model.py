"""The portfolio dashboard's model: one row per account, its health and what needs doing.

An account's row covers the account and every affiliate below it (an umbrella's row is the
whole group), exactly as its Insights tab does, so the two always show the same score. The
whole portfolio is read with a few aggregate queries; afterwards only the accounts an edit
touches (and the umbrellas above them) are recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.collector import collector_paused
from keyplan.domain.insights.seats import seat_headline
from keyplan.domain.insights.summary import TREND_MONTHS, AccountSummary, summarise_tally
from keyplan.domain.insights.tally import AccountTally
from keyplan.domain.money import amount_sort_text
from keyplan.domain.vocabulary import Tier
from keyplan.store.insights.fact_buckets import PortfolioAccount
from keyplan.ui.insights import palette
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.row_list_model import RowListModel

AccountIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
TrendRole = Qt.ItemDataRole.UserRole + 3  # interactions per month, oldest first
ScoreRole = Qt.ItemDataRole.UserRole + 4
ReasonsRole = Qt.ItemDataRole.UserRole + 5  # every reason of the score, largest loss first

ModelIndex = QModelIndex | QPersistentModelIndex

_NEVER = 10**6  # sorts "never" after any number of days

#: What the reader returns: the accounts in name order and their facts by id.
DashboardReading = tuple[tuple[PortfolioAccount, ...], Mapping[int, AccountTally]]


class DashboardColumn:
    """The columns, by name."""

    ACCOUNT = 0
    TIER = 1
    REVENUE = 2
    POTENTIAL = 3
    HEALTH = 4
    TOP_REASON = 5
    COVERAGE = 6
    OVERDUE = 7
    PLAN_REVIEW = 8
    LAST_CONTACT = 9
    TREND = 10
    TITLES = (
        "Account", "Tier", "Revenue", "Potential", "Health", "What to fix first",
        "Coverage", "Overdue", "Plan review", "Last contact", "Trend",
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One account and what the dashboard says about it."""

    account: PortfolioAccount
    summary: AccountSummary
    umbrella: str | None  # the parent's name for an affiliate


def dashboard_rows(
    accounts: tuple[PortfolioAccount, ...], facts: Mapping[int, AccountTally], today: date
) -> list[DashboardRow]:
    """Summarise the accounts that have facts (what the dashboard shows), in the given order."""
    names = {account.id: account.name for account in accounts}
    return [
        DashboardRow(
            account,
            summarise(facts[account.id], today),
            names.get(account.parent_id) if account.parent_id is not None else None,
        )
        for account in accounts
        if account.id in facts
    ]


def summarise(tally: AccountTally, today: date) -> AccountSummary:
    """One account's summary from the dashboard's reading."""
    return summarise_tally(tally, today)


class PortfolioDashboardModel(RowListModel):
    """Every account with its health; ``load`` fills it, ``refresh_accounts`` keeps it current.

    ``reader(today, account_ids)`` returns the accounts and their ``AccountTally`` (all
    accounts for ``None``): ``insight_queries.dashboard_facts`` through the document.
    """

    TITLES = DashboardColumn.TITLES

    def __init__(
        self,
        reader: Callable[[date, Collection[int] | None], DashboardReading],
        parent: QObject | None = None,
        *,
        today_provider: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.reader = reader
        self.today_provider = today_provider
        self.loaded = False
        self._rows: list[DashboardRow] = []
        self._row_of: dict[int, int] = {}

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        money = (DashboardColumn.REVENUE, DashboardColumn.POTENTIAL)
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.ToolTipRole and section in money:
            return "Sorts by currency, then by amount: amounts in two currencies are not compared"
        return super().headerData(section, orientation, role)

    # ---- loading ------------------------------------------------------------------------

    def load(self) -> None:
        """Read and summarise the whole portfolio, here and now."""
        self.set_rows(self.compute_rows())

    def compute_rows(self) -> list[DashboardRow]:
        """Read and summarise the whole portfolio without touching the model.

        Plain data and no Qt: a worker thread may run it, then hand the rows to ``set_rows``.
        """
        today = self.today_provider()
        with collector_paused():
            accounts, facts = self.reader(today, None)
            return dashboard_rows(accounts, facts, today)

    def set_rows(self, rows: list[DashboardRow]) -> None:
        """Show rows made by ``compute_rows``."""
        self.beginResetModel()
        self._rows = rows
        self._row_of = {row.account.id: number for number, row in enumerate(rows)}
        self.loaded = True
        self.endResetModel()

    def refresh_accounts(self, account_ids: Iterable[int]) -> None:
        """Recompute some accounts and every umbrella above them (their rows include them)."""
        wanted = self.with_umbrellas(account_ids) & set(self._row_of)
        if not self.loaded or not wanted:
            return
        today = self.today_provider()
        accounts, facts = self.reader(today, wanted)
        fresh = {account.id: account for account in accounts}
        last = len(DashboardColumn.TITLES) - 1
        for account_id in wanted & set(facts):
            number = self._row_of[account_id]
            umbrella = self._rows[number].umbrella
            account = fresh.get(account_id, self._rows[number].account)
            self._rows[number] = DashboardRow(
                account, summarise(facts[account_id], today), umbrella
            )
            self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def with_umbrellas(self, account_ids: Iterable[int]) -> set[int]:
        """The accounts and every account above them."""
        parents = {row.account.id: row.account.parent_id for row in self._rows}
        found: set[int] = set()
        for account_id in account_ids:
            current: int | None = account_id
            while current is not None and current not in found:
                found.add(current)
                current = parents.get(current)
        return found

    # ---- lookups ------------------------------------------------------------------------

    def row(self, number: int) -> DashboardRow:
        return self._rows[number]

    def row_of(self, account_id: int) -> int | None:
        return self._row_of.get(account_id)

    def rows(self) -> list[DashboardRow]:
        return list(self._rows)

    # ---- QAbstractTableModel ------------------------------------------------------------

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(row, column)
        if role == SortRole:
            return sort_key(row, column)
        if role == AccountIdRole:
            return row.account.id
        if role == TrendRole:
            return row.summary.interactions_by_month
        if role == ScoreRole:
            return row.summary.score.value
        if role == ReasonsRole:
            return [reason.reason for reason in row.summary.score.reasons]
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column)
        return _decoration(row, column, role)


# ---- what each cell says -------------------------------------------------------------------


def display(row: DashboardRow, column: int) -> str:
    """The text of one cell."""
    summary = row.summary
    if column == DashboardColumn.ACCOUNT:
        return row.account.name
    if column == DashboardColumn.TIER:
        tier = row.account.tier
        return Tier(tier).label if tier in Tier._value2member_map_ else tier
    if column == DashboardColumn.REVENUE:
        return money(row.account.annual_revenue, row.account.currency)
    if column == DashboardColumn.POTENTIAL:
        return money(row.account.potential, row.account.currency)
    if column == DashboardColumn.HEALTH:
        return str(summary.score.value)
    if column == DashboardColumn.TOP_REASON:
        # The two biggest losses, in a few words each, one per line: one reason alone reads
        # alike on most accounts (uncovered decision makers weigh most everywhere); the second
        # tells them apart.
        # An open decision maker's seat comes first: it is not in the score (nobody there
        # to cover) but it is the question of the quarter: who decides now?
        seat = seat_headline(summary.vacant_seats)
        return "\n".join([seat] * bool(seat) + list(summary.score.headlines(2 - bool(seat)))) or (
            "Healthy"
        )
    if column == DashboardColumn.COVERAGE:
        breadth = summary.breadth
        return (
            f"{breadth.departments_engaged}/{breadth.departments_known} depts · "
            f"{breadth.levels_engaged} levels"
        )
    if column == DashboardColumn.OVERDUE:
        return str(summary.promises.overdue) if summary.promises.overdue else "—"
    if column == DashboardColumn.PLAN_REVIEW:
        return _plan_review(summary)
    if column == DashboardColumn.LAST_CONTACT:
        days = summary.days_since_last_interaction
        return "never" if days is None else _days_ago(days)
    return ""  # the trend is painted


def sort_key(row: DashboardRow, column: int) -> Any:
    """What a column sorts by: numbers as numbers, amounts within their currency, "never" last."""
    summary = row.summary
    if column == DashboardColumn.REVENUE:
        return amount_sort_text(row.account.annual_revenue, row.account.currency)
    if column == DashboardColumn.POTENTIAL:
        return amount_sort_text(row.account.potential, row.account.currency)
    if column == DashboardColumn.HEALTH:
        return summary.score.value
    if column == DashboardColumn.TIER:
        order = list(Tier._value2member_map_)
        return order.index(row.account.tier) if row.account.tier in order else len(order)
    if column == DashboardColumn.COVERAGE:
        breadth = summary.breadth
        return breadth.departments_engaged / max(breadth.departments_known, 1)
    if column == DashboardColumn.OVERDUE:
        return summary.promises.overdue
    if column == DashboardColumn.PLAN_REVIEW:
        days = summary.freshness.days_since_review
        return _NEVER if days is None else days
    if column == DashboardColumn.LAST_CONTACT:
        days = summary.days_since_last_interaction
        return _NEVER if days is None else days
    if column == DashboardColumn.TREND:
        return sum(summary.interactions_by_month[-3:])
    return display(row, column).casefold()


def tooltip(row: DashboardRow, column: int) -> str | None:
    """The detail behind a cell: every reason of the score, the numbers of the trend."""
    summary = row.summary
    if column == DashboardColumn.ACCOUNT:
        if row.umbrella:
            return f"{row.account.name}, an affiliate of {row.umbrella}"
        return f"{row.account.name}: figures include its affiliates, as in its Insights tab"
    if column in (DashboardColumn.HEALTH, DashboardColumn.TOP_REASON):
        reasons = [f"−{r.points_lost:g}  {r.reason}" for r in summary.score.reasons]
        seat = seat_headline(summary.vacant_seats)
        reasons += [f"Not scored: {seat}"] if seat else []
        return f"Health {summary.score.value}/100\n" + "\n".join(reasons or ["Nothing to fix"])
    if column == DashboardColumn.PLAN_REVIEW:
        return summary.freshness.reason
    if column == DashboardColumn.TREND:
        counts = ", ".join(str(count) for count in summary.interactions_by_month)
        return f"Interactions per month, the last {TREND_MONTHS} months: {counts}"
    if column == DashboardColumn.OVERDUE and summary.promises.overdue:
        return f"{summary.promises.overdue} open promises are past their due date"
    return None


def _decoration(row: DashboardRow, column: int, role: int) -> Any:
    summary = row.summary
    numeric = (DashboardColumn.REVENUE, DashboardColumn.POTENTIAL, DashboardColumn.HEALTH,
               DashboardColumn.OVERDUE)  # fmt: skip
    if role == Qt.ItemDataRole.TextAlignmentRole and column in numeric:
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if role == Qt.ItemDataRole.BackgroundRole and column == DashboardColumn.HEALTH:
        return palette.score_colour(summary.score.value)
    if role == Qt.ItemDataRole.ForegroundRole:
        if column == DashboardColumn.HEALTH:
            return QColor("#ffffff")
        if column == DashboardColumn.OVERDUE and summary.promises.overdue:
            return theme.colour(theme.WARNING)
        if column == DashboardColumn.PLAN_REVIEW and summary.freshness.is_overdue:
            return theme.colour(theme.WARNING)
    return None


def money(value: float | None, currency: str) -> str:
    """Short amounts for a crowded row: ``EUR 4.8m``, ``GBP 600k``, or a dash."""
    if value is None:
        return "—"
    if value >= 1_000_000:
        return f"{currency} {value / 1_000_000:.1f}m"
    if value >= 1_000:
        return f"{currency} {value / 1_000:.0f}k"
    return f"{currency} {value:,.0f}"


def _plan_review(summary: AccountSummary) -> str:
    freshness = summary.freshness
    if freshness.days_since_review is None:
        return "never"
    text = _days_ago(freshness.days_since_review)
    if freshness.overdue_days:
        text = f"{freshness.days_since_review} days, {freshness.overdue_days} late"
    return text


def _days_ago(days: int) -> str:
    if days <= 0:
        return "today"
    return "yesterday" if days == 1 else f"{days} days ago"
