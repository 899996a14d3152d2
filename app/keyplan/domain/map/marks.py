"""The marks a card wears for our side: the owner's initials and the contact mark.

One definition for the screen, the pictures and the printed map.
"""

from __future__ import annotations

from datetime import date

from keyplan.domain.relationships import ContactDue, contact_due, needs_keeping_warm


def initials(name: str) -> str:
    """Two letters for a team member: "Ana Costa" -> "AC", "Prince" -> "PR"."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()


def owner_mark(owners: tuple[str, ...]) -> str:
    """The initials of the main owner on our side, "+" when others share the relationship."""
    if not owners:
        return ""
    mark = initials(owners[0])
    return mark if len(owners) == 1 else f"{mark}+"


def contact_mark(
    *,
    has_left: bool,
    strength: int,
    owned: bool,
    contact_days: int | None,
    buying_role: str,
    influence: str | None,
    last_contact: date | None,
    today: date,
) -> ContactDue | None:
    """Whether a card needs a contact marker, by the domain's rule (``relationships``):
    overdue (the clock) or never contacted (the dashed ring), for people we must keep warm only.

    People who left, and strangers nobody owns or knows, get neither.
    """
    warm = needs_keeping_warm(
        has_left=has_left,
        strength=strength,
        owned=owned,
        contact_days=contact_days,
        buying_role=buying_role,
        influence=influence,
    )
    # A meeting dated after today is planned, not contact (as the insights read it).
    days = None if last_contact is None or last_contact > today else (today - last_contact).days
    return contact_due(warm, days, contact_days)
