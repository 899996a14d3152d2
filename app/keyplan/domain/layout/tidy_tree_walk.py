"""The tidy tree of a chart being edited: the second walk redone only below what changed.

``TidyTree.positions`` walks every node. After ``replace_children`` only the nodes whose first
walk was rolled back or redone (and their ancestors) hold new values for their children, so
``EditedTidyTree.walk_changes`` walks down from the roots and stops at every node that was not
redone and whose x and modifier sum are what they were: its whole subtree is where it was. It
gives ``positions``'s numbers, to the bit, and names the nodes whose x changed.

The trees are set side by side as ``positions`` does, from each tree's leftmost and rightmost
extent. Those are found along the tree's contours (its threads), not over every node: on each
level the contour node is the outermost, because the first walk keeps every two nodes of a
level at least their extents and a gap apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from keyplan.domain.layout.forest_edits import subtree
from keyplan.domain.layout.tidy_tree import TidyTree

_NONE = -1


class EditedTidyTree(TidyTree):
    """A journaled ``TidyTree`` that remembers its last second walk.

    Attributes:
        raw: each node's x before its tree was shifted into place (its tree's root at 0).
        below: the modifier sum each node handed its children in the last walk.
        shifted: the shift each node's x got in the last walk (a tree's nodes share it).
    """

    def __init__(
        self,
        children: list[list[int]],
        left_extent: list[float],
        right_extent: list[float],
        gap: float,
    ) -> None:
        super().__init__(children, left_extent, right_extent, gap, journal=True)
        size = len(children)
        self.raw = [0.0] * size
        self.below = [0.0] * size
        self.shifted = [0.0] * size
        self._redone: set[int] | None = None  # None: never walked, every node is new

    def add_node(self, left: float, right: float) -> int:
        node = super().add_node(left, right)
        self.raw.append(0.0)
        self.below.append(0.0)
        self.shifted.append(0.0)
        if self._redone is not None:
            self._redone.add(node)
        return node

    def _combine(self, p: int) -> None:
        if self._redone is not None:
            self._redone.add(p)
        super()._combine(p)

    def _roll_back(self, node: int) -> None:
        if self._redone is not None:
            self._redone.add(node)
        super()._roll_back(node)

    def walk_changes(self, roots: Sequence[int], root_gap: float) -> set[int] | None:
        """``positions(roots, root_gap)`` again, walking only where the first walk changed.

        Returns:
            The nodes whose x changed, or None the first time (every node was placed).
        """
        first = self._redone is None
        redone: set[int] = self._redone or set()
        x, raw, shifted = self.x, self.raw, self.shifted
        moved: set[int] = set()
        cursor = 0.0
        for root in roots:
            visited, kept = self._raw_walk(root, redone, everything=first)
            left, right = self._outer_edges(root)
            shift = cursor - left
            for node in visited:
                _set_x(node, raw[node] + shift, x, moved)
                shifted[node] = shift
            for top in kept:
                if shifted[top] != shift:  # the tree moved sideways: so did this subtree
                    for node in subtree(top, self.children):
                        _set_x(node, raw[node] + shift, x, moved)
                        shifted[node] = shift
            cursor += right - left + root_gap
        self._redone = set()
        return None if first else moved

    def _raw_walk(
        self, root: int, redone: set[int], *, everything: bool
    ) -> tuple[list[int], list[int]]:
        """Walks the tree down from ``root`` as ``_second_walk`` does. A node whose parent and
        itself were not redone, with its x and modifier sum as they were, is left as it was
        with its whole subtree (its children lists and values are untouched). Returns the
        nodes walked, and the nodes left as they were."""
        children, prelim, mod = self.children, self.prelim, self.mod
        raw, below = self.raw, self.below
        prelim[root] = self.midpoint[root] if children[root] else 0.0
        visited: list[int] = []
        kept: list[int] = []
        stack = [(root, 0.0, True)]
        while stack:
            node, modsum, parent_redone = stack.pop()
            at = prelim[node] + modsum
            under = modsum + mod[node]
            unchanged = at == raw[node] and under == below[node]
            if unchanged and not parent_redone and node not in redone:
                kept.append(node)
                continue
            raw[node], below[node] = at, under
            visited.append(node)
            walk_all = everything or node in redone
            stack.extend((child, under, walk_all) for child in children[node])
        return visited, kept

    def _outer_edges(self, root: int) -> tuple[float, float]:
        """The leftmost and rightmost extent of the tree under ``root`` (in raw x), along its
        left and right contours."""
        raw, left_extent, right_extent = self.raw, self.left_extent, self.right_extent
        node = root
        left = raw[root] - left_extent[root]
        while node != _NONE:
            left = min(left, raw[node] - left_extent[node])
            node = self._next_left(node)
        node = root
        right = raw[root] + right_extent[root]
        while node != _NONE:
            right = max(right, raw[node] + right_extent[node])
            node = self._next_right(node)
        return left, right


def _set_x(node: int, value: float, x: list[float], moved: set[int]) -> None:
    if x[node] != value:
        x[node] = value
        moved.add(node)
