"""Dotted lines, open positions and people who move: the rules, once for every floor.

A dotted line (a secondary, "matrix" manager) is drawn on the map but never laid out: the
tidy tree follows the solid reporting lines only. An open position (a vacancy) is a seat on
the map without a person; counts of people ("N people", coverage) leave vacancies out.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol

from keyplan.domain.errors import RuleViolation
from keyplan.domain.vocabulary import Stance

VACANT = "vacant"  # how a vacancy reads where a person's name would be


class MaybeVacancy(Protocol):
    @property
    def is_vacancy(self) -> bool: ...


def check_dotted_manager(
    person: str, manager: str, *, same_person: bool, is_solid_manager: bool
) -> None:
    """Refuse a dotted line a person cannot have.

    Args:
        person: the person's name (for the message).
        manager: the proposed dotted-line manager's name.
        same_person: the manager is the person themselves.
        is_solid_manager: the manager is already the person's (solid) manager.

    Raises:
        RuleViolation: a message naming both people.
    """
    if same_person:
        raise RuleViolation(f"{person} cannot be their own dotted-line manager.")
    if is_solid_manager:
        raise RuleViolation(
            f"{manager} is already {person}'s manager: a dotted line to them would say it twice."
        )


def check_fills_vacancy(person: str, position: str, *, same_customer: bool) -> None:
    """Refuse filling an open position with someone of another customer.

    Raises:
        RuleViolation: the position is at another customer than the person.
    """
    if not same_customer:
        raise RuleViolation(
            f"{person} cannot fill the open position {position}: "
            f"they work for a different customer. Move them there first."
        )


def people_only(rows: Iterable[MaybeVacancy]) -> list:
    """The rows that are people: open positions left out (they are never counted as people)."""
    return [row for row in rows if not row.is_vacancy]


def position_label(title: str | None) -> str:
    """How an open position names itself: "CFO — vacant"."""
    return f"{title} — {VACANT}" if title else f"Open position — {VACANT}"


def vacancy_line(note: str | None) -> str:
    """The line under an open position's title: "Vacant · hire expected Q3"."""
    return f"Vacant · {note}" if note else "Vacant"


def stance_label(stance: str | None) -> str | None:
    """A stored stance's label ("Champion"), or None when not known."""
    try:
        return Stance(stance).label if stance else None
    except ValueError:
        return None


def moved_context(stance_label: str | None, account_name: str) -> str:
    """The line that says where a person came from: "was our champion at Aldermark"."""
    what = stance_label.lower() if stance_label and stance_label != "Unknown" else "contact"
    return f"was our {what} at {account_name}"


Point = tuple[float, float]
Rect = tuple[float, float, float, float]  # x, y, width, height


def dotted_ends(report: Rect, manager: Rect) -> tuple[Point, Point] | None:
    """A dotted reporting line's ends: straight from the report's card edge to the manager's.

    The same on screen, in the SVG and on paper.

    Returns:
        (start at the report, end at the manager), or None when the cards overlap.
    """
    report_centre = (report[0] + report[2] / 2, report[1] + report[3] / 2)
    manager_centre = (manager[0] + manager[2] / 2, manager[1] + manager[3] / 2)
    if math.dist(report_centre, manager_centre) < 1.0:
        return None
    return _edge_point(report, manager_centre), _edge_point(manager, report_centre)


def _edge_point(rect: Rect, towards: Point) -> Point:
    """Where the line from a rectangle's centre towards a point leaves the rectangle."""
    centre_x, centre_y = rect[0] + rect[2] / 2, rect[1] + rect[3] / 2
    dx, dy = towards[0] - centre_x, towards[1] - centre_y
    scale_x = (rect[2] / 2) / abs(dx) if dx else math.inf
    scale_y = (rect[3] / 2) / abs(dy) if dy else math.inf
    scale = min(scale_x, scale_y, 1.0)
    return (centre_x + dx * scale, centre_y + dy * scale)
