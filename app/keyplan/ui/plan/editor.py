"""The editor of the account plan: rows of the plan tables and cells of the whitespace grid.

Rows of the plan tables (opportunities, risks, commitments, …, named by ``PlanTable``) and
cells of the whitespace grid; each edit is one undo step (its commands are in ``edits.py``
beside it). A promise is a plan row whose status goes with its delivery date: that change
belongs to the meetings' editor, which this one calls. Reached through the document
(``document.plan_editor``), which loads it with the first read or edit of a plan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from keyplan.domain.fields import Kind
from keyplan.domain.plan_fields import WHITESPACE_STATUS_FIELD, PlanTable
from keyplan.store.plan import edits as plan_edits
from keyplan.store.plan import whitespace as plan_whitespace
from keyplan.ui.plan import edits as plan_commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class PlanEditor:
    """The plan's reads, and its edits made once then pushed as one undo step each."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def plan_rows(self, table: str, account_id: int) -> list[dict[str, Any]]:
        """The rows of a plan table for an account and the affiliates below it."""
        return plan_edits.rows(self.database, table, account_id)

    def plan_choices(self, table: str, account_id: int) -> dict[str, list[tuple[int, str]]]:
        """For each reference field of a plan table, the (id, name) pairs it may point at."""
        return plan_edits.reference_choices(self.database, table, account_id)

    def plan_family(self, account_id: int) -> dict[int, str]:
        """The account and its affiliates below (id -> name): whose rows its plan shows."""
        return plan_edits.family_names(self.database, account_id)

    def whitespace(self, account_id: int) -> plan_whitespace.WhitespaceGrid:
        return plan_whitespace.whitespace(self.database, account_id)

    # ---- rows of the plan tables ------------------------------------------------------------

    def add_plan_row(self, table: str, account_id: int, values: dict[str, Any]) -> int:
        """Add a row to one of the account's plan tables; return its id."""
        row_id = plan_edits.add_row(self.database, table, account_id, values)
        text = f"Add {_plan_row_title(table, values)}"
        self.document.push(plan_commands.AddPlanRow(self.document, table, account_id, row_id, text))
        return row_id

    def set_plan_field(self, table: str, row_id: int, field: str, value: Any) -> None:
        """Change one field of a plan row (refused with the user's message when invalid).

        A promise's status is changed with its delivery date (``set_commitment_status``),
        wherever it is edited: the Plan tab's table as well as the Commitments tab.
        """
        if table == PlanTable.COMMITMENTS.value and field == "status":
            status = plan_edits.plan_model(table).field(field).parse(value)
            self.document.meetings_editor.set_commitment_status(row_id, status)
            return
        self.change_plan_field(table, row_id, field, value)

    def change_plan_field(self, table: str, row_id: int, field: str, value: Any) -> None:
        """One field of a plan row, as given: one undo step."""
        plan = plan_edits.plan_model(table)
        new_value = plan.field(field).parse(value)
        before = plan_edits.row_account(self.database, table, row_id)
        old_value = plan_edits.set_field(self.database, table, row_id, field, new_value)
        if old_value == new_value:
            return
        # A relationship owner moves to another affiliate's plan with the person it covers.
        after = plan_edits.row_account(self.database, table, row_id)
        accounts = (before,) if after == before else (before, after)
        text = f"Change {plan.spec.noun}: {plan.field(field).label}"
        self.document.push(
            plan_commands.SetPlanField(
                self.document, table, accounts, row_id, field, (old_value, new_value), text
            )
        )

    def set_plan_fields(
        self, table: str, row_id: int, values: dict[str, Any], text: str | None = None
    ) -> None:
        """Change several fields of a plan row together (all or none): one undo step."""
        plan = plan_edits.plan_model(table)
        parsed = {field: plan.field(field).parse(value) for field, value in values.items()}
        before = plan_edits.row_account(self.database, table, row_id)
        old = plan_edits.set_fields(self.database, table, row_id, parsed)
        changed = [field for field in parsed if old[field] != parsed[field]]
        if not changed:
            return
        after = plan_edits.row_account(self.database, table, row_id)
        accounts = (before,) if after == before else (before, after)
        labels = ", ".join(plan.field(field).label for field in changed)
        self.document.push(
            plan_commands.SetPlanFields(
                self.document,
                table,
                accounts,
                row_id,
                ({f: old[f] for f in changed}, {f: parsed[f] for f in changed}),
                text or f"Change {plan.spec.noun}: {labels}",
            )
        )

    def delete_plan_rows(self, table: str, row_ids: list[int], text: str | None = None) -> None:
        """Delete rows of a plan table: all or, refused, none; one undo step brings them back."""
        ids = list(dict.fromkeys(row_ids))
        if not ids:
            return
        accounts = [plan_edits.row_account(self.database, table, row_id) for row_id in ids]
        snapshot = plan_edits.delete_rows(self.database, table, ids)
        plan = plan_edits.plan_model(table)
        if text is None and len(ids) == 1:
            values = snapshot.rows.get(plan.model.__tablename__, {}).get(ids[0], {})
            text = f"Delete {_plan_row_title(table, values)}"
        elif text is None:
            text = f"Delete {len(ids)} {plan.spec.noun}s"
        self.document.push(
            plan_commands.DeletePlanRows(
                self.document, table, tuple(dict.fromkeys(accounts)), ids, snapshot, text
            )
        )

    # ---- the whitespace grid ----------------------------------------------------------------

    def set_whitespace(
        self, account_id: int, department: str, offering_id: int, status: str | None
    ) -> None:
        """Set the status of one whitespace cell (None clears it)."""
        new_status = WHITESPACE_STATUS_FIELD.parse(status)
        old_status = plan_whitespace.set_whitespace(
            self.database, account_id, department, offering_id, new_status
        )
        if old_status == new_status:
            return
        offering = dict(plan_edits.offerings(self.database)).get(offering_id, "offering")
        label = WHITESPACE_STATUS_FIELD.display(new_status) or "not assessed"
        self.document.push(
            plan_commands.SetWhitespace(
                self.document,
                account_id,
                (department.strip(), offering_id),
                (old_status, new_status),
                f"Mark {offering} in {department.strip()} as {label.lower()}",
            )
        )


def _plan_row_title(table: str, values: dict[str, Any]) -> str:
    """How an undo text names a plan row: its noun, and its title when that is text."""
    spec = plan_edits.plan_model(table).spec
    title = values.get(spec.title_field)
    if spec.fields[spec.title_field].kind is Kind.TEXT and title:
        short = str(title).strip()
        return f"{spec.noun} '{short[:40]}…'" if len(short) > 40 else f"{spec.noun} '{short}'"
    return spec.noun
