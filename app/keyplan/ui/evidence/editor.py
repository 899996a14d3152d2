"""The editor of evidence: reads for the dialogs, and edits made once then pushed as one step.

Reached through the document (``document.evidence_editor``), loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.store.evidence import edits, queries
from keyplan.ui.evidence import edits as commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class EvidenceEditor:
    """A person's evidence with their fields, and a logged meeting's follow-up."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def person_evidence(self, person_id: int) -> list[dict[str, Any]]:
        return queries.person_evidence(self.database, person_id)

    def meetings_with(self, person_id: int) -> list[tuple[int, str]]:
        return queries.meetings_with(self.database, person_id)

    # ---- editing ----------------------------------------------------------------------------

    def edit_person(
        self, person_id: int, fields: dict[str, Any], evidence: list[dict[str, Any]]
    ) -> bool:
        """Change a person's fields and evidence list together: one undo step (or none when
        nothing changed). Returns True when something changed."""
        edit = edits.edit_person(self.database, person_id, fields, evidence)
        if not edit.changed:
            return False
        name = self.document.person(person_id)["full_name"]
        self.document.push(commands.EditPersonWithEvidence(self.document, name, edit))
        return True

    def follow_up_meeting(
        self,
        account_id: int,
        interaction_id: int,
        *,
        ratings: dict[int, dict[str, Any]] | None = None,
        evidence: list[dict[str, Any]] | None = None,
        action: dict[str, Any] | None = None,
        commitment: dict[str, Any] | None = None,
    ) -> None:
        """Apply a logged meeting's follow-up in one transaction. Pushed right after the
        meeting's own step, it joins it: one undo takes back the meeting and all it changed."""
        edit = edits.apply_follow_up(
            self.database,
            interaction_id,
            ratings=ratings,
            evidence=evidence or [],
            action=action,
            commitment=commitment,
        )
        if not edit.new_ratings and edit.added.is_empty():
            return
        self.document.push(
            commands.MeetingFollowUp(self.document, account_id, interaction_id, edit)
        )
