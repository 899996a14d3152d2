"""The PowerPoint decks, read back as PowerPoint reads them (python-pptx) and rendered by
LibreOffice: a title slide, the map as native editable shapes, tables that fit, notes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree
from pdf_sample import ACCOUNT, GIORGOS, NAMES, TODAY, ZOE, deck_text
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.util import Emu
from pypdf import PdfReader

from keyplan.reports.deck.export import export_pptx
from keyplan.reports.deck.slides import BODY_BOTTOM
from keyplan.store.models import RelationshipOwner, TeamMember
from keyplan.store.people import edits

SIXTEEN_NINE = (Emu(12192000), Emu(6858000))  # 13.333 × 7.5 in


def _slides(path: Path):
    return list(Presentation(str(path)).slides)


def _title(slide) -> str:
    texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text]
    return texts[0] if texts else ""


def _map_slides(path: Path):
    return [s for s in _slides(path) if _title(s).startswith(("Stakeholder map", "Your organ"))]


@pytest.mark.parametrize("name", ["internal", "customer", "brief"])
def test_every_deck_is_16_9_with_a_title_slide_naming_the_account(decks, name):
    deck = Presentation(str(decks[name]))
    assert (deck.slide_width, deck.slide_height) == SIXTEEN_NINE
    first = deck.slides[0]
    assert _title(first) == ACCOUNT
    kind = {"internal": "Account plan", "customer": "Joint account plan", "brief": "Meeting brief"}
    assert kind[name] in " ".join(s.text_frame.text for s in first.shapes if s.has_text_frame)


def test_the_internal_deck_has_a_slide_per_plan_section_in_the_pdfs_order(decks):
    titles = [_title(s) for s in _slides(decks["internal"])]
    wanted = [
        "Customer business",
        "Our position",
        "Stakeholder map",
        "Stakeholders",
        "Opportunities",
        "Competitors",
        "Risks",
        "Objectives",
        "Action plan",
        "Commitments",
        "Governance",
        "Coverage and relationship health",
    ]
    positions = [titles.index(title) for title in wanted]
    assert positions == sorted(positions)


def _shapes_of(slide):
    """Every shape of a slide, those inside groups (a card is a group) included."""
    for shape in slide.shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from shape.shapes


def _cards(slide):
    """The cards' rounded boxes: (box, its group) for every card on the slide."""
    for group in slide.shapes:
        if group.shape_type != MSO_SHAPE_TYPE.GROUP:
            continue
        for shape in group.shapes:
            if (
                shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                and shape.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
                and shape.name.startswith("Card")
            ):
                yield shape, group


def _ends(connector) -> list[int]:
    return [
        int(e.get("id"))
        for e in connector._element.iter()
        if etree.QName(e).localname in ("stCxn", "endCxn")
    ]


def test_the_map_is_native_rounded_boxes_joined_by_glued_connectors(decks):
    (slide,) = _map_slides(decks["internal"])  # the sample's chart fits one slide
    shapes = list(_shapes_of(slide))
    assert not any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in shapes)
    cards = [card for card, _group in _cards(slide)]
    card_names = {c.text_frame.paragraphs[0].text for c in cards}
    assert {ZOE, GIORGOS} <= card_names
    connectors = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE]
    assert connectors
    card_ids = {c.shape_id for c in cards}
    for connector in connectors:  # both ends glued to cards: moving a card drags its lines
        ends = _ends(connector)
        assert len(ends) == 2 and set(ends) <= card_ids, etree.tostring(connector._element)
    # Each card says its stance in a letter (readable without colour), in its band.
    letters = [s.text_frame.text for s in shapes if s.name.startswith("Stance ")]
    # A letter per card, followed by "?" when the stance rests on no recent evidence.
    assert len(letters) == len(cards) and {t.rstrip("?") or "?" for t in letters} <= set("CSNKB?")
    # The sample's one informal line, a rivalry, follows its route as a freeform, dashed by
    # its kind, with a dot at both ends and no arrowhead (it has no direction).
    informal = [
        s
        for s in shapes
        if s.shape_type == MSO_SHAPE_TYPE.FREEFORM
        and "custDash" in etree.tostring(s._element).decode()
        and not s.name.startswith("Line sample")
    ]
    assert len(informal) == 1
    line = etree.tostring(informal[0]._element).decode()
    assert 'headEnd type="oval"' in line and 'tailEnd type="oval"' in line
    assert "triangle" not in line


def test_the_legend_is_the_drawings_legend(decks):
    from keyplan.domain.map.drawing import legend

    (slide,) = _map_slides(decks["internal"])
    names = {s.name for s in _shapes_of(slide)}
    key = legend(True)
    assert {f"Legend: {stance.label}" for stance in key.stances} <= names
    assert {f"Line sample {line.label}" for line in key.lines} <= names
    text = " ".join(s.text_frame.text for s in _shapes_of(slide) if s.has_text_frame)
    assert all(note in text for note in key.notes)


def test_the_customer_map_has_no_informal_lines_and_no_stance(decks):
    for slide in _map_slides(decks["customer"]):
        text = " ".join(s.text_frame.text for s in _shapes_of(slide) if s.has_text_frame)
        xml = etree.tostring(slide.shapes._spTree).decode()
        assert "tailEnd" not in xml and "custDash" not in xml and 'name="Stance' not in xml
        for word in ("Champion", "Blocker", "Skeptic", "Supporter"):
            assert word not in text


