"""People with no reporting line: a grid of rows, not one long row (issue 20)."""

from __future__ import annotations

from keyplan.domain.layout import Box, CardSpec, LayoutOptions, layout_org_chart

OPTIONS = LayoutOptions()


def card(card_id: int, manager_id: int | None = None, **kw: object) -> CardSpec:
    return CardSpec(card_id, manager_id, 150.0, 60.0, kw.get("at"))  # type: ignore[arg-type]


def overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right and a.y < b.bottom and b.y < a.bottom


def test_eleven_people_without_lines_sit_in_rows_about_twice_as_wide_as_tall() -> None:
    layout = layout_org_chart([card(i) for i in range(1, 12)])
    rows = sorted({box.y for box in layout.boxes.values()})
    assert len(rows) == 3  # 5 + 5 + 1, not one row of eleven
    first_row = [i for i, box in layout.boxes.items() if box.y == rows[0]]
    assert first_row == [1, 2, 3, 4, 5]  # input order, left to right
    assert layout.bounds.width < 2.5 * layout.bounds.height * 2.5
    assert layout.bounds.width == 5 * 150 + 4 * OPTIONS.sibling_gap
    boxes = list(layout.boxes.values())
    assert not any(overlap(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])


def test_loose_people_go_under_the_tree_and_leave_the_tree_where_it_was() -> None:
    tree = [card(1), card(2, 1), card(3, 1)]
    alone = layout_org_chart(tree)
    layout = layout_org_chart([*tree, *(card(i) for i in range(10, 16))])
    for person in (1, 2, 3):
        assert layout.boxes[person] == alone.boxes[person]
    lowest_of_tree = max(alone.boxes[p].bottom for p in (1, 2, 3))
    for person in range(10, 16):
        assert layout.boxes[person].y >= lowest_of_tree + OPTIONS.level_gap
    assert not layout.connectors[2:]  # the loose people have no lines


def test_a_few_loose_people_still_stand_beside_the_trees() -> None:
    layout = layout_org_chart([card(1), card(2, 1), card(3), card(4)])
    assert layout.boxes[3].y == layout.boxes[4].y == 0


def test_a_hand_placed_loose_person_stays_where_they_were_put() -> None:
    cards = [card(i) for i in range(1, 6)] + [card(6, at=(900.0, -300.0))]
    layout = layout_org_chart(cards)
    assert (layout.boxes[6].x, layout.boxes[6].y) == (900.0, -300.0)
    without = layout_org_chart([card(i) for i in range(1, 7)])
    for person in range(1, 6):  # nobody else moved: the placed card keeps its cell
        assert layout.boxes[person] == without.boxes[person]
