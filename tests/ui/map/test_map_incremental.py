"""Edits in one frame: the map updates only what an edit moved, and ends up exactly as a map
drawn afresh.

A generated account of about 300 people gets random re-parents, nudges, hand placements and
influence lines drawn and deleted; after every edit, and after every undo and redo of them all,
each card, reporting line and arrow stands exactly where a freshly built map puts it.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from keyplan.store.database import Database
from keyplan.store.demo import create_synthetic_portfolio
from keyplan.store.people import queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map.scene import MapScene

EDITS = 40


def biggest_family(db: Database) -> int:
    rows = queries.portfolio(db)
    family: dict[int, int] = {}
    for row in rows:
        top = row.id if row.parent_id is None else row.parent_id
        family[top] = family.get(top, 0) + row.people
    return max(family, key=family.__getitem__)


def picture(scene: MapScene) -> dict[str, object]:
    """Everything a user sees of the layout: card corners, reporting lines, arrow paths, and
    the people the cards show."""
    arrows = {}
    for line_id, arrow in scene.arrows.items():
        path = arrow._path
        arrows[line_id] = (
            arrow.isVisible(),
            tuple((path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())),
        )
    assert scene.chart is not None
    return {
        "cards": {pid: (card.x(), card.y(), card.isVisible()) for pid, card in scene.cards.items()},
        "lines": sorted((c.report_id, c.manager_id, c.points) for c in scene.chart.connectors),
        "drawn": sorted(
            (c.report_id, c.points)
            for lines in scene.reporting._members.values()
            for c in lines.values()
        ),
        "arrows": arrows,
        # The item's bounds (given by the chart's bounds after an edit) hold every strip.
        "lines in bounds": all(
            scene.reporting.boundingRect().contains(strip)
            for strip, _ in scene.reporting.drawn_strips()
        ),
        "dotted": scene.dotted.line_count(),
        "people": dict(scene.people),  # what each card shows and where it hangs
    }


def fresh_picture(document: PortfolioDocument, account_id: int) -> dict[str, object]:
    scene = MapScene(document)
    scene.show_account(account_id, with_affiliates=True)
    shown = picture(scene)
    scene.deleteLater()  # a scene left alive would follow the document's signals too
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return shown


def random_edit(scene: MapScene, document: PortfolioDocument, rng: random.Random) -> str:
    """One edit a user could make on the map: re-parent, nudge, place, give back, line."""
    people = sorted(scene.people)
    person = rng.choice(people)
    roll = rng.random()
    if roll < 0.45:
        manager = rng.choice(people)
        if manager == person or scene.refusal([person], manager):
            return "refused"
        document.move_people_under([person], manager)
        return "re-parent"
    card = scene.cards[person]
    if roll < 0.6:
        document.nudge_cards({person: (card.x() + rng.choice((-10.0, 10.0)), card.y())})
        return "nudge"
    if roll < 0.7:
        document.set_card_positions({person: (float(rng.randrange(-400, 4000)), 900.0)})
        return "place"
    if roll < 0.8:
        document.set_card_positions({person: None})
        return "give back"
    if roll < 0.9 or not scene.arrows:
        other = rng.choice([p for p in people if p != person])
        document.add_influence(person, other, "influences")
        return "line"
    document.delete_map_items([], [rng.choice(sorted(scene.arrows))])
    return "delete line"


@pytest.fixture
def big_map(db: Database, qtbot: object) -> tuple[MapScene, PortfolioDocument, int]:
    create_synthetic_portfolio(db, people=545)  # the biggest family holds 300 people
    document = PortfolioDocument(db)
    account_id = biggest_family(db)
    scene = MapScene(document)
    scene.show_account(account_id, with_affiliates=True)
    assert 250 <= len(scene.cards) <= 350
    return scene, document, account_id


def test_random_edits_undos_and_redos_leave_the_map_as_a_fresh_one_draws_it(
    big_map: tuple[MapScene, PortfolioDocument, int],
) -> None:
    scene, document, account_id = big_map
    rng = random.Random(20)
    made, in_place = [], []
    for _ in range(EDITS):
        made.append(random_edit(scene, document, rng))
        if made[-1] in ("re-parent", "nudge"):
            in_place.append(scene.layout_engine.moved is not None)
        assert picture(scene) == fresh_picture(document, account_id), made
    assert {"re-parent", "nudge", "place", "line"} <= set(made)
    # Most are laid out incrementally (a move that adds or empties the bottom row is not).
    assert sum(in_place) > len(in_place) / 2
    stack = document.undo_stack
    steps = stack.index()
    for _ in range(steps):
        stack.undo()
        assert picture(scene) == fresh_picture(document, account_id)
    for _ in range(steps):
        stack.redo()
        assert picture(scene) == fresh_picture(document, account_id)


def test_a_re_parent_moves_only_cards_the_layout_moved(
    big_map: tuple[MapScene, PortfolioDocument, int],
) -> None:
    scene, document, _account_id = big_map
    leaf = next(
        p.id
        for p in scene.people.values()
        if p.reports_to_id is not None
        and not any(q.reports_to_id == p.id for q in scene.people.values())
    )
    root = scene.main_root_id()
    assert root is not None
    before = {pid: card.pos() for pid, card in scene.cards.items()}
    document.move_people_under([leaf], root)
    assert scene.people[leaf].reports_to_id == root
    moved = scene.layout_engine.moved
    assert moved is not None and leaf in moved  # an incremental run, not a rebuild
    assert {pid for pid, card in scene.cards.items() if card.pos() != before[pid]} <= moved


def test_undo_and_redo_of_a_re_parent_are_incremental_too(
    big_map: tuple[MapScene, PortfolioDocument, int],
) -> None:
    scene, document, account_id = big_map
    leaf = next(
        p.id
        for p in scene.people.values()
        if p.reports_to_id is not None
        and not any(q.reports_to_id == p.id for q in scene.people.values())
    )
    old_manager = scene.people[leaf].reports_to_id
    root = scene.main_root_id()
    assert root is not None and root != old_manager
    document.move_people_under([leaf], root)
    document.undo_stack.undo()
    assert scene.people[leaf].reports_to_id == old_manager
    assert scene.layout_engine.moved is not None and leaf in scene.layout_engine.moved
    assert picture(scene) == fresh_picture(document, account_id)
    document.undo_stack.redo()
    assert scene.people[leaf].reports_to_id == root
    assert scene.layout_engine.moved is not None and leaf in scene.layout_engine.moved
    assert picture(scene) == fresh_picture(document, account_id)
