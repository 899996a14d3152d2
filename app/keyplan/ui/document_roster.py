"""The document's edits of our side: team members and offerings.

Mixed into ``PortfolioDocument`` (``ui/document.py``), whose signals and undo stack it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoStack

from keyplan.store.database import Database

if TYPE_CHECKING:
    pass


class RosterEditing:
    # Provided by PortfolioDocument, which this part is mixed into.
    database: Database
    undo_stack: QUndoStack

    # ---- our team and offerings (the roster) ----------------------------------------------
    # Who on our side works the accounts, and what we sell. Views that show team members or
    # offerings (owners, choices, the whitespace grid) re-read them on ``roster_changed``.

    def team_roster(self) -> list:
        """Every team member (``TeamMemberRow``), in the order they were added."""
        from keyplan.store.roster import edits as roster_edits

        return roster_edits.team_roster(self.database)

    def offering_list(self) -> list:
        """Every offering (``OfferingRow``), in the order they were added."""
        from keyplan.store.roster import edits as roster_edits

        return roster_edits.offering_list(self.database)

    def home_account_choices(self) -> list[tuple[int, str]]:
        from keyplan.store.roster import edits as roster_edits

        return roster_edits.home_account_choices(self.database)

    def team_member_ties(self, member_id: int) -> Any:
        """What deleting a team member changes (``TeamMemberTies``)."""
        from keyplan.store.roster import edits as roster_edits

        return roster_edits.team_member_ties(self.database, member_id)

    def offering_ties(self, offering_id: int) -> Any:
        """What deleting an offering changes (``OfferingTies``)."""
        from keyplan.store.roster import edits as roster_edits

        return roster_edits.offering_ties(self.database, offering_id)

    def add_team_member(self, name: str, **fields: Any) -> int:
        """Add a colleague to our team (one undo step); return their id."""
        from keyplan.store.roster import edits as roster_edits
        from keyplan.ui.roster import edits as roster_commands

        member_id = roster_edits.add_team_member(self.database, name, **fields)
        added = roster_edits.team_member(self.database, member_id).name
        self.undo_stack.push(
            roster_commands.AddRosterRow(self, roster_commands.TEAM, member_id, added)
        )
        return member_id

    def set_team_member_field(self, member_id: int, field: str, value: Any) -> None:
        """Change a colleague's name, role, e-mail or home account (one undo step)."""
        from keyplan.store.roster import edits as roster_edits
        from keyplan.ui.roster import edits as roster_commands

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
        from keyplan.ui.roster import edits as roster_commands

        self.delete_roster_rows(roster_commands.TEAM, [member_id], cascade=cascade)

    def add_offering(self, name: str, description: str | None = None) -> int:
        """Add one of our offerings (one undo step); return its id."""
        from keyplan.store.roster import edits as roster_edits
        from keyplan.ui.roster import edits as roster_commands

        offering_id = roster_edits.add_offering(self.database, name, description)
        added = roster_edits.offering(self.database, offering_id).name
        self.undo_stack.push(
            roster_commands.AddRosterRow(self, roster_commands.OFFERINGS, offering_id, added)
        )
        return offering_id

    def set_offering_field(self, offering_id: int, field: str, value: Any) -> None:
        """Rename an offering or change its description (one undo step)."""
        from keyplan.store.roster import edits as roster_edits
        from keyplan.ui.roster import edits as roster_commands

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
        from keyplan.ui.roster import edits as roster_commands

        self.delete_roster_rows(roster_commands.OFFERINGS, [offering_id], cascade=cascade)

    def delete_roster_rows(self, kind: Any, row_ids: list[int], *, cascade: bool = False) -> None:
        """Delete team members or offerings (``roster_commands.TEAM``/``OFFERINGS``): all or,
        refused, none, in one undo step. ``cascade`` confirms losing what goes with them."""
        from keyplan.ui.roster import edits as roster_commands

        ids = list(dict.fromkeys(row_ids))
        if not ids:
            return
        name = kind.name_of(self.database, ids[0]).name
        snapshot = kind.delete_rows(self.database, ids, cascade=cascade)
        text = f"Delete {kind.noun} {name}" if len(ids) == 1 else f"Delete {len(ids)} {kind.noun}s"
        self.undo_stack.push(roster_commands.DeleteRosterRows(self, kind, ids, text, snapshot))

    def _set_roster_field(
        self, kind: Any, specs: dict, name: str, row_id: int, field: str, value: Any
    ) -> None:
        from keyplan.domain.errors import RuleViolation
        from keyplan.ui.roster import edits as roster_commands

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
