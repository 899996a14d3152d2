"""The org chart on paper, for the demo's Aldermark Group (64 people, an umbrella of 3).

A director prints the plan for a customer meeting: every name must read on paper, no card may
be cut by a page edge, and the pages must follow the organisation (an overview of the whole
organisation, then the CEO with his direct reports, then a page per large team, each starting
with its manager). A smaller organisation prints on one page: see test_pdf_map_one_page.py.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from keyplan.domain.map.drawing import NAME_SIZE, legend
from keyplan.reports.export import export_pdf
from keyplan.reports.fonts import ensure_fonts
from keyplan.reports.map.legend import MapLegend
from keyplan.reports.map.map_flowables import MapPageFlowable
from keyplan.reports.map.stakeholder_map import (
    MIN_NAME_SIZE,
    build_map,
    map_section,
)
from keyplan.reports.plan.context import Context
from keyplan.reports.styles import page_size
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people.queries import find_account
from keyplan.store.plan.queries import load_plan

TODAY = date(2026, 11, 23)
CEO = "Henrik Dahlgren"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("demo") / "demo.keyplan"
    db = open_database(path)
    create_demo_portfolio(db)
    account_id = find_account(db, "Aldermark Group")
    ensure_fonts()
    yield db, account_id
    db.close()


def _context(demo, internal: bool) -> Context:
    db, account_id = demo
    return Context(load_plan(db, account_id, TODAY), page_size("A4"), internal)


def _map_pages(ctx: Context) -> list[MapPageFlowable]:
    return [f for f in map_section(ctx, "map", "Stakeholder map") if isinstance(f, MapPageFlowable)]


def _names(ctx: Context, page: MapPageFlowable) -> set[str]:
    return {ctx.people_by_id[i]["full_name"] for i in page.page.layout.boxes}


@pytest.mark.parametrize("internal", [True, False], ids=["internal", "customer"])
def test_every_card_is_whole_on_one_page_and_its_name_prints_at_least_7_5_pt(demo, internal):
    ctx = _context(demo, internal)
    width, height = ctx.landscape_frame
    pages = _map_pages(ctx)
    assert len(pages) > 1  # 64 people do not read on one page
    # Every team page carries the legend's sample rows above its chart.
    height -= MapLegend(legend(internal), width, compact=True).wrap(width, height)[1]
    seen: list[int] = []
    continued: list[int] = []
    for page in pages:
        # A continuation page has the whole frame; it must fit there, scale unchanged.
        drawn_width, drawn_height = page.wrap(width, height)
        assert drawn_width <= width + 0.01 and drawn_height <= height + 0.01
        assert page.scale == pytest.approx(page.page.scale)
        assert NAME_SIZE * page.scale >= MIN_NAME_SIZE >= 7
        bounds = page.page.layout.bounds
        for box in page.page.layout.boxes.values():
            assert bounds.x <= box.x and box.right <= bounds.right
            assert bounds.y <= box.y and box.bottom <= bounds.bottom
        seen += [i for i in page.page.layout.boxes if i != page.page.manager or page is pages[0]]
        continued += list(page.page.continued)
    # Everyone once (and every open position), and a manager whose team continues once more,
    # at the top of that page.
    assert sorted(seen) == sorted(p.id for p in (*ctx.present_people, *ctx.plan.vacancies))
    assert len(continued) == len(set(continued)) >= 5


def test_the_first_page_is_the_ceo_with_all_his_direct_reports(demo):
    ctx = _context(demo, internal=True)
    pages = _map_pages(ctx)
    ceo = next(p for p in ctx.present_people if p["full_name"] == CEO)
    direct = {p["full_name"] for p in ctx.present_people if p["reports_to_id"] == ceo.id}
    assert len(direct) == 7
    assert {CEO, *direct} <= _names(ctx, pages[0])


def test_each_continued_team_starts_with_its_manager_on_the_page_the_note_gives(demo):
    ctx = _context(demo, internal=True)
    model = build_map(ctx)
    pages = _map_pages(ctx)
    for page in pages:
        for person, target in page.page.continued.items():
            assert target > pages.index(page)
            assert pages[target].page.manager == person
            below = {i for i, boss in model.manager_of.items() if boss == person}
            assert below <= set(pages[target].page.layout.boxes)


def test_every_page_draws_the_line_from_each_card_to_its_manager_on_that_page(demo):
    # The planner tries its layouts without lines and routes only the pages it keeps.
    ctx = _context(demo, internal=True)
    model = build_map(ctx)
    pages = _map_pages(ctx)
    assert len(pages) > 1
    for page in pages:
        boxes = page.page.layout.boxes
        wanted = {(model.manager_of[i], i) for i in boxes if model.manager_of.get(i) in boxes}
        drawn = {(line.manager_id, line.report_id) for line in page.page.layout.connectors}
        assert wanted and drawn == wanted


@pytest.fixture(scope="module")
def internal_pdf(demo, tmp_path_factory) -> Path:
    db, account_id = demo
    out = tmp_path_factory.mktemp("pdf") / "internal.pdf"
    return export_pdf(db, account_id, "internal", out, today=TODAY)


def test_in_the_printed_plan_page_numbers_in_the_notes_lead_to_the_teams(internal_pdf):
    reader = PdfReader(internal_pdf)
    texts = [page.extract_text() for page in reader.pages]
    overview = next(i for i, t in enumerate(texts) if "Overview of the whole organisation" in t)
    first = next(i for i, t in enumerate(texts) if f"Team of {CEO}" in t)
    assert first == overview + 1  # the overview first, then the top of the chart
    notes = re.findall(r"Team of (\d+) → page (\d+)", texts[first])
    assert len(notes) >= 3  # the three largest teams continue on their own pages
    for _team, number in notes:
        target = texts[int(number) - 1]
        assert "Team of " in target and f"reports to {CEO}" in target


def test_in_the_printed_plan_no_name_on_the_map_pages_is_smaller_than_7_5_pt(internal_pdf):
    reader = PdfReader(internal_pdf)
    texts = [page.extract_text() for page in reader.pages]
    start = next(i for i, t in enumerate(texts) if f"Team of {CEO}" in t)  # after the overview
    end = next(i for i, t in enumerate(texts) if t.find("Stakeholders") >= 0 and i > start)
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, _font, font_size):
        scale_tm = (tm[0] ** 2 + tm[1] ** 2) ** 0.5
        scale_cm = (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            key = text.strip()
            sizes[key] = min(sizes.get(key, 99.0), font_size * scale_tm * scale_cm)

    for index in range(start, end):
        reader.pages[index].extract_text(visitor_text=visit)
    for name in (CEO, "Marcus Feld", "Mathieu Bernard", "Dr. Katharina Weiß"):
        assert name in sizes, name
        assert sizes[name] >= MIN_NAME_SIZE - 0.01, (name, sizes[name])


def test_the_open_positions_are_dashed_seats_on_the_map_and_the_dotted_lines_are_kept(demo):
    ctx = _context(demo, internal=True)
    model = build_map(ctx)
    seats = {seat.id for seat in ctx.plan.vacancies}
    assert len(seats) == 1  # the maintenance manager's seat in Campinas (another: Meridian)
    assert all(model.by_id[s].is_vacancy for s in seats)
    assert len(model.dotted) == 2  # Lyon's and Campinas' IT heads to the group CIO
    drawing = ctx.map_plan.model.drawing(ctx.map_plan.layout)
    cards = {card.person_id: card for card in drawing.cards}
    assert seats <= set(cards)
    for seat in seats:  # the drawing's dashed seat: "Vacant · note" under the title
        assert cards[seat].vacant and cards[seat].edge_dashes
        assert cards[seat].texts[1].text == "Vacant · hire expected Q3"
    assert {(d.person_id, d.manager_id) for d in drawing.dotted} == set(model.dotted)
    people = {p.id for p in ctx.present_people}
    assert not seats & people  # an open position is never one of the people


def test_the_people_section_lists_the_open_position_as_vacant_apart_from_the_people(demo):
    from keyplan.reports.plan.sections_people import stakeholders

    ctx = _context(demo, internal=True)
    story = stakeholders(ctx, "people", "Stakeholders")
    texts = [getattr(f, "text", "") for f in story]
    [line] = [t for t in texts if "open position" in t]
    assert line.startswith("1 open position, not counted among the people: ")
    assert "Gerente de manutenção — vacant (hire expected Q3, reports to Paulo Nascimento)" in line
    table = next(f for f in story if hasattr(f, "_cellvalues"))
    names = [str(row[0]) for row in table._cellvalues]
    assert any("Vacant" in name for name in names)
