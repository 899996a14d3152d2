"""How a stakeholder map looks, as plain data: card size, spacing, colours, badges, markers.

Shared by the screen (``keyplan.ui.map``) and the SVG export (``map_svg``), which draw the
same design with different tools, so a pasted map looks like the one on screen. No Qt here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from keyplan.domain import evidence as evidence_rules
from keyplan.domain.evidence import claimed_ratings
from keyplan.domain.layout import LayoutOptions
from keyplan.domain.relationships import (
    KEY_ROLES,
    ContactDue,
    contact_due,
    contact_interval,
    needs_keeping_warm,
)
from keyplan.domain.vocabulary import (
    ROLE_BADGE_KEY,
    Influence,
    InfluenceKind,
    Level,
    Stance,
)
from keyplan.store.map.rows import MapPerson

CARD_WIDTH = 200.0
CARD_HEIGHT = 84.0
CARD_RADIUS = 6.0
BAND_WIDTH = 7.0  # the stance band on the card's left edge
TEXT_LEFT = 15.0
TEXT_RIGHT = 8.0

LAYOUT_OPTIONS = LayoutOptions(sibling_gap=28.0, level_gap=52.0, root_gap=72.0)

#: The stance colour family: a strong edge (as in the People table) and a light fill.
STANCE_EDGE = {
    Stance.CHAMPION.value: "#2e7d32",
    Stance.SUPPORTER.value: "#689f38",
    Stance.NEUTRAL.value: "#616161",
    Stance.SKEPTIC.value: "#ef6c00",
    Stance.BLOCKER.value: "#c62828",
    Stance.UNKNOWN.value: "#9e9e9e",
}
STANCE_FILL = {
    Stance.CHAMPION.value: "#c8e6c9",
    Stance.SUPPORTER.value: "#e6f2d4",
    Stance.NEUTRAL.value: "#eceff1",
    Stance.SKEPTIC.value: "#ffe6c4",
    Stance.BLOCKER.value: "#ffcdd2",
    Stance.UNKNOWN.value: "#f7f7f7",
}

INFLUENCE_BADGES = {
    Influence.HIGH.value: "H",
    Influence.MEDIUM.value: "M",
    Influence.LOW.value: "L",
}

#: Influence lines: a colour and a dash pattern per kind, so they read in grey print too.
LINE_COLOURS = {
    InfluenceKind.INFLUENCES.value: "#6a1b9a",
    InfluenceKind.ALLY.value: "#1565c0",
    InfluenceKind.RIVAL.value: "#c62828",
    InfluenceKind.MENTOR.value: "#00838f",
    InfluenceKind.SPONSOR.value: "#b26a00",
}
LINE_DASHES = {
    InfluenceKind.INFLUENCES.value: (6.0, 3.0),
    InfluenceKind.ALLY.value: (2.0, 2.0),
    InfluenceKind.RIVAL.value: (6.0, 2.0, 1.5, 2.0),
    InfluenceKind.MENTOR.value: (4.0, 2.0),
    InfluenceKind.SPONSOR.value: (8.0, 2.5),
}
#: Alliances and rivalries go both ways: drawn without an arrow head.
SYMMETRIC_KINDS = frozenset({InfluenceKind.ALLY.value, InfluenceKind.RIVAL.value})

INK = "#212121"
MUTED_INK = "#546e7a"
CONNECTOR_COLOUR = "#90a4ae"
STALE_COLOUR = "#e65100"
OWNER_COLOUR = "#37474f"
TAG_FILL = "#455a64"
LEFT_OPACITY = 0.45  # people who left the company

#: The legend's words for the badges and the marks, the same on screen and in the SVG.
LEGEND_BADGES = ROLE_BADGE_KEY
LEGEND_MARKS = (
    "H/M/L influence · ●●○○ relationship · initials: our owner · clock: contact overdue · "
    "dashed ring: never contacted · dashed card and ?: rating without recent evidence"
)

_LEVEL_RANK = {level.value: rank for rank, level in enumerate(Level)}


def stance_key(person: MapPerson) -> str:
    """The person's stance, or "unknown" for a value the design has no colour for."""
    return person.stance if person.stance in STANCE_FILL else Stance.UNKNOWN.value


def kind_key(kind: str) -> str:
    return kind if kind in LINE_COLOURS else InfluenceKind.INFLUENCES.value


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


def contact_mark(person: MapPerson, today: date) -> ContactDue | None:
    """Whether a card needs a contact marker, by the domain's rule (``relationships``):
    overdue (the clock) or never contacted (the dashed ring), for people we must keep warm only.

    People who left, and strangers nobody owns or knows, get neither.
    """
    warm = needs_keeping_warm(
        has_left=person.has_left,
        strength=person.strength,
        owned=bool(person.owners),
        contact_days=person.contact_frequency_days,
        buying_role=person.buying_role,
        influence=person.influence,
    )
    last = person.last_contact
    # A meeting dated after today is planned, not contact (as the insights read it).
    days = None if last is None or last > today else (today - last).days
    return contact_due(warm, days, person.contact_frequency_days)


