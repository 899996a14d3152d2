"""Moving the selection between cards with the arrow keys, and what a screen reader is told.

Up goes to the manager and Down to the first report (the leftmost on the chart), as a director
reads an org chart; Left and Right go to the nearest card beside the selected one, on its row
(siblings, cousins, the next person of a grid). Where the chart has no such card (a root has no
manager, a leaf no report) the nearest card that way is taken, so every card can be reached.

QGraphicsItems have no accessibility of their own: the view's accessible description follows
the selected card instead ("Ingrid Solberg, CFO, supporter").
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt

from keyplan.domain.matrix import stance_label, vacancy_line
from keyplan.store.map.rows import MapPerson

#: Arrow key → (dx, dy): the direction it moves the selection in.
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}


def next_card(
    current: int,
    direction: tuple[int, int],
    people: Mapping[int, MapPerson],
    rects: Mapping[int, QRectF],
) -> int | None:
    """The card the selection moves to from ``current`` (None: nothing that way).

    Args:
        current: the selected person.
        direction: (dx, dy) of the arrow pressed.
        people: everyone on the map, for their managers.
        rects: the scene rectangle of each card shown (hidden cards are not reached).
    """
    if current not in rects:
        return None
    dx, dy = direction
    if dy < 0:
        manager = people[current].reports_to_id
        if manager in rects:
            return manager
    if dy > 0:
        reports = [pid for pid, p in people.items() if p.reports_to_id == current and pid in rects]
        if reports:
            return min(reports, key=lambda pid: (rects[pid].top(), rects[pid].left()))
    return _nearest_that_way(current, dx, dy, rects)


def _nearest_that_way(current: int, dx: int, dy: int, rects: Mapping[int, QRectF]) -> int | None:
    """The nearest card whose middle lies that way, cards across the direction counting
    double (Right goes along the row before it drops to another)."""
    here = rects[current].center()
    best: tuple[float, int] | None = None
    for person_id, rect in rects.items():
        if person_id == current:
            continue
        offset = rect.center() - here
        along = offset.x() * dx + offset.y() * dy
        if along <= 1.0:
            continue
        across = abs(offset.y()) if dx else abs(offset.x())
        score = along + 2.0 * across
        if best is None or score < best[0]:
            best = (score, person_id)
    return best[1] if best is not None else None


def first_card(rects: Mapping[int, QRectF], root: int | None) -> int | None:
    """Where an arrow starts when nothing is selected: the head of the chart, else the top-left."""
    if root in rects:
        return root
    if not rects:
        return None
    return min(rects, key=lambda pid: (rects[pid].top(), rects[pid].left()))


def spoken_card(person: MapPerson) -> str:
    """What a screen reader says of a card: name, title and stance ("Ingrid Solberg, CFO,
    supporter"); an open position says so; a person who has left too."""
    if person.is_vacancy:
        return f"{person.job_title or 'Open position'}, {vacancy_line(person.vacancy_note).lower()}"
    parts = [person.full_name]
    if person.job_title:
        parts.append(person.job_title)
    stance = stance_label(person.stance)
    if stance and stance != "Unknown":
        parts.append(stance.lower())
    if person.has_left:
        parts.append("has left")
    return ", ".join(parts)
