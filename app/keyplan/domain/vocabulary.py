"""The words Keyplan uses for accounts and people (the plan's own words: ``plan_vocabulary``).

Every enum stores its ``value`` in the database (a short lower-case string, or an int for
ordinal scales), so a power user reading the SQLite file sees words, not numbers, and renaming
a label for the screen never needs a migration. ``label`` is what a person reads.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Vocabulary(StrEnum):
    """A string enum with a human label derived from its value."""

    @property
    def label(self) -> str:
        return _LABELS.get(self.value, self.value.replace("_", " ").capitalize())

    @classmethod
    def from_text(cls, text: str) -> Vocabulary:
        """Find a member by value or by label, ignoring case; raise ValueError if none fits."""
        wanted = text.strip().lower()
        for member in cls:
            if wanted in (member.value, member.label.lower()):
                return member
        choices = ", ".join(member.label for member in cls)
        raise ValueError(f"'{text}' is not one of: {choices}")


_LABELS = {
    "none": "No role",  # the buying role; a bare "None" reads like a missing value
    "c_level": "Board / C-level",
    "vp": "VP / Head of",
    "individual": "Individual contributor",
    "champion_coach": "Champion / coach",
    "rival": "Rival / conflict",
    "email": "E-mail",
    "in_person": "In person",
    "open": "Open",
    "coordinate": "Coordinate with owner first",
    "owner_only": "Owner only",
    "open_to_team": "Open to the team",
    "competitor_holds": "Competitor holds",
    "in_pursuit": "In pursuit",
    "not_relevant": "Not relevant",
    "closed_won": "Closed — won",
    "closed_lost": "Closed — lost",
    "customer": "Customer-safe plan",
    "internal": "Internal plan",
    "brief": "Meeting brief",
    "executive_sponsor": "Executive sponsor",
    "solution_architect": "Solution architect",
    "service_manager": "Service manager",
    "local_rep": "Local rep",
    "account_director": "Account director",
    "technical_evaluator": "Technical evaluator",
    "decision_maker": "Decision maker",
    "economic_buyer": "Economic buyer",
    "second_hand": "Second hand",
    "buying_role": "Buying role",
    "strength": "Relationship",
}


class Tier(Vocabulary):
    STRATEGIC = "strategic"
    KEY = "key"
    GROWTH = "growth"
    MAINTAIN = "maintain"


class AccountStatus(Vocabulary):
    ACTIVE = "active"
    PROSPECT = "prospect"
    DORMANT = "dormant"
    LOST = "lost"


class Level(Vocabulary):
    """Seniority, from the top of the customer's organisation down."""

    C_LEVEL = "c_level"
    VP = "vp"
    DIRECTOR = "director"
    MANAGER = "manager"
    INDIVIDUAL = "individual"

    @property
    def rank(self) -> int:
        """0 for the board, growing downwards: sorts people top to bottom."""
        return list(Level).index(self)


class BuyingRole(Vocabulary):
    ECONOMIC_BUYER = "economic_buyer"  # signs the budget; directors look for them by this name
    DECISION_MAKER = "decision_maker"
    TECHNICAL_EVALUATOR = "technical_evaluator"
    USER = "user"
    CHAMPION_COACH = "champion_coach"
    GATEKEEPER = "gatekeeper"
    INFLUENCER = "influencer"
    NONE = "none"


class Influence(Vocabulary):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Interest(Vocabulary):
    """How much a person cares about what we do (the power / interest grid's other axis)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Stance(Vocabulary):
    """A person's attitude towards us, from best to worst; UNKNOWN last."""

    CHAMPION = "champion"
    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    SKEPTIC = "skeptic"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"


class Strength(IntEnum):
    """How strong our relationship with a person is."""

    NONE = 0
    ACQUAINTED = 1
    WORKING = 2
    TRUSTED = 3
    TRUSTED_ADVISOR = 4

    @property
    def label(self) -> str:
        return _STRENGTH_LABELS[self]


_STRENGTH_LABELS = {
    Strength.NONE: "No relationship",
    Strength.ACQUAINTED: "Acquainted",
    Strength.WORKING: "Working relationship",
    Strength.TRUSTED: "Trusted",
    Strength.TRUSTED_ADVISOR: "Trusted advisor",
}


class Channel(Vocabulary):
    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"
    EMAIL = "email"
    MESSAGE = "message"
    EVENT = "event"


#: An influence line's strength (1–3), in words.
LINE_STRENGTH_WORDS = {1: "weak", 2: "moderate", 3: "strong"}


class CommitmentStatus(Vocabulary):
    OPEN = "open"
    KEPT = "kept"
    LATE = "late"
    BROKEN = "broken"


#: The short word a map card (on screen, in the SVG and in the PDF) shows for a buying role;
#: no role, no badge. "INF", not "IN", so it cannot be read as the card's LinkedIn mark.
ROLE_BADGES: dict[BuyingRole, str] = {
    BuyingRole.ECONOMIC_BUYER: "EB",
    BuyingRole.DECISION_MAKER: "DM",
    BuyingRole.TECHNICAL_EVALUATOR: "TE",
    BuyingRole.USER: "U",
    BuyingRole.CHAMPION_COACH: "CH",
    BuyingRole.GATEKEEPER: "GK",
    BuyingRole.INFLUENCER: "INF",
}

#: The badges spelled out, for every legend: "DM decision maker · TE technical evaluator · …".
ROLE_BADGE_KEY = " · ".join(f"{badge} {role.label.lower()}" for role, badge in ROLE_BADGES.items())
