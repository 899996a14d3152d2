"""Undo commands of evidence: a person's fields with their evidence, a meeting's follow-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.store.evidence import edits
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument

#: The merge id a logged meeting and its follow-up share (any number unique to them).
FOLLOW_UP_MERGE_ID = 7016

#: What the views hear when only a person's evidence changed (the map's outline, insights).
EVIDENCE_FIELD = "evidence"


class EditPersonWithEvidence(DocumentCommand):
    """A person's fields and evidence list changed together in the person dialog."""

    def __init__(self, document: PortfolioDocument, name: str, edit: edits.PersonEdit) -> None:
        super().__init__(document, f"Edit {name}")
        self.edit = edit

    def revert(self) -> None:
        edits.put_back(
            self.document.database,
            self.edit.person_id,
            self.edit.old_fields,
            self.edit.old_evidence,
        )

    def apply(self) -> None:
        edits.put_back(
            self.document.database,
            self.edit.person_id,
            self.edit.new_fields,
            self.edit.new_evidence,
        )

    def announce(self) -> None:
        changed = [
            f for f in self.edit.new_fields if self.edit.new_fields[f] != self.edit.old_fields[f]
        ]
        self.document.announce_person_fields(self.edit.person_id, [*changed, EVIDENCE_FIELD])


class MeetingFollowUp(DocumentCommand):
    """What a logged meeting showed, applied at once: relationships, evidence, next step."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int,
        interaction_id: int,
        edit: edits.FollowUpEdit,
        text: str = "Update after the meeting",
    ) -> None:
        super().__init__(document, text)
        self.account_id, self.edit = account_id, edit
        # The logged meeting whose undo step this joins (``LogInteraction.mergeWith``).
        self.follows_interaction = interaction_id

    def id(self) -> int:
        return FOLLOW_UP_MERGE_ID

    def revert(self) -> None:
        edits.revert_follow_up(self.document.database, self.edit)

    def apply(self) -> None:
        edits.reapply_follow_up(self.document.database, self.edit)

    def announce(self) -> None:
        for person_id in self.edit.person_ids:
            fields = list(self.edit.new_ratings.get(person_id, {}))
            self.document.announce_person_fields(person_id, [*fields, EVIDENCE_FIELD])
        tables = set(self.edit.added.rows)
        for table in ("actions", "commitments"):
            if table in tables:
                self.document.plan_changed.emit(table, self.account_id)
        self.document.interactions_changed.emit(self.account_id)
