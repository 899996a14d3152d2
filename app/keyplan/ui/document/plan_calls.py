"""The document's calls for the account plan, each handed to the plan's editor.

A part of ``PortfolioDocument`` (``hub``), kept apart to keep that file short: the views call
``document.add_plan_row(...)`` and the like, and ``ui/plan/editor.py`` does the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keyplan.store.plan.whitespace import WhitespaceGrid
    from keyplan.ui.plan.editor import PlanEditor


class PlanCalls:
    """The plan's reads and edits on the document (``PortfolioDocument`` takes this in)."""

    plan_editor: PlanEditor  # the document's, made on first use

    def plan_rows(self, table: str, account_id: int) -> list[dict[str, Any]]:
        return self.plan_editor.plan_rows(table, account_id)

    def plan_choices(self, table: str, account_id: int) -> dict[str, list[tuple[int, str]]]:
        return self.plan_editor.plan_choices(table, account_id)

    def plan_family(self, account_id: int) -> dict[int, str]:
        return self.plan_editor.plan_family(account_id)

    def whitespace(self, account_id: int) -> WhitespaceGrid:
        return self.plan_editor.whitespace(account_id)

    def add_plan_row(self, table: str, account_id: int, values: dict[str, Any]) -> int:
        return self.plan_editor.add_plan_row(table, account_id, values)

    def set_plan_field(self, table: str, row_id: int, field: str, value: Any) -> None:
        self.plan_editor.set_plan_field(table, row_id, field, value)

    def change_plan_field(self, table: str, row_id: int, field: str, value: Any) -> None:
        self.plan_editor.change_plan_field(table, row_id, field, value)

    def set_plan_fields(
        self, table: str, row_id: int, values: dict[str, Any], text: str | None = None
    ) -> None:
        self.plan_editor.set_plan_fields(table, row_id, values, text)

    def delete_plan_row(self, table: str, row_id: int) -> None:
        self.plan_editor.delete_plan_rows(table, [row_id])

    def delete_plan_rows(self, table: str, row_ids: list[int], text: str | None = None) -> None:
        self.plan_editor.delete_plan_rows(table, row_ids, text)

    def set_whitespace(
        self, account_id: int, department: str, offering_id: int, status: str | None
    ) -> None:
        self.plan_editor.set_whitespace(account_id, department, offering_id, status)
