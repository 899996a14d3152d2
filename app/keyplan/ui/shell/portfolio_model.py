"""The portfolio navigator: its model (accounts as a tree, umbrella above its affiliates) and
its view."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelection,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtGui import QFontMetrics, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from keyplan.domain.vocabulary import Tier
from keyplan.domain.wording import count_of
from keyplan.store.shell.quick_reads import PortfolioRow
from keyplan.ui.document import PortfolioDocument

ModelIndex = QModelIndex | QPersistentModelIndex

# Qt's roles and alignment as the plain numbers Qt defines (tests/ui/shell checks them against
# Qt's enums). The first touch of PySide6's `Qt` namespace builds all its 93 enum classes,
# some 20 ms of the start; nothing the first window shows needs them, so this module does not
# touch it. Numbers are also what the view passes: an enum member's lookup costs more than
# the answer.
_DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
_TOOLTIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
_ALIGNMENT_ROLE = 7  # Qt.ItemDataRole.TextAlignmentRole
_ACCOUNT_ID_ROLE = 256 + 1  # Qt.ItemDataRole.UserRole + 1
AccountIdRole = _ACCOUNT_ID_ROLE
_ROLES_ANSWERED = frozenset({_ACCOUNT_ID_ROLE, _DISPLAY_ROLE, _ALIGNMENT_ROLE, _TOOLTIP_ROLE})
_RIGHT_ALIGNED = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter


class PortfolioColumn:
    NAME = 0
    TIER = 1
    PEOPLE = 2
    TITLES = ("Account", "Tier", "People")


# The widest number the People column is sized for (far more than one company's key people).
_WIDEST_PEOPLE_COUNT = "99,999"


def column_widths(metrics: QFontMetrics) -> dict[int, int]:
    """Widths of the Tier and People columns, in pixels, from the longest text each can show
    (its title, every tier's label, a five-digit count) plus room for the cell's margins:
    known before any account is read, so the view never measures its rows to size them."""
    padding = metrics.averageCharWidth() + 6  # a header's or a cell's margins, both sides
    texts = {
        PortfolioColumn.TIER: [PortfolioColumn.TITLES[PortfolioColumn.TIER]]
        + [tier.label for tier in Tier],
        PortfolioColumn.PEOPLE: [
            PortfolioColumn.TITLES[PortfolioColumn.PEOPLE],
            _WIDEST_PEOPLE_COUNT,
        ],
    }
    return {
        column: max(metrics.horizontalAdvance(text) for text in candidates) + padding
        for column, candidates in texts.items()
    }


def column_titles(parent: QObject) -> QStandardItemModel:
    """The columns' titles, for the tree's header (``header().setModel``).

    A header asks its model for titles with a ``Qt.Orientation``; a model written in Python
    receives that as PySide6's enum, whose first use builds the whole ``Qt`` namespace (some
    20 ms of the start). A Qt-made model answers without Python.
    """
    titles = QStandardItemModel(0, len(PortfolioColumn.TITLES), parent)
    titles.setHorizontalHeaderLabels(list(PortfolioColumn.TITLES))
    return titles


class PortfolioTree(QTreeView):
    """The navigator's view: tells ``on_selection`` once its selection has changed, as the
    selection model's ``selectionChanged`` would (after the view's own handling).

    Its own slot rather than that signal: reaching the selection model has PySide6 make
    QItemSelectionModel and its enums ready, about 1.9 M instructions of the start.
    """

    def __init__(self, on_selection: Callable[[QItemSelection, QItemSelection], None]) -> None:
        super().__init__()
        self._on_selection = on_selection

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, deselected)
        self._on_selection(selected, deselected)


class PortfolioTreeModel(QAbstractItemModel):
    """Accounts from the document; follows its change signals."""

    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._rows: dict[int, PortfolioRow] = {}
        self._children: dict[int | None, list[int]] = {}
        self._load()
        document.accounts_changed.connect(self._reload)
        document.account_changed.connect(self._on_account_changed)
        document.people_changed.connect(self._on_people_changed)

    # ---- loading ------------------------------------------------------------------------

    def _load(self) -> None:
        rows = self.document.portfolio()
        self._rows = {row.id: row for row in rows}
        self._children = {}
        for row in rows:  # already sorted by name
            parent = row.parent_id if row.parent_id in self._rows else None
            self._children.setdefault(parent, []).append(row.id)

    def _reload(self) -> None:
        # Accounts come and go rarely; rebuilding the tree keeps the code simple there.
        self.beginResetModel()
        self._load()
        self.endResetModel()

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if field not in ("name", "tier") or account_id not in self._rows:
            return
        values = self.document.account_values(account_id)
        self._rows[account_id] = self._rows[account_id]._replace(
            name=values["name"], tier=values["tier"]
        )
        index = self.index_of(account_id)
        self.dataChanged.emit(index, index.siblingAtColumn(PortfolioColumn.PEOPLE))

    def _on_people_changed(self, account_id: int) -> None:
        if account_id not in self._rows:
            return
        count = next((row.people for row in self.document.portfolio() if row.id == account_id), 0)
        self._rows[account_id] = self._rows[account_id]._replace(people=count)
        index = self.index_of(account_id).siblingAtColumn(PortfolioColumn.PEOPLE)
        self.dataChanged.emit(index, index)

    # ---- lookups ------------------------------------------------------------------------

    def account_id(self, index: ModelIndex) -> int | None:
        return index.internalId() if index.isValid() else None

    def index_of(self, account_id: int) -> QModelIndex:
        row = self._rows.get(account_id)
        if row is None:
            return QModelIndex()
        parent = row.parent_id if row.parent_id in self._rows else None
        position = self._children[parent].index(account_id)
        return self.createIndex(position, 0, account_id)

    def first_account_id(self) -> int | None:
        top = self._children.get(None, [])
        if not top:
            return None
        # Start on the account with the most going on: the largest umbrella.
        return max(top, key=lambda account_id: self._family_size(account_id))

    def _family_size(self, account_id: int) -> int:
        return self._rows[account_id].people + sum(
            self._family_size(child) for child in self._children.get(account_id, [])
        )

    # ---- QAbstractItemModel -------------------------------------------------------------

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        siblings = self._children.get(self.account_id(parent), [])
        if not 0 <= row < len(siblings) or not 0 <= column < len(PortfolioColumn.TITLES):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_id = self._rows[index.internalId()].parent_id
        if parent_id is None or parent_id not in self._rows:
            return QModelIndex()
        return self.index_of(parent_id)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self.account_id(parent), []))

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(PortfolioColumn.TITLES)

    def data(self, index: ModelIndex, role: int = _DISPLAY_ROLE) -> Any:
        # The view asks for a dozen roles of every cell as it is shown and sized (thousands
        # of calls when the window opens): the roles it answers none for end here at once.
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row = self._rows[index.internalId()]
        if role == _ACCOUNT_ID_ROLE:
            return row.id
        if role == _DISPLAY_ROLE:
            return self._display(row, index.column())
        if role == _ALIGNMENT_ROLE:
            return _RIGHT_ALIGNED if index.column() == PortfolioColumn.PEOPLE else None
        if role == _TOOLTIP_ROLE:
            return f"{row.name} — {Tier(row.tier).label} account, {count_of(row.people, 'person')}"
        return None

    def _display(self, row: PortfolioRow, column: int) -> Any:
        if column == PortfolioColumn.NAME:
            return row.name
        if column == PortfolioColumn.TIER:
            return Tier(row.tier).label if row.tier in Tier._value2member_map_ else row.tier
        return row.people
