"""The document's calls for the stakeholder map, each handed to the map's editor.

A part of ``PortfolioDocument`` (``hub``), kept apart to keep that file short: the views call
``document.move_people_under(...)`` and the like, and ``ui/map/editor.py`` does the work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from keyplan.store.map.rows import MapData, MapLine, MapPerson
    from keyplan.ui.map.editor import MapEditor


class MapCalls:
    """The map's reads and edits on the document (``PortfolioDocument`` takes this in)."""

    map_editor: MapEditor  # the document's, made on first use

    def map_data(self, account_id: int, *, with_affiliates: bool) -> MapData:
        return self.map_editor.map_data(account_id, with_affiliates=with_affiliates)

    def map_people(self, person_ids: list[int]) -> list[MapPerson]:
        return self.map_editor.map_people(person_ids)

    def map_lines(self, account_ids: list[int]) -> list[MapLine]:
        return self.map_editor.map_lines(account_ids)

    def move_person_under(self, person_id: int, manager_id: int | None) -> None:
        self.map_editor.move_people_under([person_id], manager_id)

    def move_people_under(self, person_ids: list[int], manager_id: int | None) -> None:
        self.map_editor.move_people_under(person_ids, manager_id)

    def detach_from_managers(self, positions: dict[int, tuple[float, float]]) -> None:
        self.map_editor.detach_from_managers(positions)

    def set_card_positions(
        self, positions: dict[int, tuple[float, float] | None], text: str | None = None
    ) -> None:
        self.map_editor.set_card_positions(positions, text)

    def nudge_cards(self, positions: dict[int, tuple[float, float]]) -> None:
        self.map_editor.nudge_cards(positions)

    def relayout(self, person_ids: list[int]) -> None:
        self.map_editor.relayout(person_ids)

    def add_influence(
        self, from_id: int, to_id: int, kind: str, strength: int = 2, note: str | None = None
    ) -> int:
        return self.map_editor.add_influence(from_id, to_id, kind, strength, note)

    def delete_influence(self, line_id: int) -> None:
        self.map_editor.delete_map_items([], [line_id], "Delete line")

    def delete_map_items(
        self, person_ids: list[int], line_ids: list[int], text: str | None = None
    ) -> None:
        self.map_editor.delete_map_items(person_ids, line_ids, text)

    def set_dotted_managers(self, person_id: int, manager_ids: list[int]) -> None:
        self.map_editor.set_dotted_managers(person_id, manager_ids)

    def add_dotted_manager(self, person_id: int, manager_id: int) -> None:
        self.map_editor.add_dotted_manager(person_id, manager_id)

    def mark_left(self, person_id: int, **where: Any) -> int | None:
        return self.map_editor.mark_left(person_id, **where)

    def open_position(self, account_id: int, title: str, **fields: Any) -> int:
        return self.map_editor.open_position(account_id, title, **fields)

    def fill_vacancy(self, vacancy_id: int, person_id: int) -> None:
        self.map_editor.fill_vacancy(vacancy_id, person_id)

    def fill_vacancy_with_new(self, vacancy_id: int, full_name: str) -> int:
        return self.map_editor.fill_vacancy_with_new(vacancy_id, full_name)
