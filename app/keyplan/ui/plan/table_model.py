"""One item model for every plan table, driven by the field specs: rows of an account's plan.

A ``PlanTableModel`` shows one ``PlanTable`` (opportunities, risks, commitments, …) for an
account and the affiliates below it. Its columns are ``PlanColumn``s: a stored field, edited in
place through the document (one undo step each), or a value derived from the row (a risk's
likelihood × impact). It follows the document's ``plan_changed`` signal, so an undo anywhere
updates it, and it updates only the rows that changed so the user's selection stays put.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.plan_fields import PLAN_TABLE_SPECS, PlanTable
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.widgets import theme
from keyplan.ui.widgets.column_table import ColumnTableModel, ModelIndex

RowIdRole = Qt.ItemDataRole.UserRole + 1
FieldSpecRole = Qt.ItemDataRole.UserRole + 3  # what ``FieldDelegate`` asks for

Row = dict[str, Any]

# Tones a column may give a cell: a rating's background, or "late" for red text.
TONE_BACKGROUNDS = {
    "high": QColor("#f4c7c3"),
    "medium": QColor("#fde7b0"),
    "low": QColor("#d5ecd4"),
}
LATE_COLOUR = QColor("#c62828")
MUTED_COLOUR = QColor("#757575")
# The same, as they read on the palette in use (``TONE_BACKGROUNDS`` on a light one).
_TINTS = {"high": theme.HIGH_TINT, "medium": theme.MEDIUM_TINT, "low": theme.LOW_TINT}
_OTHER_ACCOUNT = theme.Tone(MUTED_COLOUR.name(), "#9aa0a6")


@dataclass(frozen=True)
class PlanColumn:
    """A column of a plan table.

    Attributes:
        title: the header.
        field: the stored field it edits (None for a derived column, which is read-only).
        derive: for a derived column, the text it shows for a row.
        tone: the cell's tone for a row ("high", "medium", "low", "late") or None.
        width: the column's starting width in pixels.
    """

    title: str
    field: str | None = None
    derive: Callable[[Row], str] | None = None
    tone: Callable[[Row], str | None] | None = None
    width: int = 110


def field_columns(table: PlanTable, widths: dict[str, int] | None = None) -> list[PlanColumn]:
    """One column per field of a plan table, titled by the field's label."""
    widths = widths or {}
    return [
        PlanColumn(spec.label, name, width=widths.get(name, 110))
        for name, spec in PLAN_TABLE_SPECS[table].fields.items()
    ]


