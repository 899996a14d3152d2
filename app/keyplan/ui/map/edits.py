"""Undo commands of the stakeholder map: re-parent, hand placement, influence lines.

Same contract as every ``DocumentCommand`` (``ui/document/command.py``): the map's editor
performs the edit once before pushing, so the first ``redo`` is skipped; later undos and redos
go through the store. Each announces what changed on the document's signals once it is pushed
and after every undo and redo: that is all the scene listens to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.store.map import dotted
from keyplan.store.map import edits as map_edits
from keyplan.store.map.edits import Placement, Point
from keyplan.store.people import edits, moves
from keyplan.store.snapshots import RowSnapshot
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand

    from keyplan.ui.document.hub import PortfolioDocument

# QUndoStack merges consecutive commands that share an id: only keyboard nudges do.
NUDGE_COMMAND_ID = 0x4B50


class MovePeopleUnder(DocumentCommand):
    """Some people now report to a manager (or to nobody); their hand positions are cleared.

    With ``positions`` they report to nobody and their cards are hand-placed there instead.
    """

    def __init__(
        self,
        document: PortfolioDocument,
        before: dict[int, Placement],
        manager_id: int | None,
        text: str,
        *,
        positions: dict[int, Point] | None = None,
    ) -> None:
        super().__init__(document, text)
        self.before, self.manager_id, self.positions = before, manager_id, positions

    def apply(self) -> None:
        database = self.document.database
        if self.positions is not None:  # to nobody, hand-placed where dropped
            result = map_edits.detach_from_managers(database, self.positions)
        else:
            result = map_edits.move_people_under(database, list(self.before), self.manager_id)
        self.before = result.before

    def revert(self) -> None:
        map_edits.restore_placements(self.document.database, self.before)

    def announce(self) -> None:
        for person_id in self.before:
            self.document.announce_person_fields(person_id, ["reports_to_id"])
        if self.positions is not None:
            self.document.positions_changed.emit(list(self.positions))


class SetCardPositions(DocumentCommand):
    """Cards hand-placed (a position) or given back to the layout (None).

    A keyboard nudge carries ``NUDGE_COMMAND_ID`` so that a run of arrow-key presses on the same
    cards is one undo step.
    """

    def __init__(
        self,
        document: PortfolioDocument,
        old: dict[int, Point | None],
        new: dict[int, Point | None],
        text: str,
        *,
        nudge: bool = False,
    ) -> None:
        super().__init__(document, text)
        self.old, self.new, self.nudge = old, new, nudge

    def apply(self) -> None:
        edits.set_map_positions(self.document.database, self.new)

    def revert(self) -> None:
        edits.set_map_positions(self.document.database, self.old)

    def announce(self) -> None:
        # The old and new positions name the same cards (a merge requires it).
        self.document.positions_changed.emit(list(self.new))

    def id(self) -> int:
        return NUDGE_COMMAND_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetCardPositions) and other.nudge and self.nudge):
            return False
        if set(other.new) != set(self.new):
            return False  # nudging other cards is a step of its own
        self.new = dict(other.new)
        return True


class AddInfluence(DocumentCommand):
    def __init__(
        self, document: PortfolioDocument, line_id: int, account_id: int, text: str
    ) -> None:
        super().__init__(document, text)
        self.line_id, self.account_id = line_id, account_id
        self.snapshot: RowSnapshot | None = None

    def revert(self) -> None:
        self.snapshot = map_edits.delete_influence_line(self.document.database, self.line_id)

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)

    def announce(self) -> None:
        self.document.influence_changed.emit(self.account_id)


class DeleteMapItems(DocumentCommand):
    """People and influence lines deleted together from the map: one step, undone exactly."""

    def __init__(
        self,
        document: PortfolioDocument,
        ids: tuple[list[int], list[int]],
        accounts: tuple[tuple[int, ...], tuple[int, ...]],
        text: str,
        snapshot: RowSnapshot,
    ) -> None:
        super().__init__(document, text)
        (self.person_ids, self.line_ids), (self.people_accounts, self.line_accounts) = (
            ids,
            accounts,
        )
        self.snapshot = snapshot

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = map_edits.delete_map_items(
            self.document.database, self.person_ids, self.line_ids
        )

    def announce(self) -> None:
        for account_id in self.people_accounts:
            self.document.people_changed.emit(account_id)
        for account_id in self.line_accounts:
            self.document.influence_changed.emit(account_id)


class SetDottedManagers(DocumentCommand):
    """A person's dotted-line (matrix) managers changed: the whole list, before and after."""

    def __init__(
        self,
        document: PortfolioDocument,
        person_id: int,
        lists: tuple[list[int], list[int]],
        accounts: tuple[int, ...],
        text: str,
    ) -> None:
        super().__init__(document, text)
        self.person_id, (self.before, self.after), self.accounts = person_id, lists, accounts

    def apply(self) -> None:
        dotted.set_dotted_managers(self.document.database, self.person_id, self.after)

    def revert(self) -> None:
        dotted.set_dotted_managers(self.document.database, self.person_id, self.before)

    def announce(self) -> None:
        self.document.person_changed.emit(self.person_id, "dotted_managers")
        for account_id in self.accounts:
            self.document.influence_changed.emit(account_id)


class ChangeSeats(DocumentCommand):
    """A person left (maybe keeping their seat open, maybe moving to another account), or an
    open position was opened or filled: rows written back as they were before or after."""

    def __init__(self, document: PortfolioDocument, states: moves.RowStates, text: str) -> None:
        super().__init__(document, text)
        self.states = states

    def apply(self) -> None:
        moves.put_back(self.document.database, self.states, undo=False)

    def revert(self) -> None:
        moves.put_back(self.document.database, self.states, undo=True)

    def announce(self) -> None:
        # Cards came and went: each account's views read their people again.
        for account_id in dict.fromkeys(self.states.account_ids):
            self.document.people_changed.emit(account_id)
