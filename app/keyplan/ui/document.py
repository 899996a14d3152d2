"""The open database as the UI sees it: one undo stack, editing methods, change signals.

Views never call the store. They call a method here, which performs the edit once (so a
refused edit raises at once, with the user's message, and nothing is pushed), then pushes an
undo command that knows how to take it back. Whatever changed is announced by signal, and
every view updates just what the signal names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from keyplan.domain.fields import ACCOUNT_FIELDS, STAKEHOLDER_FIELDS, Kind
from keyplan.domain.plan_fields import WHITESPACE_STATUS_FIELD
from keyplan.store import quick_reads
from keyplan.store.database import Database

if TYPE_CHECKING:
    # The store's editing modules (and SQLAlchemy's ORM) load on first use, inside the methods:
    # the first window is built without them.
    from keyplan.store import plan_edits, queries
    from keyplan.store.map_rows import MapData, MapLine, MapPerson


class PortfolioDocument(QObject):
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

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)
        # A refused save still raises to the view that made it (which shows why); the window
        # also hears of it, to offer a reload of the record (ui/team_mode.py).
        database.conflict_observers.append(self.edit_conflict.emit)
        from keyplan.ui import settings

        if settings.read(settings.USER_NAME):
            database.user_name = settings.read(settings.USER_NAME)

    # ---- reading (plain data from the store) ----------------------------------------------

    def portfolio(self) -> list[quick_reads.PortfolioRow]:
        return quick_reads.portfolio(self.database)

    def account_values(self, account_id: int) -> dict[str, Any]:
        return quick_reads.account_values(self.database, account_id)

    def people(self, account_id: int, *, with_affiliates: bool = False) -> list[queries.PersonRow]:
        from keyplan.store import queries

        return queries.people(self.database, account_id, with_affiliates=with_affiliates)

    def person(self, person_id: int) -> queries.PersonRow:
        from keyplan.store import queries

        return queries.person(self.database, person_id)

    # ---- accounts ---------------------------------------------------------------------------

    def add_account(self, name: str, parent_id: int | None = None) -> int:
        from keyplan.store import edits
        from keyplan.ui import commands

        account_id = edits.add_account(self.database, name, parent_id)
        self.undo_stack.push(commands.AddAccount(self, account_id, name))
        return account_id

    def set_account_field(self, account_id: int, field: str, value: Any) -> None:
        from keyplan.store import edits
        from keyplan.ui import commands

        spec = ACCOUNT_FIELDS[field]
        new_value = spec.parse(value)
        old_value = edits.set_account_field(self.database, account_id, field, new_value)
        if old_value == new_value:
            return
        self.undo_stack.push(
            commands.SetAccountField(self, account_id, field, old_value, new_value)
        )

    def account_content(self, account_id: int) -> str | None:
        from keyplan.store import edits

        return edits.account_content(self.database, account_id)

    def delete_account(self, account_id: int, *, cascade: bool = False) -> None:
        from keyplan.store import edits
        from keyplan.ui import commands

        name = self.account_values(account_id)["name"]
        snapshot = edits.delete_account(self.database, account_id, cascade=cascade)
        self.undo_stack.push(commands.DeleteAccount(self, account_id, name, snapshot, cascade))

    # ---- people ---------------------------------------------------------------------------

    def add_person(self, account_id: int, full_name: str, **fields: Any) -> int:
        from keyplan.store import edits
        from keyplan.ui import commands

        person_id = edits.add_stakeholder(self.database, account_id, full_name, **fields)
        self.undo_stack.push(commands.AddPerson(self, account_id, person_id, full_name))
        return person_id

    def set_person_field(self, person_id: int, field: str, value: Any) -> None:
        from keyplan.store import edits
        from keyplan.ui import commands

        spec = STAKEHOLDER_FIELDS[field]
        new_value = spec.parse(value)
        old_value = edits.set_stakeholder_field(self.database, person_id, field, new_value)
        if old_value == new_value:
            return
        name = self.person(person_id)["full_name"]
        self.undo_stack.push(
            commands.SetPersonFields(self, person_id, name, {field: old_value}, {field: new_value})
        )

    def delete_person(self, person_id: int) -> None:
        from keyplan.store import edits
        from keyplan.ui import commands

        person = self.person(person_id)
        snapshot = edits.delete_stakeholder(self.database, person_id)
        self.undo_stack.push(
            commands.DeletePerson(self, person.account_id, person_id, person["full_name"], snapshot)
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
        from keyplan.ui.team_mode import last_change_text

        return last_change_text(self.database, table, row_id)

    def reload_record(self, table: str, row_id: int) -> None:
        """Show a record as it is stored now: re-read it and tell every view it changed."""
        from keyplan.ui.team_mode import reload_record

        reload_record(self, table, row_id)

    # ---- the stakeholder map (issue 3) ----------------------------------------------------
    # Reporting lines, hand-placed cards and influence lines, each edit one undo step. The map's
    # modules load when the map is first used, not at start-up.

    def map_data(self, account_id: int, *, with_affiliates: bool) -> MapData:
        from keyplan.store import map_queries

        return map_queries.map_data(self.database, account_id, with_affiliates=with_affiliates)

    def map_people(self, person_ids: list[int]) -> list[MapPerson]:
        from keyplan.store import map_queries

        return map_queries.map_people(self.database, person_ids)

    def map_lines(self, account_ids: list[int]) -> list[MapLine]:
        from keyplan.store import map_queries

        return map_queries.map_lines(self.database, account_ids)

    def manager_choices(self, person_id: int) -> list[tuple[int, str]]:
        from keyplan.store import queries

        return queries.manager_choices(self.database, person_id)

    def team_members(self) -> list[tuple[int, str]]:
        from keyplan.store import queries

        return queries.team_members(self.database)

    def move_person_under(self, person_id: int, manager_id: int | None) -> None:
        """Make a person report to ``manager_id`` (None: to nobody); refused on a cycle."""
        self.move_people_under([person_id], manager_id)

    def move_people_under(self, person_ids: list[int], manager_id: int | None) -> None:
        """Make several people report to one manager: all of them or, if one is refused, none."""
        from keyplan.store import map_edits
        from keyplan.ui.map import commands as map_commands

        result = map_edits.move_people_under(self.database, person_ids, manager_id)
        before = {
            pid: placement
            for pid, placement in result.before.items()
            if placement.manager_id != manager_id or placement.position is not None
        }
        if not before:
            return
        self.undo_stack.push(
            map_commands.MovePeopleUnder(
                self, before, manager_id, _move_text(list(before), manager_id, result.names)
            )
        )

    def set_card_positions(
        self, positions: dict[int, tuple[float, float] | None], text: str | None = None
    ) -> None:
        """Hand-place cards (None gives a card back to the layout): one undo step for all."""
        from keyplan.store import edits
        from keyplan.ui.map import commands as map_commands

        old = edits.set_map_positions(self.database, positions)
        if old == positions:
            return
        what = text or ("Move card" if len(positions) == 1 else f"Move {len(positions)} cards")
        self.undo_stack.push(map_commands.SetCardPositions(self, old, dict(positions), what))

    def nudge_cards(self, positions: dict[int, tuple[float, float]]) -> None:
        """Hand-place cards moved by the keyboard; a run of nudges is one undo step."""
        from keyplan.store import edits
        from keyplan.ui.map import commands as map_commands

        old = edits.set_map_positions(self.database, dict(positions))
        self.undo_stack.push(
            map_commands.SetCardPositions(self, old, dict(positions), "Nudge cards", nudge=True)
        )

    def relayout(self, person_ids: list[int]) -> None:
        """Give cards back to the automatic layout (clear their hand-placed positions)."""
        self.set_card_positions(dict.fromkeys(person_ids), "Re-layout")

    def add_influence(
        self, from_id: int, to_id: int, kind: str, strength: int = 2, note: str | None = None
    ) -> int:
        """Draw an influence line of a kind (``InfluenceKind`` value); return its id."""
        from keyplan.store import map_edits
        from keyplan.ui.map import commands as map_commands

        line_id = map_edits.add_influence_line(self.database, from_id, to_id, kind, strength, note)
        account_id = map_edits.person_account(self.database, from_id)
        self.undo_stack.push(
            map_commands.AddInfluence(self, line_id, account_id, f"Draw {kind} line")
        )
        return line_id

    def delete_influence(self, line_id: int) -> None:
        from keyplan.store import map_edits
        from keyplan.ui.map import commands as map_commands

        account_id = map_edits.influence_line_account(self.database, line_id)
        snapshot = map_edits.delete_influence_line(self.database, line_id)
        self.undo_stack.push(
            map_commands.DeleteInfluence(self, line_id, account_id, snapshot, "Delete line")
        )

    def set_person_fields(self, person_id: int, values: dict[str, Any]) -> None:
        """Change several fields of a person at once (all or none): one undo step."""
        from keyplan.store import edits
        from keyplan.ui import commands

        parsed = {field: STAKEHOLDER_FIELDS[field].parse(value) for field, value in values.items()}
        old = edits.set_stakeholder_fields(self.database, person_id, parsed)
        changed = [field for field in parsed if old[field] != parsed[field]]
        if not changed:
            return
        name = self.person(person_id)["full_name"]
        self.undo_stack.push(
            commands.SetPersonFields(
                self,
                person_id,
                name,
                {field: old[field] for field in changed},
                {field: parsed[field] for field in changed},
            )
        )

    # ---- the account plan (issue 4) -------------------------------------------------------
    # Rows of the plan tables (opportunities, risks, commitments, …, named by ``PlanTable``)
    # and cells of the whitespace grid; each edit is one undo step.

    plan_changed = Signal(str, int)  # table name (a PlanTable or WHITESPACE), account id

    def plan_rows(self, table: str, account_id: int) -> list[dict[str, Any]]:
        """The rows of a plan table for an account and the affiliates below it."""
        from keyplan.store import plan_edits

        return plan_edits.rows(self.database, table, account_id)

    def plan_choices(self, table: str, account_id: int) -> dict[str, list[tuple[int, str]]]:
        """For each reference field of a plan table, the (id, name) pairs it may point at."""
        from keyplan.store import plan_edits

        return plan_edits.reference_choices(self.database, table, account_id)

    def plan_family(self, account_id: int) -> dict[int, str]:
        """The account and its affiliates below (id -> name): whose rows its plan shows."""
        from keyplan.store import plan_edits

        return plan_edits.family_names(self.database, account_id)

    def whitespace(self, account_id: int) -> plan_edits.WhitespaceGrid:
        from keyplan.store import plan_edits

        return plan_edits.whitespace(self.database, account_id)

    def add_plan_row(self, table: str, account_id: int, values: dict[str, Any]) -> int:
        """Add a row to one of the account's plan tables; return its id."""
        from keyplan.store import plan_edits
        from keyplan.ui.plan import commands as plan_commands

        row_id = plan_edits.add_row(self.database, table, account_id, values)
        text = f"Add {_plan_row_title(table, values)}"
        self.undo_stack.push(plan_commands.AddPlanRow(self, table, account_id, row_id, text))
        return row_id

    def set_plan_field(self, table: str, row_id: int, field: str, value: Any) -> None:
        """Change one field of a plan row (refused with the user's message when invalid)."""
        from keyplan.store import plan_edits
        from keyplan.ui.plan import commands as plan_commands

        plan = plan_edits.plan_model(table)
        new_value = plan.field(field).parse(value)
        before = plan_edits.row_account(self.database, table, row_id)
        old_value = plan_edits.set_field(self.database, table, row_id, field, new_value)
        if old_value == new_value:
            return
        # A relationship owner moves to another affiliate's plan with the person it covers.
        after = plan_edits.row_account(self.database, table, row_id)
        accounts = (before,) if after == before else (before, after)
        text = f"Change {plan.field(field).label.lower()} of {plan.spec.noun}"
        self.undo_stack.push(
            plan_commands.SetPlanField(
                self, table, accounts, row_id, field, (old_value, new_value), text
            )
        )

    def delete_plan_row(self, table: str, row_id: int) -> None:
        """Delete a plan row; undo brings it back exactly, links to it included."""
        from keyplan.store import plan_edits
        from keyplan.ui.plan import commands as plan_commands

        account_id = plan_edits.row_account(self.database, table, row_id)
        snapshot = plan_edits.delete_row(self.database, table, row_id)
        values = snapshot.rows.get(plan_edits.plan_model(table).model.__tablename__, {})
        text = f"Delete {_plan_row_title(table, values.get(row_id, {}))}"
        self.undo_stack.push(
            plan_commands.DeletePlanRow(self, table, account_id, row_id, snapshot, text)
        )

    def set_whitespace(
        self, account_id: int, department: str, offering_id: int, status: str | None
    ) -> None:
        """Set the status of one whitespace cell (None clears it)."""
        from keyplan.store import plan_edits
        from keyplan.ui.plan import commands as plan_commands

        new_status = WHITESPACE_STATUS_FIELD.parse(status)
        old_status = plan_edits.set_whitespace(
            self.database, account_id, department, offering_id, new_status
        )
        if old_status == new_status:
            return
        offering = dict(plan_edits.offerings(self.database)).get(offering_id, "offering")
        label = WHITESPACE_STATUS_FIELD.display(new_status) or "not assessed"
        self.undo_stack.push(
            plan_commands.SetWhitespace(
                self,
                account_id,
                (department.strip(), offering_id),
                (old_status, new_status),
                f"Mark {offering} in {department.strip()} as {label.lower()}",
            )
        )

    # ---- interactions and promises (issue 5, the insights) --------------------------------
    # The store modules load on first use: start-up reads none of them.

    def account_facts(
        self, account_id: int, *, with_affiliates: bool = True, today: Any = None
    ) -> Any:
        """The insights' facts of an account (``AccountFacts``), by default with affiliates.

        With ``today``, older interactions are read as each person's last contact only
        (what the insights of that day need; see ``insight_queries.account_facts``).
        """
        from keyplan.store import insight_queries

        return insight_queries.account_facts(
            self.database, account_id, with_affiliates=with_affiliates, today=today
        )

    def dashboard_facts(self, today: Any, account_ids: Any = None) -> Any:
        """The dashboard's facts of every account, or of some (``insight_queries``)."""
        from keyplan.store import insight_queries

        return insight_queries.dashboard_facts(self.database, today, account_ids)

    def interactions(self, account_id: int, *, with_affiliates: bool = True) -> list:
        """The interactions of an account family, newest first (``InteractionRow``)."""
        from keyplan.store import interaction_queries

        return interaction_queries.interactions(
            self.database, account_id, with_affiliates=with_affiliates
        )

    def commitments(self, account_id: int, *, with_affiliates: bool = True) -> list:
        """The promises of an account family, open ones first (``CommitmentRow``)."""
        from keyplan.store import interaction_queries

        return interaction_queries.commitments(
            self.database, account_id, with_affiliates=with_affiliates
        )

    def family_people(self, account_id: int) -> list[tuple[int, str, str | None]]:
        """(id, name, job title) of the people still at an account and its affiliates."""
        from keyplan.store import interaction_queries

        return interaction_queries.family_people(self.database, account_id)

    def log_interaction(
        self,
        account_id: int,
        occurred_on: Any,
        person_ids: list[int],
        team_member_ids: list[int],
        *,
        channel: str = "in_person",
        summary: str | None = None,
        next_step: str | None = None,
    ) -> int:
        """Log a meeting, call or message (one undo step); return its id."""
        from keyplan.store import interaction_edits
        from keyplan.ui import interaction_commands

        interaction_id = interaction_edits.log_interaction(
            self.database,
            account_id,
            occurred_on,
            person_ids,
            team_member_ids,
            channel=channel,
            summary=summary,
            next_step=next_step,
        )
        people = tuple(dict.fromkeys(person_ids))
        title = interaction_commands.interaction_title(channel, len(people))
        self.undo_stack.push(
            interaction_commands.LogInteraction(self, account_id, interaction_id, people, title)
        )
        return interaction_id

    def delete_interaction(self, interaction_id: int) -> None:
        """Delete a logged interaction (one undo step)."""
        from keyplan.store import interaction_edits
        from keyplan.ui import interaction_commands

        people = interaction_edits.interaction_people(self.database, interaction_id)
        snapshot = interaction_edits.delete_interaction(self.database, interaction_id)
        account_id = snapshot.rows["interactions"][interaction_id]["account_id"]
        self.undo_stack.push(
            interaction_commands.DeleteInteraction(
                self, account_id, interaction_id, people, snapshot
            )
        )

    def set_commitment_status(self, commitment_id: int, status: str, today: Any = None) -> None:
        """Mark a promise kept, late, broken or open: one undo step with its delivery date.

        A promise marked kept gets today's date as its delivery date unless it has one; an
        open or broken one loses it (``commitment_status_change``). Promises are plan rows, so
        this goes through the plan's own edits and is announced by ``plan_changed``.
        """
        from datetime import date

        from keyplan.domain.interaction_fields import commitment_status_change
        from keyplan.domain.plan_fields import PlanTable

        table = PlanTable.COMMITMENTS.value
        row = self.commitment(commitment_id)
        values = commitment_status_change(status, row.delivered_on, today or date.today())
        if (row.status, row.delivered_on) == (values["status"], values["delivered_on"]):
            return
        label = STATUS_WORDS.get(status, status)
        self.undo_stack.beginMacro(f"Mark promise {label}")
        try:
            for field, value in values.items():
                self.set_plan_field(table, commitment_id, field, value)
        finally:
            self.undo_stack.endMacro()

    def commitment(self, commitment_id: int) -> Any:
        """One promise with the names of who it was made to and by (``CommitmentRow``)."""
        from keyplan.store import interaction_queries

        return interaction_queries.commitment(self.database, commitment_id)

    def announce_interaction(self, account_id: int, person_ids: tuple[int, ...]) -> None:
        """An interaction came or went: its account's insights and its people's last contact."""
        self.interactions_changed.emit(account_id)
        for person_id in person_ids:
            self.person_changed.emit(person_id, "last_contact")

    # ---- our team and offerings (the roster) ----------------------------------------------
    # Who on our side works the accounts, and what we sell. Views that show team members or
    # offerings (owners, choices, the whitespace grid) re-read them on ``roster_changed``.

    roster_changed = Signal()  # team members or offerings added, changed or removed

    def team_roster(self) -> list:
        """Every team member (``TeamMemberRow``), in the order they were added."""
        from keyplan.store import roster_edits

        return roster_edits.team_roster(self.database)

    def offering_list(self) -> list:
        """Every offering (``OfferingRow``), in the order they were added."""
        from keyplan.store import roster_edits

        return roster_edits.offering_list(self.database)

    def home_account_choices(self) -> list[tuple[int, str]]:
        from keyplan.store import roster_edits

        return roster_edits.home_account_choices(self.database)

    def team_member_ties(self, member_id: int) -> Any:
        """What deleting a team member changes (``TeamMemberTies``)."""
        from keyplan.store import roster_edits

        return roster_edits.team_member_ties(self.database, member_id)

    def offering_ties(self, offering_id: int) -> Any:
        """What deleting an offering changes (``OfferingTies``)."""
        from keyplan.store import roster_edits

        return roster_edits.offering_ties(self.database, offering_id)

    def add_team_member(self, name: str, **fields: Any) -> int:
        """Add a colleague to our team (one undo step); return their id."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        member_id = roster_edits.add_team_member(self.database, name, **fields)
        added = roster_edits.team_member(self.database, member_id).name
        self.undo_stack.push(
            roster_commands.AddRosterRow(self, roster_commands.TEAM, member_id, added)
        )
        return member_id

    def set_team_member_field(self, member_id: int, field: str, value: Any) -> None:
        """Change a colleague's name, role, e-mail or home account (one undo step)."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        self._set_roster_field(
            roster_commands.TEAM,
            roster_edits.TEAM_MEMBER_FIELDS,
            roster_edits.team_member(self.database, member_id).name,
            member_id,
            field,
            value,
        )

    def delete_team_member(self, member_id: int, *, cascade: bool = False) -> None:
        """Delete a colleague; ``cascade`` confirms losing their relationship ownerships."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        name = roster_edits.team_member(self.database, member_id).name
        snapshot = roster_edits.delete_team_member(self.database, member_id, cascade=cascade)
        self.undo_stack.push(
            roster_commands.DeleteRosterRow(self, roster_commands.TEAM, member_id, name, snapshot)
        )

    def add_offering(self, name: str, description: str | None = None) -> int:
        """Add one of our offerings (one undo step); return its id."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        offering_id = roster_edits.add_offering(self.database, name, description)
        added = roster_edits.offering(self.database, offering_id).name
        self.undo_stack.push(
            roster_commands.AddRosterRow(self, roster_commands.OFFERINGS, offering_id, added)
        )
        return offering_id

    def set_offering_field(self, offering_id: int, field: str, value: Any) -> None:
        """Rename an offering or change its description (one undo step)."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        self._set_roster_field(
            roster_commands.OFFERINGS,
            roster_edits.OFFERING_FIELDS,
            roster_edits.offering(self.database, offering_id).name,
            offering_id,
            field,
            value,
        )

    def delete_offering(self, offering_id: int, *, cascade: bool = False) -> None:
        """Delete an offering; ``cascade`` confirms losing its whitespace cells."""
        from keyplan.store import roster_edits
        from keyplan.ui import roster_commands

        name = roster_edits.offering(self.database, offering_id).name
        snapshot = roster_edits.delete_offering(self.database, offering_id, cascade=cascade)
        self.undo_stack.push(
            roster_commands.DeleteRosterRow(
                self, roster_commands.OFFERINGS, offering_id, name, snapshot
            )
        )

    def _set_roster_field(
        self, kind: Any, specs: dict, name: str, row_id: int, field: str, value: Any
    ) -> None:
        from keyplan.domain.errors import RuleViolation
        from keyplan.ui import roster_commands

        if field not in specs:
            raise RuleViolation(f"'{field}' is not a field that can be edited.")
        new_value = specs[field].parse(value)
        old_value = kind.set_field(self.database, row_id, field, new_value)
        if old_value == new_value:
            return
        text = roster_commands.field_change_text(kind, field, specs[field].label, name, new_value)
        self.undo_stack.push(
            roster_commands.SetRosterField(self, kind, row_id, field, (old_value, new_value), text)
        )

    # ---- importing people (issue 6) ---------------------------------------------------------
    # The import's modules load when an import is first made, never at start-up.

    def import_target(self, account_id: int) -> Any:
        """The account's people and its family's, for planning an import (``ImportTarget``)."""
        from keyplan.store import import_writes

        return import_writes.import_target(self.database, account_id)

    def import_people(self, plan: Any, file_name: str) -> Any:
        """Write an ``ImportPlan`` in one transaction: one undo step; return the receipt."""
        from keyplan.store import import_writes

        receipt = import_writes.apply_import(self.database, plan.to_write())
        self.record_import(receipt, file_name)
        return receipt

    def import_people_in_background(
        self,
        plan: Any,
        file_name: str,
        *,
        on_done: Any,
        on_error: Any,
        on_progress: Any = None,
    ) -> Any:
        """``import_people`` on the serial writer thread; the undo step is pushed when done.

        Returns the ``BackgroundTask``; ``on_done(receipt)`` and ``on_error(error)`` run on
        the GUI thread.
        """
        from keyplan.store import import_writes
        from keyplan.ui.background import run_task

        write = plan.to_write()

        def finished(receipt: Any) -> None:
            self.record_import(receipt, file_name)
            on_done(receipt)

        return run_task(
            lambda report: import_writes.apply_import(self.database, write, report),
            on_success=finished,
            on_error=on_error,
            on_progress=on_progress,
            writes=True,
        )

    def record_import(self, receipt: Any, file_name: str) -> None:
        """Push the undo step of an import already written (and announce what it changed)."""
        from keyplan.ui.import_commands import ImportPeople, import_text

        self.undo_stack.push(ImportPeople(self, receipt, import_text(receipt, file_name)))


def _move_text(person_ids: list[int], manager_id: int | None, names: dict[int, str]) -> str:
    who = names.get(person_ids[0], "?") if len(person_ids) == 1 else f"{len(person_ids)} people"
    if manager_id is None:
        return f"{who} reports to nobody"
    return f"Move {who} under {names.get(manager_id, '?')}"


def _plan_row_title(table: str, values: dict[str, Any]) -> str:
    """How an undo text names a plan row: its noun, and its title when that is text."""
    from keyplan.store import plan_edits

    spec = plan_edits.plan_model(table).spec
    title = values.get(spec.title_field)
    if spec.fields[spec.title_field].kind is Kind.TEXT and title:
        short = str(title).strip()
        return f"{spec.noun} '{short[:40]}…'" if len(short) > 40 else f"{spec.noun} '{short}'"
    return spec.noun


#: How the Edit menu says a promise's new status ("Mark promise kept").
STATUS_WORDS = {"open": "open", "kept": "kept", "late": "kept late", "broken": "broken"}
