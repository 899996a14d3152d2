"""The editor of the stakeholder map: reporting lines, hand-placed cards, influence lines.

Each edit is one undo step (its commands are in ``edits.py`` beside it). Reached through the
document (``document.map_editor``), which loads it when the map is first used, not at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.collector import collector_paused
from keyplan.domain.wording import count_of
from keyplan.store.map import dotted
from keyplan.store.map import edits as map_edits
from keyplan.store.map import queries as map_queries
from keyplan.store.map.rows import DottedLink, MapData, MapLine, MapPerson
from keyplan.store.people import edits, moves
from keyplan.ui.map import edits as map_commands

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class MapEditor:
    """The map's reads, and its edits made once then pushed as one undo step each."""

    def __init__(self, document: PortfolioDocument) -> None:
        self.document = document
        self.database = document.database

    # ---- reading ----------------------------------------------------------------------------

    def map_data(self, account_id: int, *, with_affiliates: bool) -> MapData:
        return map_queries.map_data(self.database, account_id, with_affiliates=with_affiliates)

    def map_people(self, person_ids: list[int]) -> list[MapPerson]:
        return map_queries.map_people(self.database, person_ids)

    def map_placements(
        self, person_ids: list[int]
    ) -> dict[int, tuple[int | None, tuple[float, float] | None]]:
        return map_queries.map_placements(self.database, person_ids)

    def map_lines(self, account_ids: list[int]) -> list[MapLine]:
        return map_queries.map_lines(self.database, account_ids)

    # ---- reporting lines and cards ----------------------------------------------------------
    # A card dropped or nudged is written, then the map re-laid out, while the user waits for
    # the next frame: the cyclic collector would run a score of passes over the store's
    # short-lived objects meanwhile, most of them freed by their reference counts anyway.

    @collector_paused()
    def move_people_under(self, person_ids: list[int], manager_id: int | None) -> None:
        """Make several people report to one manager: all of them or, if one is refused, none."""
        result = map_edits.move_people_under(self.database, person_ids, manager_id)
        before = {
            pid: placement
            for pid, placement in result.before.items()
            if placement.manager_id != manager_id or placement.position is not None
        }
        if not before:
            return
        self.document.push(
            map_commands.MovePeopleUnder(
                self.document,
                before,
                manager_id,
                _move_text(list(before), manager_id, result.names),
            )
        )

    @collector_paused()
    def detach_from_managers(self, positions: dict[int, tuple[float, float]]) -> None:
        """People report to nobody, their cards hand-placed where given: one undo step."""
        result = map_edits.detach_from_managers(self.database, positions)
        before = {
            pid: placement
            for pid, placement in result.before.items()
            if placement.manager_id is not None or placement.position != positions[pid]
        }
        if not before:
            return
        self.document.push(
            map_commands.MovePeopleUnder(
                self.document, result.before, None, "Report to nobody", positions=dict(positions)
            )
        )

    @collector_paused()
    def set_card_positions(
        self, positions: dict[int, tuple[float, float] | None], text: str | None = None
    ) -> None:
        """Hand-place cards (None gives a card back to the layout): one undo step for all."""
        old = edits.set_map_positions(self.database, positions)
        if old == positions:
            return
        what = text or ("Move card" if len(positions) == 1 else f"Move {len(positions)} cards")
        self.document.push(map_commands.SetCardPositions(self.document, old, dict(positions), what))

    @collector_paused()
    def nudge_cards(self, positions: dict[int, tuple[float, float]]) -> None:
        """Hand-place cards moved by the keyboard; a run of nudges is one undo step."""
        old = edits.set_map_positions(self.database, dict(positions))
        self.document.push(
            map_commands.SetCardPositions(
                self.document, old, dict(positions), "Nudge cards", nudge=True
            )
        )

    def relayout(self, person_ids: list[int]) -> None:
        """Give cards back to the automatic layout (clear their hand-placed positions)."""
        self.set_card_positions(dict.fromkeys(person_ids), "Re-layout")

    # ---- dotted lines, open positions, people who leave -------------------------------------

    def dotted_managers(self, person_id: int) -> list[tuple[int, str]]:
        return dotted.dotted_managers(self.database, person_id)

    def person_story(self, person_id: int) -> dict[str, str | None]:
        return moves.person_story(self.database, person_id)

    def map_dotted(self, account_ids: list[int]) -> list[DottedLink]:
        return map_queries.map_dotted(self.database, account_ids)

    def set_dotted_managers(self, person_id: int, manager_ids: list[int]) -> None:
        """Make these people a person's dotted-line managers (refused: nothing changes)."""
        wanted = list(dict.fromkeys(manager_ids))
        before = dotted.set_dotted_managers(self.database, person_id, wanted)
        if before == wanted:
            return
        text = "Set dotted lines" if len(wanted) != len(before) + 1 else "Draw dotted line"
        self._push_dotted(person_id, before, wanted, text)

    def add_dotted_manager(self, person_id: int, manager_id: int) -> None:
        """Draw a dotted reporting line from a person to a secondary manager: one undo step."""
        before = dotted.add_dotted_manager(self.database, person_id, manager_id)
        if manager_id in before:
            return
        self._push_dotted(person_id, before, [*before, manager_id], "Draw dotted line")

    def _push_dotted(self, person_id: int, before: list[int], after: list[int], text: str) -> None:
        account_id = map_edits.person_account(self.database, person_id)
        self.document.push(
            map_commands.SetDottedManagers(
                self.document, person_id, (before, after), (account_id,), text
            )
        )

    def mark_left(
        self,
        person_id: int,
        *,
        left_for: str | None = None,
        to_account_id: int | None = None,
        keep_position: bool = False,
    ) -> int | None:
        """Mark a person as having left (see ``moves.mark_left``): one undo step.

        Returns:
            The id of the open position or of their new record, when one was made.
        """
        states = moves.mark_left(
            self.database,
            person_id,
            left_for=left_for,
            to_account_id=to_account_id,
            keep_position=keep_position,
        )
        name = self.document.person(person_id)["full_name"]
        self.document.push(map_commands.ChangeSeats(self.document, states, f"{name} left"))
        return states.new_id

    def open_position(
        self, account_id: int, title: str, *, manager_id: int | None = None, note: str | None = None
    ) -> int:
        """Open a position (a seat without a person) under a manager: one undo step."""
        seat = moves.add_vacancy(self.database, account_id, title, manager_id=manager_id, note=note)
        states = moves.created_seat(self.database, seat, account_id)
        self.document.push(
            map_commands.ChangeSeats(self.document, states, f"Open position {title}")
        )
        return seat

    def fill_vacancy(self, vacancy_id: int, person_id: int) -> None:
        """A person takes an open position, with its manager and reports: one undo step."""
        states = moves.fill_vacancy(self.database, vacancy_id, person_id)
        name = self.document.person(person_id)["full_name"]
        self.document.push(map_commands.ChangeSeats(self.document, states, f"{name} fills a seat"))

    def fill_vacancy_with_new(self, vacancy_id: int, full_name: str) -> int:
        """Someone new takes an open position: added and seated as one undo step."""
        states = moves.fill_vacancy_with_new(self.database, vacancy_id, full_name)
        self.document.push(
            map_commands.ChangeSeats(self.document, states, f"{full_name} fills a seat")
        )
        assert states.new_id is not None
        return states.new_id

    # ---- influence lines and deletes --------------------------------------------------------

    def add_influence(
        self, from_id: int, to_id: int, kind: str, strength: int = 2, note: str | None = None
    ) -> int:
        """Draw an influence line of a kind (``InfluenceKind`` value); return its id."""
        line_id = map_edits.add_influence_line(self.database, from_id, to_id, kind, strength, note)
        account_id = map_edits.person_account(self.database, from_id)
        self.document.push(
            map_commands.AddInfluence(self.document, line_id, account_id, f"Draw {kind} line")
        )
        return line_id

    def delete_map_items(
        self, person_ids: list[int], line_ids: list[int], text: str | None = None
    ) -> None:
        """Delete people and influence lines from the map: all or, refused, none; one step.

        The people's reports move up to their manager; their lines go with them.
        """
        people, lines = list(dict.fromkeys(person_ids)), list(dict.fromkeys(line_ids))
        if not people and not lines:
            return
        line_accounts = [map_edits.influence_line_account(self.database, i) for i in lines]
        snapshot = map_edits.delete_map_items(self.database, people, lines)
        rows = snapshot.rows.get("stakeholders", {})
        self.document.push(
            map_commands.DeleteMapItems(
                self.document,
                (people, lines),
                (
                    tuple(dict.fromkeys(rows[pid]["account_id"] for pid in people)),
                    tuple(dict.fromkeys(line_accounts)),
                ),
                text or _delete_text([rows[pid]["full_name"] for pid in people], len(lines)),
                snapshot,
            )
        )


def _move_text(person_ids: list[int], manager_id: int | None, names: dict[int, str]) -> str:
    who = names.get(person_ids[0], "?") if len(person_ids) == 1 else f"{len(person_ids)} people"
    if manager_id is None:
        return f"{who} reports to nobody"
    return f"Move {who} under {names.get(manager_id, '?')}"


def _delete_text(names: list[str], lines: int) -> str:
    """How the Edit menu names a delete on the map: "Delete Mia Chen", "Delete 2 people and
    1 line"."""
    if len(names) == 1 and not lines:
        return f"Delete {names[0]}"
    parts = [count_of(len(names), "person")] if names else []
    parts += [count_of(lines, "line")] if lines else []
    return "Delete " + " and ".join(parts)
