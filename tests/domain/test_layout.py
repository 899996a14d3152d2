"""The org-chart layout: stories about small charts, and properties of random large ones."""

from __future__ import annotations

import itertools
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.domain.layout import (
    Box,
    CardSpec,
    Connector,
    LayoutOptions,
    OrgChartLayout,
    layout_org_chart,
)

OPTIONS = LayoutOptions()
NO_STACKING = LayoutOptions(stack_threshold=10**9)
EPS = 1e-6

# ---------------------------------------------------------------------------------------------
# Building charts


def card(
    card_id: int,
    manager_id: int | None = None,
    width: float = 150.0,
    height: float = 60.0,
    manual_position: tuple[float, float] | None = None,
) -> CardSpec:
    return CardSpec(card_id, manager_id, width, height, manual_position)


def team(manager_id: int, first_id: int, size: int, width: float = 150.0) -> list[CardSpec]:
    return [card(first_id + i, manager_id, width) for i in range(size)]


def loose_ids(cards: Sequence[CardSpec]) -> set[int]:
    """People with no line either way, when there are enough of them to be set out in a grid."""
    ids = {c.id for c in cards}
    managers = {c.manager_id for c in cards}
    lone = {
        c.id
        for c in cards
        if (c.manager_id is None or c.manager_id not in ids or c.manager_id == c.id)
        and c.id not in managers
    }
    return lone if len(lone) >= OPTIONS.loose_threshold else set()


def random_chart(seed: int, people: int) -> list[CardSpec]:
    """A random forest in which managers come before their reports, with some wide teams."""
    rng = random.Random(seed)
    cards: list[CardSpec] = []
    for index in range(people):
        cards.append(
            CardSpec(
                index,
                _random_manager(rng, index, cards),
                rng.uniform(120, 260),
                rng.uniform(60, 110),
            )
        )
    return cards


def _random_manager(rng: random.Random, index: int, cards: Sequence[CardSpec]) -> int | None:
    roll = rng.random()
    if index == 0 or roll < 0.02:
        return None
    if roll < 0.6 and cards[-1].manager_id is not None:
        return cards[-1].manager_id  # the previous card's team grows: wide teams happen
    return rng.randrange(index)


@st.composite
def small_charts(draw: st.DrawFn, max_people: int = 40) -> list[CardSpec]:
    """Small forests that Hypothesis can shrink card by card."""
    people = draw(st.integers(0, max_people))
    cards: list[CardSpec] = []
    for index in range(people):
        roll = draw(st.integers(0, 9)) if index else 0
        if roll == 0:
            manager = None
        elif roll <= 5 and cards[-1].manager_id is not None:
            manager = cards[-1].manager_id
        else:
            manager = draw(st.integers(0, index - 1))
        width = draw(st.floats(120, 260))
        height = draw(st.floats(60, 110))
        cards.append(CardSpec(index, manager, width, height))
    return cards


large_charts = st.builds(random_chart, st.integers(0, 2**32 - 1), st.integers(300, 3000))
any_charts = st.one_of(small_charts(), large_charts)
fast = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
few = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------------
# Reading charts (the tests' own idea of the structure, independent of the layout's code)


def reports_of(cards: Iterable[CardSpec]) -> dict[int, list[int]]:
    ids = {c.id for c in cards}
    reports: dict[int, list[int]] = defaultdict(list)
    for c in cards:
        if c.manager_id in ids and c.manager_id != c.id:
            reports[c.manager_id].append(c.id)
    return reports


def depths(cards: Sequence[CardSpec]) -> dict[int, int]:
    """Depths for charts whose managers come before their reports."""
    depth: dict[int, int] = {}
    for c in cards:
        depth[c.id] = depth[c.manager_id] + 1 if c.manager_id in depth else 0
    return depth


def stacking_managers(cards: Sequence[CardSpec], options: LayoutOptions) -> set[int]:
    reports = reports_of(cards)
    return {
        manager
        for manager, team_ids in reports.items()
        if len(team_ids) >= options.stack_threshold and not any(r in reports for r in team_ids)
    }


