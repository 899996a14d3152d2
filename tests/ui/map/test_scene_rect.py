"""The map's scene rect across edits: it keeps still while it fits the chart closely (a new
rect makes Qt index every card again), and follows the chart when it no longer does."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from keyplan.ui.map.scene_rect import SCENE_RECT_SLACK


def test_redoing_a_drop_keeps_the_scene_rect_that_still_holds_the_chart_closely(
    hand, small_portfolio, olaf
):
    scene = hand.tab.scene
    scene.document.move_person_under(olaf, small_portfolio.harald)
    hand.undo()  # Olaf reports to nobody again: the scene grows to hold him on the right
    assert scene.people[olaf].reports_to_id is None
    grown = QRectF(scene.sceneRect())
    assert grown.contains(scene.content_rect())
    hand.redo()  # he hangs under Harald again: the chart is a little narrower than the scene
    assert scene.people[olaf].reports_to_id == small_portfolio.harald
    assert scene.sceneRect() == grown
    assert grown.contains(scene.content_rect())


def test_a_chart_much_narrower_than_the_scene_gets_a_new_rect_on_the_next_edit(
    hand, small_portfolio, olaf
):
    scene = hand.tab.scene
    wide = scene.sceneRect().adjusted(-3 * SCENE_RECT_SLACK, 0.0, 3 * SCENE_RECT_SLACK, 0.0)
    scene.setSceneRect(wide)
    scene.document.move_person_under(olaf, small_portfolio.harald)
    assert scene.sceneRect() != wide
    assert scene.sceneRect().contains(scene.content_rect())
    assert scene.sceneRect().width() < wide.width() - 4 * SCENE_RECT_SLACK
