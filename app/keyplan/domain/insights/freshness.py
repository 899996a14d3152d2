"""Plan freshness: is the account plan reviewed as often as the team agreed?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keyplan.domain.insights.facts import AccountFacts

#: Quarterly review, when the account has no cadence of its own.
DEFAULT_REVIEW_CADENCE_DAYS = 90


@dataclass(frozen=True, slots=True)
class PlanFreshness:
    """How old the plan is against its review cadence.

    Attributes:
        days_since_review: days since the last review (0 for a review dated in the future), or
            None when the plan was never reviewed.
        cadence_days: the agreed cadence, or ``DEFAULT_REVIEW_CADENCE_DAYS``.
        cadence_is_default: True when the account has no cadence of its own.
        overdue_days: days past the next review date; 0 when not overdue or never reviewed.
    """

    last_review_on: date | None
    days_since_review: int | None
    cadence_days: int
    cadence_is_default: bool
    overdue_days: int

    @property
    def never_reviewed(self) -> bool:
        """True when the plan has no review date at all."""
        return self.last_review_on is None

    @property
    def is_overdue(self) -> bool:
        """True when the review is late, or has never happened."""
        return self.never_reviewed or self.overdue_days > 0

    @property
    def reason(self) -> str:
        """One sentence for the dashboard: ``Plan review 30 days overdue (last 120 days ago)``."""
        cadence = f"every {self.cadence_days} days"
        if self.cadence_is_default:
            cadence += " by default"
        if self.days_since_review is None:
            return f"Plan never reviewed; reviews are due {cadence}"
        if self.overdue_days:
            return (
                f"Plan review {self.overdue_days} days overdue: last reviewed "
                f"{self.days_since_review} days ago, due {cadence}"
            )
        left = self.cadence_days - self.days_since_review
        return f"Plan reviewed {self.days_since_review} days ago; next review in {left} days"


def plan_freshness(account: AccountFacts, today: date) -> PlanFreshness:
    """Compare the days since the last plan review with the account's review cadence.

    Args:
        account: the account to read (``last_review_on``, ``review_cadence_days``).
        today: the date of the analysis.

    Returns:
        Days since review, the cadence used, and how many days the review is overdue.
    """
    cadence_days = account.review_cadence_days
    is_default = cadence_days is None or cadence_days <= 0
    if cadence_days is None or cadence_days <= 0:
        cadence_days = DEFAULT_REVIEW_CADENCE_DAYS
    last = account.last_review_on
    if last is None:
        return PlanFreshness(None, None, cadence_days, is_default, 0)
    days = max(0, (today - last).days)
    return PlanFreshness(last, days, cadence_days, is_default, max(0, days - cadence_days))
