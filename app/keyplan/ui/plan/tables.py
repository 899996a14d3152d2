"""How each plan table is shown: its title, columns, how a new row starts, and its summary line.

Columns come from the field specs (``domain/plan_fields.py``); this module only adds what a
person needs on screen: widths, the derived "likelihood × impact" of a risk, late dates in red,
and one line per table that gives something back at once ("3 open · 1 late").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from keyplan.domain.interaction_fields import promise_record
from keyplan.domain.money import format_totals, money_totals, weighted_amount
from keyplan.domain.plan_fields import PlanTable, is_row_overdue, risk_exposure
from keyplan.domain.plan_vocabulary import OpportunityStatus, Rating, RiskStatus, WorkStatus
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.domain.wording import count_of
from keyplan.ui.plan.table_model import PlanColumn, Row, field_columns

# The rows of a table and the account's currency -> one line about them.
Summary = Callable[[list[Row], str], str]


@dataclass(frozen=True)
class PlanTableLayout:
    """One plan table as the Plan tab shows it.

    Attributes:
        table: which table.
        title: the heading above it.
        add_question: what "Add" asks for the new row's title field (None: asks for choices).
        columns: the columns, in order.
        summary: one line about the rows ("4 open · pipeline EUR 1,200,000"), given the rows and
            the currency of the account whose plan it is (its amounts are named first).
    """

    table: PlanTable
    title: str
    add_question: str | None
    columns: tuple[PlanColumn, ...]
    summary: Summary


def _with(columns: list[PlanColumn], field: str, **changes: object) -> list[PlanColumn]:
    """The columns with one of them changed (a tone, a width)."""
    return [replace(column, **changes) if column.field == field else column for column in columns]


def _late_tone(table: PlanTable) -> Callable[[Row], str | None]:
    return lambda row: "late" if is_row_overdue(table, row, date.today()) else None


def _rating_tone(field: str) -> Callable[[Row], str | None]:
    return lambda row: row[field]


def _exposure_text(row: Row) -> str:
    likelihood, impact = Rating(row["likelihood"]).label, Rating(row["impact"]).label
    return f"{likelihood} × {impact}"


def _exposure_tone(row: Row) -> str:
    return risk_exposure(row["likelihood"], row["impact"]).value


def _commitment_tone(row: Row) -> str | None:
    if row["status"] == CommitmentStatus.KEPT.value:
        return "low"
    if row["status"] in (CommitmentStatus.LATE.value, CommitmentStatus.BROKEN.value):
        return "high"
    return None


# ---- summaries ------------------------------------------------------------------------------


def _amounts(rows: list[Row], currency: str, weigh: Callable[[Row], float | None]) -> str:
    totals = money_totals(((weigh(row), row["currency"]) for row in rows), currency)
    return format_totals(totals, currency)


def _opportunities_summary(rows: list[Row], currency: str) -> str:
    open_rows = [row for row in rows if row["status"] == OpportunityStatus.OPEN.value]
    if not open_rows:
        return f"{len(rows)} opportunities, none open" if rows else "No opportunities yet"
    pipeline = _amounts(open_rows, currency, lambda row: row["value"])
    weighted = _amounts(
        open_rows, currency, lambda row: weighted_amount(row["value"], row["probability"])
    )
    return f"{len(open_rows)} open · pipeline {pipeline} · weighted {weighted}"


def _counting(summary: Callable[[list[Row]], str]) -> Summary:
    """A summary that counts rows and names no amount: the account's currency is not needed."""
    return lambda rows, _currency: summary(rows)


def _competitors_summary(rows: list[Row]) -> str:
    high = sum(row["threat_level"] == Rating.HIGH.value for row in rows)
    return f"{len(rows)} competitors · {high} high threat" if rows else "No competitors recorded"


def _risks_summary(rows: list[Row]) -> str:
    open_rows = [row for row in rows if row["status"] == RiskStatus.OPEN.value]
    high = sum(_exposure_tone(row) == Rating.HIGH.value for row in open_rows)
    return f"{len(open_rows)} open · {high} with high exposure" if rows else "No risks recorded"


