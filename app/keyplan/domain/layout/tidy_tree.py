"""Horizontal positions of a tidy tree: Walker's algorithm in Buchheim–Jünger–Leipert's linear time.

Reference: C. Buchheim, M. Jünger, S. Leipert, "Improving Walker's Algorithm to Run in Linear
Time" (Graph Drawing 2002). Three generalisations:

- Nodes have their own extents left and right of their anchor (the x a parent is centred over),
  so cards of different widths, and stacked blocks whose spine is not their middle, are spaced
  by what they really occupy: ``right_extent[a] + gap + left_extent[b]`` between neighbours.
- Both walks are iterative: trees may be thousands of levels deep.
- The first walk is done node by node: ``_combine(p)`` places p's children's subtrees side by
  side (the APPORTION calls of FIRSTWALK(p)), and can keep a journal of what it wrote. When a
  few nodes' children change, the journals of those nodes and their ancestors are rolled back
  and only they are combined again (``TidyTree.replace_children``): every other subtree keeps
  its work, and the result is exactly, to the bit, that of laying the whole tree out afresh.

Nodes are list indices; ``children[v]`` lists v's children left to right. Only y-rows matter to
the algorithm, and it assumes that every node occupies exactly its own level.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

_NONE = -1


def place_forest(
    children: Sequence[Sequence[int]],
    roots: Sequence[int],
    left_extent: Sequence[float],
    right_extent: Sequence[float],
    sibling_gap: float,
    root_gap: float,
) -> list[float]:
    """Lays out each tree tidily and puts the trees side by side, left to right.

    Args:
        children: each node's children, left to right.
        roots: the roots of the trees, in the order they should appear.
        left_extent: how far each node reaches left of its anchor.
        right_extent: how far each node reaches right of its anchor.
        sibling_gap: the smallest horizontal gap between two nodes of the same tree and level.
        root_gap: the horizontal gap between the bounding boxes of neighbouring trees.

    Returns:
        The anchor x of every node reachable from the roots (0.0 for the others). The leftmost
        extent of the first tree is at x = 0.
    """
    tree = TidyTree(
        [list(kids) for kids in children], list(left_extent), list(right_extent), sibling_gap
    )
    tree.first_walk(roots)
    return tree.positions(roots, root_gap)


class TidyTree:
    """The per-node state of Buchheim–Jünger–Leipert, in flat lists for speed.

    With ``journal`` each node remembers what its combining step overwrote, so that a later
    change of some children lists redoes only the nodes above the change.
    """

    def __init__(
        self,
        children: list[list[int]],
        left_extent: list[float],
        right_extent: list[float],
        gap: float,
        *,
        journal: bool = False,
    ) -> None:
        size = len(children)
        self.children = children
        self.left_extent = left_extent
        self.right_extent = right_extent
        self.gap = gap
        self.parent = [_NONE] * size
        self.number = [0] * size  # position among siblings
        for node, kids in enumerate(children):
            for number, child in enumerate(kids):
                self.parent[child] = node
                self.number[child] = number
        self.prelim = [0.0] * size
        self.mod = [0.0] * size
        self.shift = [0.0] * size
        self.change = [0.0] * size
        self.thread = [_NONE] * size
        self.ancestor = list(range(size))
        self.midpoint = [0.0] * size  # of each node's children's prelims, once combined
        self.x = [0.0] * size
        self.journals: list[list[tuple[int, float, float, float, float, int, int]] | None] | None
        self.journals = [None] * size if journal else None
        self._journal: list[tuple[int, float, float, float, float, int, int]] | None = None

    # ---- the whole forest ----------------------------------------------------------------

    def first_walk(self, roots: Sequence[int]) -> None:
        """Combines every node of the trees under ``roots``, children before parents."""
        for root in roots:
            for node in self._post_order(root):
                self._combine(node)

    def positions(self, roots: Sequence[int], root_gap: float) -> list[float]:
        """The second walk: every node's x, the trees side by side from x = 0 (see
        ``place_forest``)."""
        x, left_extent, right_extent = self.x, self.left_extent, self.right_extent
        cursor = 0.0
        for root in roots:
            self.prelim[root] = self.midpoint[root] if self.children[root] else 0.0
            nodes = self._second_walk(root)
            left = min(x[v] - left_extent[v] for v in nodes)
            right = max(x[v] + right_extent[v] for v in nodes)
            shift = cursor - left
            for v in nodes:
                x[v] += shift
            cursor += right - left + root_gap
        return x

    # ---- changing a few nodes ------------------------------------------------------------

    def add_node(self, left: float, right: float) -> int:
        """A new node without children (stacks and their placeholders); returns its index."""
        node = len(self.children)
        self.children.append([])
        self.left_extent.append(left)
        self.right_extent.append(right)
        for ints in (self.parent, self.thread):
            ints.append(_NONE)
        self.number.append(0)
        for floats in (self.prelim, self.mod, self.shift, self.change, self.midpoint, self.x):
            floats.append(0.0)
        self.ancestor.append(node)
        if self.journals is not None:
            self.journals.append(None)
        return node

    def replace_children(self, changes: dict[int, list[int]]) -> None:
        """Gives some nodes new children lists and redoes the first walk above them only.

        Args:
            changes: node -> its new children, left to right (nodes made by ``add_node`` since
                the last walk are among them, with their children).

        The journals of the changed nodes and of their ancestors, before and after, are
        rolled back from the top down (a node's combining step wrote only inside its own
        subtree, and after its descendants' steps), then those nodes are combined again
        from the bottom up: every other subtree is exactly as a fresh walk would leave it.
        """
        assert self.journals is not None, "made without a journal"
        before = self._with_ancestors(changes)
        for node in sorted(before, key=self._depth):
            self._roll_back(node)
        parent = self.parent
        for node in changes:
            for child in self.children[node]:
                if parent[child] == node:
                    parent[child] = _NONE  # out of the tree unless a new list takes it
        for node, kids in changes.items():
            self.children[node] = kids
            for number, child in enumerate(kids):
                parent[child] = node
                self.number[child] = number
        after = self._with_ancestors(changes)
        for node in sorted(after, key=self._depth, reverse=True):
            self._combine(node)

    def _with_ancestors(self, nodes: dict[int, list[int]]) -> set[int]:
        found: set[int] = set()
        parent = self.parent
        for node in nodes:
            while node != _NONE and node not in found:
                found.add(node)
                node = parent[node]
        return found

    def _depth(self, node: int) -> int:
        depth, parent = 0, self.parent
        while parent[node] != _NONE:
            node = parent[node]
            depth += 1
        return depth

    def _roll_back(self, node: int) -> None:
        assert self.journals is not None
        journal = self.journals[node]
        if not journal:
            return
        prelim, mod, shift, change = self.prelim, self.mod, self.shift, self.change
        thread, ancestor = self.thread, self.ancestor
        for v, p, m, s, c, t, a in reversed(journal):
            prelim[v], mod[v], shift[v], change[v], thread[v], ancestor[v] = p, m, s, c, t, a
        self.journals[node] = None

    def _note(self, v: int) -> None:
        """Remembers v's state before the current combining step writes it."""
        self._journal.append(  # type: ignore[union-attr]
            (
                v,
                self.prelim[v],
                self.mod[v],
                self.shift[v],
                self.change[v],
                self.thread[v],
                self.ancestor[v],
            )
        )

    # ---- Walker's first walk, one node at a time -------------------------------------------

    def _post_order(self, root: int) -> list[int]:
        # Parent first, children pushed left to right (so popped right to left); reversed,
        # that lists every subtree left to right and every parent after its children.
        children = self.children
        order: list[int] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(children[node])
        order.reverse()
        return order

    def _combine(self, p: int) -> None:
        """The part of Walker's FIRSTWALK(p) after its children's own walks: each child w in
        turn gets its prelim and is apportioned against its left siblings, then the shifts are
        spread and p's midpoint noted.

        The recursive FIRSTWALK finishes w (its prelim, mod) and apportions it just after
        walking w's subtree, before walking the next sibling's; that only ever touches w's
        and its left siblings' subtrees, all finished, so doing it here gives the same values.
        """
        kids = self.children[p]
        if not kids:
            return
        if self.journals is not None:
            self._journal = self.journals[p] = []
            for w in kids:
                self._note(w)
        prelim, mod, midpoint, children = self.prelim, self.mod, self.midpoint, self.children
        default_ancestor = kids[0]
        prelim[default_ancestor] = midpoint[default_ancestor] if children[default_ancestor] else 0.0
        for left, w in itertools.pairwise(kids):
            prelim[w] = prelim[left] + self._distance(left, w)
            if children[w]:
                mod[w] = prelim[w] - midpoint[w]
            default_ancestor = self._apportion(w, default_ancestor)
        self._execute_shifts(p)
        midpoint[p] = (prelim[kids[0]] + prelim[kids[-1]]) / 2
        self._journal = None

    def _distance(self, left: int, right: int) -> float:
        return self.right_extent[left] + self.gap + self.left_extent[right]

    def _apportion(self, v: int, default_ancestor: int) -> int:
        """Pushes v's subtree right until it clears its left siblings' subtrees on every level.

        Walks the right contour of the left forest (vim) and the left contour of v's subtree
        (vip) together, level by level, following threads where subtrees end; sim/sip/som/sop
        are the summed modifiers along the four contours. Returns the new default ancestor.
        """
        children, thread, prelim, mod = self.children, self.thread, self.prelim, self.mod
        ancestor, parent = self.ancestor, self.parent
        noting = self._journal is not None
        p = parent[v]
        siblings = children[p]
        vip = vop = v
        vim = siblings[self.number[v] - 1]
        vom = siblings[0]
        sip, sop, sim, som = mod[vip], mod[vop], mod[vim], mod[vom]
        while True:
            kids = children[vim]
            next_vim = kids[-1] if kids else thread[vim]
            kids = children[vip]
            next_vip = kids[0] if kids else thread[vip]
            if next_vim == _NONE or next_vip == _NONE:
                break
            vim, vip = next_vim, next_vip
            kids = children[vom]
            vom = kids[0] if kids else thread[vom]
            kids = children[vop]
            vop = kids[-1] if kids else thread[vop]
            if noting:
                self._note(vop)
            ancestor[vop] = v
            shift = (prelim[vim] + sim) - (prelim[vip] + sip) + self._distance(vim, vip)
            if shift > 0:
                moved_from = ancestor[vim] if parent[ancestor[vim]] == p else default_ancestor
                self._move_subtree(moved_from, v, shift)
                sip += shift
                sop += shift
            sim += mod[vim]
            sip += mod[vip]
            som += mod[vom]
            sop += mod[vop]
        if next_vim != _NONE and self._next_right(vop) == _NONE:
            # v's subtree is shallower: its right contour continues into the left forest.
            if noting:
                self._note(vop)
            thread[vop] = next_vim
            mod[vop] += sim - sop
        if next_vip != _NONE and self._next_left(vom) == _NONE:
            # The left forest is shallower: its left contour continues into v's subtree.
            if noting:
                self._note(vom)
            thread[vom] = next_vip
            mod[vom] += sip - som
            default_ancestor = v
        return default_ancestor

    def _next_left(self, v: int) -> int:
        kids = self.children[v]
        return kids[0] if kids else self.thread[v]

    def _next_right(self, v: int) -> int:
        kids = self.children[v]
        return kids[-1] if kids else self.thread[v]

    def _move_subtree(self, wm: int, wp: int, shift: float) -> None:
        # Moves wp's subtree by shift now, and records how the siblings between wm and wp
        # share the move, to be spread over them by _execute_shifts in one pass.
        subtrees = self.number[wp] - self.number[wm]
        self.change[wp] -= shift / subtrees
        self.shift[wp] += shift
        self.change[wm] += shift / subtrees
        self.prelim[wp] += shift
        self.mod[wp] += shift

    def _execute_shifts(self, v: int) -> None:
        prelim, mod, shift_of, change_of = self.prelim, self.mod, self.shift, self.change
        shift = 0.0
        change = 0.0
        for w in reversed(self.children[v]):
            prelim[w] += shift
            mod[w] += shift
            change += change_of[w]
            shift += shift_of[w] + change

    def _second_walk(self, root: int) -> list[int]:
        children, prelim, mod, x = self.children, self.prelim, self.mod, self.x
        order: list[int] = []
        stack = [(root, 0.0)]  # the shift puts the tree in place: x need not start at 0
        while stack:
            node, modsum = stack.pop()
            x[node] = prelim[node] + modsum
            order.append(node)
            below = modsum + mod[node]
            stack.extend((child, below) for child in children[node])
        return order
