"""The People table's model: one row per person of an account, edited in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from keyplan.domain.errors import KeyplanError
from keyplan.domain.fields import STAKEHOLDER_FIELDS, FieldSpec, Kind, short_link
from keyplan.domain.plan_fields import PlanTable
from keyplan.domain.titles import searchable_title, sort_name, sort_text
from keyplan.domain.vocabulary import Level, Stance
from keyplan.store.people.queries import PersonRow
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map.person_drag import PERSON_MIME_TYPE, person_mime_data
from keyplan.ui.roster.roster_watch import TeamWatch
from keyplan.ui.widgets import theme

PersonIdRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FieldSpecRole = Qt.ItemDataRole.UserRole + 3
SearchRole = Qt.ItemDataRole.UserRole + 4  # what the filter matches: titles with "CFO" & co

ModelIndex = QModelIndex | QPersistentModelIndex
OWNER_TABLE = PlanTable.RELATIONSHIP_OWNERS.value

STANCE_COLOURS = {
    Stance.CHAMPION.value: QColor("#2e7d32"),
    Stance.SUPPORTER.value: QColor("#689f38"),
    Stance.NEUTRAL.value: QColor("#616161"),
    Stance.SKEPTIC.value: QColor("#ef6c00"),
    Stance.BLOCKER.value: QColor("#c62828"),
    Stance.UNKNOWN.value: QColor("#9e9e9e"),
}
# The stance colours as text reads them on the palette in use (STANCE_COLOURS on a light one).
STANCE_TONES = {
    Stance.CHAMPION.value: theme.STANCE_CHAMPION,
    Stance.SUPPORTER.value: theme.STANCE_SUPPORTER,
    Stance.NEUTRAL.value: theme.STANCE_NEUTRAL,
    Stance.SKEPTIC.value: theme.STANCE_SKEPTIC,
    Stance.BLOCKER.value: theme.STANCE_BLOCKER,
    Stance.UNKNOWN.value: theme.STANCE_UNKNOWN,
}


#: The Owner column's editor: the first relationship owner, chosen among our team members.
#: Not a stakeholder field: it is written as a row of the plan's Relationship owners table.
OWNER_SPEC = FieldSpec(
    "relationship_owner",
    "Relationship owner",
    Kind.REFERENCE,
    help="Who of our team owns the relationship (Plan › Governance sets the contact rule)",
)


@dataclass(frozen=True)
class PeopleColumn:
    """A column of the People table: a stored field, or something derived (read-only)."""

    title: str
    field: str | None = None  # a STAKEHOLDER_FIELDS name (or OWNER_SPEC's) when editable

    @property
    def spec(self) -> FieldSpec | None:
        if self.field == OWNER_SPEC.name:
            return OWNER_SPEC
        return STAKEHOLDER_FIELDS[self.field] if self.field else None


COLUMNS: tuple[PeopleColumn, ...] = (
    PeopleColumn("Name", "full_name"),
    PeopleColumn("Job title", "job_title"),
    PeopleColumn("Department", "department"),
    PeopleColumn("Level", "level"),
    PeopleColumn("Reports to", "reports_to_id"),
    PeopleColumn("Buying role", "buying_role"),
    PeopleColumn("Influence", "influence"),
    PeopleColumn("Stance", "stance"),
    PeopleColumn("Interest", "interest"),
    PeopleColumn("Relationship", "strength"),
    PeopleColumn("Owner", OWNER_SPEC.name),
    PeopleColumn("Last contact"),
    PeopleColumn("E-mail", "email"),
    PeopleColumn("Profile", "profile_url"),
    PeopleColumn("Left", "has_left"),
)
COLUMN_OF_FIELD = {column.field: number for number, column in enumerate(COLUMNS) if column.field}
MANAGER_COLUMN = COLUMN_OF_FIELD["reports_to_id"]
PROFILE_COLUMN = COLUMN_OF_FIELD["profile_url"]
OWNER_COLUMN = COLUMN_OF_FIELD[OWNER_SPEC.name]
LAST_CONTACT_COLUMN = OWNER_COLUMN + 1


class PeopleTableModel(QAbstractTableModel):
    """People of one account (optionally with its affiliates), kept in step with the document.

    ``setData`` goes through the document, so every edit is an undo step; a refused edit is
    reported through ``edit_refused`` and the cell keeps its old value.
    """

    def __init__(self, document: PortfolioDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.with_affiliates = False
        self._people: list[PersonRow] = []
        self._row_of: dict[int, int] = {}
        self.error_handler = None  # set by the view: called with the message of a refused edit
        document.person_changed.connect(self._on_person_changed)
        document.people_changed.connect(self._on_people_changed)
        document.roster_changed.connect(self._on_roster_changed)
        document.plan_changed.connect(self._on_plan_changed)
        self.team_watch = TeamWatch(document.team_members)

    def show_account(self, account_id: int | None, *, with_affiliates: bool = False) -> None:
        self.account_id, self.with_affiliates = account_id, with_affiliates
        self._reload()

    def person_id(self, row: int) -> int:
        return self._people[row].id

    def row_of(self, person_id: int) -> int | None:
        return self._row_of.get(person_id)

    # ---- following the document ---------------------------------------------------------

    def _reload(self) -> None:
        self.beginResetModel()
        self._people = (
            []
            if self.account_id is None
            else self.document.people(self.account_id, with_affiliates=self.with_affiliates)
        )
        self._row_of = {person.id: row for row, person in enumerate(self._people)}
        self.endResetModel()
        if self._people:
            self.team_watch.start()

    def _on_people_changed(self, account_id: int) -> None:
        if self.account_id is None:
            return
        if account_id == self.account_id or any(p.account_id == account_id for p in self._people):
            self._reload()

    def _on_person_changed(self, person_id: int, field: str) -> None:
        row = self._row_of.get(person_id)
        if row is None:
            return
        self._people[row] = self.document.person(person_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if field == "full_name":
            self._refresh_manager_names(person_id)

    def _on_roster_changed(self) -> None:
        # The Owner column names our team members: a rename or a delete changes it.
        if not self.team_watch.change().rows or self.account_id is None or not self._people:
            return
        self._refresh_owners()

    def _on_plan_changed(self, table: str, _account_id: int) -> None:
        # An owner set here, on the map or in Plan › Governance is a row of that plan table.
        if table != OWNER_TABLE or self.account_id is None or not self._people:
            return
        self._refresh_owners()

    def _refresh_owners(self) -> None:
        people = self.document.people(self.account_id, with_affiliates=self.with_affiliates)
        if [p.id for p in people] != [p.id for p in self._people]:
            self._reload()
            return
        self._people = people
        last = len(self._people) - 1
        self.dataChanged.emit(self.index(0, OWNER_COLUMN), self.index(last, OWNER_COLUMN))

    def _refresh_manager_names(self, manager_id: int) -> None:
        for row, person in enumerate(self._people):
            if person["reports_to_id"] == manager_id:
                self._people[row] = self.document.person(person.id)
                index = self.index(row, MANAGER_COLUMN)
                self.dataChanged.emit(index, index)

    # ---- QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsDragEnabled  # onto a card of the map: a new manager
        if index.isValid() and COLUMNS[index.column()].field:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def mimeTypes(self) -> list[str]:
        return [PERSON_MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        valid = [index for index in indexes if index.isValid()]
        return person_mime_data(self.person_id(valid[0].row())) if valid else QMimeData()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._people[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, index.column())
        if role == Qt.ItemDataRole.EditRole:
            if column.field == OWNER_SPEC.name:
                return person.owner_ids[0] if person.owner_ids else None
            return person[column.field] if column.field else None
        if role == SortRole:
            return self._sort_key(person, index.column())
        if role == PersonIdRole:
            return person.id
        if role == FieldSpecRole:
            return column.spec
        if role == SearchRole:
            if column.field == "job_title":
                return searchable_title(person["job_title"])
            return self._display(person, index.column())
        return self._decoration(person, index.column(), role)

    def _display(self, person: PersonRow, column: int) -> str:
        if column == MANAGER_COLUMN:
            return person.manager_name or ""
        if column == OWNER_COLUMN:
            return ", ".join(person.owners)
        if column == LAST_CONTACT_COLUMN:
            return person.last_contact.isoformat() if person.last_contact else "never"
        if column == PROFILE_COLUMN:  # the whole address is in the tooltip and the editor
            return short_link(person["profile_url"]) if person["profile_url"] else ""
        spec = COLUMNS[column].spec
        assert spec is not None
        return spec.display(person[spec.name])

    def _sort_key(self, person: PersonRow, column: int) -> Any:
        field = COLUMNS[column].field
        if field == "level" and person["level"]:
            return Level(person["level"]).rank
        if field == "strength":
            return person["strength"]
        if column == LAST_CONTACT_COLUMN:
            return person.last_contact.isoformat() if person.last_contact else ""
        if field == "full_name":
            return sort_name(person["full_name"])
        return sort_text(self._display(person, column))

    def _decoration(self, person: PersonRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            if person["has_left"]:
                return theme.colour(theme.DIMMED)
            if COLUMNS[column].field == "stance":
                tone = STANCE_TONES.get(person["stance"])
                return None if tone is None else theme.colour(tone)
        if role == Qt.ItemDataRole.ToolTipRole and person["has_left"]:
            return f"{person['full_name']} has left the company"
        if role == Qt.ItemDataRole.ToolTipRole and column == PROFILE_COLUMN:
            return person["profile_url"]
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        column = COLUMNS[index.column()]
        if role != Qt.ItemDataRole.EditRole or not column.field:
            return False
        try:
            person_id = self.person_id(index.row())
            if column.field == OWNER_SPEC.name:
                self.document.people_editor.set_relationship_owner(person_id, value)
            else:
                self.document.set_person_field(person_id, column.field, value)
        except KeyplanError as error:
            if self.error_handler is not None:
                self.error_handler(str(error))
            return False
        return True
