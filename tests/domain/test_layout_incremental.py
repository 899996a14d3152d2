"""The incremental layout of a chart being edited gives exactly the fresh layout, every time."""

from __future__ import annotations

import dataclasses
import random

import pytest

from keyplan.domain.layout import CardSpec, LayoutOptions, OrgChartLayout, layout_org_chart
from keyplan.domain.layout.box_edits import edges_after_moves
from keyplan.domain.layout.incremental import IncrementalOrgChart
from keyplan.domain.layout.model import Box, edges_of


def random_chart(seed: int, people: int) -> list[CardSpec]:
    """A random forest of cards of random sizes; managers come before their reports, and some
    teams are wide enough to be stacked."""
    rng = random.Random(seed)
    cards: list[CardSpec] = []
    for index in range(people):
        manager = None
        if cards and rng.random() < 0.95:
            # Half the time a recent card (deep chains), else any (wide teams).
            pool = cards[-5:] if rng.random() < 0.5 else cards
            manager = rng.choice(pool).id
        cards.append(CardSpec(index, manager, rng.uniform(120, 260), rng.uniform(60, 110)))
    return cards


def edited(cards: list[CardSpec], rng: random.Random) -> list[CardSpec]:
    """The chart after one edit: a new manager (or none), a hand placement, or one given back."""
    cards = list(cards)
    i = rng.randrange(len(cards))
    roll = rng.random()
    if roll < 0.6:
        manager = rng.choice(cards).id if rng.random() < 0.9 else None
        cards[i] = dataclasses.replace(cards[i], manager_id=manager)
    elif roll < 0.85:
        spot = (rng.uniform(-300, 900), rng.uniform(0, 800))
        cards[i] = dataclasses.replace(cards[i], manual_position=spot)
    else:
        cards[i] = dataclasses.replace(cards[i], manual_position=None)
    return cards


def changes(before: OrgChartLayout, after: OrgChartLayout) -> tuple[set[int], set[int]]:
    moved = {pid for pid, box in after.boxes.items() if before.boxes.get(pid) != box}
    old = {c.report_id: c for c in before.connectors}
    new = {c.report_id: c for c in after.connectors}
    return moved, {rid for rid in old.keys() | new.keys() if old.get(rid) != new.get(rid)}


@pytest.mark.parametrize("seed", range(24))
def test_every_edit_gives_exactly_the_fresh_layout_and_names_what_moved(seed: int) -> None:
    rng = random.Random(seed)
    options = LayoutOptions(stack_threshold=rng.choice([3, 6, 10**9]))
    cards = random_chart(seed, rng.randrange(5, 250))
    if seed % 2:  # one card height, as on the map: rows never change height
        cards = [dataclasses.replace(card, height=80.0) for card in cards]
    chart = IncrementalOrgChart(options)
    last = chart.layout(cards)
    assert last == layout_org_chart(cards, options)
    incremental = 0
    for _ in range(20):
        cards = edited(cards, rng)
        now = chart.layout(cards)
        assert now == layout_org_chart(cards, options)
        if chart.moved is not None:
            incremental += 1
            moved, redrawn = changes(last, now)
            assert moved <= chart.moved
            assert redrawn <= (chart.redrawn or set())
        last = now
    if seed % 2:  # with cards of one height, edits are laid out incrementally
        assert incremental >= 1


def test_a_re_parent_in_a_big_chart_moves_the_subtree_without_a_fresh_run() -> None:
    cards = [dataclasses.replace(card, height=80.0) for card in random_chart(7, 400)]
    chart = IncrementalOrgChart()
    chart.layout(cards)
    leaf = next(
        c for c in cards if c.manager_id is not None and all(d.manager_id != c.id for d in cards)
    )
    cards[cards.index(leaf)] = dataclasses.replace(leaf, manager_id=cards[0].id)
    assert chart.layout(cards) == layout_org_chart(cards)
    assert chart.moved is not None and leaf.id in chart.moved


def test_people_added_or_reordered_are_laid_out_afresh() -> None:
    cards = random_chart(3, 50)
    chart = IncrementalOrgChart()
    chart.layout(cards)
    assert chart.layout(cards[::-1]) == layout_org_chart(cards[::-1])
    assert chart.moved is None
    assert chart.layout(cards[:-1]) == layout_org_chart(cards[:-1])
    assert chart.moved is None


@pytest.mark.parametrize("seed", range(12))
def test_loose_people_keep_their_grid_under_edits_laid_out_incrementally(seed: int) -> None:
    rng = random.Random(seed)
    cards = [dataclasses.replace(card, height=80.0) for card in random_chart(seed, 120)]
    first = len(cards)
    cards += [CardSpec(first + n, None, rng.uniform(120, 260), 80.0) for n in range(9)]
    options = LayoutOptions(stack_threshold=rng.choice([3, 10**9]))
    chart = IncrementalOrgChart(options)
    assert chart.layout(cards) == layout_org_chart(cards, options)
    incremental = 0
    for _ in range(25):
        cards = edited(cards, rng)
        assert chart.layout(cards) == layout_org_chart(cards, options)
        incremental += chart.moved is not None
    assert incremental >= 3  # most edits are laid out incrementally, the grid included


def test_edges_follow_cards_moved_off_an_edge_or_beyond_it() -> None:
    before = [Box(0.0, 0.0, 10.0, 10.0), Box(50.0, 0.0, 10.0, 10.0), Box(20.0, 30.0, 10.0, 10.0)]
    edges = edges_of(before)
    outwards = [before[0], Box(70.0, 0.0, 10.0, 10.0), before[2]]  # the right edge's card
    assert edges_after_moves(edges, {1: before[1]}, outwards) == (0.0, 0.0, 80.0, 40.0)
    inwards = [Box(25.0, 0.0, 10.0, 10.0), before[1], Box(20.0, 0.0, 10.0, 10.0)]
    moved = {0: before[0], 2: before[2]}  # off the left edge, and off the bottom edge
    assert edges_after_moves(edges, moved, inwards) == edges_of(inwards) == (20.0, 0.0, 60.0, 10.0)
