"""A director reads Aldermark on the Overview, the Insights tab, the map, a pasted SVG, a CSV
and the printed plan: each says the same about who is a champion, who is overdue for a call,
who was never contacted, and which badge a buying role wears."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

from keyplan.domain.insights import FindingKind, relationship_health
from keyplan.domain.relationships import ContactDue, is_champion
from keyplan.domain.vocabulary import ROLE_BADGE_KEY, ROLE_BADGES, BuyingRole, Stance
from keyplan.exchange.map import design as map_design
from keyplan.exchange.map.svg import map_svg
from keyplan.exchange.transfer.csv_export import CsvTable, build_sheet
from keyplan.reports.export import export_pdf
from keyplan.store.database import Database, open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.insights.queries import account_facts
from keyplan.store.map.queries import map_data
from keyplan.store.people.queries import find_account
from keyplan.store.shell import quick_reads
from keyplan.ui.map.card_face import card_face
from keyplan.ui.people.overview_tab import glance_text

sys.path.insert(0, str(Path(__file__).parents[1] / "reports"))
from pdf_sample import pdf_text

TODAY = date(2026, 11, 23)
ACCOUNT = "Aldermark Group"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    database = open_database(tmp_path_factory.mktemp("agree") / "demo.db")
    create_demo_portfolio(database, today=TODAY)
    yield database
    database.close()


@pytest.fixture(scope="module")
def printed(demo: Database, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("agree-pdf")
    path = export_pdf(
        demo, find_account(demo, ACCOUNT), "internal", folder / "plan.pdf", today=TODAY
    )
    return pdf_text(path)


def test_the_overview_the_insights_and_the_csv_count_the_same_champions(demo, qapp):
    account_id = find_account(demo, ACCOUNT)
    people = [p for p in account_facts(demo, account_id).people if not p.has_left]
    champions = sum(is_champion(p.stance, p.buying_role) for p in people)
    assert champions > 0

    glance = quick_reads.account_glance(demo, account_id, TODAY)
    assert glance.champions == champions
    assert f"{champions} champion" in glance_text(glance, {})

    sheet = build_sheet(demo, account_id, CsvTable.PEOPLE, with_affiliates=True)
    column = {name: index for index, name in enumerate(sheet.header)}
    in_csv = [
        row
        for row in sheet.rows
        if row[column["Has left the company"]].lower() not in ("yes", "true", "1")
    ]
    assert len(in_csv) == len(people)
    assert champions == sum(
        is_champion(
            Stance.from_text(row[column["Stance"]]),
            BuyingRole.from_text(row[column["Buying role"]]),
        )
        for row in in_csv
    )


def test_the_map_the_svg_the_csv_and_the_insights_agree_on_overdue_and_never_contacted(demo, qapp):
    account_id = find_account(demo, ACCOUNT)
    health = relationship_health(account_facts(demo, account_id), TODAY)
    stale = [f for f in health.findings if f.kind is FindingKind.STALE]
    overdue = {f.person_id for f in stale if not f.never_contacted}
    never = {f.person_id for f in stale if f.never_contacted}
    assert overdue and never  # the demo has both, or this test would prove nothing

    data = map_data(demo, account_id, with_affiliates=True)
    marks = {p.id: map_design.contact_mark(p, TODAY) for p in data.people}
    assert {pid for pid, mark in marks.items() if mark is ContactDue.OVERDUE} == overdue
    assert {pid for pid, mark in marks.items() if mark is ContactDue.NEVER_CONTACTED} == never

    faces = {p.id: card_face(p, None, TODAY) for p in data.people}  # what the screen paints
    assert {pid for pid, face in faces.items() if face.stale} == overdue
    assert {pid for pid, face in faces.items() if face.never_contacted} == never

    svg = map_svg(data, title=ACCOUNT, today=TODAY)
    assert svg.count(f'<g stroke="{map_design.STALE_COLOUR}"') == len(overdue)  # clocks
    assert svg.count('stroke-dasharray="1.6,1.6"') == len(never)  # dashed rings

    names = {p.id: p.full_name for p in data.people}
    sheet = build_sheet(demo, account_id, CsvTable.PEOPLE, with_affiliates=True)
    last = {row[sheet.header.index("Name")]: row[-1] for row in sheet.rows}
    assert all(last[names[pid]] == "" for pid in never)
    assert all(last[names[pid]] != "" for pid in overdue)


def test_the_printed_findings_name_the_people_the_map_marks(demo, printed):
    account_id = find_account(demo, ACCOUNT)
    health = relationship_health(account_facts(demo, account_id), TODAY)
    data = map_data(demo, account_id, with_affiliates=True)
    people = {p.id: p for p in data.people}
    shown = [f for f in health.findings if f.kind is FindingKind.STALE][:2]  # the PDF lists two
    for finding in shown:
        assert finding.reason in printed
        mark = map_design.contact_mark(people[finding.person_id], TODAY)
        assert mark is (
            ContactDue.NEVER_CONTACTED if finding.never_contacted else ContactDue.OVERDUE
        )


def test_the_screen_the_svg_and_the_pdf_wear_the_same_badges(demo, printed, qapp):
    account_id = find_account(demo, ACCOUNT)
    data = map_data(demo, account_id, with_affiliates=True)
    # A badge of a rating without recent evidence ends in "?" ("INF?"), the same everywhere.
    on_screen = {b.text.rstrip("?") for p in data.people for b in card_face(p, None, TODAY).badges}
    svg = map_svg(data, title=ACCOUNT, today=TODAY)
    words = set(re.findall(r">([A-Z]{1,3})\??</text>", svg))
    roles = set(ROLE_BADGES.values()) & on_screen
    assert {"CH", "INF", "DM"} <= roles
    assert roles <= words
    assert ROLE_BADGE_KEY in printed  # the PDF's legend
    printed_words = set(re.findall(r"\b[A-Z]{1,3}\b", printed))
    assert roles <= printed_words
    assert not {"CC", "IN"} & printed_words
