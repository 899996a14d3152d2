"""The document's calls for our team and offerings, each handed to the roster's editor.

A part of ``PortfolioDocument`` (``hub``), kept apart to keep that file short: the views call
``document.add_team_member(...)`` and the like, and ``ui/roster/editor.py`` does the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keyplan.ui.roster.editor import RosterEditor
    from keyplan.ui.roster.edits import RosterKind


class RosterCalls:
    """Our team's and offerings' reads and edits on the document (``PortfolioDocument``)."""

    roster_editor: RosterEditor  # the document's, made on first use

    def team_roster(self) -> list:
        return self.roster_editor.team_roster()

    def offering_list(self) -> list:
        return self.roster_editor.offering_list()

    def home_account_choices(self) -> list[tuple[int, str]]:
        return self.roster_editor.home_account_choices()

    def team_member_ties(self, member_id: int) -> Any:
        return self.roster_editor.team_member_ties(member_id)

    def offering_ties(self, offering_id: int) -> Any:
        return self.roster_editor.offering_ties(offering_id)

    def add_team_member(self, name: str, **fields: Any) -> int:
        return self.roster_editor.add_team_member(name, **fields)

    def set_team_member_field(self, member_id: int, field: str, value: Any) -> None:
        self.roster_editor.set_team_member_field(member_id, field, value)

    def delete_team_member(self, member_id: int, *, cascade: bool = False) -> None:
        self.roster_editor.delete_team_member(member_id, cascade=cascade)

    def add_offering(self, name: str, description: str | None = None) -> int:
        return self.roster_editor.add_offering(name, description)

    def set_offering_field(self, offering_id: int, field: str, value: Any) -> None:
        self.roster_editor.set_offering_field(offering_id, field, value)

    def delete_offering(self, offering_id: int, *, cascade: bool = False) -> None:
        self.roster_editor.delete_offering(offering_id, cascade=cascade)

    def delete_roster_rows(
        self, kind: RosterKind, row_ids: list[int], *, cascade: bool = False
    ) -> None:
        self.roster_editor.delete_roster_rows(kind, row_ids, cascade=cascade)
