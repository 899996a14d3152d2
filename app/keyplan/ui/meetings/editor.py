"""The editor of meetings and promises: logged interactions, a promise's status.

Also reads the insights' facts, whose raw material these are. A promise is a row of the plan,
so its edits go through the plan's editor. Reached through the document
(``document.meetings_editor``), which loads it on first use: start-up reads none of this.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from keyplan.domain.interaction_fields import commitment_status_change
from keyplan.domain.plan_fields import PlanTable
from keyplan.store.insights import queries as insight_queries
from keyplan.store.meetings import edits as interaction_edits
from keyplan.store.meetings import queries as interaction_queries
from keyplan.ui.meetings import edits as interaction_commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument

#: How the Edit menu says a promise's new status ("Mark promise kept").
STATUS_WORDS = {"open": "open", "kept": "kept", "late": "kept late", "broken": "broken"}


class MeetingsEditor:
    """Interactions and promises: reads, and edits made once then pushed as one undo step."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def account_facts(
        self, account_id: int, *, with_affiliates: bool = True, today: Any = None
    ) -> Any:
        """The insights' facts of an account (``AccountFacts``), by default with affiliates.

        With ``today``, older interactions are read as each person's last contact only
        (what the insights of that day need; see ``insight_queries.account_facts``).
        """
        return insight_queries.account_facts(
            self.database, account_id, with_affiliates=with_affiliates, today=today
        )

    def dashboard_facts(self, today: Any, account_ids: Any = None) -> Any:
        """The dashboard's facts of every account, or of some (``insight_queries``)."""
        return insight_queries.dashboard_facts(self.database, today, account_ids)

    def interactions(self, account_id: int, *, with_affiliates: bool = True) -> list:
        """The interactions of an account family, newest first (``InteractionRow``)."""
        return interaction_queries.interactions(
            self.database, account_id, with_affiliates=with_affiliates
        )

    def commitments(self, account_id: int, *, with_affiliates: bool = True) -> list:
        """The promises of an account family, open ones first (``CommitmentRow``)."""
        return interaction_queries.commitments(
            self.database, account_id, with_affiliates=with_affiliates
        )

    def commitment(self, commitment_id: int) -> Any:
        """One promise with the names of who it was made to and by (``CommitmentRow``)."""
        return interaction_queries.commitment(self.database, commitment_id)

    def family_people(self, account_id: int) -> list[tuple[int, str, str | None]]:
        """(id, name, job title) of the people still at an account and its affiliates."""
        return interaction_queries.family_people(self.database, account_id)

    # ---- interactions -----------------------------------------------------------------------

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
        self.document.push(
            interaction_commands.LogInteraction(
                self.document, account_id, interaction_id, people, title
            )
        )
        return interaction_id

    def interaction(self, interaction_id: int) -> Any:
        """One logged interaction with the names on both sides (``InteractionRow``)."""
        return interaction_queries.interaction(self.database, interaction_id)

    def edit_interaction(self, interaction_id: int, content: Any) -> None:
        """Change a logged interaction (``InteractionContent``): one undo step.

        Nothing is pushed when nothing changed, or when the store refuses (it raises).
        """
        before = interaction_edits.edit_interaction(self.database, interaction_id, content)
        if before == content:
            return
        account_id = self.interaction(interaction_id).account_id
        title = interaction_commands.interaction_title(content.channel, len(content.person_ids))
        self.document.push(
            interaction_commands.EditInteraction(
                self.document, account_id, interaction_id, before, content, f"Edit {title}"
            )
        )

    def delete_interactions(self, interaction_ids: list[int]) -> None:
        """Delete logged interactions: all or, refused, none; one undo step."""
        ids = list(dict.fromkeys(interaction_ids))
        if not ids:
            return
        snapshot = interaction_edits.delete_interactions(self.database, ids)
        interactions = snapshot.rows["interactions"]
        links = snapshot.rows.get("interaction_stakeholders", {}).values()
        self.document.push(
            interaction_commands.DeleteInteractions(
                self.document,
                tuple(dict.fromkeys(interactions[i]["account_id"] for i in ids)),
                ids,
                tuple(dict.fromkeys(link["stakeholder_id"] for link in links)),
                snapshot,
            )
        )

    # ---- promises (rows of the plan) --------------------------------------------------------

    def delete_commitments(self, commitment_ids: list[int]) -> None:
        """Delete promises (rows of the plan): all or, refused, none; one undo step."""
        count = len(set(commitment_ids))
        self.document.plan_editor.delete_plan_rows(
            PlanTable.COMMITMENTS.value,
            commitment_ids,
            "Delete this promise" if count == 1 else f"Delete {count} promises",
        )

    def set_commitment_status(self, commitment_id: int, status: str, today: Any = None) -> None:
        """Mark a promise kept, late, broken or open: one undo step with its delivery date.

        A promise marked kept gets today's date as its delivery date unless it has one; an
        open or broken one loses it (``commitment_status_change``). Promises are plan rows, so
        this goes through the plan's own edits and is announced by ``plan_changed``.
        """
        row = self.commitment(commitment_id)
        values = commitment_status_change(
            status, row.delivered_on, today or date.today(), row.due_on
        )
        if (row.status, row.delivered_on) == (values["status"], values["delivered_on"]):
            return
        label = STATUS_WORDS.get(status, status)
        self.document.plan_editor.set_plan_fields(
            PlanTable.COMMITMENTS.value, commitment_id, values, f"Mark promise {label}"
        )
