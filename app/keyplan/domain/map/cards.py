"""A person's card on the map: what it shows (``PersonFacts``) made into a ``CardShape``.

A card's face: the stance band and letter, the name, title and department, the badges (buying
role, influence, affiliate), the relationship dots and the marks (owner, contact, "LEFT").
Everything but the name is shared between the cards that show it (made once, ``cache``), so a
chart of thousands makes few objects and a writer can write each shared part once. An open
position (``is_vacancy``) is a dashed white seat; a customer-safe card is neutral.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from keyplan.domain.layout import Box
from keyplan.domain.map import looks
from keyplan.domain.map.shapes import (
    BadgeShape,
    Band,
    CardPart,
    CardShape,
    ClockShape,
    DotShape,
    Point,
    TextRun,
)
from keyplan.domain.matrix import vacancy_line
from keyplan.domain.plan_vocabulary import RatedField
from keyplan.domain.relationships import ContactDue
from keyplan.domain.vocabulary import ROLE_BADGES, Stance

NAME_SIZE = 14.0  # a card's name, in layout units: the PDF prints it at 7.5 pt or more
TITLE_SIZE = 11.0
DEPARTMENT_SIZE = 10.0
BADGE_SIZE = 9.0
LETTER_SIZE = 13.0
DOUBTFUL_LETTER_SIZE = 11.0  # "B?": the letter and its question mark fit the band together
NOTE_SIZE = 10.0
NOTE_HEIGHT = 19.0  # the "team continues on page N" band at a card's foot
_ROW_Y = 59.0  # the top of a card's bottom row (badges, dots, marks)
# The ratings' names, read once: an enum member's ``.value`` is a descriptor call, and a card
# asks for three of them.
_STANCE_FIELD = RatedField.STANCE.value
_ROLE_FIELD = RatedField.BUYING_ROLE.value
_INFLUENCE_FIELD = RatedField.INFLUENCE.value
_UNKNOWN_STANCE = Stance.UNKNOWN.value


class PersonFacts(NamedTuple):
    """What one card shows, already worked out by the caller.

    Attributes:
        owner: our owner's initials ("AC", "AC+" when shared), "" for none.
        contact: the contact mark (``relationships.contact_due``), None for none.
        tag: the affiliate's short name when the person works for an affiliate.
        is_vacancy: an open position (``job_title`` names it, ``vacancy_note`` says when).
        uncertain: the ratings (``RatedField`` values) that rest on no recent evidence
            (``keyplan.domain.evidence``): a dashed dark outline and "?" marks.
    """

    id: int
    manager_id: int | None
    full_name: str
    job_title: str
    department: str
    level: str | None = None
    stance: str = Stance.UNKNOWN.value
    buying_role: str = ""
    influence: str | None = None
    strength: int = 0
    owner: str = ""
    contact: ContactDue | None = None
    has_left: bool = False
    tag: str | None = None
    manual_position: Point | None = None
    is_vacancy: bool = False
    vacancy_note: str | None = None
    uncertain: tuple[str, ...] = ()


def card_shape(person: PersonFacts, box: Box, internal: bool, note: str = "") -> CardShape:
    """The card of one person at ``box``: internal (assessed), customer-safe or an open seat;
    ``note`` a line in a band at its foot (the box must be ``NOTE_HEIGHT`` taller)."""
    if person.is_vacancy:
        return _vacancy_card(person, box, note)
    if not internal:
        return _plain_card(person, box, note)
    fill, band, parts, edge, edge_width, edge_dashes, uncertain, tag_room = _face(
        person.stance,
        person.tag,
        person.buying_role,
        person.influence,
        person.strength,
        person.uncertain,
        person.owner,
        person.contact,
        person.has_left,
    )
    left, room = _LETTER_LEFT, _LETTER_ROOM
    return CardShape(
        person.id,
        box.x,
        box.y,
        box.width,
        box.height,
        looks.CARD_RADIUS,
        fill,
        edge,
        band,
        _texts(person, left, room, room - tag_room),
        parts,
        person.has_left,
        _note(note, left, box) if note else None,
        NOTE_HEIGHT if note else 0.0,
        edge_width,
        edge_dashes,
        False,
        uncertain,
    )


_LETTER_LEFT = looks.LETTER_TEXT_LEFT
_LETTER_ROOM = looks.CARD_WIDTH - looks.LETTER_TEXT_LEFT - looks.TEXT_RIGHT


# Thousands of cards share a few hundred faces (stance, badges, marks): each is made once.
@cache
def _face(
    stance_value: str,
    tag: str | None,
    buying_role: str,
    influence: str | None,
    strength: int,
    uncertain_ratings: tuple[str, ...],
    owner: str,
    contact: ContactDue | None,
    has_left: bool,
) -> tuple[str, Band, tuple[CardPart, ...], str, float, tuple[float, ...], bool, float]:
    """An internal card's look but its texts: (fill, band, parts, edge, edge width, edge
    dashes, uncertain, the room the affiliate tag takes on the department's line)."""
    stance = looks.stance_key(stance_value)
    tag_parts, tag_room = _tag(tag) if tag else ((), 0.0)
    doubts = frozenset(uncertain_ratings)
    parts = (
        *tag_parts,
        *_badges(
            buying_role,
            influence,
            max(0, min(4, strength)),
            stance,
            _ROLE_FIELD in doubts,
            _INFLUENCE_FIELD in doubts,
        ),
        *_marks(owner, contact, has_left),
    )
    # A rating without recent evidence: a dashed dark outline (the card look of doubt).
    uncertain = bool(doubts)
    return (
        looks.STANCE_FILL[stance],
        _band(stance, _STANCE_FIELD in doubts),
        parts,
        looks.UNCERTAIN_EDGE if uncertain else looks.STANCE_EDGE[stance],
        looks.UNCERTAIN_EDGE_WIDTH if uncertain else looks.EDGE_WIDTH,
        looks.UNCERTAIN_DASH if uncertain else (),
        uncertain,
        tag_room,
    )


