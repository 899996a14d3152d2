"""The words of the plan beyond the people: our team, influence lines, opportunities,
whitespace, risks, work, evidence and exports.

Kept apart from ``vocabulary`` because the first window does not use them: each enum costs
start-up time to build (about 0.75 M instructions), and only later tabs, the importers and
the reports need these. Stored values and labels are the same as ever (see ``vocabulary``).
"""

from __future__ import annotations

from keyplan.domain.vocabulary import Vocabulary


class InfluenceKind(Vocabulary):
    INFLUENCES = "influences"
    ALLY = "ally"
    RIVAL = "rival"
    MENTOR = "mentor"
    SPONSOR = "sponsor"


class TeamRole(Vocabulary):
    ACCOUNT_DIRECTOR = "account_director"
    SPECIALIST = "specialist"
    SOLUTION_ARCHITECT = "solution_architect"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    SERVICE_MANAGER = "service_manager"
    LOCAL_REP = "local_rep"


class EngagementRule(Vocabulary):
    """Who on our side may contact a person whose relationship somebody owns."""

    OPEN_TO_TEAM = "open_to_team"
    COORDINATE = "coordinate"
    OWNER_ONLY = "owner_only"


class OpportunityStage(Vocabulary):
    IDENTIFIED = "identified"
    QUALIFIED = "qualified"
    PROPOSAL = "proposal"
    NEGOTIATION = "negotiation"
    CLOSED_WON = "closed_won"
    CLOSED_LOST = "closed_lost"


class OpportunityStatus(Vocabulary):
    OPEN = "open"
    WON = "won"
    LOST = "lost"
    ON_HOLD = "on_hold"


class WhitespaceStatus(Vocabulary):
    INSTALLED = "installed"
    IN_PURSUIT = "in_pursuit"
    OPPORTUNITY = "opportunity"
    NOT_RELEVANT = "not_relevant"
    COMPETITOR_HOLDS = "competitor_holds"


class Rating(Vocabulary):
    """Three-step scale for likelihood, impact and threat."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RiskStatus(Vocabulary):
    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"


class WorkStatus(Vocabulary):
    """Status of an objective or an action."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class EvidenceSource(Vocabulary):
    """Where a piece of evidence behind a rating comes from."""

    MEETING = "meeting"  # seen or heard in a logged interaction
    EMAIL = "email"
    SECOND_HAND = "second_hand"  # somebody told us


class Confidence(Vocabulary):
    """How sure we are of what a piece of evidence says, from surest to least."""

    CONFIRMED = "confirmed"
    LIKELY = "likely"
    GUESS = "guess"


class RatedField(Vocabulary):
    """The ratings of a person that evidence can stand behind (``stakeholders`` columns)."""

    STANCE = "stance"
    INFLUENCE = "influence"
    BUYING_ROLE = "buying_role"
    STRENGTH = "strength"


class ExportVariant(Vocabulary):
    INTERNAL = "internal"
    CUSTOMER = "customer"
    BRIEF = "brief"


class PeopleShown(Vocabulary):
    """Which of their people a customer-safe document lists (see ``rules.is_worked_with``)."""

    WORKED = "worked"  # only the people we work with: the default, nobody is listed for show
    ALL = "all"


#: Opportunity states in which an offering is live with the customer: being sold, sold, or
#: paused. A lost one is not (the offering no longer counts as discussed).
LIVE_OPPORTUNITY_STATES = frozenset(
    {OpportunityStatus.OPEN, OpportunityStatus.WON, OpportunityStatus.ON_HOLD}
)
