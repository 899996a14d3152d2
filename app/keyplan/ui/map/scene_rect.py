"""The map scene's rect: the chart with room around it, kept still while the user edits.

The half view around the chart lets any card be scrolled to the middle of the view (to zoom
around it). After an edit the rect is kept while it still fits the chart closely: Qt indexes
every card again for a new scene rect, which cost a re-parent on 2,000 cards more than moving
the few hundred cards it shifts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from keyplan.ui.map import style

if TYPE_CHECKING:  # the scene imports this module
    from keyplan.ui.map.scene import MapScene

SCENE_MARGIN = 160.0
# After an edit the scene keeps its rect while that holds the chart with at most this much to
# spare on each side (about two cards).
SCENE_RECT_SLACK = 2 * style.CARD_WIDTH


def fit_scene_rect(scene: MapScene, *, keep_views: bool) -> None:
    """Fit the scene to the chart: a margin above, half a view left, right and below.

    With ``keep_views`` (an edit, not a new map) the scene also covers what each view shows
    now and each view keeps its centre: the picture stays still while the cards move; and
    the scene keeps its rect when that still fits (``SCENE_RECT_SLACK``).
    """
    b = scene.chart.bounds if scene.chart is not None else None
    wanted = QRectF(b.x, b.y, b.width, b.height) if b is not None else QRectF()
    wanted.adjust(-SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
    centres = []
    for view in scene.views():
        shown = view.mapToScene(view.viewport().rect()).boundingRect()
        if scene.cards:
            half_w, half_h = shown.width() / 2, shown.height() / 2
            wanted = wanted.adjusted(-half_w, 0.0, half_w, half_h)
        if keep_views:
            centres.append((view, shown.center()))
            wanted = wanted.united(shown)
    if not (keep_views and _fits_closely(scene.sceneRect(), wanted)):
        scene.setSceneRect(wanted)
    for view, centre in centres:
        view.centerOn(centre)


def _fits_closely(rect: QRectF, wanted: QRectF) -> bool:
    """Whether ``rect`` holds ``wanted`` with at most ``SCENE_RECT_SLACK`` to spare each side."""
    return (
        rect.contains(wanted)
        and wanted.left() - rect.left() <= SCENE_RECT_SLACK
        and wanted.top() - rect.top() <= SCENE_RECT_SLACK
        and rect.right() - wanted.right() <= SCENE_RECT_SLACK
        and rect.bottom() - wanted.bottom() <= SCENE_RECT_SLACK
    )