def is_stale(person: MapPerson, today: date) -> bool:
    """True when we must keep a person warm and last met them longer ago than their interval.

    Never contacted is not stale (see ``contact_mark``).
    """
    return contact_mark(person, today) is ContactDue.OVERDUE


def contact_every(person: MapPerson) -> int:
    """The days a person may go without contact (theirs, or the default)."""
    return contact_interval(person.contact_frequency_days)


def uncertain_ratings(person: MapPerson, today: date) -> tuple[str, ...]:
    """The person's ratings that rest on no evidence newer than their account's review
    cadence (``domain.evidence``): the card shows them with "?" and a dashed outline."""
    return _uncertain(
        (person.stance, person.influence, person.buying_role, person.strength),
        person.evidence,
        person.review_cadence_days,
        today,
    )


# Most cards share their ratings and have no evidence: a chart of thousands asks a few
# dozen distinct questions, answered once each.
@lru_cache(maxsize=4096)
def _uncertain(
    ratings: tuple[str, str | None, str, int],
    evidence: tuple[tuple[str, str, date], ...],
    cadence: int | None,
    today: date,
) -> tuple[str, ...]:
    stance, influence, buying_role, strength = ratings
    claimed = claimed_ratings(
        stance=stance, influence=influence, buying_role=buying_role, strength=strength
    )
    newest = {(rating, rated_as): day for rating, rated_as, day in evidence}
    return evidence_rules.uncertain_ratings(claimed, newest, cadence, today)


#: The dash of an uncertain card's outline (on, off), in scene units: coarse enough to read
#: on a grey print, unlike any influence line's.
UNCERTAIN_DASH = (5.0, 3.0)


def is_decision_maker(person: MapPerson) -> bool:
    return person.buying_role in KEY_ROLES


def layout_order(people: Iterable[MapPerson]) -> list[MapPerson]:
    """People in the order the layout places siblings and trees: by level, then by name."""
    return sorted(
        people,
        key=lambda p: (
            _LEVEL_RANK.get(p.level or "", len(_LEVEL_RANK)),
            p.full_name.casefold(),
            p.id,
        ),
    )


def affiliate_tag(person: MapPerson, account_id: int, accounts: dict) -> str | None:
    """The short name of the affiliate a person works for, or None for the shown account.

    Args:
        person: the person.
        account_id: the account the map is for.
        accounts: ``MapAccount`` by id (the map's family).
    """
    if person.account_id == account_id:
        return None
    account = accounts.get(person.account_id)
    return None if account is None else account.country or account.name


# ---- influence lines: the curve between two cards -----------------------------------------

Point = tuple[float, float]
ARROW_LENGTH = 11.0
ARROW_SPREAD = math.radians(24)


@dataclass(frozen=True, slots=True)
class InfluenceCurve:
    """A quadratic curve from one card's edge to another's, and its arrow head (maybe none)."""

    start: Point
    control: Point
    end: Point
    head: tuple[Point, ...]


def influence_curve(
    source: tuple[float, float, float, float],
    target: tuple[float, float, float, float],
    with_head: bool,
) -> InfluenceCurve | None:
    """The curve between two cards (x, y, width, height), bent to the left of its direction.

    Bending always to the same side of the direction keeps A→B and B→A apart.

    Returns:
        The curve, or None when the cards are on top of each other.
    """
    start_centre = (source[0] + source[2] / 2, source[1] + source[3] / 2)
    end_centre = (target[0] + target[2] / 2, target[1] + target[3] / 2)
    if math.dist(start_centre, end_centre) < 1.0:
        return None
    start = _edge_point(source, end_centre)
    end = _edge_point(target, start_centre)
    length = max(math.dist(start, end), 1.0)
    bend = min(max(0.18 * length, 16.0), 110.0)
    normal = (-(end[1] - start[1]) / length, (end[0] - start[0]) / length)
    control = (
        (start[0] + end[0]) / 2 + normal[0] * bend,
        (start[1] + end[1]) / 2 + normal[1] * bend,
    )
    head = _arrow_head(control, end) if with_head else ()
    return InfluenceCurve(start, control, end, head)


def _edge_point(rect: tuple[float, float, float, float], towards: Point) -> Point:
    """Where the line from a rectangle's centre towards a point leaves the rectangle."""
    centre_x, centre_y = rect[0] + rect[2] / 2, rect[1] + rect[3] / 2
    dx, dy = towards[0] - centre_x, towards[1] - centre_y
    scale_x = (rect[2] / 2) / abs(dx) if dx else math.inf
    scale_y = (rect[3] / 2) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return (centre_x + dx * scale, centre_y + dy * scale)


def _arrow_head(control: Point, tip: Point) -> tuple[Point, ...]:
    angle = math.atan2(tip[1] - control[1], tip[0] - control[0])
    return (
        tip,
        (
            tip[0] - math.cos(angle - ARROW_SPREAD) * ARROW_LENGTH,
            tip[1] - math.sin(angle - ARROW_SPREAD) * ARROW_LENGTH,
        ),
        (
            tip[0] - math.cos(angle + ARROW_SPREAD) * ARROW_LENGTH,
            tip[1] - math.sin(angle + ARROW_SPREAD) * ARROW_LENGTH,
        ),
    )
