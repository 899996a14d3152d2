"""What a card says: the person's texts fitted to the card, badges, markers and tooltip.

Worked out once per person and change (eliding text is the costly part of painting a card),
and only when a card is first painted close enough to be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF

from keyplan.domain.fields import STAKEHOLDER_FIELDS, short_link
from keyplan.domain.matrix import position_label, vacancy_line
from keyplan.domain.plain_text import isolated
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.domain.relationships import ContactDue
from keyplan.domain.vocabulary import Strength
from keyplan.exchange.map.design import owner_mark
from keyplan.store.map.queries import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.far_name import FarName, fit_far_name


@dataclass(frozen=True, slots=True)
class Badge:
    """A small rounded label on the card's bottom row."""

    text: str
    width: float
    ink: QColor
    border: QColor


@dataclass(frozen=True, slots=True)
class CardFace:
    """The texts and markers of one card, fitted to its width."""

    name: str
    far_name: FarName  # the name alone, sized to fill the card (far_name.py)
    title: str
    department: str
    tag: str
    tag_width: float
    badges: tuple[Badge, ...]
    strength: int
    owner: str
    stale: bool
    never_contacted: bool
    left: bool
    profile: str = ""  # "in" for a LinkedIn profile, "link" for another, "" for none
    uncertain: tuple[str, ...] = ()  # ratings without recent evidence: dashed outline, "?"


@cache
def metrics(role: str) -> QFontMetricsF:
    return QFontMetricsF(style.card_font(role))


def elide(text: str, role: str, width: float) -> str:
    return metrics(role).elidedText(text, Qt.TextElideMode.ElideRight, width)


def badge_width(text: str) -> float:
    return metrics("badge").horizontalAdvance(text) + 8.0


def card_face(person: MapPerson, tag: str | None, today: date) -> CardFace:
    """Fit a person's texts and markers to a card.

    Args:
        person: the person.
        tag: the affiliate's short name when the person works for an affiliate, else None.
        today: the date staleness is measured against.
    """
    text_width = style.CARD_WIDTH - style.TEXT_LEFT - style.TEXT_RIGHT
    if person.is_vacancy:
        return _vacancy_face(person, text_width)
    profile = profile_mark(person.profile_url)
    # The profile mark sits at the end of the name's line: the name gives it room.
    name_width = text_width - (PROFILE_MARK_WIDTH + 4.0 if profile else 0.0)
    tag_text = elide(tag, "badge", 70.0) if tag else ""
    tag_width = badge_width(tag_text) if tag_text else 0.0
    department_width = text_width - (tag_width + 6.0 if tag_text else 0.0)
    edge = style.STANCE_EDGE[style.stance_key(person)]
    mark = style.contact_mark(person, today)
    uncertain = style.uncertain_ratings(person, today)
    badges = []
    if RatedField.STANCE.value in uncertain:  # "?" right after the stance band
        badges.append(Badge("?", badge_width("?"), style.INK, edge))
    role = style.ROLE_BADGES.get(person.buying_role)
    if role:
        role += "?" if RatedField.BUYING_ROLE.value in uncertain else ""
        badges.append(Badge(role, badge_width(role), style.INK, edge))
    influence = style.INFLUENCE_BADGES.get(person.influence or "")
    if influence:
        influence += "?" if RatedField.INFLUENCE.value in uncertain else ""
        badges.append(Badge(influence, badge_width(influence), style.MUTED_INK, style.MUTED_INK))
    return CardFace(
        # Isolated: a name's RLO or LRE ends with the name, not on the marks drawn after it.
        name=isolated(elide(person.full_name, "name", name_width)),
        far_name=fit_far_name(person.full_name),
        title=isolated(elide(person.job_title or "", "title", text_width)),
        department=isolated(elide(person.department or "", "small", department_width)),
        tag=tag_text,
        tag_width=tag_width,
        badges=tuple(badges),
        strength=max(0, min(4, person.strength)),
        owner=owner_mark(person.owners),
        stale=mark is ContactDue.OVERDUE,
        never_contacted=mark is ContactDue.NEVER_CONTACTED,
        left=person.has_left,
        profile=profile,
        uncertain=uncertain,
    )


def _vacancy_face(person: MapPerson, text_width: float) -> CardFace:
    """An open position: its title, "Vacant · hire expected Q3", its department; no marks of
    a person."""
    title = person.job_title or person.full_name
    return CardFace(
        name=elide(title, "name", text_width),
        far_name=fit_far_name(position_label(title)),
        title=elide(vacancy_line(person.vacancy_note), "title", text_width),
        department=elide(person.department or "", "small", text_width),
        tag="",
        tag_width=0.0,
        badges=(),
        strength=0,
        owner="",
        stale=False,
        never_contacted=False,
        left=False,
    )


#: The width of the small profile mark at the end of the name's line, in scene units.
PROFILE_MARK_WIDTH = 13.0


def profile_mark(url: str | None) -> str:
    """Which mark a profile URL gets: "in" for LinkedIn, "link" for any other site, or ""."""
    if not url:
        return ""
    host = url.split("://", 1)[-1].split("/", 1)[0].casefold()
    return "in" if host == "linkedin.com" or host.endswith(".linkedin.com") else "link"


def tooltip(person: MapPerson, account_name: str | None, today: date) -> str:
    """Everything the card abbreviates, spelled out (shown when the mouse rests on a card)."""
    if person.is_vacancy:
        note = [person.vacancy_note] if person.vacancy_note else []
        return "\n".join(
            [position_label(person.job_title or person.full_name), *note, *[
                text for text in (person.department, account_name and f"At {account_name}")
                if text
            ], "An open position: nobody holds this seat yet"]
        )  # fmt: skip
    lines = [person.full_name]
    if person.came_from:
        lines.append(person.came_from[:1].upper() + person.came_from[1:])
    lines += [text for text in (person.job_title, person.department) if text]
    if account_name:
        lines.append(f"Works for {account_name}")
    lines.append(
        _label("stance", person.stance) + " · " + _label("buying_role", person.buying_role)
    )
    if person.influence:
        lines.append(f"{_label('influence', person.influence)} influence")
    lines.append(f"Relationship: {Strength(max(0, min(4, person.strength))).label}")
    owners = ", ".join(person.owners) if person.owners else "nobody on our team"
    lines.append(f"Owned by {owners}")
    lines.append(_contact_line(person, today))
    if person.profile_url:
        lines.append(f"Profile: {short_link(person.profile_url)}")
    uncertain = style.uncertain_ratings(person, today)
    if uncertain:
        words = ", ".join(RatedField(name).label.lower() for name in uncertain)
        lines.append(f"Uncertain (no recent evidence): {words}")
    if person.has_left:
        went = f" (went to {person.left_for})" if person.left_for else ""
        lines.append(f"Has left the company{went}")
    return "\n".join(lines)


def _label(field: str, value: str | None) -> str:
    return STAKEHOLDER_FIELDS[field].display(value) or "—"


def _contact_line(person: MapPerson, today: date) -> str:
    every = style.contact_every(person)
    if person.last_contact is None:
        if style.contact_mark(person, today) is ContactDue.NEVER_CONTACTED:
            return f"Never contacted (should be every {every} days)"
        return "Never contacted"
    days = (today - person.last_contact).days
    late = " — overdue" if style.is_stale(person, today) else ""
    return f"Last contact {person.last_contact.isoformat()}, {days} days ago{late}"
