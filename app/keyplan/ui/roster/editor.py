"""The editor of our side: team members and offerings.

Who on our side works the accounts, and what we sell. Views that show team members or
offerings (owners, choices, the whitespace grid) re-read them on ``roster_changed``. Reached
through the document (``document.roster_editor``), which loads it on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.domain.errors import RuleViolation
from keyplan.store.roster import edits as roster_edits
from keyplan.ui.roster import edits as roster_commands
from keyplan.ui.roster.edits import OFFERINGS, TEAM, RosterKind

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class RosterEditor:
    """Team members and offerings: reads, and edits made once then pushed as one undo step."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def team_roster(self) -> list:
        """Every team member (``TeamMemberRow``), in the order they were added."""
        return roster_edits.team_roster(self.database)

    def offering_list(self) -> list:
        """Every offering (``OfferingRow``), in the order they were added."""
        return roster_edits.offering_list(self.database)

    def home_account_choices(self) -> list[tuple[int, str]]:
        return roster_edits.home_account_choices(self.database)

    def team_member_ties(self, member_id: int) -> Any:
        """What deleting a team member changes (``TeamMemberTies``)."""
        return roster_edits.team_member_ties(self.database, member_id)

    def offering_ties(self, offering_id: int) -> Any:
        """What deleting an offering changes (``OfferingTies``)."""
        return roster_edits.offering_ties(self.database, offering_id)

    # ---- team members -----------------------------------------------------------------------

    def add_team_member(self, name: str, **fields: Any) -> int:
        """Add a colleague to our team (one undo step); return their id."""
        member_id = roster_edits.add_team_member(self.database, name, **fields)
        added = roster_edits.team_member(self.database, member_id).name
        self.document.push(roster_commands.AddRosterRow(self.document, TEAM, member_id, added))
        return member_id

    def set_team_member_field(self, member_id: int, field: str, value: Any) -> None:
        """Change a colleague's name, role, e-mail or home account (one undo step)."""
        name = roster_edits.team_member(self.database, member_id).name
        self._set_field(TEAM, roster_edits.TEAM_MEMBER_FIELDS, name, member_id, field, value)

    def delete_team_member(self, member_id: int, *, cascade: bool = False) -> None:
        """Delete a colleague; ``cascade`` confirms losing their relationship ownerships."""
        self.delete_roster_rows(TEAM, [member_id], cascade=cascade)

    # ---- offerings --------------------------------------------------------------------------

    def add_offering(self, name: str, description: str | None = None) -> int:
        """Add one of our offerings (one undo step); return its id."""
        offering_id = roster_edits.add_offering(self.database, name, description)
        added = roster_edits.offering(self.database, offering_id).name
        self.document.push(
            roster_commands.AddRosterRow(self.document, OFFERINGS, offering_id, added)
        )
        return offering_id

    def set_offering_field(self, offering_id: int, field: str, value: Any) -> None:
        """Rename an offering or change its description (one undo step)."""
        name = roster_edits.offering(self.database, offering_id).name
        self._set_field(OFFERINGS, roster_edits.OFFERING_FIELDS, name, offering_id, field, value)

    def delete_offering(self, offering_id: int, *, cascade: bool = False) -> None:
        """Delete an offering; ``cascade`` confirms losing its whitespace cells."""
        self.delete_roster_rows(OFFERINGS, [offering_id], cascade=cascade)

    # ---- both -------------------------------------------------------------------------------

    def delete_roster_rows(
        self, kind: RosterKind, row_ids: list[int], *, cascade: bool = False
    ) -> None:
        """Delete team members or offerings (``TEAM``/``OFFERINGS``): all or, refused, none,
        in one undo step. ``cascade`` confirms losing what goes with them."""
        ids = list(dict.fromkeys(row_ids))
        if not ids:
            return
        name = kind.name_of(self.database, ids[0]).name
        snapshot = kind.delete_rows(self.database, ids, cascade=cascade)
        text = f"Delete {kind.noun} {name}" if len(ids) == 1 else f"Delete {len(ids)} {kind.noun}s"
        self.document.push(
            roster_commands.DeleteRosterRows(self.document, kind, ids, text, snapshot)
        )

    def _set_field(
        self, kind: RosterKind, specs: dict, name: str, row_id: int, field: str, value: Any
    ) -> None:
        if field not in specs:
            raise RuleViolation(f"'{field}' is not a field that can be edited.")
        new_value = specs[field].parse(value)
        old_value = kind.set_field(self.database, row_id, field, new_value)
        if old_value == new_value:
            return
        text = roster_commands.field_change_text(kind, field, specs[field].label, name, new_value)
        self.document.push(
            roster_commands.SetRosterField(
                self.document, kind, row_id, field, (old_value, new_value), text
            )
        )
