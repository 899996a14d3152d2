"""What Fit frames, as plain numbers: the whole chart when names read, else its top, uncut."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.domain.layout import Box, CardSpec, OrgChartLayout, layout_org_chart
from keyplan.ui.map import framing, style
from keyplan.ui.map.framing import Frame, readable_frame, whole_frame

FLOOR = style.READABLE_ZOOM
LAPTOP = (882.0, 437.0)  # the map's clear area in a 1280 × 800 window, under the tool rows


def chart(cards: list[CardSpec]) -> OrgChartLayout:
    return layout_org_chart(cards, style.LAYOUT_OPTIONS)


def wide_company(divisions: int = 7, per_division: int = 4) -> list[CardSpec]:
    """A chief executive, divisions under them, teams under each division: wide, not deep."""
    cards = [CardSpec(0, None, style.CARD_WIDTH, style.CARD_HEIGHT)]
    next_id = 1
    for _ in range(divisions):
        head = next_id
        cards.append(CardSpec(head, 0, style.CARD_WIDTH, style.CARD_HEIGHT))
        next_id += 1
        for _ in range(per_division):
            cards.append(CardSpec(next_id, head, style.CARD_WIDTH, style.CARD_HEIGHT))
            lead = next_id
            next_id += 1
            for _ in range(2):
                cards.append(CardSpec(next_id, lead, style.CARD_WIDTH, style.CARD_HEIGHT))
                next_id += 1
    return cards


def cut_at_the_sides(frame: Frame, boxes: list[Box]) -> list[Box]:
    """Cards level with the frame that one of its side edges runs through."""
    level = [b for b in boxes if b.y < frame.bottom and b.bottom > frame.top]
    return [b for b in level if b.x < frame.left < b.right or b.x < frame.right < b.right]


def cut_at_the_bottom(frame: Frame, boxes: list[Box]) -> list[Box]:
    across = [b for b in boxes if b.x < frame.right and b.right > frame.left]
    return [b for b in across if b.y < frame.bottom < b.bottom]


def inside(frame: Frame, box: Box) -> bool:
    return (
        frame.left <= box.x
        and box.right <= frame.right
        and frame.top <= box.y
        and box.bottom <= frame.bottom
    )


def test_a_small_chart_is_framed_whole_hung_from_the_top_and_never_blown_up():
    layout = chart([CardSpec(1, None, 200, 84), CardSpec(2, 1, 200, 84), CardSpec(3, 1, 200, 84)])
    boxes = list(layout.boxes.values())
    frame = readable_frame(boxes, layout.boxes[1], *LAPTOP, floor=FLOOR)
    assert frame is not None and frame.whole
    assert frame.zoom == 1.0
    assert all(inside(frame, box) for box in boxes)
    assert frame.top == layout.bounds.y - framing.PAD  # hangs from the top, not mid-window
    assert abs(frame.left + frame.width / 2 - layout.bounds.center_x) < 1e-6


def test_no_cards_no_frame():
    assert readable_frame([], None, *LAPTOP, floor=FLOOR) is None
    assert whole_frame([], *LAPTOP) is None


def test_a_wide_company_shows_its_top_readable_with_no_card_cut_in_half():
    layout = chart(wide_company())
    boxes = list(layout.boxes.values())
    root = layout.boxes[0]
    assert whole_frame(boxes, *LAPTOP).zoom < FLOOR  # the whole would be unreadable

    frame = readable_frame(boxes, root, *LAPTOP, floor=FLOOR)

    assert FLOOR <= frame.zoom <= framing.SEARCH_ZOOM_LIMIT
    assert not frame.whole
    assert inside(frame, root)
    assert frame.top < root.y < frame.top + 40 / frame.zoom  # the head is at the very top
    assert abs(frame.left + frame.width / 2 - root.center_x) <= frame.width / 5  # and central
    assert cut_at_the_sides(frame, boxes) == []
    assert cut_at_the_bottom(frame, boxes) == []
    assert frame.cards_inside == sum(inside(frame, box) for box in boxes)


def test_the_frame_prefers_the_most_senior_people_over_more_people_lower_down():
    """A division head left of the chief executive, a long row of staff to the right.

    Framing the head too leaves room for two of the staff (four cards); leaving the head out
    would show four staff (five cards). A director wants the head.
    """
    root = Box(1300.0, 0.0, 200.0, 84.0)
    head = Box(300.0, 136.0, 200.0, 84.0)
    staff = [Box(1600.0 + 228.0 * k, 272.0, 200.0, 84.0) for k in range(10)]
    boxes = [root, head, *staff]

    # The geometry is drawn for a floor of 45 % (the floor the map used before names counted
    # as readable down to 6 px): what is tested is the choice, not the floor.
    frame = readable_frame(boxes, root, 900.0, 437.0, floor=0.45)

    assert inside(frame, head) and inside(frame, root)
    assert frame.cards_inside == 4
    assert cut_at_the_sides(frame, boxes) == []


def test_a_tall_narrow_chart_keeps_whole_rows_at_the_bottom():
    cards = [CardSpec(0, None, 200, 84)]
    for level in range(1, 14):  # a chain of fourteen people: one column, far too tall
        cards.append(CardSpec(level, level - 1, 200, 84))
    layout = chart(cards)
    boxes = list(layout.boxes.values())
    frame = readable_frame(boxes, layout.boxes[0], *LAPTOP, floor=FLOOR)
    assert frame.zoom >= FLOOR
    assert cut_at_the_bottom(frame, boxes) == []
    assert cut_at_the_sides(frame, boxes) == []
    assert inside(frame, layout.boxes[0])


@st.composite
def charts(draw: st.DrawFn) -> list[CardSpec]:
    seed = draw(st.integers(0, 2**32 - 1))
    people = draw(st.integers(1, 400))
    rng = random.Random(seed)
    cards: list[CardSpec] = []
    for index in range(people):
        manager = None if index == 0 or rng.random() < 0.03 else rng.randrange(index)
        cards.append(CardSpec(index, manager, style.CARD_WIDTH, style.CARD_HEIGHT))
    return cards


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(charts(), st.floats(320, 2400), st.floats(240, 1400))
def test_fit_never_goes_below_the_readable_zoom_and_always_shows_the_head(cards, width, height):
    layout = chart(cards)
    boxes = list(layout.boxes.values())
    root = layout.boxes[0]
    frame = readable_frame(boxes, root, width, height, floor=FLOOR)
    assert frame.zoom >= FLOOR - 1e-9
    assert frame.zoom <= 1.0 + 1e-9
    if frame.whole:
        assert all(inside(frame, box) for box in boxes)
    else:
        assert inside(frame, root)
        assert frame.zoom <= framing.SEARCH_ZOOM_LIMIT + 1e-9
