"""Insights: what the data says about an account, as pure functions of plain facts and a date.

The store turns database rows into the ``*Facts`` dataclasses; every function here takes them
and ``today`` explicitly (never the clock), so the same facts give the same answer in the app,
in a PDF and in a test. ``analyse_account`` computes everything in one pass.
"""

from keyplan.domain.insights.analysis import AccountInsights, analyse_account
from keyplan.domain.insights.concentration import Concentration, contact_concentration
from keyplan.domain.insights.contacts import RECENT_DAYS, ContactLog, contact_log
from keyplan.domain.insights.coverage import (
    NO_DEPARTMENT,
    Breadth,
    Coverage,
    CoverageCell,
    coverage_grid,
)
from keyplan.domain.insights.facts import (
    AccountFacts,
    ActionFacts,
    CommitmentFacts,
    InteractionFacts,
    PersonFacts,
)
from keyplan.domain.insights.freshness import PlanFreshness, plan_freshness
from keyplan.domain.insights.health import (
    FindingKind,
    HealthFinding,
    RelationshipHealth,
    relationship_health,
)
from keyplan.domain.insights.next_contacts import (
    ContactSuggestion,
    WeeklyNudge,
    next_best_contacts,
    plan_contacts,
    rank_contacts,
    weekly_nudge,
)
from keyplan.domain.insights.promises import (
    PromiseDue,
    PromiseKeeping,
    PromiseOutcome,
    PromiseRecord,
    merge_records,
    promise_keeping,
    promise_outcome,
)
from keyplan.domain.insights.score import WEIGHTS, AccountScore, ScoreReason, account_score

__all__ = [
    "NO_DEPARTMENT",
    "RECENT_DAYS",
    "WEIGHTS",
    "AccountFacts",
    "AccountInsights",
    "AccountScore",
    "ActionFacts",
    "Breadth",
    "CommitmentFacts",
    "Concentration",
    "ContactLog",
    "ContactSuggestion",
    "Coverage",
    "CoverageCell",
    "FindingKind",
    "HealthFinding",
    "InteractionFacts",
    "PersonFacts",
    "PlanFreshness",
    "PromiseDue",
    "PromiseKeeping",
    "PromiseOutcome",
    "PromiseRecord",
    "RelationshipHealth",
    "ScoreReason",
    "WeeklyNudge",
    "account_score",
    "analyse_account",
    "contact_concentration",
    "contact_log",
    "coverage_grid",
    "merge_records",
    "next_best_contacts",
    "plan_contacts",
    "plan_freshness",
    "promise_keeping",
    "promise_outcome",
    "rank_contacts",
    "relationship_health",
    "weekly_nudge",
]
