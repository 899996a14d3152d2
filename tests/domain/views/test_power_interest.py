"""The power / interest grid: where people go, and the quadrant names over the 3 × 3 cells."""

from keyplan.domain.views.people import ViewPerson
from keyplan.domain.views.power_interest import (
    INFLUENCE_ROWS,
    INTEREST_COLUMNS,
    Quadrant,
    power_interest_grid,
    quadrant_of,
)


def person(pid: int, name: str, influence: str | None, interest: str | None) -> ViewPerson:
    return ViewPerson(pid, name, influence=influence, interest=interest)


def test_rows_run_from_high_influence_down_and_columns_from_low_interest_across():
    assert INFLUENCE_ROWS == ("high", "medium", "low")
    assert INTEREST_COLUMNS == ("low", "medium", "high")


def test_the_classic_corners_and_medium_on_the_high_side():
    assert quadrant_of("high", "high") is Quadrant.MANAGE_CLOSELY
    assert quadrant_of("medium", "medium") is Quadrant.MANAGE_CLOSELY
    assert quadrant_of("high", "low") is Quadrant.KEEP_SATISFIED
    assert quadrant_of("medium", "low") is Quadrant.KEEP_SATISFIED
    assert quadrant_of("low", "high") is Quadrant.KEEP_INFORMED
    assert quadrant_of("low", "medium") is Quadrant.KEEP_INFORMED
    assert quadrant_of("low", "low") is Quadrant.MONITOR
    counts = {q: 0 for q in Quadrant}
    for influence in INFLUENCE_ROWS:
        for interest in INTEREST_COLUMNS:
            counts[quadrant_of(influence, interest)] += 1
    assert counts == {
        Quadrant.MANAGE_CLOSELY: 4,
        Quadrant.KEEP_SATISFIED: 2,
        Quadrant.KEEP_INFORMED: 2,
        Quadrant.MONITOR: 1,
    }


def test_people_land_in_their_cell_by_name_and_the_unrated_are_listed_apart():
    grid = power_interest_grid(
        [
            person(1, "Zoë", "high", "high"),
            person(2, "Anders", "high", "high"),
            person(3, "Maja", "low", "low"),
            person(4, "Olof", "low", None),
            person(5, "Henrik", None, "high"),
        ]
    )
    assert [p.name for p in grid.cells[("high", "high")]] == ["Anders", "Zoë"]
    assert [p.name for p in grid.cells[("low", "low")]] == ["Maja"]
    assert [p.name for p in grid.not_rated] == ["Henrik", "Olof"]
    assert len(grid.cells) == 9 and grid.cells[("medium", "low")] == ()
    assert [p.name for p in grid.people_in(Quadrant.MANAGE_CLOSELY)] == ["Anders", "Zoë"]
    assert [p.name for p in grid.people_in(Quadrant.MONITOR)] == ["Maja"]
