"""What Keyplan means by a champion, a key person, a warm relationship and an overdue one.

Each rule is written once, here, as data and as a predicate. The insights, the map on screen,
the SVG and the PDF call the predicates; the store's fast SQL is built from the data (never
retyped) and parity tests hold the two equal. The predicates take plain values, so a map row
(stored words) and the insights' facts (vocabulary members) ask the same function: a
vocabulary member equals its stored word (``Stance.CHAMPION == "champion"``).

Light on purpose (the vocabulary only): the headless map export imports it.
"""

from __future__ import annotations

from enum import StrEnum

from keyplan.domain.vocabulary import BuyingRole, Influence, Stance, Strength

#: A champion argues our case, by attitude (stance) or by buying role.
CHAMPION_STANCES = frozenset({Stance.CHAMPION})
CHAMPION_ROLES = frozenset({BuyingRole.CHAMPION_COACH})

#: A key person is one we cannot leave alone: a decision maker or the economic buyer (who
#: signs the budget), or anyone of high influence.
KEY_ROLES = frozenset({BuyingRole.DECISION_MAKER, BuyingRole.ECONOMIC_BUYER})
KEY_INFLUENCES = frozenset({Influence.HIGH})

#: A person counts as engaged from a working relationship up: being acquainted is not coverage.
ENGAGED_STRENGTH = Strength.WORKING

#: From this strength up we have a relationship to keep warm (even an acquaintance cools).
WARM_STRENGTH = Strength.ACQUAINTED

#: How often a person hears from us when they have not told us otherwise (days).
DEFAULT_CONTACT_DAYS = 90


class ContactDue(StrEnum):
    """Why a relationship we must keep warm needs a contact now."""

    #: Met before, but longer ago than the person's contact interval: "stale".
    OVERDUE = "overdue"
    #: Nobody on our side has ever met them: not stale (there is nothing to go stale yet).
    NEVER_CONTACTED = "never_contacted"


def is_champion(stance: str | None, buying_role: str | None) -> bool:
    """True for someone who argues our case, by attitude or by buying role."""
    return stance in CHAMPION_STANCES or buying_role in CHAMPION_ROLES


def is_decision_maker(buying_role: str | None) -> bool:
    """True for the roles that decide a purchase: decision makers and the economic buyer."""
    return buying_role in KEY_ROLES


def is_key(buying_role: str | None, influence: str | None) -> bool:
    """True for a decision maker, an economic buyer or anyone with high influence."""
    return buying_role in KEY_ROLES or influence in KEY_INFLUENCES


def needs_keeping_warm(
    *,
    has_left: bool,
    strength: int,
    owned: bool,
    contact_days: int | None,
    buying_role: str | None,
    influence: str | None,
) -> bool:
    """True for a person whose relationship we must keep up, so silence towards them counts.

    Somebody we have never met, do not own, who set no contact interval and is not a key
    person is a coverage gap, not a relationship going cold: counting them would bury the few
    real warnings under every name imported from a CRM.

    Args:
        has_left: the person has left the company (never warm).
        strength: our relationship's strength (``Strength``, or its stored int).
        owned: somebody on our team owns the relationship.
        contact_days: how often they asked to hear from us (None: not set).
        buying_role: their buying role's stored word.
        influence: their influence's stored word.
    """
    if has_left:
        return False
    return (
        strength >= WARM_STRENGTH
        or owned
        or contact_days is not None
        or is_key(buying_role, influence)
    )


def contact_interval(contact_days: int | None) -> int:
    """The days a person may go without contact: theirs, or the default when unset."""
    # Zero or negative would flag everybody every day; treat it as "not set".
    return contact_days if contact_days is not None and contact_days > 0 else DEFAULT_CONTACT_DAYS


def is_overdue(days_since_contact: int | None, contact_days: int | None) -> bool:
    """True when a person was last met longer ago than their interval (never met: False)."""
    return days_since_contact is not None and days_since_contact > contact_interval(contact_days)


def contact_due(
    warm: bool, days_since_contact: int | None, contact_days: int | None
) -> ContactDue | None:
    """Whether a person needs a contact now, and why; None when not.

    Args:
        warm: the person is one we must keep warm (``needs_keeping_warm``).
        days_since_contact: days since anyone last met them (planned meetings are not
            contact); None when nobody ever has.
        contact_days: how often they asked to hear from us (None: the default).
    """
    if not warm:
        return None
    if days_since_contact is None:
        return ContactDue.NEVER_CONTACTED
    return ContactDue.OVERDUE if is_overdue(days_since_contact, contact_days) else None
