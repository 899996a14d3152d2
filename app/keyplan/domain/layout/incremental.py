"""The org-chart layout of a chart being edited: each run redoes only what an edit touched.

``IncrementalOrgChart.layout(cards)`` returns exactly what ``layout_org_chart(cards)`` returns,
to the last bit. When the cards differ from the last run only in managers and hand-placed
positions (the same people in the same order, the same sizes), it keeps the forest, the stacks
and the tidy tree's work, and redoes:

- for a new manager: the forest around the moved card, the stacks of the managers involved and
  the tidy tree's first walk from those managers up to their roots (``TidyTree``'s journals);
  then the second walk below what the first walk redid (``EditedTidyTree.walk_changes``);
- the boxes and the reporting lines of the cards that moved, and of no others;
- for a hand placement alone: that card's box and its lines.

Anything else (people added, removed, reordered or resized, a damaged chart with cycles, a
change of the number of rows) is laid out afresh. People set out in a grid (``loose_cards``) are
placed again after every edit that moves anything else: the grid sits under the other cards.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence

from keyplan.domain.layout.box_edits import edges_after_moves, put_box
from keyplan.domain.layout.forest import NO_PARENT, Forest, build_forest
from keyplan.domain.layout.forest_edits import in_cycle, moved_depths, update_roots
from keyplan.domain.layout.loose_cards import loose_cards, place_in_grid
from keyplan.domain.layout.model import (
    DEFAULT_OPTIONS,
    Box,
    CardSpec,
    Connector,
    LayoutOptions,
    OrgChartLayout,
    box_between,
    edges_of,
)
from keyplan.domain.layout.org_chart import (
    build_layout_tree,
    card_centre,
    connector,
    row_tops,
    stack_chain,
    stacked_sides,
)
from keyplan.domain.layout.stacking import LeafStack, leaf_stack, plan_leaf_stacks
from keyplan.domain.layout.tidy_tree_walk import EditedTidyTree

_EMPTY = OrgChartLayout(boxes={}, connectors=(), bounds=Box(0.0, 0.0, 0.0, 0.0))


class IncrementalOrgChart:
    """The layout of one chart across its edits.

    Attributes:
        moved: after each ``layout``, the ids of the cards whose box changed, or None when
            the chart was laid out afresh (every card may have moved).
        redrawn: the ids of the reports whose reporting line changed (added, moved or gone),
            or None when laid out afresh.
        new_lines: those reports' lines now (None: the line is gone), by report id.
    """

    def __init__(self, options: LayoutOptions = DEFAULT_OPTIONS) -> None:
        self.options = options
        self.moved: set[int] | None = None
        self.redrawn: set[int] | None = None
        self.new_lines: dict[int, Connector | None] = {}
        self._cards: list[CardSpec] = []
        self._result = _EMPTY

    def layout(self, cards: Sequence[CardSpec]) -> OrgChartLayout:
        """Lays out the cards as ``layout_org_chart`` does, reusing the last run's work."""
        cards = list(cards)
        changed = self._changed(cards)
        if changed is None:
            return self._afresh(cards)
        if not changed:
            self._cards, self.moved, self.redrawn, self.new_lines = cards, set(), set(), {}
            return self._result
        old = self._cards
        reparented = [i for i in changed if cards[i].manager_id != old[i].manager_id]
        self._cards = cards
        touched = set(changed)
        if not reparented:  # hand placements alone: the tidy tree and every other card stay
            return self._finish(touched, only_touched=True)
        moved_subtrees = self._reparent(reparented)
        if moved_subtrees is None:
            return self._afresh(cards)
        return self._finish(touched | moved_subtrees)

    # ---- afresh -------------------------------------------------------------------------

    def _changed(self, cards: list[CardSpec]) -> list[int] | None:
        """The positions of the cards that changed, or None when only a fresh run will do."""
        old = self._cards
        if len(cards) != len(old) or not cards or self._damaged:
            return None
        changed = []
        for i, (before, after) in enumerate(zip(old, cards, strict=True)):
            if before is after or before == after:
                continue
            if (before.id, before.width, before.height) != (after.id, after.width, after.height):
                return None
            changed.append(i)
        return changed

    def _afresh(self, cards: list[CardSpec]) -> OrgChartLayout:
        self.moved = self.redrawn = None
        self._cards = cards
        if not cards:
            self._damaged = False
            self._result = _EMPTY
            return _EMPTY
        options = self.options
        self._position = {card.id: i for i, card in enumerate(cards)}
        forest = build_forest(cards)
        self._forest = forest
        self._damaged = any(
            (cards[i].manager_id is not None and cards[i].manager_id in self._position)
            != (forest.parent[i] != NO_PARENT)
            for i in range(len(cards))
        )
        self._uniform = len({card.height for card in cards}) == 1
        self._stacks = plan_leaf_stacks(cards, forest, options)
        self._note_stacks()
        self._tops = row_tops(cards, forest.depth, options.level_gap)
        self._row_sizes = [0] * len(self._tops)
        for row in forest.depth:
            self._row_sizes[row] += 1
        tree = build_layout_tree(cards, forest, self._stacks, self._tops, options)
        self._tree = EditedTidyTree(
            tree.children, tree.left_extent, tree.right_extent, options.sibling_gap
        )
        self._tree.first_walk(forest.roots)
        self._boxes: list[Box] = [Box(0.0, 0.0, 0.0, 0.0)] * len(cards)
        self._lines: list[Connector | None] = [None] * len(cards)
        self._finish(set(range(len(cards))), afresh=True)
        self.moved = self.redrawn = None
        return self._result

    # ---- a new manager ------------------------------------------------------------------

    def _reparent(self, reparented: list[int]) -> set[int] | None:
        """Moves cards to their new managers in the forest, the stacks and the tidy tree.

        Returns:
            The positions of every card in the moved subtrees, or None when only a fresh run
            will do (a cycle, a card of another height changing rows, a row more or less).
        """
        cards, forest, position = self._cards, self._forest, self._position
        parent, children = forest.parent, forest.children
        old_parents = {i: parent[i] for i in reparented}
        for i in reparented:
            manager_id = cards[i].manager_id
            parent[i] = NO_PARENT if manager_id is None else position.get(manager_id, NO_PARENT)
        if any(in_cycle(i, parent) for i in reparented):
            return None
        managers: set[int] = set()
        for i in reparented:
            for manager in (old_parents[i], parent[i]):
                if manager != NO_PARENT:
                    managers.add(manager)
                    children[manager] = [c for c in children[manager] if parent[c] == manager]
            if parent[i] != NO_PARENT and i not in children[parent[i]]:
                bisect.insort(children[parent[i]], i)
        update_roots(forest.roots, old_parents, parent)
        subtrees = moved_depths(reparented, self._forest, self._row_sizes, uniform=self._uniform)
        if subtrees is None:
            return None
        restacked = self._restack(managers, subtrees)
        return subtrees | restacked

    def _restack(self, managers: set[int], subtrees: set[int]) -> set[int]:
        """Plans the stacks of the managers involved again, and gives the tidy tree their new
        children: the card's own reports, or a new chain of stack nodes."""
        forest, tree, cards, options = self._forest, self._tree, self._cards, self.options
        children, parent = forest.children, forest.parent
        candidates = set(managers)
        candidates.update(parent[m] for m in managers if parent[m] != NO_PARENT)
        candidates.update(m for m in self._stacks if m in subtrees)  # their rows changed
        changes: dict[int, list[int]] = {}
        replaced: list[LeafStack] = []
        for manager in candidates:
            old = self._stacks.pop(manager, None)
            if old is not None:
                replaced.append(old)
            new = leaf_stack(manager, cards, children, options)
            if new is not None:
                self._stacks[manager] = new
            if manager not in managers and new == old and manager not in subtrees:
                continue
            if new is None:
                changes[manager] = list(children[manager])
                continue
            chain = stack_chain(new, forest.depth[manager], self._tops, options, tree.add_node)
            changes[manager] = [chain[0]]
            for upper, lower in itertools.pairwise(chain):
                changes[upper] = [lower]
            changes[chain[-1]] = []
        tree.replace_children(changes)
        self._renote_stacks(replaced, candidates)
        return candidates

    def _note_stacks(self) -> None:
        """Each stacked leaf's side of the spine, manager and offset, looked up per card."""
        self._sides = stacked_sides(self._stacks)
        self._stacked = {
            leaf: (manager, offset)
            for manager, stack in self._stacks.items()
            for leaf, offset in zip(stack.leaves, stack.offsets, strict=True)
        }

    def _renote_stacks(self, replaced: list[LeafStack], managers: set[int]) -> None:
        """``_note_stacks`` for these managers' stacks alone (``replaced``: their old ones):
        the other stacks' leaves keep their entries."""
        sides, stacked = self._sides, self._stacked
        for stack in replaced:
            for leaf in stack.leaves:
                del sides[leaf], stacked[leaf]
        for manager in managers:
            new = self._stacks.get(manager)
            if new is None:
                continue
            for leaf, on_left, offset in zip(new.leaves, new.on_left, new.offsets, strict=True):
                sides[leaf], stacked[leaf] = on_left, (manager, offset)

    # ---- boxes and lines ----------------------------------------------------------------

    def _finish(
        self, touched: set[int], *, only_touched: bool = False, afresh: bool = False
    ) -> OrgChartLayout:
        """Second walk, then new boxes and lines where they changed; ``touched`` cards are
        redone whatever their x (their row, manager or hand position changed). With
        ``only_touched`` nobody else can have moved: no second walk, and only they are placed.
        """
        cards, forest, options = self._cards, self._forest, self.options
        if only_touched:
            x = self._tree.x
            spines = self._spines
            moved = self._place_boxes(x, spines, touched)
        else:
            loose = loose_cards(cards, forest, options)
            self._loose = frozenset(loose)
            roots = [root for root in forest.roots if root not in self._loose]
            shifted = self._tree.walk_changes(roots, options.root_gap)
            x = self._tree.x
            spines = self._spines = {m: card_centre(x[m], cards[m].width) for m in self._stacks}
            self._grid = {}  # the loose cards wait for ``_place_grid``
            if shifted is None or loose:  # the grid sits under every card: all placed again
                moved = self._place_boxes(x, spines, range(len(cards)))
            else:
                moved = self._place_boxes(x, spines, self._to_place(shifted, touched))
            self._place_grid(loose, x, spines, moved)
        self.moved = {cards[i].id for i in moved}
        self.redrawn = self._redraw_lines(moved.keys() | touched, spines)
        self._result = OrgChartLayout(
            boxes=self._boxes_by_id(moved, afresh=afresh),
            # A connector is a non-empty tuple: ``filter`` drops exactly the missing lines.
            connectors=tuple(filter(None, self._lines)),
            bounds=self._bounds(moved, afresh=afresh),
        )
        return self._result

    def _boxes_by_id(self, moved: dict[int, Box], *, afresh: bool) -> dict[int, Box]:
        """Every card's box by id: the last run's, copied (a copy, since the last result is
        not changed), with the moved cards' new boxes."""
        cards, boxes = self._cards, self._boxes
        if afresh:
            return dict(zip(self._position, boxes, strict=True))
        by_id = dict(self._result.boxes)
        for i in moved:
            by_id[cards[i].id] = boxes[i]
        return by_id

    def _bounds(self, moved: dict[int, Box], *, afresh: bool) -> Box:
        """``bounds_of`` the boxes, from the last bounds when no moved card was on their edge
        (then the bounds can only grow, to hold where the moved cards are now)."""
        if afresh:
            self._edges = edges_of(self._boxes)
            return box_between(*self._edges)
        self._edges = edges_after_moves(self._edges, moved, self._boxes)
        return box_between(*self._edges)

    def _to_place(self, shifted: set[int], touched: set[int]) -> set[int]:
        """The cards that may have moved: those whose x changed, the ``touched`` ones, and the
        reports of both that hang in a stack (from their manager's spine and stack)."""
        count, children, stacks = len(self._cards), self._forest.children, self._stacks
        which = {i for i in shifted if i < count}  # the others are stack placeholders
        which |= touched
        for manager in [i for i in which if i in stacks or i in touched]:
            which.update(children[manager])
        return which

    def _place_boxes(
        self, x: list[float], spines: dict[int, float], which: Iterable[int]
    ) -> dict[int, Box]:
        """Puts these cards where ``boxes_of`` would; returns the positions whose box changed,
        with their box from before."""
        cards, boxes, tops, depth = self._cards, self._boxes, self._tops, self._forest.depth
        stacked = self._stacked
        moved: dict[int, Box] = {}
        loose, grid = self._loose, self._grid
        for i in which:
            card = cards[i]
            manual = card.manual_position
            if manual is not None:
                put_box(i, card, manual[0], manual[1], boxes, moved)
            elif i in loose:
                if i in grid:  # else placed by ``_place_grid`` next
                    put_box(i, card, grid[i].x, grid[i].y, boxes, moved)
            elif i in stacked:
                manager, (dx, dy) = stacked[i]
                top = tops[depth[manager] + 1]
                put_box(i, card, spines[manager] + dx, top + dy, boxes, moved)
            else:
                put_box(i, card, x[i] - card.width / 2, tops[depth[i]], boxes, moved)
        return moved

    def _place_grid(
        self, loose: list[int], x: list[float], spines: dict[int, float], moved: dict[int, Box]
    ) -> None:
        """Sets the loose cards in their grid as ``boxes_of`` does: under every other card as
        the layout put it (hand-placed ones where they would be without the hand)."""
        self._grid = {}
        if not loose:
            return
        cards, boxes = self._cards, self._boxes
        laid_out = list(boxes)
        for i, card in enumerate(cards):
            if card.manual_position is not None and i not in self._loose:
                laid_out[i] = self._laid_out_box(i, x, spines)
        place_in_grid(laid_out, loose, cards, self.options)
        self._grid = {i: laid_out[i] for i in loose}
        for i in loose:
            if cards[i].manual_position is None:
                put_box(i, cards[i], laid_out[i].x, laid_out[i].y, boxes, moved)

    def _laid_out_box(self, i: int, x: list[float], spines: dict[int, float]) -> Box:
        """Where the layout puts card ``i``, ignoring a hand placement."""
        card, tops, depth = self._cards[i], self._tops, self._forest.depth
        if i in self._stacked:
            manager, (dx, dy) = self._stacked[i]
            return Box(spines[manager] + dx, tops[depth[manager] + 1] + dy, card.width, card.height)
        return Box(x[i] - card.width / 2, tops[depth[i]], card.width, card.height)

    def _redraw_lines(self, moved: set[int], spines: dict[int, float]) -> set[int]:
        """Draws the reporting lines of and under these cards again; returns the ids of the
        reports whose line changed."""
        cards, forest, lines = self._cards, self._forest, self._lines
        redo = set(moved)
        for i in moved:
            redo.update(forest.children[i])
        side = self._sides
        redrawn: set[int] = set()
        self.new_lines = new_lines = {}
        for report in redo:
            manager = forest.parent[report]
            line = None
            if manager != NO_PARENT:
                line = connector(
                    report,
                    manager,
                    cards,
                    forest.depth,
                    side,
                    spines,
                    self._boxes,
                    self._tops,
                    self.options,
                )
            if line != lines[report]:
                lines[report] = line
                redrawn.add(cards[report].id)
                new_lines[cards[report].id] = line
        return redrawn

    _damaged = False
    _loose: frozenset[int] = frozenset()
    _grid: dict[int, Box]
    _forest: Forest
    _stacks: dict[int, LeafStack]
    _sides: dict[int, bool]
    _stacked: dict[int, tuple[int, tuple[float, float]]]
    _spines: dict[int, float]
    _edges: tuple[float, float, float, float]
