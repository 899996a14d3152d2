"""The tidy tree's second walk redone below changes only gives a fresh walk's x, to the bit."""

from __future__ import annotations

import random

import pytest

from keyplan.domain.layout.tidy_tree import TidyTree
from keyplan.domain.layout.tidy_tree_walk import EditedTidyTree

GAP, ROOT_GAP = 24.0, 64.0


def random_forest(rng: random.Random, size: int) -> list[list[int]]:
    """Children lists of a random forest; every node after the first few has a parent before it."""
    children: list[list[int]] = [[] for _ in range(size)]
    for node in range(3, size):
        if rng.random() < 0.97:
            children[rng.randrange(node)].append(node)
    return children


def roots_of(children: list[list[int]]) -> list[int]:
    has_parent = {child for kids in children for child in kids}
    return [node for node in range(len(children)) if node not in has_parent]


def fresh_x(children: list[list[int]], left: list[float], right: list[float]) -> list[float]:
    tree = TidyTree([list(kids) for kids in children], list(left), list(right), GAP)
    roots = roots_of(children)
    tree.first_walk(roots)
    return tree.positions(roots, ROOT_GAP)


def move_one(rng: random.Random, children: list[list[int]]) -> dict[int, list[int]]:
    """Moves a random node under another one that is not below it (or makes it a root):
    returns the new children lists of the nodes whose lists changed."""
    node = rng.randrange(1, len(children))
    below = {node}
    stack = [node]
    while stack:
        for child in children[stack.pop()]:
            below.add(child)
            stack.append(child)
    old = next((p for p, kids in enumerate(children) if node in kids), None)
    candidates = [p for p in range(len(children)) if p not in below]
    new = rng.choice(candidates) if candidates and rng.random() < 0.9 else None
    changes: dict[int, list[int]] = {}
    if old is not None:
        changes[old] = [c for c in children[old] if c != node]
    if new is not None:
        kids = changes.get(new, children[new])
        changes[new] = sorted([*kids, node])
    return changes


@pytest.mark.parametrize("seed", range(30))
def test_walking_only_below_changes_gives_the_fresh_positions(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.randrange(4, 160)
    children = random_forest(rng, size)
    left = [rng.uniform(40, 130) for _ in range(size)]
    right = [rng.uniform(40, 130) for _ in range(size)]
    tree = EditedTidyTree([list(kids) for kids in children], list(left), list(right), GAP)
    tree.first_walk(roots_of(children))
    assert tree.walk_changes(roots_of(children), ROOT_GAP) is None  # the first walk: all
    assert tree.x == fresh_x(children, left, right)
    for _ in range(15):
        before = list(tree.x)
        changes = move_one(rng, children)
        for node, kids in changes.items():
            children[node] = kids
        tree.replace_children({node: list(kids) for node, kids in changes.items()})
        moved = tree.walk_changes(roots_of(children), ROOT_GAP)
        expected = fresh_x(children, left, right)
        assert tree.x == expected
        assert moved == {node for node in range(size) if before[node] != expected[node]}


def test_a_leaf_moved_between_neighbour_teams_names_only_what_shifted() -> None:
    # A root with 40 managers of 10 reports each: moving a leaf from the last team to the one
    # before it leaves the first teams where they were: they are not named as moved.
    children: list[list[int]] = [[] for _ in range(1 + 40 + 400)]
    children[0] = list(range(1, 41))
    for manager in range(1, 41):
        children[manager] = [41 + (manager - 1) * 10 + k for k in range(10)]
    extents = [60.0] * len(children)
    tree = EditedTidyTree([list(k) for k in children], list(extents), list(extents), GAP)
    tree.first_walk([0])
    tree.walk_changes([0], ROOT_GAP)
    leaf = children[40][-1]
    children[40] = children[40][:-1]
    children[39] = sorted([*children[39], leaf])
    tree.replace_children({40: list(children[40]), 39: list(children[39])})
    moved = tree.walk_changes([0], ROOT_GAP)
    assert tree.x == fresh_x(children, extents, extents)
    assert moved is not None
    assert not moved & set(children[1])  # the first team stays where it was