def overlapping_pairs(boxes: dict[int, Box], clearance: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of boxes closer than ``clearance`` in both directions, found with a spatial grid."""
    if not boxes:
        return []
    grown = {
        key: Box(
            b.x - clearance / 2, b.y - clearance / 2, b.width + clearance, b.height + clearance
        )
        for key, b in boxes.items()
    }
    cell_w = max(b.width for b in grown.values())
    cell_h = max(b.height for b in grown.values())
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    found: set[tuple[int, int]] = set()
    for key, b in grown.items():
        for cx in range(math.floor(b.x / cell_w), math.floor(b.right / cell_w) + 1):
            for cy in range(math.floor(b.y / cell_h), math.floor(b.bottom / cell_h) + 1):
                for other in grid[cx, cy]:
                    o = grown[other]
                    if b.x < o.right and o.x < b.right and b.y < o.bottom and o.y < b.bottom:
                        found.add((other, key))
                grid[cx, cy].append(key)
    return sorted(found)


def clearance(options: LayoutOptions) -> float:
    """How far apart any two laid-out cards stay, at least, in one direction."""
    return min(options.sibling_gap, options.stack_gap, options.level_gap) - EPS


def span_of(layout: OrgChartLayout, ids: Iterable[int]) -> tuple[float, float]:
    boxes = [layout.boxes[i] for i in ids]
    return min(b.x for b in boxes), max(b.right for b in boxes)


def subtree_rows(
    root: int, reports: dict[int, list[int]], depth: dict[int, int], layout: OrgChartLayout
) -> dict[int, tuple[float, float]]:
    """Per row, the leftmost and rightmost edge of the cards in a subtree."""
    rows: dict[int, tuple[float, float]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        box = layout.boxes[node]
        left, right = rows.get(depth[node], (math.inf, -math.inf))
        rows[depth[node]] = (min(left, box.x), max(right, box.right))
        stack.extend(reports.get(node, ()))
    return rows


def assert_orthogonal(connector: Connector) -> None:
    points = connector.points
    assert len(points) >= 2
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        assert x0 == x1 or y0 == y1, connector


# ---------------------------------------------------------------------------------------------
# Stories


def test_an_empty_chart_has_no_cards_no_lines_and_a_zero_box_at_the_origin() -> None:
    layout = layout_org_chart([])
    assert layout == OrgChartLayout(boxes={}, connectors=(), bounds=Box(0, 0, 0, 0))


def test_a_ceo_with_three_vps_the_ceo_is_centred_over_them() -> None:
    cards = [card(1, width=200), card(2, 1), card(3, 1), card(4, 1)]
    layout = layout_org_chart(cards)
    ceo, vps = layout.boxes[1], [layout.boxes[i] for i in (2, 3, 4)]
    assert ceo.center_x == pytest.approx((vps[0].center_x + vps[-1].center_x) / 2)
    assert [vp.x for vp in vps] == [0, 174, 348]  # 150 wide, exactly one 24 gap apart
    assert all(vp.y == ceo.bottom + OPTIONS.level_gap for vp in vps)


def test_reports_appear_left_to_right_in_the_order_given() -> None:
    cards = [card(1), card(30, 1), card(10, 1), card(20, 1)]
    layout = layout_org_chart(cards)
    assert layout.boxes[30].x < layout.boxes[10].x < layout.boxes[20].x


def test_a_lone_report_hangs_straight_below_their_manager_on_a_straight_line() -> None:
    layout = layout_org_chart([card(1, width=240), card(2, 1, width=130)])
    assert layout.boxes[2].center_x == layout.boxes[1].center_x
    assert layout.connectors[0].points == ((120.0, 60.0), (120.0, 116.0))


def test_a_short_team_tucks_against_a_deep_neighbour_without_overlapping_it() -> None:
    # Anna has Bo (who has four reports) and Cy. Cy sits one gap right of Bo, not right of
    # Bo's wide team, because nothing of Bo's is on Cy's row further right than Bo.
    cards = [card(1), card(2, 1), card(3, 1), *team(2, 10, 4)]
    layout = layout_org_chart(cards, NO_STACKING)
    assert layout.boxes[3].x == layout.boxes[2].right + OPTIONS.sibling_gap
    assert overlapping_pairs(layout.boxes, clearance(OPTIONS)) == []


def test_cards_of_different_widths_are_spaced_by_their_own_widths() -> None:
    cards = [card(1), card(2, 1, width=260), card(3, 1, width=120), card(4, 1, width=200)]
    layout = layout_org_chart(cards)
    b2, b3, b4 = layout.boxes[2], layout.boxes[3], layout.boxes[4]
    assert b3.x - b2.right == pytest.approx(24)
    assert b4.x - b3.right == pytest.approx(24)


def test_rows_line_up_across_trees_and_step_down_by_the_tallest_card_plus_the_gap() -> None:
    cards = [card(1, height=100), card(2, 1, height=70), card(3, height=60), card(4, 3, height=90)]
    layout = layout_org_chart(cards)
    assert layout.boxes[1].y == layout.boxes[3].y == 0
    assert layout.boxes[2].y == layout.boxes[4].y == 100 + OPTIONS.level_gap


def test_separate_trees_stand_side_by_side_in_input_order_one_root_gap_apart() -> None:
    cards = [card(1), *team(1, 10, 3), card(2), card(3), card(4, 3)]
    layout = layout_org_chart(cards)
    first_right = span_of(layout, [1, 10, 11, 12])[1]
    assert layout.boxes[2].x == pytest.approx(first_right + OPTIONS.root_gap)
    assert layout.boxes[3].x == pytest.approx(layout.boxes[2].right + OPTIONS.root_gap)


def test_a_manager_not_among_the_cards_makes_the_card_a_root() -> None:
    layout = layout_org_chart([card(1, manager_id=99), card(2, 1)])
    assert layout.boxes[1].y == 0
    assert [(c.manager_id, c.report_id) for c in layout.connectors] == [(1, 2)]


def test_lines_run_down_to_a_shared_bus_across_and_down_into_each_report() -> None:
    layout = layout_org_chart([card(1), card(2, 1), card(3, 1)])
    left, right = layout.connectors
    bus = 60 + OPTIONS.level_gap / 2
    assert left.points == ((162.0, 60.0), (162.0, bus), (75.0, bus), (75.0, 116.0))
    assert right.points == ((162.0, 60.0), (162.0, bus), (249.0, bus), (249.0, 116.0))


def test_two_cards_with_the_same_id_are_refused() -> None:
    with pytest.raises(ValueError, match="same id 7"):
        layout_org_chart([card(7), card(7)])


def test_a_reporting_cycle_is_broken_at_the_card_that_comes_first() -> None:
    # Ann reports to Ben, Ben to Cat, Cat to Ann: damaged data. Ben comes first, so Ben is
    # drawn as a root, with Ann under him and Cat under Ann.
    ann, ben, cat = 1, 2, 3
    cards = [card(ben, cat), card(cat, ann), card(ann, ben)]
    layout = layout_org_chart(cards)
    assert layout.boxes[ben].y < layout.boxes[ann].y < layout.boxes[cat].y
    lines = {(c.manager_id, c.report_id) for c in layout.connectors}
    assert lines == {(ben, ann), (ann, cat)}


def test_a_card_that_reports_to_itself_is_a_root() -> None:
    layout = layout_org_chart([card(1, 1), card(2, 1)])
    assert [(c.manager_id, c.report_id) for c in layout.connectors] == [(1, 2)]


def test_a_chain_five_thousand_deep_lays_out_without_hitting_recursion_limits() -> None:
    cards = [card(i, i - 1 if i else None) for i in range(5000)]
    layout = layout_org_chart(cards)
    assert {b.x for b in layout.boxes.values()} == {0.0}
    assert layout.boxes[4999].y == 4999 * (60 + OPTIONS.level_gap)


def test_a_team_of_eight_specialists_hangs_in_one_column_right_of_a_spine() -> None:
    cards = [card(1), *team(1, 10, 8)]
    layout = layout_org_chart(cards)
    boss = layout.boxes[1]
    members = [layout.boxes[i] for i in range(10, 18)]
    assert {m.x for m in members} == {boss.center_x + OPTIONS.stack_indent}
    assert all(
        later.y == earlier.bottom + OPTIONS.stack_gap
        for earlier, later in itertools.pairwise(members)
    )
    assert members[0].y == boss.bottom + OPTIONS.level_gap
    first = layout.connectors[0]
    assert first.points == (
        (boss.center_x, boss.bottom),
        (boss.center_x, members[0].center_y),
        (members[0].x, members[0].center_y),
    )


def test_a_team_of_fifteen_is_split_into_two_columns_either_side_of_the_spine() -> None:
    cards = [card(1), *team(1, 10, 15)]
    layout = layout_org_chart(cards)
    spine = layout.boxes[1].center_x
    left = [layout.boxes[i] for i in range(10, 18)]  # the first half, rounded up
    right = [layout.boxes[i] for i in range(18, 25)]
    assert {b.right for b in left} == {spine - OPTIONS.stack_indent}
    assert {b.x for b in right} == {spine + OPTIONS.stack_indent}
    assert left[0].y == right[0].y
    assert layout.connectors[0].points[-1] == (left[0].right, left[0].center_y)


def test_stacking_a_wide_team_makes_the_chart_much_narrower() -> None:
    cards = [card(1), *team(1, 10, 20)]
    stacked = layout_org_chart(cards).bounds
    in_a_row = layout_org_chart(cards, NO_STACKING).bounds
    assert stacked.width < in_a_row.width / 4


def test_a_team_with_a_manager_among_them_stays_in_one_row() -> None:
    cards = [card(1), *team(1, 10, 8), card(99, 12)]
    layout = layout_org_chart(cards)
    assert len({layout.boxes[i].y for i in range(10, 18)}) == 1


def test_neighbours_keep_clear_of_a_stack_on_the_rows_it_hangs_down_into() -> None:
    # Lea's stack of seven is taller than a row; her sister Max has a deep, wide team whose
    # lower rows would otherwise slide under the stack.
    cards = [card(1), card(2, 1), card(3, 1), *team(2, 10, 7)]
    cards += [*team(3, 20, 3), *team(20, 30, 3), *team(30, 40, 3)]
    layout = layout_org_chart(cards)
    assert overlapping_pairs(layout.boxes, clearance(OPTIONS)) == []


def test_a_hand_placed_card_stays_put_and_its_reports_stay_where_they_were() -> None:
    cards = [card(1), card(2, 1), card(3, 1), card(4, 2)]
    before = layout_org_chart(cards)
    cards[1] = card(2, 1, manual_position=(500.0, -40.0))
    after = layout_org_chart(cards)
    assert after.boxes[2] == Box(500.0, -40.0, 150.0, 60.0)
    assert {i: after.boxes[i] for i in (1, 3, 4)} == {i: before.boxes[i] for i in (1, 3, 4)}
    line = next(c for c in after.connectors if c.report_id == 2)
    assert line.points[0] == (after.boxes[1].center_x, after.boxes[1].bottom)
    assert line.points[-1] == (after.boxes[2].center_x, after.boxes[2].y)
    assert_orthogonal(line)


def test_bounds_include_a_card_placed_far_away_by_hand() -> None:
    layout = layout_org_chart([card(1), card(2, 1, manual_position=(-300.0, 900.0))])
    assert layout.bounds == Box(-300.0, 0.0, 450.0, 960.0)


# ---------------------------------------------------------------------------------------------
# Properties of random charts


@fast
@given(any_charts)
def test_no_two_cards_overlap_or_even_come_close(cards: list[CardSpec]) -> None:
    layout = layout_org_chart(cards)
    assert len(layout.boxes) == len(cards)
    assert overlapping_pairs(layout.boxes, clearance(OPTIONS)) == []


@fast
@given(any_charts)
def test_every_manager_is_centred_over_their_team_or_on_top_of_its_spine(
    cards: list[CardSpec],
) -> None:
    layout = layout_org_chart(cards)
    stacking = stacking_managers(cards, OPTIONS)
    for manager, team_ids in reports_of(cards).items():
        boss = layout.boxes[manager]
        if manager in stacking:
            lines = [c for c in layout.connectors if c.manager_id == manager]
            assert {line.points[0][0] for line in lines} == {boss.center_x}
        else:
            first, last = layout.boxes[team_ids[0]], layout.boxes[team_ids[-1]]
            assert abs(boss.center_x - (first.center_x + last.center_x) / 2) <= EPS


@fast
@given(any_charts)
def test_reports_sit_below_their_manager_on_rows_shared_across_the_chart(
    cards: list[CardSpec],
) -> None:
    layout = layout_org_chart(cards)
    depth = depths(cards)
    tallest: dict[int, float] = defaultdict(float)
    for c in cards:
        tallest[depth[c.id]] = max(tallest[depth[c.id]], c.height)
    row_y = [0.0]
    for row in range(1, len(tallest)):
        row_y.append(row_y[-1] + tallest[row - 1] + OPTIONS.level_gap)
    stacked = {r for m in stacking_managers(cards, OPTIONS) for r in reports_of(cards)[m]}
    gridded = loose_ids(cards)  # set out in rows under the trees (test_layout_loose.py)
    for c in cards:
        box = layout.boxes[c.id]
        if c.manager_id is not None:
            assert box.y >= layout.boxes[c.manager_id].bottom + OPTIONS.level_gap
        if c.id not in stacked and c.id not in gridded:
            assert box.y == pytest.approx(row_y[depth[c.id]], abs=EPS)


@fast
@given(small_charts())
def test_the_last_report_of_every_team_is_pushed_no_further_right_than_needed(
    cards: list[CardSpec],
) -> None:
    layout = layout_org_chart(cards, NO_STACKING)
    reports, depth = reports_of(cards), depths(cards)
    for team_ids in reports.values():
        if len(team_ids) < 2:
            continue
        last = subtree_rows(team_ids[-1], reports, depth, layout)
        others: dict[int, tuple[float, float]] = {}
        for sibling in team_ids[:-1]:
            for row, (left, right) in subtree_rows(sibling, reports, depth, layout).items():
                seen = others.get(row, (math.inf, -math.inf))
                others[row] = (min(seen[0], left), max(seen[1], right))
        gaps = [last[row][0] - others[row][1] for row in last.keys() & others.keys()]
        assert min(gaps) == pytest.approx(NO_STACKING.sibling_gap, abs=EPS)


@fast
@given(any_charts)
def test_every_reporting_line_is_drawn_orthogonally_from_manager_to_report(
    cards: list[CardSpec],
) -> None:
    layout = layout_org_chart(cards)
    assert len(layout.connectors) == sum(1 for c in cards if c.manager_id is not None)
    for line in layout.connectors:
        assert_orthogonal(line)
        boss, report = layout.boxes[line.manager_id], layout.boxes[line.report_id]
        assert line.points[0] == (boss.center_x, boss.bottom)
        end_x, end_y = line.points[-1]
        enters_top = end_y == report.y and abs(end_x - report.center_x) <= EPS
        enters_side = end_y == report.center_y and end_x in (report.x, report.right)
        assert enters_top or enters_side


@few
@given(any_charts)
def test_the_same_chart_always_gives_the_same_picture(cards: list[CardSpec]) -> None:
    assert layout_org_chart(cards) == layout_org_chart(list(cards))


@fast
@given(any_charts, st.randoms(use_true_random=False))
def test_hand_placed_cards_stay_exactly_where_put_and_nothing_else_moves(
    cards: list[CardSpec], rng: random.Random
) -> None:
    before = layout_org_chart(cards)
    placed = {c.id: (rng.uniform(-1e4, 1e4), rng.uniform(-1e4, 1e4)) for c in cards[::7]}
    moved = [CardSpec(c.id, c.manager_id, c.width, c.height, placed.get(c.id)) for c in cards]
    after = layout_org_chart(moved, OPTIONS)
    for c in cards:
        box = after.boxes[c.id]
        if c.id in placed:
            assert (box.x, box.y) == placed[c.id]
        else:
            assert box == before.boxes[c.id]
    for line in after.connectors:
        assert_orthogonal(line)


@fast
@given(any_charts)
def test_big_teams_of_leaves_are_stacked_in_at_most_two_columns_narrower_than_a_row(
    cards: list[CardSpec],
) -> None:
    layout = layout_org_chart(cards)
    for manager in stacking_managers(cards, OPTIONS):
        members = [layout.boxes[r] for r in reports_of(cards)[manager]]
        spine = layout.boxes[manager].center_x
        left = [b for b in members if b.right <= spine]
        right = [b for b in members if b.x >= spine]
        assert len(left) + len(right) == len(members)
        for edges in ([b.right for b in left], [b.x for b in right]):
            assert max(edges, default=0) - min(edges, default=0) <= EPS  # aligned on the spine
        for column in (left, right):
            for upper, lower in itertools.pairwise(column):
                assert lower.y == pytest.approx(upper.bottom + OPTIONS.stack_gap)
        stack_width = max(b.right for b in members) - min(b.x for b in members)
        row_width = sum(b.width for b in members) + OPTIONS.sibling_gap * (len(members) - 1)
        assert stack_width < row_width


@fast
@given(
    st.lists(st.floats(120, 260), min_size=OPTIONS.stack_threshold, max_size=40),
    st.floats(120, 260),
)
def test_a_manager_with_a_big_team_of_leaves_gets_a_narrower_chart_by_stacking(
    widths: list[float], boss_width: float
) -> None:
    cards = [card(0, width=boss_width)] + [card(i + 1, 0, w) for i, w in enumerate(widths)]
    stacked = layout_org_chart(cards)
    assert stacked.bounds.width < layout_org_chart(cards, NO_STACKING).bounds.width
    assert {b.y for i, b in stacked.boxes.items() if i} != {stacked.boxes[1].y}


@fast
@given(st.integers(0, 2**32 - 1), st.integers(1, 400))
def test_damaged_charts_with_cycles_still_lay_out_every_card(seed: int, people: int) -> None:
    rng = random.Random(seed)
    cards = [
        card(i, rng.choice([None, rng.randrange(people + 3)]), rng.uniform(120, 260))
        for i in range(people)
    ]
    layout = layout_org_chart(cards)
    assert len(layout.boxes) == people
    assert overlapping_pairs(layout.boxes, clearance(OPTIONS)) == []
    reported = [c.report_id for c in layout.connectors]
    assert len(reported) == len(set(reported))
