"""A 24-person organisation prints its map on ONE page, names at 7.5 pt or more, with a legend.

The story from the issue: a director printed a 24-person org and got three pages ("the top,
then Team of 5 → page 6, Team of 8 → page 7"). Split pages are right for hundreds of people,
wrong when the whole chart fits one page at a legible size.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from keyplan.reports.export import export_pdf
from keyplan.reports.map.stakeholder_map import MIN_NAME_SIZE
from keyplan.store.database import open_database
from keyplan.store.map.edits import add_influence_line
from keyplan.store.people import edits

TODAY = date(2026, 11, 23)
CEO = "Clara Brandt"
# Five directors, each with a team; one team goes two levels deeper (24 people in all).
TEAMS = {
    "Dirk Vossen": ["Ute Kramer", "Lars Ebert", "Nina Roth"],
    "Petra Lang": ["Jonas Weber", "Mia Schulz", "Jan Vogel"],
    "Tobias Hahn": ["Eva Fischer", "Paul Richter", "Lea Wolf", "Tim Neumann"],
    "Sanne Berg": ["Olaf Krause", "Ida Möller"],
    "Hugo Falk": ["Rita Klein", "Ben Schwarz", "Zoe Braun"],
}
DEEPER = {"Eva Fischer": ["Kai Hofmann", "Lina Koch"], "Kai Hofmann": ["Max Bauer"]}
STANCES = ["champion", "supporter", "neutral", "skeptic", "blocker", "unknown"]


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory):
    db = open_database(tmp_path_factory.mktemp("org24") / "org.keyplan")
    account = edits.add_account(db, "Brandt Maschinen GmbH")
    ids: dict[str, int] = {}
    count = 0

    def add(name: str, boss: str | None, title: str) -> None:
        nonlocal count
        ids[name] = edits.add_stakeholder(
            db, account, name, job_title=title, department="Operations",
            reports_to_id=ids[boss] if boss else None, stance=STANCES[count % len(STANCES)],
        )  # fmt: skip
        count += 1

    add(CEO, None, "Geschäftsführerin")
    for director, team in TEAMS.items():
        add(director, CEO, "Director")
        for person in team:
            add(person, director, "Manager")
            for deeper in DEEPER.get(person, []):
                add(deeper, person, "Specialist")
                for deepest in DEEPER.get(deeper, []):
                    add(deepest, deeper, "Analyst")
    add_influence_line(db, ids["Dirk Vossen"], ids["Petra Lang"], "rival")  # neighbours
    add_influence_line(db, ids["Tobias Hahn"], ids[CEO], "influences")
    add_influence_line(db, ids["Sanne Berg"], ids["Hugo Falk"], "ally")
    assert len(ids) == 24
    yield db, account, ids
    db.close()


def _map_pages(pdf: Path, title: str = "Stakeholder map", after: str = "Stakeholders") -> list[int]:
    """The pages from the map section's heading to the next section's (after the contents)."""
    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    start = next(i for i, t in enumerate(texts) if i > 1 and title in t)
    end = next(i for i, t in enumerate(texts) if i > start and after in t.replace(title, ""))
    return list(range(start, end))


def _name_sizes(pdf: Path, page: int) -> dict[str, float]:
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, _font, font_size):
        scale_tm = (tm[0] ** 2 + tm[1] ** 2) ** 0.5
        scale_cm = (cm[0] ** 2 + cm[1] ** 2) ** 0.5
        if text.strip():
            key = text.strip()
            sizes[key] = min(sizes.get(key, 99.0), font_size * scale_tm * scale_cm)

    PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("variant", ["internal", "customer"])
def test_a_24_person_org_prints_on_one_page_with_every_name_at_7_5_pt(
    org, tmp_path, paper, variant
):
    db, account, ids = org
    # Everyone on the customer's map: by default it shows only the people we work with, and
    # nobody owns or has met anyone of this org.
    pdf = export_pdf(db, account, variant, tmp_path / "plan.pdf", today=TODAY, page_size=paper,
                     people_shown="all")  # fmt: skip
    if variant == "customer":
        pages = _map_pages(pdf, "Your organisation", "People we work with")
    else:
        pages = _map_pages(pdf)
    assert len(pages) == 1
    sizes = _name_sizes(pdf, pages[0])
    for name in ids:
        assert name in sizes, name
        assert sizes[name] >= MIN_NAME_SIZE - 0.01, (name, sizes[name])


def test_the_one_page_map_carries_its_legend_and_the_stance_letters(org, tmp_path):
    db, account, _ids = org
    pdf = export_pdf(db, account, "internal", tmp_path / "plan.pdf", today=TODAY)
    page = _map_pages(pdf)[0]
    text = PdfReader(pdf).pages[page].extract_text()
    for words in ("Champion", "Blocker", "Influences", "Rival / conflict", "Ally", "Sponsor"):
        assert words in text
    letters = {t for t in _name_sizes(pdf, page) if len(t) == 1}
    assert {"C", "S", "N", "K", "B", "?"} <= letters  # one letter per stance, on the cards
