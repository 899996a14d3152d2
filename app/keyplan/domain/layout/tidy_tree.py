"""Horizontal positions of a tidy tree: Walker's algorithm in Buchheim–Jünger–Leipert's linear time.

Reference: C. Buchheim, M. Jünger, S. Leipert, "Improving Walker's Algorithm to Run in Linear
Time" (Graph Drawing 2002). Two generalisations:

- Nodes have their own extents left and right of their anchor (the x a parent is centred over),
  so cards of different widths, and stacked blocks whose spine is not their middle, are spaced
  by what they really occupy: ``right_extent[a] + gap + left_extent[b]`` between neighbours.
- Both walks are iterative: trees may be thousands of levels deep.

Nodes are list indices; ``children[v]`` lists v's children left to right. Only y-rows matter to
the algorithm, and it assumes that every node occupies exactly its own level.
"""

from __future__ import annotations

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
    tree = _TidyTree(children, left_extent, right_extent, sibling_gap)
    x = tree.x
    cursor = 0.0
    for root in roots:
        nodes = tree.place(root)
        left = min(x[v] - left_extent[v] for v in nodes)
        right = max(x[v] + right_extent[v] for v in nodes)
        shift = cursor - left
        for v in nodes:
            x[v] += shift
        cursor += right - left + root_gap
    return x


class _TidyTree:
    """The per-node state of Buchheim–Jünger–Leipert, in flat lists for speed."""

    def __init__(
        self,
        children: Sequence[Sequence[int]],
        left_extent: Sequence[float],
        right_extent: Sequence[float],
        gap: float,
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
        self.default_ancestor = [_NONE] * size
        self.x = [0.0] * size

    def place(self, root: int) -> list[int]:
        """Sets ``x`` for every node of the tree under ``root``, with the root at x = 0.

        Returns:
            The nodes of the tree, parents before children.
        """
        for node in self._post_order(root):
            self._first_walk_finish(node, root)
        return self._second_walk(root)

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

    def _first_walk_finish(self, v: int, root: int) -> None:
        """The part of Walker's FIRSTWALK(v) that runs once v's subtree is done.

        The recursive FIRSTWALK of a parent calls FIRSTWALK(w), then APPORTION(w), for each
        child w in turn; visiting in post-order and apportioning each node when it finishes
        keeps exactly that order.
        """
        prelim = self.prelim
        kids = self.children[v]
        p = self.parent[v] if v != root else _NONE
        left = self.children[p][self.number[v] - 1] if p != _NONE and self.number[v] else _NONE
        if kids:
            self._execute_shifts(v)
            midpoint = (prelim[kids[0]] + prelim[kids[-1]]) / 2
            if left != _NONE:
                prelim[v] = prelim[left] + self._distance(left, v)
                self.mod[v] = prelim[v] - midpoint
            else:
                prelim[v] = midpoint
        elif left != _NONE:
            prelim[v] = prelim[left] + self._distance(left, v)
        else:
            prelim[v] = 0.0
        if p == _NONE:
            return
        if left == _NONE:
            self.default_ancestor[p] = v
        else:
            self.default_ancestor[p] = self._apportion(v, self.default_ancestor[p])

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
            thread[vop] = next_vim
            mod[vop] += sim - sop
        if next_vip != _NONE and self._next_left(vom) == _NONE:
            # The left forest is shallower: its left contour continues into v's subtree.
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
        stack = [(root, -prelim[root])]
        while stack:
            node, modsum = stack.pop()
            x[node] = prelim[node] + modsum
            order.append(node)
            below = modsum + mod[node]
            stack.extend((child, below) for child in children[node])
        return order
