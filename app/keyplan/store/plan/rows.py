"""The rows of an account plan as plain frozen data: what ``plan_queries`` returns.

No ORM object and no session: a worker thread or a PDF builder can hold these freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from keyplan.domain.evidence import EvidenceFacts
from keyplan.domain.plan_vocabulary import TeamRole
from keyplan.store.people.queries import PersonRow

if TYPE_CHECKING:
    from keyplan.domain.history.lines_and_accounts import OtherChange
    from keyplan.store.history.queries import Comparison


@dataclass(frozen=True, slots=True)
class AffiliateRow:
    id: int
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class InfluenceRow:
    from_id: int
    to_id: int
    kind: str
    strength: int
    note: str | None


@dataclass(frozen=True, slots=True)
class TeamRow:
    id: int
    name: str
    role: str
    email: str | None


@dataclass(frozen=True, slots=True)
class OwnerRow:
    """Who on our side owns the relationship with a person, and who else may call them."""

    person_id: int
    person_name: str
    member_name: str
    member_role: str
    rule: str


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    name: str
    department: str | None
    offering: str | None
    value: float | None
    currency: str
    stage: str
    probability: int | None
    expected_close_on: date | None
    status: str


@dataclass(frozen=True, slots=True)
class OfferingRow:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class WhitespaceRow:
    department: str
    offering_id: int
    status: str
    account_id: int | None = None  # which company of the umbrella the cell belongs to


@dataclass(frozen=True, slots=True)
class CompetitorRow:
    competitor: str
    area: str | None
    threat_level: str
    notes: str | None


@dataclass(frozen=True, slots=True)
class RiskRow:
    description: str
    likelihood: str
    impact: str
    mitigation: str | None
    owner: str | None
    status: str


@dataclass(frozen=True, slots=True)
class ObjectiveRow:
    description: str
    measure: str | None
    target: str | None
    due_on: date | None
    status: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    description: str
    owner: str | None
    due_on: date | None
    status: str
    person: str | None
    opportunity: str | None
    objective: str | None


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    promise: str
    to_person_id: int | None
    to_person: str | None
    by_member: str | None
    made_on: date | None
    due_on: date | None
    status: str
    delivered_on: date | None
    late: bool


@dataclass(frozen=True, slots=True)
class InteractionRow:
    occurred_on: date
    channel: str
    summary: str | None
    next_step: str | None
    person_ids: tuple[int, ...]
    team: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlanData:
    """Everything an account plan shows, read at one moment."""

    account: dict[str, Any]  # ACCOUNT_FIELDS by name, plus id and parent_id
    affiliates: tuple[AffiliateRow, ...]
    people: tuple[PersonRow, ...]
    influence_lines: tuple[InfluenceRow, ...]
    team: tuple[TeamRow, ...]
    owners: tuple[OwnerRow, ...]
    opportunities: tuple[OpportunityRow, ...]
    offerings: tuple[OfferingRow, ...]
    whitespace: tuple[WhitespaceRow, ...]
    competitors: tuple[CompetitorRow, ...]
    risks: tuple[RiskRow, ...]
    objectives: tuple[ObjectiveRow, ...]
    actions: tuple[ActionRow, ...]
    commitments: tuple[CommitmentRow, ...]
    interactions: tuple[InteractionRow, ...]
    today: date
    # What changed since the last review (internal only: the customer plan drops it).
    history: Comparison | None = None
    # The influence-line and account changes of the same period (internal only, as history).
    other_changes: tuple[OtherChange, ...] = ()
    vacancies: tuple[PersonRow, ...] = ()  # open positions: drawn and listed, never counted
    dotted_lines: tuple[tuple[int, int], ...] = ()  # (person, dotted-line manager)
    #: What the ratings rest on (``domain.evidence``), and each account's review cadence.
    evidence: tuple[EvidenceFacts, ...] = ()
    cadences: dict[int, int | None] = field(default_factory=dict)

    def person_evidence(self, person_id: int) -> tuple[EvidenceFacts, ...]:
        return tuple(item for item in self.evidence if item.person_id == person_id)

    @property
    def name(self) -> str:
        return self.account["name"]

    @property
    def director(self) -> str | None:
        """The name of our account director for this account, if one is recorded."""
        return next((m.name for m in self.team if m.role == TeamRole.ACCOUNT_DIRECTOR.value), None)
