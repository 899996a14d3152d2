"""The open database as the UI sees it: one undo stack, editing methods, change signals.

Views never call the store. They call a method here, which performs the edit once (so a
refused edit raises at once, with the user's message, and nothing is pushed), then pushes an
undo command that knows how to take it back. Whatever changed is announced by signal, and
every view updates just what the signal names.

This module holds the signals, the reads and the account and people edits; each later area's
editing methods live in a part of their own, mixed in here (``document_map``,
``document_plan``, ``document_interactions``, ``document_roster``, ``document_import``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS
from keyplan.store.database import Database
from keyplan.store.shell import quick_reads
from keyplan.ui.document_import import ImportEditing
from keyplan.ui.document_interactions import InteractionEditing
from keyplan.ui.document_map import MapEditing
from keyplan.ui.document_plan import PlanEditing
from keyplan.ui.document_roster import RosterEditing

if TYPE_CHECKING:
    # The store's editing modules (and SQLAlchemy's ORM) load on first use, inside the methods:
    # the first window is built without them.
    from keyplan.store.people import queries


class PortfolioDocument(
    MapEditing, PlanEditing, InteractionEditing, RosterEditing, ImportEditing, QObject
):
    """One open Keyplan database: the single source of truth for every window and view."""

    accounts_changed = Signal()  # accounts added, removed or moved in the tree
    account_changed = Signal(int, str)  # account id, field name
    people_changed = Signal(int)  # account id: people added or removed there
    person_changed = Signal(int, str)  # person id, field name
    edit_failed = Signal(str)  # an undo or redo that the store refused: the message
    influence_changed = Signal(int)  # account id (of the line's first person): lines added/removed
    positions_changed = Signal(list)  # person ids whose hand-placed map position changed
    interactions_changed = Signal(int)  # account id the interaction is logged on
    edit_conflict = Signal(object)  # an EditConflict: someone else saved that record first
    plan_changed = Signal(str, int)  # table name (a PlanTable or WHITESPACE), account id
    roster_changed = Signal()  # team members or offerings added, changed or removed

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        # A refused save still raises to the view that made it (which shows why); the window
        # also hears of it, to offer a reload of the record (ui/team/team_mode.py).
        database.conflict_observers.append(self.edit_conflict.emit)
        from keyplan.ui.shell import settings

        if settings.read(settings.USER_NAME):
            database.user_name = settings.read(settings.USER_NAME)

    # ---- reading (plain data from the store) ----------------------------------------------

    def portfolio(self) -> list[quick_reads.PortfolioRow]:
        return quick_reads.portfolio(self.database)

    def account_values(self, account_id: int) -> dict[str, Any]:
        return quick_reads.account_values(self.database, account_id)

    def people(self, account_id: int, *, with_affiliates: bool = False) -> list[queries.PersonRow]:
        from keyplan.store.people import queries

        return queries.people(self.database, account_id, with_affiliates=with_affiliates)

    def person(self, person_id: int) -> queries.PersonRow:
        from keyplan.store.people import queries

        return queries.person(self.database, person_id)

    # ---- accounts ---------------------------------------------------------------------------

    def add_account(self, name: str, parent_id: int | None = None) -> int:
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        account_id = edits.add_account(self.database, name, parent_id)
        self.undo_stack.push(commands.AddAccount(self, account_id, name))
        return account_id

    def set_account_field(self, account_id: int, field: str, value: Any) -> None:
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        spec = ACCOUNT_FIELDS[field]
        new_value = spec.parse(value)
        old_value = edits.set_account_field(self.database, account_id, field, new_value)
        if old_value == new_value:
            return
        self.undo_stack.push(
            commands.SetAccountField(self, account_id, field, old_value, new_value)
        )

    def account_content(self, account_id: int) -> str | None:
        from keyplan.store.people import edits

        return edits.account_content(self.database, account_id)

    def delete_account(self, account_id: int, *, cascade: bool = False) -> None:
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        name = self.account_values(account_id)["name"]
        snapshot = edits.delete_account(self.database, account_id, cascade=cascade)
        self.undo_stack.push(commands.DeleteAccount(self, account_id, name, snapshot, cascade))

    # ---- people ---------------------------------------------------------------------------

    def add_person(self, account_id: int, full_name: str, **fields: Any) -> int:
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        person_id = edits.add_stakeholder(self.database, account_id, full_name, **fields)
        self.undo_stack.push(commands.AddPerson(self, account_id, person_id, full_name))
        return person_id

    def set_person_field(self, person_id: int, field: str, value: Any) -> None:
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        spec = STAKEHOLDER_FIELDS[field]
        new_value = spec.parse(value)
        old_value = edits.set_stakeholder_field(self.database, person_id, field, new_value)
        if old_value == new_value:
            return
        name = self.person(person_id)["full_name"]
        self.undo_stack.push(
            commands.SetPersonFields(self, person_id, name, {field: old_value}, {field: new_value})
        )

    def add_person_at(self, account_id: int, full_name: str, position: tuple[float, float]) -> int:
        """Add a person with their card hand-placed on the map: one edit, one undo step."""
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        person_id = edits.add_stakeholder(
            self.database, account_id, full_name, map_position=position
        )
        self.undo_stack.push(commands.AddPerson(self, account_id, person_id, full_name))
        return person_id

    def delete_person(self, person_id: int) -> None:
        self.delete_people([person_id])

    def delete_people(self, person_ids: list[int]) -> None:
        """Delete people (their reports move up to their manager): all or, refused, none.

        One store transaction and one undo step, however many people go.
        """
        from keyplan.store.people import edits
        from keyplan.ui import edits as commands

        ids = list(dict.fromkeys(person_ids))
        if not ids:
            return
        # Names and accounts come from the snapshot: reading the people again here would take
        # a teammate's change made meanwhile for what this window was shown.
        snapshot = edits.delete_stakeholders(self.database, ids)
        rows = snapshot.rows["stakeholders"]
        self.undo_stack.push(
            commands.DeletePeople(
                self,
                tuple(dict.fromkeys(rows[pid]["account_id"] for pid in ids)),
                ids,
                people_delete_text([rows[pid]["full_name"] for pid in ids]),
                snapshot,
            )
        )

    # ---- announcing (called by the commands) ----------------------------------------------

    def announce_person_fields(self, person_id: int, fields: list[str]) -> None:
        for field in fields:
            self.person_changed.emit(person_id, field)
        if "reports_to_id" in fields:
            self.person_changed.emit(person_id, "manager")

    def report_failure(self, message: str) -> None:
        self.edit_failed.emit(message)

    # ---- team mode: records other people change -------------------------------------------

    def last_change_text(self, table: str, row_id: int) -> str:
        """The line 'Last changed by … on …' for a record ("" when it is not known)."""
        from keyplan.ui.team.team_mode import last_change_text

        return last_change_text(self.database, table, row_id)

    def reload_record(self, table: str, row_id: int) -> None:
        """Show a record as it is stored now: re-read it and tell every view it changed."""
        from keyplan.ui.team.team_mode import reload_record

        reload_record(self, table, row_id)


def people_delete_text(names: list[str]) -> str:
    """How the Edit menu names a delete of people: "Delete Ingrid Olsen", "Delete 3 people"."""
    return f"Delete {names[0]}" if len(names) == 1 else f"Delete {len(names)} people"
