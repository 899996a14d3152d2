"""How a stakeholder map looks, and the map's rows made into the drawing's plain facts.

The looks themselves (sizes, colours, letters, line styles) are declared once in
``keyplan.domain.map.looks``; this module re-exports them for the screen (``keyplan.ui.map``)
and turns the store's ``MapData`` into the one drawing description
(``keyplan.domain.map.drawing``) that the SVG, PNG, GraphML and draw.io exports draw.
No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from keyplan.domain import evidence as evidence_rules
from keyplan.domain.evidence import claimed_ratings
from keyplan.domain.map import drawing as map_drawing_module
from keyplan.domain.map import marks
from keyplan.domain.map.drawing import LineFacts, PersonFacts, draw_map
from keyplan.domain.map.looks import (  # noqa: F401  (one vocabulary of looks)
    BAND_WIDTH,
    CARD_HEIGHT,
    CARD_RADIUS,
    CARD_WIDTH,
    CONNECTOR_COLOUR,
    DOTTED_COLOUR,
    DOTTED_DASHES,
    DOTTED_LABEL,
    DOTTED_WIDTH,
    END_DOT_RADIUS,
    INFLUENCE_BADGES,
    INK,
    LAYOUT_OPTIONS,
    LEFT_OPACITY,
    LEGEND_MARKS,
    LINE_COLOURS,
    LINE_DASHES,
    MUTED_INK,
    OWNER_COLOUR,
    STALE_COLOUR,
    STANCE_EDGE,
    STANCE_FILL,
    STANCE_LETTERS,
    SYMMETRIC_KINDS,
    TAG_FILL,
    TEXT_LEFT,
    TEXT_RIGHT,
    UNCERTAIN_DASH,
    UNCERTAIN_EDGE_WIDTH,
    VACANCY_EDGE,
    VACANCY_FILL,
    VACANCY_LABEL,
)
from keyplan.domain.map.marks import initials, owner_mark  # noqa: F401  (the screen's too)
from keyplan.domain.map.shapes import MapDrawing, Point
from keyplan.domain.matrix import dotted_ends  # noqa: F401  (the screen draws it too)
from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.relationships import KEY_ROLES, ContactDue, contact_interval
from keyplan.domain.vocabulary import ROLE_BADGE_KEY, Stance
from keyplan.store.map.rows import MapData, MapPerson

#: The legend's words for the badges, the same on screen and in every picture.
LEGEND_BADGES = ROLE_BADGE_KEY


def stance_key(person: MapPerson) -> str:
    """The person's stance, or "unknown" for a value the design has no colour for."""
    return person.stance if person.stance in STANCE_FILL else Stance.UNKNOWN.value


def kind_key(kind: str) -> str:
    return kind if kind in LINE_COLOURS else InfluenceKind.INFLUENCES.value


def contact_mark(person: MapPerson, today: date) -> ContactDue | None:
    """Whether a card needs a contact marker (``keyplan.domain.map.marks.contact_mark``)."""
    return marks.contact_mark(
        has_left=person.has_left,
        strength=person.strength,
        owned=bool(person.owners),
        contact_days=person.contact_frequency_days,
        buying_role=person.buying_role,
        influence=person.influence,
        last_contact=person.last_contact,
        today=today,
    )


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


def is_decision_maker(person: MapPerson) -> bool:
    return person.buying_role in KEY_ROLES


def layout_order(people: Iterable[MapPerson]) -> list[MapPerson]:
    """People in the order the layout places siblings and trees: by level, then by name."""
    return map_drawing_module.layout_order(people)


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


# ---- the drawing: the store's rows as the drawing's facts --------------------------------


def person_facts(person: MapPerson, account_id: int, accounts: dict, today: date) -> PersonFacts:
    """What a person's card shows, from the map's row."""
    return PersonFacts(  # positional, in the fields' order: a map makes thousands
        person.id,
        person.reports_to_id,
        person.full_name,
        person.job_title or "",
        person.department or "",
        person.level,
        person.stance,
        person.buying_role,
        person.influence,
        person.strength,
        _owner_mark(person.owners),
        contact_mark(person, today),
        person.has_left,
        affiliate_tag(person, account_id, accounts),
        person.map_position,
        person.is_vacancy,
        person.vacancy_note,
        uncertain_ratings(person, today),
    )


# A few team members own thousands of relationships: their initials are worked out once.
_owner_mark = lru_cache(maxsize=4096)(owner_mark)


def map_drawing(
    data: MapData,
    today: date,
    *,
    people: Sequence[MapPerson] | None = None,
    with_lines: bool = True,
) -> MapDrawing:
    """The drawing of a map as the exports draw it.

    Args:
        data: the map (people, influence lines, accounts).
        today: the day contact marks are measured against.
        people: only these people (as filtered on screen); all of ``data.people`` when None.
        with_lines: draw the influence and dotted reporting lines.
    """
    shown = data.people if people is None else people
    facts = [person_facts(p, data.account_id, data.accounts, today) for p in shown]
    lines = (
        [LineFacts(line.from_id, line.to_id, line.kind, line.strength) for line in data.lines]
        if with_lines
        else []
    )
    dotted = [(link.person_id, link.manager_id) for link in data.dotted] if with_lines else []
    return draw_map(facts, lines, dotted=dotted)


# ---- influence lines on screen: the curve between two cards --------------------------------


class InfluenceCurve(NamedTuple):
    """A quadratic curve from one card's edge to another's, its arrow head (maybe none) and
    the dots on both ends of a two-way line: the same marks as in every exported picture."""

    start: Point
    control: Point
    end: Point
    head: tuple[Point, ...]
    end_dots: tuple[Point, ...] = ()


def influence_curve(
    source: tuple[float, float, float, float],
    target: tuple[float, float, float, float],
    with_head: bool,
) -> InfluenceCurve | None:
    """The curve between two cards (x, y, width, height), bent to the left of its direction.

    Returns:
        The curve, or None when the cards are on top of each other.
    """
    from keyplan.domain.layout import Box

    points = map_drawing_module.curve_between(Box(*source), Box(*target))
    if points is None:
        return None
    start, control, end = points
    head = map_drawing_module.arrow_head(control, end) if with_head else ()
    dots = () if with_head else (start, end)
    return InfluenceCurve(start, control, end, head, dots)


def is_symmetric(kind: str) -> bool:
    """Alliances and rivalries go both ways: dots on both ends, no arrow head."""
    return kind_key(kind) in SYMMETRIC_KINDS
