"""The recent window's rows counted per account, whatever order they come in."""

from __future__ import annotations

import random

from keyplan.domain.insights.concentration import ContactSpread
from keyplan.store.insights.recent_window import RecentWindow, _count_meetings

# (interaction, logged on, person, their account, their name)
ROWS = [
    (1, 10, 100, 10, "Ana"),  # a one-to-one at home
    (2, 10, 100, 10, "Ana"),  # another one with Ana
    (3, 10, 101, 10, "Bo"),  # a workshop of two at home
    (3, 10, 102, 10, "Cé"),
    (4, 10, None, None, None),  # internal preparation: nobody met
    (5, 10, 200, 20, "Dag"),  # met on account 10, logged there
    (6, 20, 201, 20, "Eva"),  # a meeting with people of two accounts, logged on 20
    (6, 20, 103, 10, "Fay"),
    (6, 20, 202, 20, "Gus"),
]


def _counted(rows: list[tuple[object, ...]]) -> tuple[RecentWindow, dict[int, set[int]]]:
    found = RecentWindow()
    return found, _count_meetings(found, rows)


def test_each_accounts_meetings_are_counted_per_person_and_size():
    found, elsewhere = _counted(ROWS)

    assert found.spreads == {
        10: ContactSpread(3, {(100, 1): 2, (101, 2): 1, (102, 2): 1}),
        20: ContactSpread(1, {(200, 1): 1}),
    }
    assert found.mixed == [[(201, 20), (103, 10), (202, 20)]]
    assert dict(found.mixed_of) == {10: {0}, 20: {0}}
    assert elsewhere == {5: {20}, 6: {10}}
    assert found.names == {
        100: "Ana", 101: "Bo", 102: "Cé", 200: "Dag", 201: "Eva", 103: "Fay", 202: "Gus"
    }  # fmt: skip


def test_the_order_of_the_rows_changes_no_count():
    found, elsewhere = _counted(ROWS)
    shuffled = ROWS[:]
    random.Random(7).shuffle(shuffled)

    again, elsewhere_again = _counted(shuffled)

    assert again.spreads == found.spreads and elsewhere_again == elsewhere
    assert sorted(map(sorted, again.mixed)) == sorted(map(sorted, found.mixed))
    for members in ([10], [20], [10, 20]):
        assert again.family(members) == found.family(members)


def test_a_window_of_nobody_counts_nothing():
    found, elsewhere = _counted([(4, 10, None, None, None)])

    assert found.spreads == {} and found.mixed == [] and elsewhere == {} and found.names == {}
