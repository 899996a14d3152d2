"""Undo commands for our team and offerings: add, change a field, delete.

Team members and offerings are edited alike, so one set of commands serves both, told apart by
a ``RosterKind`` (which store functions write them). Like every ``DocumentCommand`` the edit is
done by the roster's editor before the push; the push and each later step announce
``roster_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from keyplan.store.people import edits
from keyplan.store.roster import edits as roster_edits
from keyplan.store.snapshots import RowSnapshot
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


@dataclass(frozen=True, slots=True)
class RosterKind:
    """Team members or offerings: what the undo text calls one, and how the store edits it."""

    noun: str
    set_field: Callable[..., Any]
    delete: Callable[..., RowSnapshot]
    delete_rows: Callable[..., RowSnapshot]
    name_of: Callable[..., Any]


TEAM = RosterKind(
    "team member",
    roster_edits.set_team_member_field,
    roster_edits.delete_team_member,
    roster_edits.delete_team_members,
    roster_edits.team_member,
)
OFFERINGS = RosterKind(
    "offering",
    roster_edits.set_offering_field,
    roster_edits.delete_offering,
    roster_edits.delete_offerings,
    roster_edits.offering,
)


class RosterCommand(DocumentCommand):
    """A change to our team or offerings: views that show them re-read them."""

    def announce(self) -> None:
        self.document.roster_changed.emit()


class AddRosterRow(RosterCommand):
    """Undo removes the new row (with anything added to it since, kept for redo)."""

    def __init__(
        self, document: PortfolioDocument, kind: RosterKind, row_id: int, name: str
    ) -> None:
        super().__init__(document, f"Add {kind.noun} {name}")
        self.kind, self.row_id = kind, row_id
        self.snapshot: RowSnapshot | None = None

    def revert(self) -> None:
        # Later steps were undone first, yet a confirmed cascade keeps undo from ever refusing.
        self.snapshot = self.kind.delete(self.document.database, self.row_id, cascade=True)

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)


class SetRosterField(RosterCommand):
    def __init__(
        self,
        document: PortfolioDocument,
        kind: RosterKind,
        row_id: int,
        field: str,
        values: tuple[Any, Any],
        text: str,
    ) -> None:
        super().__init__(document, text)
        self.kind, self.row_id, self.field = kind, row_id, field
        self.old, self.new = values

    def apply(self) -> None:
        self._set(self.new)

    def revert(self) -> None:
        self._set(self.old)

    def _set(self, value: Any) -> None:
        self.kind.set_field(self.document.database, self.row_id, self.field, value)


class DeleteRosterRows(RosterCommand):
    """Team members or offerings deleted together: undo writes back every row the delete
    removed or cleared, exactly."""

    def __init__(
        self,
        document: PortfolioDocument,
        kind: RosterKind,
        row_ids: list[int],
        text: str,
        snapshot: RowSnapshot,
    ) -> None:
        super().__init__(document, text)
        self.kind, self.row_ids, self.snapshot = kind, row_ids, snapshot

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = self.kind.delete_rows(self.document.database, self.row_ids, cascade=True)


def field_change_text(kind: RosterKind, field: str, label: str, old_name: str, new: Any) -> str:
    """How the Edit menu names a field change: "Rename offering Cloud to Cloud services"."""
    if field == "name":
        return f"Rename {kind.noun} {old_name} to {new}"
    return f"Change {label.lower()} of {old_name}"
