"""What the layout is given: one card spec per shown person, in sibling order, kept between runs.

Re-parenting a card re-runs the layout over every card; sorting thousands of people and making
their specs again each time would cost as much as a third of the layout itself, so both are
kept and only what changed is redone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from keyplan.domain.layout import CardSpec
from keyplan.store.map.queries import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.filters import MapFilters, layout_order


class LayoutInput:
    """The layout's input for one map, redone only where people changed."""

    def __init__(self) -> None:
        self._order: list[int] | None = None
        self._specs: dict[int, CardSpec] = {}

    def reset(self) -> None:
        """Everybody changed (another account, a person added or removed)."""
        self._order, self._specs = None, {}

    def changed(self, person_ids: Iterable[int], *, reorder: bool) -> None:
        """Some people changed; ``reorder`` when their name or level (their place) changed."""
        for person_id in person_ids:
            self._specs.pop(person_id, None)
        if reorder:
            self._order = None

    def specs(self, people: Mapping[int, MapPerson], filters: MapFilters) -> list[CardSpec]:
        """The cards of the people the filters show, in the order the layout places them."""
        if self._order is None:
            self._order = [person.id for person in layout_order(people.values())]
        specs = self._specs
        result = []
        for person_id in self._order:
            person = people[person_id]
            if not filters.shows(person):
                continue
            spec = specs.get(person_id)
            if spec is None:
                spec = specs[person_id] = CardSpec(
                    person.id,
                    person.reports_to_id,
                    style.CARD_WIDTH,
                    style.CARD_HEIGHT,
                    person.map_position,
                )
            result.append(spec)
        return result
