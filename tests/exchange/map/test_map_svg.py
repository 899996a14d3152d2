"""The map as an SVG drawing: valid XML, every name as text, the design the screen uses."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import replace
from datetime import date

from keyplan.domain.relationships import ContactDue
from keyplan.exchange.map import design as map_design
from keyplan.exchange.map.svg import OneDecimal, fit, map_svg, text_width
from keyplan.store.map.rows import MapAccount, MapData, MapLine, MapPerson

SVG = "{http://www.w3.org/2000/svg}"
TODAY = date(2026, 11, 23)


def person(pid, name, manager=None, account=1, **extra) -> MapPerson:
    values = dict(
        id=pid, account_id=account, full_name=name, job_title=None, department=None,
        level=None, reports_to_id=manager, buying_role="none", influence=None,
        stance="unknown", strength=0, has_left=False, contact_frequency_days=None,
        map_position=None, owners=(), last_contact=None,
    )  # fmt: skip
    values.update(extra)
    return MapPerson(**values)


def sample() -> MapData:
    return MapData(
        account_id=1,
        accounts={1: MapAccount(1, "Acme", None, None), 2: MapAccount(2, "Acme FR", "France", 1)},
        people=[
            person(
                1,
                "Ingrid <Olsen> & Co",
                buying_role="decision_maker",
                stance="champion",
                evidence=(("buying_role", "decision_maker", TODAY), ("stance", "champion", TODAY)),
            ),
            person(2, "Harald Berg", 1, owners=("Ana Costa",), last_contact=TODAY),
            person(3, "佐藤 花子", 2, account=2, has_left=True),
        ],
        lines=[MapLine(1, 3, 1, "rival", 3, None), MapLine(2, 2, 1, "mentor", 1, "weekly")],
    )


def texts(svg: str) -> set[str]:
    root = ElementTree.fromstring(svg)
    return {"".join(node.itertext()) for node in root.iter(f"{SVG}text")}


def test_the_svg_parses_and_holds_every_name_as_text():
    svg = map_svg(sample(), title="Acme — stakeholder map", today=TODAY)
    found = texts(svg)
    assert {"Ingrid <Olsen> & Co", "Harald Berg", "佐藤 花子", "Acme — stakeholder map"} <= found
    assert {"DM", "AC", "France", "LEFT"} <= found  # role badge, owner, affiliate, who left


def test_only_the_people_shown_are_drawn_and_lines_can_be_left_out():
    data = sample()
    svg = map_svg(data, title="t", today=TODAY, people=data.people[:2], with_lines=False)
    assert "佐藤 花子" not in texts(svg)
    chart = svg.split('<g transform="translate(', 1)[1]  # below the legend's samples
    assert "<polygon" not in chart and "<title>" not in chart  # no arrow heads, no lines


def test_long_texts_are_shortened_to_fit():
    long_title = "Senior Vice President Global Procurement and Supplier Relationships"
    short = fit(long_title, 11.0, 177.0)
    assert short.endswith("…") and text_width(short, 11.0) <= 177.0
    assert fit("CEO", 11.0, 177.0) == "CEO"


def test_the_design_matches_the_people_table_and_the_insights():
    from keyplan.ui.people.people_model import STANCE_COLOURS

    assert {k: v.name() for k, v in STANCE_COLOURS.items()} == map_design.STANCE_EDGE


def test_staleness_follows_the_persons_contact_frequency():
    every_30 = person(1, "A", contact_frequency_days=30, last_contact=date(2026, 10, 1))
    assert map_design.is_stale(every_30, TODAY)
    known = person(1, "B", strength=1, last_contact=date(2026, 10, 1))
    assert not map_design.is_stale(known, TODAY)  # 53 days: within the default 90
    assert map_design.is_stale(replace(known, last_contact=date(2026, 8, 1)), TODAY)
    assert not map_design.is_stale(replace(known, has_left=True, last_contact=None), TODAY)


def test_a_person_never_met_is_never_contacted_not_stale_as_in_the_health_score():
    # This test used to pin the opposite ("never contacted counts as stale"): the map put a
    # clock on people nobody had met, while the Insights tab says "has never been contacted".
    acquaintance = person(1, "Erik Lund", strength=1)
    assert not map_design.is_stale(acquaintance, TODAY)
    assert map_design.contact_mark(acquaintance, TODAY) is ContactDue.NEVER_CONTACTED


def test_a_stranger_gets_no_marker_and_a_planned_meeting_is_not_contact():
    stranger = person(1, "Tom Berg", last_contact=date(2025, 1, 1))  # met once, long ago
    assert map_design.contact_mark(stranger, TODAY) is None
    assert map_design.contact_mark(replace(stranger, last_contact=None), TODAY) is None
    planned = person(2, "Dana", buying_role="decision_maker", last_contact=date(2026, 12, 1))
    assert map_design.contact_mark(planned, TODAY) is ContactDue.NEVER_CONTACTED


def test_the_svg_draws_the_clock_for_overdue_and_a_dashed_ring_for_never_contacted():
    overdue = person(1, "Rob", strength=2, last_contact=date(2026, 1, 5))
    never = person(2, "Mia", 1, strength=2)
    data = MapData(1, {1: MapAccount(1, "Acme", None, None)}, [overdue, never], [])
    svg = map_svg(data, title="t", today=TODAY)
    assert svg.count(f'<g stroke="{map_design.STALE_COLOUR}"') == 1  # one clock, for Rob
    assert svg.count('stroke-dasharray="1.6,1.6"') == 1
    assert "clock: contact overdue" in svg and "dashed ring: never contacted" in svg


def test_a_dotted_line_and_an_open_position_are_drawn_and_the_layout_ignores_the_line():
    from keyplan.store.map.rows import DottedLink

    data = replace(
        sample(),
        people=[*sample().people, person(4, "CFO", 1, job_title="CFO", is_vacancy=True,
                                         vacancy_note="hire expected Q3")],
        dotted=[DottedLink(2, 4)],
    )  # fmt: skip
    with_dotted = map_svg(data, title="Acme", today=TODAY)
    root = ElementTree.fromstring(with_dotted.encode("utf-8"))
    [line] = [p for p in root.iter(f"{SVG}path") if p.get("class") == "dotted-line"]
    assert line.get("stroke-dasharray") and line.get("stroke-linecap") == "round"
    [seat] = [g for g in root.iter(f"{SVG}g") if g.get("class") == "vacancy"]
    texts = [t.text for t in seat.iter(f"{SVG}text")]
    assert texts[:2] == ["CFO", "Vacant · hire expected Q3"]
    without = map_svg(replace(data, dotted=[]), title="Acme", today=TODAY)
    cards = re.findall(r'<g (?:class="vacancy" )?transform="translate\([^)]*\)"', with_dotted)
    assert cards == re.findall(r'<g (?:class="vacancy" )?transform="translate\([^)]*\)"', without)
    assert "dotted-line" not in map_svg(data, title="Acme", today=TODAY, with_lines=False)


def test_a_rating_without_recent_evidence_draws_a_dashed_card_and_a_question_mark():
    ingrid = sample().people[0]
    data = replace(sample(), people=[
        ingrid,
        replace(ingrid, id=5, full_name="Dana", review_cadence_days=90,
                evidence=(("stance", "champion", date(2025, 1, 2)),)),
    ])  # fmt: skip
    svg = map_svg(data, title="Acme", today=TODAY)
    root = ElementTree.fromstring(svg)
    cards = {
        name: g
        for g in root.iter(f"{SVG}g")
        if (g.get("transform") or "").startswith("translate")
        for name in ("Ingrid", "Dana")
        if name in "".join(g.itertext())
    }
    certain, doubtful = cards["Ingrid"], cards["Dana"]
    dashed = [r for r in doubtful.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].get("stroke") == map_design.INK  # dark: reads in grey
    assert not [r for r in certain.iter(f"{SVG}rect") if r.get("stroke-dasharray")]
    doubtful_texts = {"".join(t.itertext()) for t in doubtful.iter(f"{SVG}text")}
    # The stance letter takes the "?" (its evidence is 23 months old); the role was never seen.
    assert {"C?", "DM?"} <= doubtful_texts and "C" not in doubtful_texts
    assert {"C", "DM"} <= {"".join(t.itertext()) for t in certain.iter(f"{SVG}text")}
    assert "Dashed dark card: a rating without evidence" in svg  # the legend says so


def test_numbers_are_written_once_each_and_zero_keeps_its_sign():
    numbers = OneDecimal()
    assert [numbers[12.34], numbers[12.34], numbers[-0.04]] == ["12.3", "12.3", "-0.0"]
    assert [numbers[0.0], numbers[-0.0], numbers[0.0]] == ["0.0", "-0.0", "0.0"]  # one dict key
    assert 12.34 in numbers and 0.0 not in numbers
