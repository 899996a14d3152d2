"""The power / interest grid: people placed by influence (rows) and interest in what we do.

Three steps on each axis give a 3 × 3 grid. The classic quadrant names (Mendelow) are laid over
it with medium on the high side: someone of medium influence is not left to "Monitor". So
"Manage closely" is the four cells of high or medium influence and interest, "Keep satisfied"
high or medium influence with low interest, "Keep informed" low influence with high or medium
interest, and "Monitor" low on both. People without both ratings are "not rated".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from keyplan.domain.views.people import ViewPerson
from keyplan.domain.vocabulary import Influence, Interest

#: The grid's rows, top to bottom, and columns, left to right (stored words).
INFLUENCE_ROWS: tuple[str, ...] = tuple(level.value for level in Influence)
INTEREST_COLUMNS: tuple[str, ...] = tuple(level.value for level in reversed(Interest))


class Quadrant(StrEnum):
    MANAGE_CLOSELY = "Manage closely"
    KEEP_SATISFIED = "Keep satisfied"
    KEEP_INFORMED = "Keep informed"
    MONITOR = "Monitor"


#: What each quadrant asks of us, for a legend.
QUADRANT_ADVICE = {
    Quadrant.MANAGE_CLOSELY: "engage fully, involve in decisions",
    Quadrant.KEEP_SATISFIED: "meet their needs, do not overload them",
    Quadrant.KEEP_INFORMED: "keep them up to date, listen to concerns",
    Quadrant.MONITOR: "watch, with little effort",
}

_LOW = {Influence.LOW.value}


def quadrant_of(influence: str, interest: str) -> Quadrant:
    """The quadrant of a cell of the grid (stored words of both ratings)."""
    powerful = influence not in _LOW
    interested = interest not in _LOW
    if powerful:
        return Quadrant.MANAGE_CLOSELY if interested else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interested else Quadrant.MONITOR


@dataclass(frozen=True, slots=True)
class PowerInterestGrid:
    """People by cell ``(influence, interest)``, each cell sorted by name; the unrated apart."""

    cells: dict[tuple[str, str], tuple[ViewPerson, ...]]
    not_rated: tuple[ViewPerson, ...]

    def people_in(self, quadrant: Quadrant) -> tuple[ViewPerson, ...]:
        """Everyone in a quadrant, row by row."""
        return tuple(
            person
            for (influence, interest), people in self.cells.items()
            if quadrant_of(influence, interest) is quadrant
            for person in people
        )


def power_interest_grid(people: list[ViewPerson]) -> PowerInterestGrid:
    """Place people on the grid by their influence and interest ratings."""
    cells: dict[tuple[str, str], list[ViewPerson]] = {
        (influence, interest): [] for influence in INFLUENCE_ROWS for interest in INTEREST_COLUMNS
    }
    not_rated = []
    for person in sorted(people, key=lambda p: (p.name.casefold(), p.id)):
        cell = cells.get((person.influence or "", person.interest or ""))
        if cell is None:
            not_rated.append(person)
        else:
            cell.append(person)
    return PowerInterestGrid({k: tuple(v) for k, v in cells.items()}, tuple(not_rated))
