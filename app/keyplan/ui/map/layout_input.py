"""What the layout is given: one card spec per shown person, in sibling order, kept between runs.

Re-parenting a card re-runs the layout; sorting thousands of people and making their specs
again each time would cost more than the incremental layout itself, so the order, the specs and
the last list are kept, and only the people who changed are redone.
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
        self._last: list[CardSpec] | None = None  # the last list given, for these filters
        self._last_filters: MapFilters | None = None
        self._where: dict[int, int] = {}  # person id -> place in the last list
        self._dirty: set[int] = set()

    def reset(self) -> None:
        """Everybody changed (another account, a person added or removed)."""
        self._order, self._specs, self._last = None, {}, None

    def changed(self, person_ids: Iterable[int], *, reorder: bool) -> None:
        """Some people changed; ``reorder`` when their name or level (their place) changed."""
        for person_id in person_ids:
            self._specs.pop(person_id, None)
            self._dirty.add(person_id)
        if reorder:
            self._order = None

    def specs(self, people: Mapping[int, MapPerson], filters: MapFilters) -> list[CardSpec]:
        """The cards of the people the filters show, in the order the layout places them."""
        dirty, self._dirty = self._dirty, set()
        if self._order is not None and self._last is not None and filters == self._last_filters:
            patched = self._patched(people, filters, dirty)
            if patched is not None:
                return patched
        if self._order is None:
            self._order = [person.id for person in layout_order(people.values())]
        result = [
            self._spec(people[person_id])
            for person_id in self._order
            if filters.shows(people[person_id])
        ]
        self._last, self._last_filters = result, filters
        self._where = {spec.id: place for place, spec in enumerate(result)}
        return list(result)

    def _patched(
        self, people: Mapping[int, MapPerson], filters: MapFilters, dirty: set[int]
    ) -> list[CardSpec] | None:
        """The last list with the changed people's specs made again; None when one of them
        is shown or hidden now (the list itself changes)."""
        assert self._last is not None
        result = list(self._last)
        for person_id in dirty:
            person = people.get(person_id)
            place = self._where.get(person_id)
            if person is None or filters.shows(person) != (place is not None):
                return None
            if place is not None:
                result[place] = self._spec(person)
        self._last = result
        return list(result)

    def _spec(self, person: MapPerson) -> CardSpec:
        spec = self._specs.get(person.id)
        if spec is None:
            spec = self._specs[person.id] = CardSpec(
                person.id,
                person.reports_to_id,
                style.CARD_WIDTH,
                style.CARD_HEIGHT,
                person.map_position,
            )
        return spec
