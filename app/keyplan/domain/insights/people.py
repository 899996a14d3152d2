"""What the insights mean by an engaged, key or warm person, and how they name one.

These few definitions are shared by every insight so that "engaged" on the coverage grid means
exactly what it means in the health score.
"""

from __future__ import annotations

from keyplan.domain import relationships
from keyplan.domain.insights.facts import PersonFacts
from keyplan.domain.relationships import DEFAULT_CONTACT_DAYS, ENGAGED_STRENGTH
from keyplan.domain.vocabulary import Influence, Level, Strength

__all__ = ["DEFAULT_CONTACT_DAYS", "ENGAGED_STRENGTH"]  # defined in domain/relationships.py

#: 0 for the board, growing downwards (``Level.rank`` without rebuilding a list per call).
LEVEL_RANK = {level: rank for rank, level in enumerate(Level)}

#: Short level names that read well inside a sentence ("above manager level").
LEVEL_WORDS = {
    Level.C_LEVEL: "board",
    Level.VP: "VP",
    Level.DIRECTOR: "director",
    Level.MANAGER: "manager",
    Level.INDIVIDUAL: "individual contributor",
}


def is_engaged(person: PersonFacts) -> bool:
    """True when we have at least a working relationship with a person still at the customer."""
    return not person.has_left and person.strength >= ENGAGED_STRENGTH


def is_key_person(person: PersonFacts) -> bool:
    """True for a decision maker or anyone with high influence: people we cannot leave alone."""
    return relationships.is_key(person.buying_role, person.influence)


def is_champion(person: PersonFacts) -> bool:
    """True for someone who argues our case, by attitude or by buying role."""
    return relationships.is_champion(person.stance, person.buying_role)


def is_key_person_uncovered(person: PersonFacts) -> bool:
    """True for a key person still at the customer with no owner or a weak relationship."""
    return (
        not person.has_left
        and is_key_person(person)
        and (not person.owner_ids or person.strength < ENGAGED_STRENGTH)
    )


def needs_keeping_warm(person: PersonFacts) -> bool:
    """True for a person whose relationship we must keep up (see ``relationships``)."""
    return relationships.needs_keeping_warm(
        has_left=person.has_left,
        strength=person.strength,
        owned=bool(person.owner_ids),
        contact_days=person.preferred_contact_days,
        buying_role=person.buying_role,
        influence=person.influence,
    )


def contact_interval(person: PersonFacts) -> int:
    """The number of days a person may go without contact before the relationship is stale."""
    return relationships.contact_interval(person.preferred_contact_days)


#: What to call someone of a level when we know no title ("IT director", "Finance executive").
ROLE_NOUNS = {
    Level.C_LEVEL: "executive",
    Level.VP: "VP",
    Level.DIRECTOR: "director",
    Level.MANAGER: "manager",
    Level.INDIVIDUAL: "individual contributor",
}


def role(person: PersonFacts) -> str:
    """Who the person is at the customer: their title, else department and level ("" if none)."""
    if person.title:
        return person.title
    noun = ROLE_NOUNS[person.level] if person.level is not None else ""
    return " ".join(part for part in (person.department, noun) if part)


def label(person: PersonFacts) -> str:
    """Name with the role in brackets: ``Dana Whitfield (CFO)``, ``Kai Ito (IT director)``."""
    detail = role(person)
    return f"{person.name} ({detail})" if detail else person.name


def appositive(person: PersonFacts) -> str:
    """Name with the role set off by commas, mid-sentence: ``Dana Whitfield, CFO,``."""
    detail = role(person)
    return f"{person.name}, {detail}," if detail else person.name


def key_person_gap(person: PersonFacts) -> str:
    """Why a key person is uncovered, as a predicate: ``is a decision maker with no owner``."""
    decides = relationships.is_decision_maker(person.buying_role)
    influential = person.influence is Influence.HIGH
    if decides and influential:
        subject = "is an influential decision maker"
    elif decides:
        subject = "is a decision maker"
    else:
        subject = "is highly influential"
    gaps = []
    if not person.owner_ids:
        gaps.append("no owner")
    if person.strength == Strength.NONE:
        gaps.append("no relationship yet")
    elif person.strength < ENGAGED_STRENGTH:
        gaps.append(f"only an {person.strength.label.lower()} relationship")
    return f"{subject} with {' and '.join(gaps)}" if gaps else subject