def _plain_card(person: PersonFacts, box: Box, note: str) -> CardShape:
    left = looks.TEXT_LEFT
    room = looks.CARD_WIDTH - left - looks.TEXT_RIGHT
    tag_parts, tag_room = _tag(person.tag) if person.tag else ((), 0.0)
    return _card_on(
        box,
        person.id,
        note,
        fill=looks.PLAIN_FILL,
        edge=looks.PLAIN_EDGE,
        band=Band(looks.BAND_WIDTH, looks.PLAIN_EDGE, None),
        texts=_texts(person, left, room, room - tag_room),
        parts=tag_parts,
    )


def _vacancy_card(person: PersonFacts, box: Box, note: str) -> CardShape:
    """An open position: a white seat with a dashed edge, its title, "Vacant · note" and the
    department, all in muted ink; no stance, no badges, no marks (there is no one to assess)."""
    left = looks.TEXT_LEFT
    room = looks.CARD_WIDTH - left - looks.TEXT_RIGHT
    tag_parts, tag_room = _tag(person.tag) if person.tag else ((), 0.0)
    ink = looks.MUTED_INK
    texts = [
        TextRun(person.job_title or person.full_name, left, _baseline(5.0, 18.0, NAME_SIZE),
                NAME_SIZE, ink, room, bold=True, role="name"),
        TextRun(vacancy_line(person.vacancy_note), left, _baseline(23.0, 16.0, TITLE_SIZE),
                TITLE_SIZE, ink, room, role="title"),
    ]  # fmt: skip
    if person.department:
        texts.append(
            TextRun(person.department, left, _baseline(39.0, 15.0, DEPARTMENT_SIZE),
                    DEPARTMENT_SIZE, ink, room - tag_room, role="department")
        )  # fmt: skip
    return _card_on(
        box,
        person.id,
        note,
        fill=looks.VACANCY_FILL,
        edge=looks.VACANCY_EDGE,
        band=Band(0.0, looks.VACANCY_FILL, None),
        texts=tuple(texts),
        parts=tag_parts,
        vacant=True,
        edge_width=looks.VACANCY_EDGE_WIDTH,
        edge_dashes=looks.VACANCY_DASHES,
    )


def _card_on(box: Box, person_id: int, note: str, **look: Any) -> CardShape:
    """A card of the plain or vacant kind on ``box``, its note (if any) along the bottom."""
    left = looks.TEXT_LEFT
    return CardShape(
        person_id=person_id,
        x=box.x,
        y=box.y,
        width=box.width,
        height=box.height,
        radius=looks.CARD_RADIUS,
        note=_note(note, left, box) if note else None,
        note_height=NOTE_HEIGHT if note else 0.0,
        **look,
    )


def _texts(person: PersonFacts, left: float, room: float, department_room: float) -> tuple:
    name = TextRun(person.full_name, left, _NAME_BASELINE, NAME_SIZE, looks.INK, room, True,
                   "start", "name")  # fmt: skip
    title, department = person.job_title, person.department
    if title and department:  # the common case first
        return (name, _title_run(title, left, room), _department_run(department, left,
                department_room))  # fmt: skip
    if title:
        return (name, _title_run(title, left, room))
    if department:
        return (name, _department_run(department, left, department_room))
    return (name,)


# Titles and departments repeat across an org ("Director", "Finance"): one run each, shared by
# every card that shows it (as the badges are), and written once by the SVG.
@cache
def _title_run(title: str, left: float, room: float) -> TextRun:
    return TextRun(title, left, _baseline(23.0, 16.0, TITLE_SIZE), TITLE_SIZE, looks.INK, room,
                   role="title")  # fmt: skip


@cache
def _department_run(department: str, left: float, room: float) -> TextRun:
    return TextRun(department, left, _baseline(39.0, 15.0, DEPARTMENT_SIZE), DEPARTMENT_SIZE,
                   looks.MUTED_INK, room, role="department")  # fmt: skip


def _note(note: str, left: float, box: Box) -> TextRun:
    return TextRun(note, left, box.height - 5.5, NOTE_SIZE, looks.TAG_FILL,
                   box.width - left - looks.TEXT_RIGHT, bold=True, role="note")  # fmt: skip


