"""Which sections a customer-safe document has: one decision for the PDF and the deck.

``CUSTOMER_OUTLINE`` names the sections of the joint plan in order; ``customer_sections``
keeps those that have something to say for this plan. A section with nothing in it is left
out rather than printed with a "nothing recorded" line: the customer reads a finished
document, not our gaps. No ReportLab here, so the deck can use it without loading the PDF
machinery.
"""

from __future__ import annotations

from collections.abc import Callable

from keyplan.domain.plan_vocabulary import WhitespaceStatus
from keyplan.domain.vocabulary import CommitmentStatus
from keyplan.store.plan.queries import PlanData

CUSTOMER_OUTLINE: tuple[tuple[str, str], ...] = (
    ("business", "Your business as we understand it"),
    ("value", "What we bring"),
    ("organisation", "Your organisation"),
    ("people", "People we work with"),
    ("together", "What we will do together"),
    ("promised", "What we promised"),
    ("working", "How we work together"),
)


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _has_value(plan: PlanData) -> bool:
    installed = any(c.status == WhitespaceStatus.INSTALLED.value for c in plan.whitespace)
    return installed or _text(plan.account.get("value_proposition"))


def _has_people(plan: PlanData) -> bool:
    return any(not p.values.get("has_left") for p in plan.people)


def _has_open_promises(plan: PlanData) -> bool:
    return any(c.status == CommitmentStatus.OPEN.value for c in plan.commitments)


def _has_closed_promises(plan: PlanData) -> bool:
    return any(c.status != CommitmentStatus.OPEN.value for c in plan.commitments)


def _has_working(plan: PlanData) -> bool:
    account = plan.account
    return bool(plan.team or account.get("review_cadence_days") or account.get("last_review_on"))


_HAS_CONTENT: dict[str, Callable[[PlanData], bool]] = {
    "business": lambda _plan: True,  # the account's facts at least
    "value": _has_value,
    "organisation": _has_people,
    "people": _has_people,
    "together": _has_open_promises,
    "promised": _has_closed_promises,
    "working": _has_working,
}


def customer_sections(plan: PlanData) -> tuple[tuple[str, str], ...]:
    """The (key, title) of the sections a customer-safe document of ``plan`` shows.

    Args:
        plan: the plan already redacted for the customer (``redact_for_customer``).
    """
    return tuple((key, title) for key, title in CUSTOMER_OUTLINE if _HAS_CONTENT[key](plan))
