"""Growing a believable organisation of a given size: a tidy, deep reporting tree.

Real organisations are neither flat nor binary: a chief has six to nine direct reports,
middle managers two to nine, and a team lead on the floor may have ten to twenty-five people.
The tree is grown top-down by splitting the number of people still to place among a few
children, so any size comes out exactly and every manager is placed before their reports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from keyplan.domain.vocabulary import Level

EXECUTIVE = "Executive"


@dataclass(slots=True)
class OrgNode:
    """One person in a grown organisation; ``parent`` indexes the same list (None: the top)."""

    parent: int | None
    depth: int
    department: str
    reports: int = 0


def grow_org(
    rng: random.Random, size: int, departments: tuple[str, ...], first_depth: int = 0
) -> list[OrgNode]:
    """Grow an organisation of exactly ``size`` people, parents always before their reports.

    Args:
        rng: the random generator (seeded by the caller, so the result is repeatable).
        size: how many people, at least 1.
        departments: given out to the top person's direct reports, in order, then inherited.
        first_depth: the depth of the top person (1 for an affiliate's managing director who
            reports to the group); depth decides levels, see ``level_of``.
    """
    nodes = [OrgNode(parent=None, depth=first_depth, department=EXECUTIVE)]
    pending = [(0, size - 1)]  # (node index, people still to place below it)
    while pending:
        index, below = pending.pop()
        if below <= 0:
            continue
        node = nodes[index]
        spans = _split(rng, below, node.depth - first_depth)
        for child_number, descendants in enumerate(spans):
            department = node.department
            if index == 0:
                department = departments[child_number % len(departments)]
            nodes.append(OrgNode(parent=index, depth=node.depth + 1, department=department))
            node.reports += 1
            pending.append((len(nodes) - 1, descendants))
    return nodes


def _split(rng: random.Random, below: int, depth: int) -> list[int]:
    """How many descendants each direct report gets; the list's length is the span."""
    if below <= 9 and (depth >= 2 or below <= 3):
        return [0] * below  # a small team of individual contributors
    if 10 <= below <= 25 and depth >= 3 and rng.random() < 0.6:
        return [0] * below  # a team lead with a wide span on the floor
    low, high = (6, 9) if depth == 0 else (2, 9)
    span = min(below, rng.randint(low, high))
    weights = [rng.uniform(0.3, 1.7) for _ in range(span)]
    extra = below - span
    total = sum(weights)
    shares = [int(extra * weight / total) for weight in weights]
    for position in range(extra - sum(shares)):  # rounding leftovers, round-robin
        shares[position % span] += 1
    return shares


def level_of(node: OrgNode) -> str:
    """The seniority (a ``Level`` value) that fits a place in the tree.

    Depth sets the level of people with reports; below the top two layers, people without
    reports are individual contributors, whatever their depth.
    """
    if node.depth <= 1:
        return Level.C_LEVEL.value
    if not node.reports and node.depth >= 3:
        return Level.INDIVIDUAL.value
    if node.depth == 2:
        return Level.VP.value
    if node.depth == 3:
        return Level.DIRECTOR.value
    return Level.MANAGER.value if node.reports else Level.INDIVIDUAL.value
