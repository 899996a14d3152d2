"""The stakeholder map as native PowerPoint shapes, drawn from the map's one drawing
description (``keyplan.domain.map``): the same cards, stance letters, lines and legend as the
PDF and the pictures (``map_shapes`` says what each becomes on a slide).

The slide makes the PDF's decision (``stakeholder_map.plan_in_frames``): the whole chart on one
slide when some layout (the screen's tree, stacked teams, team columns) shows names at
``MIN_SCALE`` or larger in the slide's body; else split by team exactly as the printed map is
(``split_into_pages``): the top of the organisation first, then a slide per large team, each
manager's card naming the slide its team is on.
"""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree
from pptx import Presentation
from pptx.slide import Slide

from keyplan.domain.layout import Box
from keyplan.domain.map.drawing import legend as map_legend
from keyplan.domain.map.shapes import MapDrawing
from keyplan.domain.matrix import position_label, vacancy_line
from keyplan.reports.deck import map_lines, map_shapes
from keyplan.reports.deck.map_legend import legend_group, legend_height
from keyplan.reports.deck.map_shapes import NS, Placement, ShapeIds
from keyplan.reports.deck.slides import BODY_BOTTOM, BODY_TOP, BODY_WIDTH, MARGIN, DeckFrame
from keyplan.reports.map.pages import PageRoom
from keyplan.reports.map.stakeholder_map import (
    MIN_SCALE,
    build_map,
    plan_in_frames,
    split_into_pages,
)
from keyplan.reports.plan.context import Context, label_of

LEGEND_GAP = 6.0  # points between the chart and the legend under it


def map_slides(deck: Presentation, frame: DeckFrame, ctx: Context, title: str) -> list[Slide]:
    """The map's slides: one when the chart reads on one slide, else one per team page."""
    model = build_map(ctx)
    if not model.people:
        return []
    legend = map_legend(model.internal)
    room_height = BODY_BOTTOM - BODY_TOP - legend_height(legend, BODY_WIDTH) - LEGEND_GAP
    plan = plan_in_frames(model, [("slide", BODY_WIDTH, room_height)])
    first_number = len(deck.slides) + 1
    slides = []
    if plan.one_page:
        slide = frame.slide(deck, title, _notes(ctx, plan.layout.boxes))
        _draw(slide, model.drawing(plan.layout), plan.scale, room_height)
        return [slide]
    room = PageRoom(BODY_WIDTH, room_height, MIN_SCALE)
    for index, page in enumerate(split_into_pages(model, room, room)):
        heading = title if index == 0 else f"{title}: {_caption(ctx, page.manager, page)}"
        slide = frame.slide(deck, heading, _notes(ctx, page.layout.boxes))
        notes = {
            person: f"Team of {page.team_size[person]} → slide {first_number + target}"
            for person, target in page.continued.items()
        }
        _draw(slide, model.drawing(page.layout, notes), page.scale, room_height)
        slides.append(slide)
    return slides


def _caption(ctx: Context, manager: int | None, page) -> str:
    if manager is None:
        return f"top of the chart ({page.chunk} of {page.chunks})"
    person = ctx.people_by_id[manager]
    text = f"team of {person['full_name']}"
    if page.chunks > 1:
        text += f" ({page.chunk} of {page.chunks})"
    return text


def _draw(slide: Slide, drawing: MapDrawing, scale: float, room_height: float) -> None:
    """The drawing centred in the room above the legend: lines first (a line never runs over
    a card's text), then the cards, then the legend. ``map_shapes`` and ``map_lines`` say what
    each drawing shape becomes."""
    bounds = drawing.bounds
    left = MARGIN + (BODY_WIDTH - bounds.width * scale) / 2
    top = BODY_TOP + max(0.0, (room_height - bounds.height * scale) / 2)
    at = Placement(left, top, bounds.x, bounds.y, scale)
    tree = slide.shapes._spTree
    ids = ShapeIds(slide.shapes._next_shape_id)
    cards: dict[int, tuple[int, tuple[float, float, float, float]]] = {}
    groups = []
    for card in drawing.cards:
        card_id, group = map_shapes.card_group(ids, card, at)
        x, y = at.point(card.x, card.y)
        cards[card.person_id] = (card_id, (x, y, card.width * scale, card.height * scale))
        groups.append(group)
    lines = [
        map_lines.reporting_connector(
            ids.next(), line, at, cards[line.manager_id], cards[line.report_id]
        )
        for line in drawing.reporting
        if line.manager_id in cards and line.report_id in cards
    ]
    names = {card.person_id: card.texts[0].text for card in drawing.cards if card.texts}
    lines += [
        map_lines.influence_line(
            ids.next(),
            line,
            at,
            f"{names.get(line.source_id, '?')}: {line.label.lower()} → "
            f"{names.get(line.target_id, '?')}",
        )
        for line in drawing.influence
    ]
    lines += [
        map_lines.dotted_line(
            ids.next(),
            line,
            at,
            f"{names.get(line.person_id, '?')}: also reports to {names.get(line.manager_id, '?')}",
        )
        for line in drawing.dotted
    ]
    legend_top = BODY_BOTTOM - legend_height(drawing.legend, BODY_WIDTH)
    legend = legend_group(ids, drawing.legend, (MARGIN, legend_top, BODY_WIDTH))
    # One parse per slide: thousands of small parses cost a large deck more than its drawing.
    holder = etree.fromstring(f"<p:spTree {NS}>{''.join([*lines, *groups, legend])}</p:spTree>")
    for element in list(holder):
        tree.append(element)


def _notes(ctx: Context, boxes: Mapping[int, Box]) -> str:
    """Who is on the slide, with the detail a card has no room for."""
    lines = []
    seats = {seat.id: seat for seat in ctx.plan.vacancies}
    for person_id in boxes:
        if person_id in seats:  # an open position: its title and when a hire is expected
            seat = seats[person_id]
            lines.append(f"{position_label(seat['job_title'])}: {vacancy_line(seat.vacancy_note)}")
            continue
        person = ctx.people_by_id[person_id]
        facts = [person["job_title"], person["department"]]
        if ctx.internal:
            facts += [
                label_of("stance", person["stance"])
                and f"stance {label_of('stance', person['stance'])}",
                person["influence"] and f"influence {person['influence']}",
                label_of("buying_role", person["buying_role"]),
                label_of("strength", person["strength"])
                and f"relationship {label_of('strength', person['strength'])}",
            ]
        if person.owners:
            facts.append(f"contact with us: {', '.join(person.owners)}")
        lines.append(f"{person['full_name']}: " + "; ".join(f for f in facts if f))
    return "\n".join(lines)
