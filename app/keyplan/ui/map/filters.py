"""What the map shows and stresses: one department only, people who left, decision makers.

Plain functions over plain data: which people get a card, in which order the layout sees
them, and which cards are highlighted or dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from keyplan.domain.titles import searchable_title
from keyplan.exchange.map.design import is_decision_maker, layout_order
from keyplan.store.map.rows import MapPerson

__all__ = ["MapFilters", "departments", "layout_order", "matches", "unplaced"]


@dataclass(frozen=True, slots=True)
class MapFilters:
    """The map's filters, as the toolbar sets them.

    Attributes:
        department: show only this department's people (None: everyone).
        show_left: show people who left the company (faded).
        highlight_decision_makers: outline decision makers.
        dim_uncovered: dim people nobody on our team owns.
    """

    department: str | None = None
    show_left: bool = True
    highlight_decision_makers: bool = False
    dim_uncovered: bool = False

    def shows(self, person: MapPerson) -> bool:
        """Whether a person gets a card at all."""
        if person.has_left and not self.show_left:
            return False
        return self.department is None or (person.department or "") == self.department

    def marks(self, person: MapPerson) -> tuple[bool, bool]:
        """(highlighted, dimmed) for a person's card."""
        highlighted = self.highlight_decision_makers and is_decision_maker(person)
        dimmed = self.dim_uncovered and not person.owners
        return highlighted, dimmed


def departments(people: Iterable[MapPerson]) -> list[str]:
    """The departments people work in, sorted, for the department filter."""
    return sorted({p.department for p in people if p.department}, key=str.casefold)


def unplaced(people: Iterable[MapPerson]) -> list[MapPerson]:
    """People with no manager and nobody reporting to them: cards waiting for a place."""
    everyone = list(people)
    managers = {p.reports_to_id for p in everyone}
    return sorted(
        (p for p in everyone if p.reports_to_id is None and p.id not in managers),
        key=lambda p: p.full_name.casefold(),
    )


def matches(people: Iterable[MapPerson], text: str) -> list[int]:
    """People whose name (or else title) contains the text: names starting with it first.

    A title matches by its abbreviation or its full form too: "CFO" finds the Chief
    Financial Officer.
    """
    wanted = text.strip().casefold()
    if not wanted:
        return []
    people = list(people)
    by_name = [p for p in people if wanted in p.full_name.casefold()]
    if not by_name:
        return [p.id for p in people if wanted in searchable_title(p.job_title)]
    by_name.sort(key=lambda p: (not p.full_name.casefold().startswith(wanted), p.full_name))
    return [p.id for p in by_name]