class PlanTableModel(ColumnTableModel):
    """The rows of one plan table for an account, kept in step with the document.

    ``setData`` goes through the document; a refused edit calls ``error_handler`` with the
    user's message and the cell keeps its stored value.
    """

    def __init__(
        self,
        document: PortfolioDocument,
        table: PlanTable,
        columns: Sequence[PlanColumn],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.table = table
        self.spec = PLAN_TABLE_SPECS[table]
        self.columns = tuple(columns)
        self.account_id: int | None = None
        self.family: dict[int, str] = {}
        self.error_handler: Callable[[str], None] | None = None
        self._rows: list[Row] = []
        self._choices: dict[str, list[tuple[int, str]]] = {}
        document.plan_changed.connect(self._on_plan_changed)
        document.people_changed.connect(self._on_people_changed)
        document.person_changed.connect(self._on_person_changed)
        document.roster_changed.connect(self._on_roster_changed)

    # ---- what it shows ------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        self.beginResetModel()
        self.account_id = account_id
        self.family = {} if account_id is None else self.document.plan_family(account_id)
        self._load_choices()
        self._rows = [] if account_id is None else self._read_rows()
        self.endResetModel()

    def rows(self) -> list[Row]:
        """The rows as plain dicts (``id``, ``account_id`` and every field)."""
        return list(self._rows)

    def row_id(self, row: int) -> int:
        return self._rows[row]["id"]

    def row_of(self, row_id: int) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row["id"] == row_id), None)

    def column_of(self, field: str) -> int:
        return next(n for n, column in enumerate(self.columns) if column.field == field)

    def reference_choices(self, field: str) -> list[tuple[int, str]]:
        """The rows a reference field may point at: (id, name) pairs."""
        return self._choices.get(field, [])

    def _read_rows(self) -> list[Row]:
        assert self.account_id is not None
        return self.document.plan_rows(self.table, self.account_id)

    def _load_choices(self) -> None:
        self._choices = (
            {}
            if self.account_id is None
            else self.document.plan_choices(self.table, self.account_id)
        )

    # ---- following the document ---------------------------------------------------------

    def _on_plan_changed(self, table: str, account_id: int) -> None:
        if table == self.table and account_id in self.family:
            self.refresh()

    def _on_people_changed(self, _account_id: int) -> None:
        # A deleted person clears the links to them; a new one is a new choice.
        if self.account_id is not None and self._refers_to_people():
            self._load_choices()
            self.refresh()

    def _on_person_changed(self, _person_id: int, field: str) -> None:
        if field in ("full_name", "has_left") and self._refers_to_people():
            self._load_choices()
            if self._rows:
                last = self.index(len(self._rows) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)

    def _on_roster_changed(self) -> None:
        # Team members and offerings are choices (owners, "by", offering), and deleting one
        # removes or clears rows (relationship owners, an opportunity's offering). A role, an
        # e-mail or a description changes nothing here: compare the few choices, re-read no people.
        fields = [field for field in self._choices if field in _ROSTER_FIELDS]
        if self.account_id is None or not fields:
            return
        fresh = {
            "team": self.document.team_members(),
            "offerings": sorted(
                ((row.id, row.name) for row in self.document.offering_list()),
                key=lambda choice: choice[1],
            ),
        }
        changed = [f for f in fields if dict(self._choices[f]) != dict(fresh[_ROSTER_FIELDS[f]])]
        if not changed:
            return
        for field in changed:
            self._choices[field] = fresh[_ROSTER_FIELDS[field]]
        self.refresh()
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _refers_to_people(self) -> bool:
        # Reference fields may point at people; re-reading the few choices is cheap.
        return bool(self._choices)

    def refresh(self) -> None:
        """Re-read the rows; insert, remove and update only what changed."""
        if self.account_id is None:
            return
        self.replace_rows(self._read_rows())

    # ---- QAbstractTableModel ------------------------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], self.columns[index.column()]
        spec = self.spec.fields[column.field] if column.field else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, spec)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, spec)
        if role == RowIdRole:
            return row["id"]
        if role == FieldSpecRole:
            return spec
        if role == Qt.ItemDataRole.TextAlignmentRole and spec is not None:
            return _alignment(spec)
        return self._decoration(row, column, role)

    def _display(self, row: Row, column: PlanColumn, spec: FieldSpec | None) -> str:
        if spec is None:
            return column.derive(row) if column.derive else ""
        value = row[spec.name]
        if spec.kind is Kind.REFERENCE:
            return dict(self._choices.get(spec.name, [])).get(value, "") if value else ""
        return spec.display(value)

    @staticmethod
    def _edit_value(row: Row, spec: FieldSpec | None) -> Any:
        """What an editor starts from: the stored value for lists, the typed text otherwise."""
        if spec is None:
            return None
        value = row[spec.name]
        if spec.kind in (Kind.CHOICE, Kind.REFERENCE, Kind.FLAG):
            return value
        if spec.kind is Kind.MONEY and value is not None:
            return f"{value:.2f}".removesuffix(".00")
        return spec.display(value) if value is not None else ""

    def _decoration(self, row: Row, column: PlanColumn, role: int) -> Any:
        tone = column.tone(row) if column.tone else None
        if role == Qt.ItemDataRole.BackgroundRole:
            tint = _TINTS.get(tone or "")
            return None if tint is None else theme.colour(tint)
        if role == Qt.ItemDataRole.ForegroundRole:
            if tone == "late":
                return theme.colour(theme.WARNING)
            if row["account_id"] != self.account_id:
                return theme.colour(_OTHER_ACCOUNT)
            return None
        if role == Qt.ItemDataRole.FontRole and tone == "late":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, tone)
        return None

    def _tooltip(self, row: Row, column: PlanColumn, tone: str | None) -> str | None:
        lines = []
        text = self._display(row, column, self.spec.fields.get(column.field or ""))
        if len(text) > 30:
            lines.append(text)
        if tone == "late":
            lines.append("Late: past its due date.")
        if row["account_id"] != self.account_id:
            lines.append(f"Recorded in the plan of {self.family.get(row['account_id'], '?')}.")
        return "\n".join(lines) or None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = self.columns[index.column()]
        if role != Qt.ItemDataRole.EditRole or not column.field:
            return False
        try:
            self.document.set_plan_field(self.table, self.row_id(index.row()), column.field, value)
        except KeyplanError as error:
            if self.error_handler is not None:
                self.error_handler(str(error))
            return False
        return True


#: Reference fields that point at our side: whose choices follow ``roster_changed``.
_ROSTER_FIELDS = {
    "team_member_id": "team",
    "owner_id": "team",
    "by_team_member_id": "team",
    "offering_id": "offerings",
}


def _alignment(spec: FieldSpec) -> Qt.AlignmentFlag:
    horizontal = (
        Qt.AlignmentFlag.AlignRight
        if spec.kind in (Kind.MONEY, Kind.INTEGER)
        else Qt.AlignmentFlag.AlignLeft
    )
    return horizontal | Qt.AlignmentFlag.AlignVCenter
