"""The scene's influence arrows (and dotted lines): kept in step with its lines, run to cards.

An influence line drawn or deleted adds or removes that arrow alone; cards that move take only
the arrows touching them along.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from keyplan.ui.map.line_items import InfluenceArrow

if TYPE_CHECKING:  # the scene imports this module
    from keyplan.ui.map.scene import MapScene


def sync_arrows(scene: MapScene) -> set[int]:
    """Make the scene's arrows match its lines: unchanged lines keep their arrow, the others
    are removed or made. Returns the ids of the lines whose arrow is new."""
    people, arrows = scene.people, scene.arrows
    wanted = {
        line.id: line for line in scene.lines if line.from_id in people and line.to_id in people
    }
    for line_id in [i for i, arrow in arrows.items() if wanted.get(i) != arrow.line]:
        scene.removeItem(arrows.pop(line_id))
    made: set[int] = set()
    for line_id, line in wanted.items():
        if line_id not in arrows:
            arrow = InfluenceArrow(line, (scene.name_of(line.from_id), scene.name_of(line.to_id)))
            scene.addItem(arrow)
            arrows[line_id] = arrow
            made.add(line_id)
    return made


def place_arrows(
    scene: MapScene, moved: set[int] | None = None, lines: set[int] = frozenset()
) -> None:
    """Run the arrows to their cards (only those touching ``moved`` cards, and the ``lines``
    given, when ``moved`` is given), and the dotted lines to theirs."""
    scene.dotted.setVisible(scene.lines_visible)
    if scene.lines_visible:
        scene.dotted.place(scene.card_rect)
    for arrow in scene.arrows.values():
        if (
            moved is not None
            and arrow.line.id not in lines
            and arrow.line.from_id not in moved
            and arrow.line.to_id not in moved
        ):
            continue
        source = scene.card_rect(arrow.line.from_id)
        target = scene.card_rect(arrow.line.to_id)
        shown = scene.lines_visible and source is not None and target is not None
        arrow.setVisible(shown)
        if shown:
            arrow.set_ends(source, target)
