"""Item models for the roster window: our team members and our offerings, edited in place.

Thin adapters over the document: rows come from ``team_roster``/``offering_list`` in id order
(a sort proxy orders them for the eye), edits go through the document's methods (one undo step
each), and ``roster_changed`` brings every change, undo and redo back in. Tested without a view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.wording import count_of
from keyplan.store.roster import edits as roster_edits
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets.column_table import ColumnTableModel, ModelIndex

RowIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FieldSpecRole = Qt.ItemDataRole.UserRole + 3  # what ``FieldDelegate`` asks for

Row = Any  # a ``TeamMemberRow`` or an ``OfferingRow``


@dataclass(frozen=True)
class RosterColumn:
    """A column: a stored field edited in place, or a count worked out from the row."""

    title: str
    field: str | None = None
    derive: Callable[[Row], str] | None = None
    width: int = 140


def _owns(row: Row) -> str:
    return count_of(row.relationships, "relationship") if row.relationships else "—"


def _in_plans(row: Row) -> str:
    parts = [
        count_of(n, noun)
        for n, noun in (
            (row.whitespace_cells, "whitespace cell"),
            (row.opportunities, "opportunity"),
        )
        if n
    ]
    return " · ".join(parts) or "—"


TEAM_COLUMNS = (
    RosterColumn("Name", "name", width=200),
    RosterColumn("Role", "role", width=170),
    RosterColumn("E-mail", "email", width=260),
    RosterColumn("Home account", "account_id", width=220),
    RosterColumn("Owns", derive=_owns, width=130),
)
OFFERING_COLUMNS = (
    RosterColumn("Name", "name", width=200),
    RosterColumn("Description", "description", width=380),
    RosterColumn("In account plans", derive=_in_plans, width=200),
)


class RosterTableModel(ColumnTableModel):
    """Team members or offerings, in the order they were added; a sort proxy orders them.

    ``setData`` goes through the document; a refused edit calls ``error_handler`` with the
    user's message and the cell keeps its stored value.
    """

    DERIVED_TIP = "Counted from the account plans; not edited here."

    def __init__(
        self,
        document: PortfolioDocument,
        columns: tuple[RosterColumn, ...],
        specs: dict[str, FieldSpec],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.columns = columns
        self.specs = specs
        self.error_handler: Callable[[str], None] | None = None
        self._rows: list[Row] = []
        self._choices: dict[str, list[tuple[int, str]]] = {}
        document.roster_changed.connect(self.refresh)
        # The counts (relationships owned, whitespace cells) change with the plans and people.
        document.plan_changed.connect(self.refresh)
        document.people_changed.connect(self.refresh)

    # ---- what it shows (subclasses say where rows come from and go to) --------------------

    def read_rows(self) -> list[Row]:
        raise NotImplementedError

    def write(self, row_id: int, field: str, value: Any) -> None:
        raise NotImplementedError

    def read_choices(self) -> dict[str, list[tuple[int, str]]]:
        return {}

    def reference_choices(self, field: str) -> list[tuple[int, str]]:
        return self._choices.get(field, [])

    def row(self, position: int) -> Row:
        return self._rows[position]

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.id == row_id), None)

    def column_of(self, field: str) -> int:
        return next(n for n, column in enumerate(self.columns) if column.field == field)

    def refresh(self, *_args: object) -> None:
        """Re-read the rows; insert, remove and update only what changed (keeps the selection)."""
        self._choices = self.read_choices()
        self.replace_rows(self.read_rows())

    # ---- QAbstractTableModel ------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        spec = self.specs[column.field] if column.field else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column, spec)
        if role == Qt.ItemDataRole.EditRole:
            return None if spec is None else self._edit_value(row, spec)
        if role == SortRole:
            return self._display(row, column, spec).casefold()
        if role == RowIdRole:
            return row.id
        if role == FieldSpecRole:
            return spec
        return None

    def _display(self, row: Row, column: RosterColumn, spec: FieldSpec | None) -> str:
        if spec is None:
            return column.derive(row) if column.derive else ""
        value = row[spec.name]
        if spec.kind is Kind.REFERENCE:
            return self.reference_name(row, spec.name) if value else ""
        return spec.display(value)

    def reference_name(self, row: Row, field: str) -> str:
        """How a cell names the row a reference points at (the list may say more)."""
        return dict(self.reference_choices(field)).get(row[field], "")

    @staticmethod
    def _edit_value(row: Row, spec: FieldSpec) -> Any:
        value = row[spec.name]
        if spec.kind in (Kind.CHOICE, Kind.REFERENCE):
            return value
        return "" if value is None else str(value)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or not column.field:
            return False
        try:
            self.write(self._rows[index.row()].id, column.field, value)
        except KeyplanError as error:
            if self.error_handler is not None:
                self.error_handler(str(error))
            return False
        return True


class TeamTableModel(RosterTableModel):
    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(document, TEAM_COLUMNS, roster_edits.TEAM_MEMBER_FIELDS, parent)
        # Home accounts are named by account: follow renames and deletes of accounts too.
        document.accounts_changed.connect(self.refresh)
        document.account_changed.connect(self._on_account_changed)

    def read_rows(self) -> list[Row]:
        return self.document.team_roster()

    def read_choices(self) -> dict[str, list[tuple[int, str]]]:
        return {"account_id": self.document.home_account_choices()}

    def write(self, row_id: int, field: str, value: Any) -> None:
        self.document.set_team_member_field(row_id, field, value)

    def reference_name(self, row: Row, field: str) -> str:
        # The cell has room for the account's own name; the list adds its umbrella.
        return row.account_name or super().reference_name(row, field)

    def _on_account_changed(self, _account_id: int, field: str) -> None:
        if field == "name" and self._rows:
            self.refresh()
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class OfferingTableModel(RosterTableModel):
    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(document, OFFERING_COLUMNS, roster_edits.OFFERING_FIELDS, parent)

    def read_rows(self) -> list[Row]:
        return self.document.offering_list()

    def write(self, row_id: int, field: str, value: Any) -> None:
        self.document.set_offering_field(row_id, field, value)
