"""The open database as the UI sees it: one undo stack, one change announcer, an editor per area.

Views never call the store. They call an editing method, which performs the edit once (so a
refused edit raises at once, with the user's message, and nothing is pushed), then pushes an
undo command that knows how to take it back. Whatever changed is announced by signal once the
command is pushed (``push``) and after every undo and redo (``command.DocumentCommand``), and
every view updates just what the signal names.

The editing lives in one small editor per area, beside that area's undo commands:
``ui/people/editor.py``, ``ui/map/editor.py``, ``ui/plan/editor.py``,
``ui/meetings/editor.py``, ``ui/roster/editor.py``, ``ui/transfer/editor.py``. An editor that
needs another area's edit calls that area's editor through the document. The document keeps
the flat names the views know (``document.move_people_under(...)``), each handing the call to
its area's editor (``document.map_editor``); the map's, the plan's and the roster's calls are
written in ``map_calls``, ``plan_calls`` and ``roster_calls``, which the document takes in.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from keyplan.store.database import Database
from keyplan.store.shell import quick_reads
from keyplan.ui.document.map_calls import MapCalls
from keyplan.ui.document.plan_calls import PlanCalls
from keyplan.ui.document.roster_calls import RosterCalls
from keyplan.ui.shell import settings

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from keyplan.domain.history.wording import HistoryLine
    from keyplan.store.history.named_snapshots import NamedSnapshot
    from keyplan.store.history.queries import Comparison, LogWindow
    from keyplan.store.people.queries import PersonRow
    from keyplan.ui.background import BackgroundTask
    from keyplan.ui.document.command import DocumentCommand
    from keyplan.ui.evidence.editor import EvidenceEditor
    from keyplan.ui.map.editor import MapEditor
    from keyplan.ui.meetings.editor import MeetingsEditor
    from keyplan.ui.people.editor import PeopleEditor
    from keyplan.ui.plan.editor import PlanEditor
    from keyplan.ui.roster.editor import RosterEditor
    from keyplan.ui.transfer.editor import TransferEditor


class PortfolioDocument(MapCalls, PlanCalls, RosterCalls, QObject):
    """One open Keyplan database: the single source of truth for every window and view."""

    # ---- the change announcer: what the views listen to -------------------------------------
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
        # On a team database the name is the server's login (it stamps every change itself).
        if settings.read(settings.USER_NAME) and database.path is not None:
            database.user_name = settings.read(settings.USER_NAME)

    def push(self, command: DocumentCommand) -> None:
        """Put an edit already made on the undo stack, then announce what it changed."""
        self.undo_stack.push(command)
        command.announce()

    def announce_person_fields(self, person_id: int, fields: list[str]) -> None:
        for field in fields:
            self.person_changed.emit(person_id, field)
        if "reports_to_id" in fields:
            self.person_changed.emit(person_id, "manager")

    def announce_interaction(self, account_id: int, person_ids: tuple[int, ...]) -> None:
        """An interaction came or went: its account's insights and its people's last contact."""
        self.interactions_changed.emit(account_id)
        for person_id in person_ids:
            self.person_changed.emit(person_id, "last_contact")

    def report_failure(self, message: str) -> None:
        self.edit_failed.emit(message)

    # ---- the editors, one per area ----------------------------------------------------------
    # Each loads with its first use: the store's editing modules and SQLAlchemy's ORM stay off
    # the start-up path, which reads through ``quick_reads`` only.

    @cached_property
    def people_editor(self) -> PeopleEditor:
        from keyplan.ui.people.editor import PeopleEditor  # off the start-up path (ORM)

        return PeopleEditor(self)

    @cached_property
    def map_editor(self) -> MapEditor:
        from keyplan.ui.map.editor import MapEditor  # off the start-up path (ORM)

        return MapEditor(self)

    @cached_property
    def plan_editor(self) -> PlanEditor:
        from keyplan.ui.plan.editor import PlanEditor  # off the start-up path (ORM)

        return PlanEditor(self)

    @cached_property
    def meetings_editor(self) -> MeetingsEditor:
        from keyplan.ui.meetings.editor import MeetingsEditor  # off the start-up path (ORM)

        return MeetingsEditor(self)

    @cached_property
    def roster_editor(self) -> RosterEditor:
        from keyplan.ui.roster.editor import RosterEditor  # off the start-up path (ORM)

        return RosterEditor(self)

    @cached_property
    def evidence_editor(self) -> EvidenceEditor:
        from keyplan.ui.evidence.editor import EvidenceEditor  # off the start-up path (ORM)

        return EvidenceEditor(self)

    @cached_property
    def transfer_editor(self) -> TransferEditor:
        from keyplan.ui.transfer.editor import TransferEditor  # off the start-up path (ORM)

        return TransferEditor(self)

    # ---- reading: what the first window needs, in plain SQL ---------------------------------

    def portfolio(self) -> list[quick_reads.PortfolioRow]:
        return quick_reads.portfolio(self.database)

    def account_values(self, account_id: int) -> dict[str, Any]:
        return quick_reads.account_values(self.database, account_id)

    # ---- team mode: records other people change ---------------------------------------------

    def last_change_text(self, table: str, row_id: int) -> str:
        """The line 'Last changed by … on …' for a record ("" when it is not known)."""
        from keyplan.ui.team.team_mode import last_change_text  # team mode loads when used

        return last_change_text(self.database, table, row_id)

    def person_history(self, person_id: int) -> list[HistoryLine]:
        """A person's change log as lines to read, newest first (undone ones marked)."""
        from keyplan.domain.history.wording import history_lines
        from keyplan.store.history.queries import person_history

        entries, names = person_history(self.database, person_id)
        return history_lines(entries, names)

    def compare_dates(self, account_ids: list[int], start: datetime, end: datetime) -> Comparison:
        """The people of some accounts at two moments, and what changed between them."""
        from keyplan.store.history.queries import compare_dates

        return compare_dates(self.database, account_ids, start, end)

    def history_window(
        self,
        account_ids: list[int],
        start: datetime,
        known: LogWindow | None = None,
        *,
        read_from: datetime | None = None,
    ) -> LogWindow:
        """The people of some accounts and their log since ``start``: ``known`` when it covers
        them and nothing was written since it was read, else read now (from ``read_from``
        when earlier: what the next comparisons will want)."""
        from keyplan.store.history import queries

        if (
            known is not None
            and known.covers(account_ids, start)
            and queries.window_is_current(self.database, known)
        ):
            return known
        since = min(start, read_from) if read_from is not None else start
        return queries.read_window(self.database, account_ids, since)

    def compare_in_window(self, window: LogWindow, start: datetime, end: datetime) -> Comparison:
        """``compare_dates`` on a window of the log already read (``history_window``)."""
        from keyplan.store.history.queries import compare_in_window

        return compare_in_window(self.database, window, start, end)

    def snapshots(self, account_id: int) -> list[NamedSnapshot]:
        """The account's named snapshots, after taking those plan reviews that passed left."""
        from keyplan.store.history import named_snapshots

        named_snapshots.take_review_snapshots(self.database, account_id)
        return named_snapshots.snapshots(self.database, account_id)

    def take_snapshot(self, account_id: int, name: str) -> int:
        """Name the account's map as it is now (read-only; nothing to undo: it changes nothing)."""
        from keyplan.store.history.named_snapshots import take_snapshot

        return take_snapshot(self.database, account_id, name)

    def reload_record(self, table: str, row_id: int) -> None:
        """Show a record as it is stored now: re-read it and tell every view it changed."""
        from keyplan.ui.team.team_mode import reload_record  # team mode loads when used

        reload_record(self, table, row_id)

    # ---- accounts and people (``people_editor``) --------------------------------------------

    def people(self, account_id: int, *, with_affiliates: bool = False) -> list[PersonRow]:
        return self.people_editor.people(account_id, with_affiliates=with_affiliates)

    def person(self, person_id: int) -> PersonRow:
        return self.people_editor.person(person_id)

    def manager_choices(self, person_id: int) -> list[tuple[int, str]]:
        return self.people_editor.manager_choices(person_id)

    def team_members(self) -> list[tuple[int, str]]:
        return self.people_editor.team_members()

    def account_content(self, account_id: int) -> str | None:
        return self.people_editor.account_content(account_id)

    def add_account(self, name: str, parent_id: int | None = None) -> int:
        return self.people_editor.add_account(name, parent_id)

    def set_account_field(self, account_id: int, field: str, value: Any) -> None:
        self.people_editor.set_account_field(account_id, field, value)

    def delete_account(self, account_id: int, *, cascade: bool = False) -> None:
        self.people_editor.delete_account(account_id, cascade=cascade)

    def add_person(self, account_id: int, full_name: str, **fields: Any) -> int:
        return self.people_editor.add_person(account_id, full_name, **fields)

    def add_person_at(self, account_id: int, full_name: str, position: tuple[float, float]) -> int:
        return self.people_editor.add_person_at(account_id, full_name, position)

    def set_person_field(self, person_id: int, field: str, value: Any) -> None:
        self.people_editor.set_person_field(person_id, field, value)

    def set_person_fields(self, person_id: int, values: dict[str, Any]) -> None:
        self.people_editor.set_person_fields(person_id, values)

    def delete_person(self, person_id: int) -> None:
        self.people_editor.delete_people([person_id])

    def delete_people(self, person_ids: list[int]) -> None:
        self.people_editor.delete_people(person_ids)

    # ---- other views of the people (``ui/views``) -------------------------------------------

    def plan_data(self, account_id: int, today: Any) -> Any:
        """The account's whole plan as plain data (``store.plan.queries.load_plan``)."""
        from keyplan.store.plan.queries import load_plan

        return load_plan(self.database, account_id, today)

    def place_on_grid(self, person_id: int, influence: str, interest: str, note: str = "") -> bool:
        """Move a person on the power / interest grid: both ratings, one undo step."""
        from keyplan.ui.views.edits import place_on_grid

        return place_on_grid(self, person_id, influence, interest, note)

    # ---- interactions and promises (``meetings_editor``) ------------------------------------

    def account_facts(
        self, account_id: int, *, with_affiliates: bool = True, today: Any = None
    ) -> Any:
        return self.meetings_editor.account_facts(
            account_id, with_affiliates=with_affiliates, today=today
        )

    def dashboard_facts(self, today: Any, account_ids: Any = None) -> Any:
        return self.meetings_editor.dashboard_facts(today, account_ids)

    def interactions(self, account_id: int, *, with_affiliates: bool = True) -> list:
        return self.meetings_editor.interactions(account_id, with_affiliates=with_affiliates)

    def commitments(self, account_id: int, *, with_affiliates: bool = True) -> list:
        return self.meetings_editor.commitments(account_id, with_affiliates=with_affiliates)

    def commitment(self, commitment_id: int) -> Any:
        return self.meetings_editor.commitment(commitment_id)

    def family_people(self, account_id: int) -> list[tuple[int, str, str | None]]:
        return self.meetings_editor.family_people(account_id)

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
        return self.meetings_editor.log_interaction(
            account_id,
            occurred_on,
            person_ids,
            team_member_ids,
            channel=channel,
            summary=summary,
            next_step=next_step,
        )

    def interaction(self, interaction_id: int) -> Any:
        return self.meetings_editor.interaction(interaction_id)

    def edit_interaction(self, interaction_id: int, content: Any) -> None:
        self.meetings_editor.edit_interaction(interaction_id, content)

    def delete_interaction(self, interaction_id: int) -> None:
        self.meetings_editor.delete_interactions([interaction_id])

    def delete_interactions(self, interaction_ids: list[int]) -> None:
        self.meetings_editor.delete_interactions(interaction_ids)

    def delete_commitments(self, commitment_ids: list[int]) -> None:
        self.meetings_editor.delete_commitments(commitment_ids)

    def set_commitment_status(self, commitment_id: int, status: str, today: Any = None) -> None:
        self.meetings_editor.set_commitment_status(commitment_id, status, today)

    # ---- imports (``transfer_editor``) ------------------------------------------------------

    def import_target(self, account_id: int | None, portfolio: bool = False) -> Any:
        return self.transfer_editor.import_target(account_id, portfolio)

    def import_people(self, plan: Any, file_name: str) -> Any:
        return self.transfer_editor.import_people(plan, file_name)

    def import_people_in_background(
        self,
        plan: Any,
        file_name: str,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: Any = None,
    ) -> BackgroundTask:
        return self.transfer_editor.import_people_in_background(
            plan, file_name, on_done=on_done, on_error=on_error, on_progress=on_progress
        )