def _work_summary(table: PlanTable, what: str) -> Callable[[list[Row]], str]:
    def summary(rows: list[Row]) -> str:
        if not rows:
            return f"No {what} yet"
        done = sum(row["status"] == WorkStatus.DONE.value for row in rows)
        late = sum(is_row_overdue(table, row, date.today()) for row in rows)
        return f"{len(rows)} {what} · {done} done · {late} late"

    return summary


def _commitments_summary(rows: list[Row]) -> str:
    # Counted as the Commitments tab and the PDF count: overdue ones are among the open.
    overdue = sum(
        row["status"] == CommitmentStatus.OPEN.value
        and is_row_overdue(PlanTable.COMMITMENTS, row, date.today())
        for row in rows
    )
    return promise_record((row["status"] for row in rows), overdue)


def _owners_summary(rows: list[Row]) -> str:
    if not rows:
        return "Nobody owns a relationship yet"
    people = len({row["stakeholder_id"] for row in rows})
    members = len({row["team_member_id"] for row in rows})
    return f"{count_of(people, 'person')} covered by {members} of our team"


# ---- the tables -----------------------------------------------------------------------------


def _opportunities() -> PlanTableLayout:
    widths = {"name": 220, "department": 120, "offering_id": 130, "value": 90, "currency": 70}
    return PlanTableLayout(
        PlanTable.OPPORTUNITIES,
        "Opportunities",
        "Name of the opportunity:",
        tuple(field_columns(PlanTable.OPPORTUNITIES, widths)),
        _opportunities_summary,
    )


def _competitors() -> PlanTableLayout:
    columns = field_columns(PlanTable.COMPETITORS, {"competitor": 160, "area": 180, "notes": 320})
    return PlanTableLayout(
        PlanTable.COMPETITORS,
        "Competitors",
        "Name of the competitor:",
        tuple(_with(columns, "threat_level", tone=_rating_tone("threat_level"))),
        _counting(_competitors_summary),
    )


def _risks() -> PlanTableLayout:
    columns = field_columns(
        PlanTable.RISKS, {"description": 240, "likelihood": 90, "impact": 90, "mitigation": 240}
    )
    exposure = PlanColumn(
        "Likelihood × impact", derive=_exposure_text, tone=_exposure_tone, width=140
    )
    columns.insert(3, exposure)
    return PlanTableLayout(
        PlanTable.RISKS, "Risks", "Describe the risk:", tuple(columns), _counting(_risks_summary)
    )


def _objectives() -> PlanTableLayout:
    table = PlanTable.OBJECTIVES
    columns = field_columns(table, {"description": 260, "measure": 180, "target": 110})
    return PlanTableLayout(
        table,
        "Objectives",
        "Our objective for the account:",
        tuple(_with(columns, "due_on", tone=_late_tone(table))),
        _counting(_work_summary(table, "objectives")),
    )


def _actions() -> PlanTableLayout:
    table = PlanTable.ACTIONS
    columns = field_columns(table, {"description": 280, "owner_id": 140, "stakeholder_id": 160})
    return PlanTableLayout(
        table,
        "Action plan",
        "What is to be done?",
        tuple(_with(columns, "due_on", tone=_late_tone(table))),
        _counting(_work_summary(table, "actions")),
    )


def _commitments() -> PlanTableLayout:
    table = PlanTable.COMMITMENTS
    widths = {"promise": 260, "to_stakeholder_id": 150, "by_team_member_id": 140}
    columns = _with(field_columns(table, widths), "due_on", tone=_late_tone(table))
    return PlanTableLayout(
        table,
        "Commitments",
        "What did we promise?",
        tuple(_with(columns, "status", tone=_commitment_tone)),
        _counting(_commitments_summary),
    )


def _relationship_owners() -> PlanTableLayout:
    widths = {"stakeholder_id": 200, "team_member_id": 180, "rule": 200}
    return PlanTableLayout(
        PlanTable.RELATIONSHIP_OWNERS,
        "Who covers whom",
        None,
        tuple(field_columns(PlanTable.RELATIONSHIP_OWNERS, widths)),
        _counting(_owners_summary),
    )


LAYOUTS: dict[PlanTable, PlanTableLayout] = {
    layout.table: layout
    for layout in (
        _opportunities(),
        _competitors(),
        _risks(),
        _objectives(),
        _actions(),
        _commitments(),
        _relationship_owners(),
    )
}
