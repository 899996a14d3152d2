"""Undo commands for logged interactions.

The meetings' editor performs each edit once before pushing the command (``redo`` skips its
first call); the push and every later step then announce what changed
(``ui/document/command.py``), so the insights, the People tab's "Last contact" and the
dashboard follow an undo exactly as they followed the edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from keyplan.domain.vocabulary import Channel
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings.edits import InteractionContent
from keyplan.store.people import edits
from keyplan.store.snapshots import RowSnapshot
from keyplan.ui.document.command import DocumentCommand

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


def interaction_title(channel: str, people: int) -> str:
    """How the Edit menu names an interaction: ``video call with 2 people``."""
    words = {
        Channel.IN_PERSON.value: "meeting",
        Channel.VIDEO.value: "video call",
        Channel.PHONE.value: "call",
        Channel.EMAIL.value: "e-mail",
        Channel.MESSAGE.value: "message",
        Channel.EVENT.value: "event",
    }
    what = words.get(channel, "interaction")
    if people == 0:
        return what
    return f"{what} with {people} {'person' if people == 1 else 'people'}"


class LogInteraction(DocumentCommand):
    """Logging an interaction; undo deletes it (keeping its rows to put back on redo)."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int,
        interaction_id: int,
        person_ids: tuple[int, ...],
        title: str,
    ) -> None:
        super().__init__(document, f"Log {title}")
        self.account_id, self.interaction_id, self.person_ids = (
            account_id,
            interaction_id,
            person_ids,
        )
        self.snapshot: RowSnapshot | None = None
        # What the meeting showed, applied right after it (ui/evidence): one undo step.
        self.follow_up: DocumentCommand | None = None

    def id(self) -> int:
        from keyplan.ui.evidence.edits import FOLLOW_UP_MERGE_ID

        return FOLLOW_UP_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Take in the follow-up of this meeting, pushed right after it."""
        if self.follow_up is not None or getattr(other, "follows_interaction", None) != (
            self.interaction_id
        ):
            return False
        assert isinstance(other, DocumentCommand)
        self.follow_up = other
        self.setText(f"{self.text()} and update")
        return True

    def revert(self) -> None:
        if self.follow_up is not None:
            self.follow_up.revert()
        self.snapshot = interaction_edits.delete_interaction(
            self.document.database, self.interaction_id
        )

    def apply(self) -> None:
        assert self.snapshot is not None
        edits.restore_rows(self.document.database, self.snapshot)
        if self.follow_up is not None:
            self.follow_up.apply()

    def announce(self) -> None:
        self.document.announce_interaction(self.account_id, self.person_ids)
        if self.follow_up is not None:
            self.follow_up.announce()


class EditInteraction(DocumentCommand):
    """A logged interaction changed; undo writes its former content back the same way."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_id: int,
        interaction_id: int,
        before: InteractionContent,
        after: InteractionContent,
        text: str,
    ) -> None:
        super().__init__(document, text)
        self.account_id, self.interaction_id = account_id, interaction_id
        self.before, self.after = before, after
        # Who left the meeting and who joined it both see their "last contact" change.
        self.person_ids = tuple(dict.fromkeys(before.person_ids + after.person_ids))

    def revert(self) -> None:
        interaction_edits.edit_interaction(self.document.database, self.interaction_id, self.before)

    def apply(self) -> None:
        interaction_edits.edit_interaction(self.document.database, self.interaction_id, self.after)

    def announce(self) -> None:
        self.document.announce_interaction(self.account_id, self.person_ids)


class DeleteInteractions(DocumentCommand):
    """Interactions deleted together; undo writes their rows back, ids included."""

    def __init__(
        self,
        document: PortfolioDocument,
        account_ids: tuple[int, ...],
        interaction_ids: list[int],
        person_ids: tuple[int, ...],
        snapshot: RowSnapshot,
    ) -> None:
        count = len(interaction_ids)
        super().__init__(
            document, "Delete this interaction" if count == 1 else f"Delete {count} interactions"
        )
        self.account_ids, self.interaction_ids, self.person_ids = (
            account_ids,
            interaction_ids,
            person_ids,
        )
        self.snapshot = snapshot

    def revert(self) -> None:
        edits.restore_rows(self.document.database, self.snapshot)

    def apply(self) -> None:
        self.snapshot = interaction_edits.delete_interactions(
            self.document.database, self.interaction_ids
        )

    def announce(self) -> None:
        for account_id in self.account_ids:
            self.document.announce_interaction(account_id, self.person_ids)
