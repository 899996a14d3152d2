"""The plain facts about one account that the insights read.

The store fills these from the database (and tests build them by hand); the insights never see
an ORM object, a session or a widget. Every field that the user may leave empty is optional, so
a half-filled account still gets insights, only fewer of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.evidence import EvidenceFacts
from keyplan.domain.plan_vocabulary import WorkStatus
from keyplan.domain.vocabulary import (
    BuyingRole,
    CommitmentStatus,
    Influence,
    Level,
    Stance,
    Strength,
)

__all__ = ["EvidenceFacts"]  # re-exported: the insights read evidence as facts too


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """One stakeholder at the customer, as far as we know them.

    ``owner_ids`` are the team members who own the relationship; ``preferred_contact_days`` is
    how often this person likes to hear from us (None: the house default applies).
    """

    id: int
    name: str
    account_id: int = 0
    title: str | None = None
    department: str | None = None
    level: Level | None = None
    buying_role: BuyingRole = BuyingRole.NONE
    influence: Influence | None = None
    stance: Stance = Stance.UNKNOWN
    strength: Strength = Strength.NONE
    preferred_contact_days: int | None = None
    has_left: bool = False
    owner_ids: tuple[int, ...] = ()
    major_challenge: str | None = None


@dataclass(frozen=True, slots=True)
class InteractionFacts:
    """A meeting, call or message: which of their people met which of ours, and when."""

    id: int
    on: date
    person_ids: tuple[int, ...] = ()
    team_member_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class CommitmentFacts:
    """A promise one of us made to one of them."""

    id: int
    promise: str
    status: CommitmentStatus = CommitmentStatus.OPEN
    to_person_id: int | None = None
    by_team_member_id: int | None = None
    made_on: date | None = None
    due_on: date | None = None
    delivered_on: date | None = None


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """A step of the action plan, possibly aimed at one stakeholder."""

    id: int
    description: str
    status: WorkStatus = WorkStatus.NOT_STARTED
    stakeholder_id: int | None = None
    due_on: date | None = None


@dataclass(frozen=True, slots=True)
class LineFacts:
    """An influence line between two of their people (``InfluenceKind`` value)."""

    from_id: int
    to_id: int
    kind: str
    strength: int = 2


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """Everything the insights need about one account.

    ``offerings_discussed`` names the areas of our offering that have come up with the customer
    (installed, in pursuit or in an opportunity); ``opportunity_departments`` names the customer
    departments where an open opportunity sits, so a department we sell into but know nobody in
    still shows up as a gap. ``assigned_team`` is our team assigned to the accounts of the
    family (``TeamMember.account_id``), as (id, name) pairs, whether or not they met anyone.
    """

    id: int
    name: str
    review_cadence_days: int | None = None
    last_review_on: date | None = None
    people: tuple[PersonFacts, ...] = ()
    interactions: tuple[InteractionFacts, ...] = ()
    commitments: tuple[CommitmentFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    offerings_discussed: tuple[str, ...] = ()
    opportunity_departments: tuple[str, ...] = ()
    # Open positions (seats without a person): never among ``people``, never counted as one.
    open_seats: tuple[PersonFacts, ...] = ()
    assigned_team: tuple[tuple[int, str], ...] = ()
    # Read for one account family only (not for the dashboard's portfolio): what the
    # ratings rest on, the informal lines, and each account's review cadence.
    evidence: tuple[EvidenceFacts, ...] = ()
    lines: tuple[LineFacts, ...] = ()
    cadences: tuple[tuple[int, int | None], ...] = ()
