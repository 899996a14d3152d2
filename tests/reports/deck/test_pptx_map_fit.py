"""The deck's map makes the PDF's choice on a slide: the whole chart on one slide when names
read at 7.5 pt or more, else a slide per team; cards stay in the body above the legend, and
every name fits its card."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from keyplan.reports.deck.export import export_pptx
from keyplan.reports.deck.slides import BODY_BOTTOM, BODY_TOP, text_width
from keyplan.reports.map.stakeholder_map import MIN_NAME_SIZE
from keyplan.store.database import open_database
from keyplan.store.people import edits

STANCES = ["champion", "supporter", "neutral", "skeptic", "blocker", "unknown"]


def _org(folder: Path, directors: int, reports: int) -> tuple[Path, int]:
    path = folder / "org.keyplan"
    db = open_database(path)
    account = edits.add_account(db, "Brandt Maschinen GmbH")
    count = 0

    def add(name: str, boss: int | None, title: str) -> int:
        nonlocal count
        count += 1
        return edits.add_stakeholder(
            db, account, name, job_title=title, department="Operations",
            reports_to_id=boss, stance=STANCES[count % len(STANCES)],
        )  # fmt: skip

    ceo = add("Clara Brandt", None, "Geschäftsführerin")
    for d in range(directors):
        director = add(f"Director Number {d}", ceo, "Director")
        for r in range(reports):
            add(f"Manager {d}-{r} Mustermann-Oberländer", director, "Manager")
    db.close()
    return path, account


def _map_slides(path: Path):
    slides = list(Presentation(str(path)).slides)
    return [s for s in slides if any(x.name == "Legend" for x in s.shapes)]


def _cards(slide):
    for group in slide.shapes:
        if group.shape_type == MSO_SHAPE_TYPE.GROUP and group.name != "Legend":
            card = next(s for s in group.shapes if s.name.startswith("Card"))
            yield card, group


def _check_slide(slide) -> None:
    legend = next(s for s in slide.shapes if s.name == "Legend")
    top, bottom = Emu(round(BODY_TOP * 12700)), legend.top
    assert bottom <= Emu(round(BODY_BOTTOM * 12700))
    for card, group in _cards(slide):
        assert group.top >= top and group.top + group.height <= bottom, card.text_frame.text
        name = card.text_frame.paragraphs[0].runs[0]
        size = name.font.size.pt
        assert size >= MIN_NAME_SIZE - 0.01
        # The name is cut to its room: it never runs out of the card.
        room = (card.width - card.text_frame.margin_left - card.text_frame.margin_right) / 12700
        assert text_width(name.text, size, True) <= room, name.text
        letters = [s.text_frame.text for s in group.shapes if s.name.startswith("Stance ")]
        assert len(letters) == 1 and (letters[0].rstrip("?") or "?") in "CSNKB?"


@pytest.mark.parametrize(("directors", "reports", "slides"), [(5, 3, 1), (6, 14, None)])
def test_the_map_is_one_slide_when_it_reads_else_a_slide_per_team(
    tmp_path, directors, reports, slides
):
    db_path, account = _org(tmp_path, directors, reports)
    db = open_database(db_path)
    try:
        out = export_pptx(db, account, "internal", tmp_path / "plan.pptx")
    finally:
        db.close()
    found = _map_slides(out)
    if slides is not None:
        assert len(found) == slides
    else:
        assert len(found) > 1
    people = 1 + directors * (1 + reports)
    # Everyone is on the map (a team's manager again heads the team's own slide).
    names = {card.text_frame.paragraphs[0].text for slide in found for card, _g in _cards(slide)}
    assert len(names) == people
    for slide in found:
        _check_slide(slide)