@pytest.mark.parametrize("name", ["internal", "customer", "brief"])
def test_tables_and_boxes_stay_on_the_slide_and_the_font_is_arial(decks, name):
    path = decks[name]
    deck = Presentation(str(path))
    bottom = Emu(round(BODY_BOTTOM * 12700))
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.LINE:
                continue
            assert shape.left >= 0 and shape.left + shape.width <= deck.slide_width, shape.name
            if shape.has_table:
                assert shape.top + shape.height <= bottom, (_title(slide), shape.name)
    xml = "".join(etree.tostring(s.shapes._spTree).decode() for s in deck.slides)
    faces = {part.split('"')[0] for part in xml.split('latin typeface="')[1:]}
    assert faces == {"Arial"}


def test_speaker_notes_carry_the_detail(decks):
    slides = _slides(decks["internal"])
    notes = {_title(s): s.notes_slide.notes_text_frame.text for s in slides if s.has_notes_slide}
    assert "Prefers blunt numbers" in notes["Stakeholders"]  # personality, only in the notes
    assert ZOE in notes["Stakeholder map"]
    brief_notes = " ".join(
        s.notes_slide.notes_text_frame.text for s in _slides(decks["brief"]) if s.has_notes_slide
    )
    assert "2026-" in brief_notes  # the recent meetings, dated


@pytest.mark.parametrize("name", ["internal", "customer-all"])
def test_names_in_every_script_are_in_the_deck(decks, name):
    text = deck_text(decks[name])
    for person in NAMES:
        assert person in text, person


def test_markup_and_very_long_names_neither_break_nor_overflow(sample, tmp_path):
    markup = "<b>Tom & Jerry</b> Ünal"
    long_name = "Maximiliane Alexandra " * 7 + "von Hohenzollern-Sigmaringen"  # 182 letters
    ids = {
        name: edits.add_stakeholder(sample.db, sample.account_id, name, job_title="CFO")
        for name in (markup, long_name)
    }
    with sample.db.transaction() as session:
        member = session.query(TeamMember).first()
        for person in ids.values():
            session.add(RelationshipOwner(stakeholder_id=person, team_member_id=member.id))
    for variant in ("internal", "customer"):
        path = export_pptx(sample.db, sample.account_id, variant, tmp_path / f"{variant}.pptx")
        text = deck_text(path)
        assert markup in text and long_name in text  # whole, in the tables or the notes
        cards = [
            card.text_frame.paragraphs[0].text
            for slide in _map_slides(path)
            for card, _group in _cards(slide)
        ]
        # Shown as typed (never read as markup), cut with "…" to the card's room if need be.
        assert any(c.startswith("<b>Tom & Jerry</b>") for c in cards), cards
        assert any(c.endswith("…") and c.startswith("Maximiliane") for c in cards)


def test_the_demo_umbrella_deck_splits_by_team_and_continues_tables(tmp_path):
    from keyplan.cli import main

    db_path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db_path)]) == 0
    out = tmp_path / "plan.pptx"
    argv = ["export-pptx", "--db", str(db_path), "--account", "Aldermark Group"]
    assert main([*argv, "--variant", "internal", "--out", str(out)]) == 0
    titles = [_title(s) for s in _slides(out)]
    map_titles = [t for t in titles if t.startswith("Stakeholder map")]
    assert len(map_titles) > 1 and all("team of" in t for t in map_titles[1:])
    assert "Stakeholders (continued)" in titles
    lines = "".join(etree.tostring(s.shapes._spTree).decode() for s in _map_slides(out))
    assert 'tailEnd type="triangle"' in lines  # "influences" has a direction: an arrowhead
    # The legend names the dotted reporting line (the demo's run across team slides, so they
    # are drawn where both cards are: the SVG); Campinas' open maintenance seat is a dashed
    # card without a stance band, named in the notes.
    assert 'name="Line sample Also reports to (dotted)"' in lines
    assert 'prstDash val="sysDot"' in lines
    seat = next(card for s in _map_slides(out) for card, _group in _cards(s)
                if card.text_frame.paragraphs[0].text.startswith("Gerente de manuten"))  # fmt: skip
    assert 'prstDash val="dash"' in etree.tostring(seat._element).decode()
    notes = "".join(s.notes_slide.notes_text_frame.text for s in _map_slides(out))
    assert "Gerente de manutenção — vacant: Vacant · hire expected Q3" in notes
    # Each continued team's manager names the slide the team is on, and that slide is theirs.
    slides = _slides(out)
    continued = 0
    for slide in _map_slides(out):
        for card, group in _cards(slide):
            notes = [s.text_frame.text for s in group.shapes if s.name == "Team continues"]
            if not notes:
                continue
            continued += 1
            name = card.text_frame.paragraphs[0].text
            number = int(notes[0].rsplit("→ slide", 1)[1].split()[0])
            assert _title(slides[number - 1]).startswith(f"Stakeholder map: team of {name}")
    assert continued


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    _soffice() is None and not os.environ.get("CI"), reason="LibreOffice is not installed"
)
@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", ["internal", "customer", "brief"])
def test_libreoffice_converts_the_deck_to_a_pdf_of_one_page_per_slide(decks, name, tmp_path):
    soffice = _soffice()
    assert soffice, "CI installs LibreOffice Impress (.ci/run)"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(decks[name]),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    converted = tmp_path / f"{name}.pdf"
    assert converted.exists(), result.stderr
    assert len(PdfReader(converted).pages) == len(_slides(decks[name]))


def test_the_brief_deck_has_a_slide_per_attendee(decks):
    titles = [_title(s) for s in _slides(decks["brief"])]
    assert titles[1] == "Who you will meet"
    assert ZOE in titles and GIORGOS in titles
    assert str(TODAY) in deck_text(decks["brief"])
