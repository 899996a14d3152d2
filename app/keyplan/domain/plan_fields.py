"""The account plan's tables, declared once: their fields, what a row is called, and their rules.

Each plan table (opportunities, competitors, risks, objectives, actions, commitments,
relationship owners) is a list of rows that belong to one account. The store validates through
these specs, the Plan tab builds its columns from them, and the PDF prints their labels, so a
column is added in one place. Field names are the column names of the store's models.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from keyplan.domain.fields import FieldSpec, Kind
from keyplan.domain.plan_vocabulary import (
    EngagementRule,
    OpportunityStage,
    OpportunityStatus,
    Rating,
    RiskStatus,
    WhitespaceStatus,
    WorkStatus,
)
from keyplan.domain.rules import is_commitment_late
from keyplan.domain.vocabulary import CommitmentStatus


class PlanTable(StrEnum):
    """The plan's editable tables; each value is the table's name in the database."""

    OPPORTUNITIES = "opportunities"
    COMPETITORS = "competitor_presences"
    RISKS = "risks"
    OBJECTIVES = "objectives"
    ACTIONS = "actions"
    COMMITMENTS = "commitments"
    RELATIONSHIP_OWNERS = "relationship_owners"


# The whitespace grid is not a list of rows but a department × offering grid; its changes are
# announced under this name, next to the plan tables'.
WHITESPACE = "whitespace_cells"


def _by_name(*specs: FieldSpec) -> dict[str, FieldSpec]:
    return {spec.name: spec for spec in specs}


OPPORTUNITY_FIELDS = _by_name(
    FieldSpec("name", "Opportunity", required=True),
    FieldSpec("department", "Department"),
    FieldSpec("offering_id", "Offering", Kind.REFERENCE),
    FieldSpec("value", "Value", Kind.MONEY),
    FieldSpec("currency", "Currency", required=True),
    FieldSpec("stage", "Stage", Kind.CHOICE, OpportunityStage, required=True),
    FieldSpec("probability", "Probability %", Kind.INTEGER, minimum=0, maximum=100),
    FieldSpec("expected_close_on", "Expected close", Kind.DATE),
    FieldSpec("status", "Status", Kind.CHOICE, OpportunityStatus, required=True),
)

COMPETITOR_FIELDS = _by_name(
    FieldSpec("competitor", "Competitor", required=True),
    FieldSpec("area", "Where they are"),
    FieldSpec("threat_level", "Threat", Kind.CHOICE, Rating, required=True),
    FieldSpec("notes", "Notes"),
)

RISK_FIELDS = _by_name(
    FieldSpec("description", "Risk", required=True),
    FieldSpec("likelihood", "Likelihood", Kind.CHOICE, Rating, required=True),
    FieldSpec("impact", "Impact", Kind.CHOICE, Rating, required=True),
    FieldSpec("mitigation", "Mitigation"),
    FieldSpec("owner_id", "Owner", Kind.REFERENCE),
    FieldSpec("status", "Status", Kind.CHOICE, RiskStatus, required=True),
)

OBJECTIVE_FIELDS = _by_name(
    FieldSpec("description", "Objective", required=True),
    FieldSpec("measure", "Measure"),
    FieldSpec("target", "Target"),
    FieldSpec("due_on", "Due", Kind.DATE),
    FieldSpec("status", "Status", Kind.CHOICE, WorkStatus, required=True),
)

ACTION_FIELDS = _by_name(
    FieldSpec("description", "Action", required=True),
    FieldSpec("owner_id", "Owner", Kind.REFERENCE),
    FieldSpec("due_on", "Due", Kind.DATE),
    FieldSpec("status", "Status", Kind.CHOICE, WorkStatus, required=True),
    FieldSpec("stakeholder_id", "With", Kind.REFERENCE),
)

COMMITMENT_FIELDS = _by_name(
    FieldSpec("promise", "Promise", required=True),
    FieldSpec("to_stakeholder_id", "To", Kind.REFERENCE),
    FieldSpec("by_team_member_id", "By", Kind.REFERENCE),
    FieldSpec("made_on", "Made on", Kind.DATE),
    FieldSpec("due_on", "Due", Kind.DATE),
    FieldSpec("status", "Status", Kind.CHOICE, CommitmentStatus, required=True),
    FieldSpec("delivered_on", "Delivered on", Kind.DATE),
)

RELATIONSHIP_OWNER_FIELDS = _by_name(
    FieldSpec("stakeholder_id", "Customer contact", Kind.REFERENCE, required=True),
    FieldSpec("team_member_id", "Owned by", Kind.REFERENCE, required=True),
    FieldSpec("rule", "Rule of engagement", Kind.CHOICE, EngagementRule, required=True),
)


@dataclass(frozen=True, slots=True)
class PlanTableSpec:
    """What a plan table holds and how a person names one of its rows.

    Attributes:
        table: which table.
        noun: one row, as a person says it ("opportunity"), for messages and undo texts.
        fields: the editable fields, in the order they are shown.
        title_field: the field that names a row; a new row starts from it.
    """

    table: PlanTable
    noun: str
    fields: dict[str, FieldSpec]
    title_field: str


PLAN_TABLE_SPECS: dict[PlanTable, PlanTableSpec] = {
    spec.table: spec
    for spec in (
        PlanTableSpec(PlanTable.OPPORTUNITIES, "opportunity", OPPORTUNITY_FIELDS, "name"),
        PlanTableSpec(PlanTable.COMPETITORS, "competitor", COMPETITOR_FIELDS, "competitor"),
        PlanTableSpec(PlanTable.RISKS, "risk", RISK_FIELDS, "description"),
        PlanTableSpec(PlanTable.OBJECTIVES, "objective", OBJECTIVE_FIELDS, "description"),
        PlanTableSpec(PlanTable.ACTIONS, "action", ACTION_FIELDS, "description"),
        PlanTableSpec(PlanTable.COMMITMENTS, "commitment", COMMITMENT_FIELDS, "promise"),
        PlanTableSpec(
            PlanTable.RELATIONSHIP_OWNERS,
            "relationship owner",
            RELATIONSHIP_OWNER_FIELDS,
            "stakeholder_id",
        ),
    )
}


# ---- rules of the plan ----------------------------------------------------------------------

_RATING_WEIGHT = {Rating.LOW.value: 1, Rating.MEDIUM.value: 2, Rating.HIGH.value: 3}


def risk_exposure(likelihood: str | None, impact: str | None) -> Rating:
    """How much a risk matters: likelihood times impact, on the same three-step scale.

    High × high and high × medium are high; anything with a low side, or medium × medium,
    falls below. Unknown ratings count as medium, so a half-filled risk is not hidden.
    """
    score = _RATING_WEIGHT.get(likelihood or "", 2) * _RATING_WEIGHT.get(impact or "", 2)
    if score >= 6:
        return Rating.HIGH
    return Rating.MEDIUM if score >= 3 else Rating.LOW


_FINISHED_WORK = {WorkStatus.DONE.value, WorkStatus.DROPPED.value}


def is_work_overdue(status: str | None, due: date | None, today: date) -> bool:
    """True when an objective or action is past its due date and not finished."""
    return due is not None and due < today and status not in _FINISHED_WORK


def is_row_overdue(table: PlanTable, row: dict[str, Any], today: date) -> bool:
    """Whether a plan row is late: a promise not kept in time, or work past its due date."""
    if table is PlanTable.COMMITMENTS:
        return is_commitment_late(row["status"], row["due_on"], row["delivered_on"], today)
    if table in (PlanTable.OBJECTIVES, PlanTable.ACTIONS):
        return is_work_overdue(row["status"], row["due_on"], today)
    return False


WHITESPACE_STATUS_FIELD = FieldSpec("status", "Whitespace status", Kind.CHOICE, WhitespaceStatus)

# A click on a whitespace cell moves it along the way an offering usually goes in a department:
# spotted, pursued, installed; then the two "no" answers, then back to unknown.
WHITESPACE_CYCLE: tuple[str | None, ...] = (
    None,
    WhitespaceStatus.OPPORTUNITY.value,
    WhitespaceStatus.IN_PURSUIT.value,
    WhitespaceStatus.INSTALLED.value,
    WhitespaceStatus.COMPETITOR_HOLDS.value,
    WhitespaceStatus.NOT_RELEVANT.value,
)


def next_whitespace_status(status: str | None) -> str | None:
    """The status a whitespace cell takes on the next click (an unknown one starts over)."""
    try:
        position = WHITESPACE_CYCLE.index(status)
    except ValueError:
        return WHITESPACE_CYCLE[1]
    return WHITESPACE_CYCLE[(position + 1) % len(WHITESPACE_CYCLE)]
