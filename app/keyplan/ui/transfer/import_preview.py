"""The import wizard's preview: one line per row of the file, each person to be written tickable.

A thin adapter over an ``ImportPlan``: named columns, a check box on every row that would be
written (new people and updates; a skipped row never is), and ``plan()`` gives the plan with
the unticked rows left out, which is also what the rows show (someone whose new manager was
left out says so).

The Account column says where each row goes; the view shows it only when that is news
(``shows_accounts``): rows go to several accounts, or into the portfolio. Updates found by a
name spelled differently or a close name are guesses, marked "≈ Update" in amber so the user
checks them (and may make them new people instead).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from typing_extensions import override

from keyplan.exchange.transfer.import_plan import Action, ImportPlan, PlannedRow
from keyplan.exchange.transfer.import_preview_text import row_details

ModelIndex = QModelIndex | QPersistentModelIndex


class PreviewColumn(IntEnum):
    INCLUDE = 0
    WHERE = 1
    NAME = 2
    ACCOUNT = 3
    ACTION = 4
    DETAILS = 5


TITLES = ("", "Row", "Name", "Account", "What happens", "Why, and what changes")
ACTION_WORDS = {Action.NEW: "New", Action.UPDATE: "Update", Action.SKIP: "Skipped"}
GUESS_WORD = "≈ Update"  # found by a name not the file's letter for letter: check it
MOVED_AWAY_WORD = "Has left"  # one of ours the file places at a company we do not take
MOVED_HERE_WORD = "New, moved"  # one of another account of ours, now at this one
_CHOSEN_NEW = "a new person, as you said (not the one of a similar name)"
_SKIPPED_GREY = QColor(120, 120, 120)
_NOTE_AMBER = QColor(150, 90, 0)
_GUESS_TIP = (
    "Found by a name spelled differently from the file's. If it is someone else, select the "
    "row and click Add as new person."
)


class ImportPreviewModel(QAbstractTableModel):
    """The rows of an ``ImportPlan`` with what happens to each, and which the user ticked."""

    def __init__(self, plan: ImportPlan | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self._left_out: set[int] = set()
        self._chosen_new: frozenset[int] = frozenset()  # rows the user said are someone else
        self._shown: ImportPlan | None = plan  # the plan as ticked; rebuilt on each change

    def set_plan(
        self, plan: ImportPlan, *, keep_ticks: bool = False, chosen_new: Iterable[int] = ()
    ) -> None:
        """Show a new plan; ``keep_ticks`` keeps rows left out when the file's rows are the same.

        The same file read again (another encoding, another column mapping) has the same
        rows: what the user left out stays out. ``chosen_new``: the rows the plan was told
        are new people (Add as new person), which say so.
        """
        kept: set[int] = set()
        if keep_ticks and self._plan is not None and _same_rows(self._plan, plan):
            kept = {position for position in self._left_out if _tickable(plan, position)}
        self.beginResetModel()
        self._plan = plan
        self._left_out = kept
        self._chosen_new = frozenset(chosen_new)
        self._shown = plan.without_rows(kept)
        self.endResetModel()

    def plan(self) -> ImportPlan | None:
        """The plan as the user left it: unticked rows are left out."""
        return self._shown

    def is_tickable(self, position: int) -> bool:
        return self._plan is not None and _tickable(self._plan, position)

    def is_a_guess(self, position: int) -> bool:
        """Whether the row updates someone found by a name not the file's (``≈ Update``)."""
        plan = self._plan
        return (
            plan is not None and 0 <= position < len(plan.rows) and plan.rows[position].is_a_guess
        )

    def is_chosen_new(self, position: int) -> bool:
        """Whether the user said this row is someone else than the person it was matched to."""
        return position in self._chosen_new

    def shows_accounts(self) -> bool:
        """Whether the Account column says anything: into the portfolio, or several accounts."""
        if self._plan is None:
            return False
        if self._plan.target.portfolio:
            return True
        accounts = {row.account_id for row in self._plan.rows if row.action is not Action.SKIP}
        return len(accounts) > 1

    def is_included(self, position: int) -> bool:
        return self.is_tickable(position) and position not in self._left_out

    def set_included(self, position: int, included: bool) -> None:
        """Tick or untick one row (what a click on its check box does)."""
        self.setData(
            self.index(position, PreviewColumn.INCLUDE),
            Qt.CheckState.Checked if included else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def set_rows_included(self, positions: Iterable[int], included: bool) -> None:
        """Tick or untick several rows at once; rows that cannot be ticked are passed over."""
        rows = [position for position in positions if self.is_tickable(position)]
        if not rows:
            return
        if included:
            self._left_out.difference_update(rows)
        else:
            self._left_out.update(rows)
        self._ticks_changed()

    def set_all_included(self, included: bool) -> None:
        """Select all, or select none: every row that would be written."""
        self.set_rows_included(range(self.rowCount()), included)

    @override
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._plan is None else len(self._plan.rows)

    @override
    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TITLES)

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TITLES[section]
        return None

    @override
    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PreviewColumn.INCLUDE and self.is_tickable(index.row()):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    @override
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._shown is None:
            return None
        position, column = index.row(), index.column()
        row = self._shown.rows[position]
        if role == Qt.ItemDataRole.CheckStateRole and column == PreviewColumn.INCLUDE:
            if not self.is_tickable(position):
                return None
            ticked = position not in self._left_out
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(position, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not row.written:
                return _SKIPPED_GREY
            if row.notes and column == PreviewColumn.DETAILS:
                return _NOTE_AMBER
            if row.is_a_guess and column == PreviewColumn.ACTION:
                return _NOTE_AMBER
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == PreviewColumn.DETAILS:
                return self._text(position, column)
            if column == PreviewColumn.ACTION and row.is_a_guess:
                return _GUESS_TIP
        return None

    @override
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.is_tickable(index.row()):
            return False
        position = index.row()
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._left_out.discard(position)
        else:
            self._left_out.add(position)
        self._ticks_changed()
        return True

    def _ticks_changed(self) -> None:
        assert self._plan is not None
        self._shown = self._plan.without_rows(self._left_out)
        # Any row may have lost (or regained) a manager left out: every row's notes may change.
        last = self.index(self.rowCount() - 1, len(TITLES) - 1)
        self.dataChanged.emit(self.index(0, 0), last)

    def _text(self, position: int, column: int) -> str:
        assert self._shown is not None
        row = self._shown.rows[position]
        if column == PreviewColumn.WHERE:
            return row.where
        if column == PreviewColumn.NAME:
            return row.name
        if column == PreviewColumn.ACCOUNT:
            return row.account_name
        if column == PreviewColumn.ACTION:
            return "Left out" if position in self._left_out else _action_word(row)
        if column == PreviewColumn.DETAILS:
            if position in self._chosen_new and row.action is Action.NEW:
                return "; ".join(text for text in (_CHOSEN_NEW, row_details(row)) if text)
            return row_details(row)
        return ""


def _action_word(row: PlannedRow) -> str:
    if row.action is Action.UPDATE and row.values == {"has_left": True} and row.company:
        return MOVED_AWAY_WORD
    if row.action is Action.NEW and row.moved_from is not None:
        return MOVED_HERE_WORD
    if row.is_a_guess:
        return GUESS_WORD
    return ACTION_WORDS[row.action]


def _tickable(plan: ImportPlan, position: int) -> bool:
    return 0 <= position < len(plan.rows) and plan.rows[position].action is not Action.SKIP


def _same_rows(old: ImportPlan, new: ImportPlan) -> bool:
    return [row.where for row in old.rows] == [row.where for row in new.rows]