def _baseline(top: float, height: float, size: float) -> float:
    """The baseline that centres a line of text of ``size`` in a row."""
    return top + height / 2 + 0.35 * size


_NAME_BASELINE = _baseline(5.0, 18.0, NAME_SIZE)


@cache
def _band(stance: str, doubtful: bool = False) -> Band:
    """The stance band and letter; "B?" when the stance rests on no recent evidence (an
    unknown stance claims nothing, so it is never doubted: no "??")."""
    colour = looks.STANCE_EDGE[stance]
    ink = "#ffffff" if looks.is_dark(colour) else looks.INK
    width = looks.LETTER_BAND_WIDTH
    text, size = looks.STANCE_LETTERS[stance], LETTER_SIZE
    if doubtful and stance != _UNKNOWN_STANCE:
        text, size = text + looks.DOUBT_MARK, DOUBTFUL_LETTER_SIZE
    letter = TextRun(text, width / 2, 21.0, size, ink, width, bold=True, anchor="middle",
                     role="letter")  # fmt: skip
    return Band(width, colour, letter)


@cache
def _tag(tag: str) -> tuple[tuple[CardPart, ...], float]:
    """The affiliate's name in a dark label on the department's line, and the room it takes."""
    text = looks.fit(tag, BADGE_SIZE, 70.0, bold=True)
    width = looks.text_width(text, BADGE_SIZE, bold=True) + 8.0
    x = looks.CARD_WIDTH - looks.TEXT_RIGHT - width
    badge = _badge(x, 40.0, 13.0, text, "#ffffff", looks.TAG_FILL, None)
    return (badge,), width + 6.0


@cache
def _badge(
    x: float,
    y: float,
    height: float,
    text: str,
    ink: str,
    fill: str,
    border: str | None,
    *,
    width: float | None = None,
    radius: float = 3.0,
    fill_opacity: float = 1.0,
) -> BadgeShape:
    width = width if width is not None else looks.text_width(text, BADGE_SIZE, bold=True) + 8.0
    label = TextRun(text, x + width / 2, _baseline(y, height, BADGE_SIZE), BADGE_SIZE, ink,
                    width, bold=True, anchor="middle", role="badge")  # fmt: skip
    return BadgeShape(x, y, width, height, radius, fill, border, label, fill_opacity)


@cache
def _badges(
    role: str,
    influence: str | None,
    strength: int,
    stance: str,
    role_doubtful: bool = False,
    influence_doubtful: bool = False,
) -> tuple[CardPart, ...]:
    """The bottom row's left side: buying role and influence badges ("DM?", "H?" when they
    rest on no recent evidence), relationship dots."""
    y, x = _ROW_Y, looks.LETTER_TEXT_LEFT
    parts: list[CardPart] = []
    role_text = ROLE_BADGES.get(role)  # type: ignore[call-overload]
    influence_text = looks.INFLUENCE_BADGES.get(influence or "")
    if role_text and role_doubtful:
        role_text += looks.DOUBT_MARK
    if influence_text and influence_doubtful:
        influence_text += looks.DOUBT_MARK
    for text, ink, border in (
        (role_text, looks.INK, looks.STANCE_EDGE[stance]),
        (influence_text, looks.MUTED_INK, looks.MUTED_INK),
    ):
        if text:
            badge = _badge(x, y, 16.0, text, ink, "#ffffff", border, fill_opacity=0.85)
            parts.append(badge)
            x += badge.width + 4.0
    x += 3.0
    for dot in range(4):
        parts.append(_dot(x + 3.5 + dot * 9, y + 8.0, dot < strength))
    return tuple(parts)


@cache
def _dot(cx: float, cy: float, filled: bool) -> DotShape:
    """One relationship dot; shared by every card with a dot there (renderers reuse it)."""
    return DotShape(cx, cy, 3.2, looks.OWNER_COLOUR if filled else None, looks.OWNER_COLOUR)


@cache
def _marks(owner: str, due: ContactDue | None, left: bool) -> tuple[CardPart, ...]:
    """The bottom row's right side: our owner's initials, the contact mark, "LEFT"."""
    y, right = _ROW_Y, looks.CARD_WIDTH - looks.TEXT_RIGHT
    parts: list[CardPart] = []
    if owner:
        width = 18.0 if len(owner) <= 2 else 24.0
        parts.append(
            _badge(right - width, y - 1, 18.0, owner, "#ffffff", looks.OWNER_COLOUR, None,
                   width=width, radius=9.0)
        )  # fmt: skip
        right -= width + 5.0
    if due is not None:
        overdue = due is ContactDue.OVERDUE
        parts.append(ClockShape(right - 7.0, y + 8.0, 7.0, looks.STALE_COLOUR, overdue))
    if left:
        parts.append(_badge(right - 44.0, y, 16.0, "LEFT", looks.MUTED_INK, "#ffffff",
                            looks.MUTED_INK, fill_opacity=0.85))  # fmt: skip
    return tuple(parts)
