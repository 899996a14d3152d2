"""A small account with everything a plan shows, in names of many scripts, for the PDF tests.

Also the helpers the PDF tests share: exporting every document once, and reading a PDF's text
the way a reader searching it would (Unicode-normalised, whitespace collapsed).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from keyplan.reports.export import export_pdf
from keyplan.store.database import Database, open_database
from keyplan.store.models import (
    Action,
    Commitment,
    CompetitorPresence,
    Evidence,
    InfluenceLine,
    Interaction,
    InteractionStakeholder,
    InteractionTeamMember,
    Objective,
    Offering,
    Opportunity,
    RelationshipOwner,
    Risk,
    TeamMember,
    WhitespaceCell,
)
from keyplan.store.people import edits
from keyplan.store.people.queries import find_account

TODAY = date(2026, 11, 23)
ACCOUNT = "Nordlicht Industrie AG"
MARKUP_NOTE = "<b>Tom & Jerry</b> said the <i>budget</i> is > 5M & < 8M"
MARKUP_HISTORY = "Founded in 1921 by <Tom & Jerry> & partners; <br/> is not a line break"
ZOE, GIORGOS, DMITRI = "Zoë Åkesson", "Γιώργος Παπαδόπουλος", "Дмитрий Смирнов"
WANG, YAMADA, KHALID = "王小明", "山田太郎", "خالد العتيبي"
NAMES = (ZOE, GIORGOS, DMITRI, WANG, YAMADA, KHALID)

# Values that must never reach the customer-safe plan.
SECRET_PERSONALITY = "Prefers blunt numbers; distrusts consultants"
SECRET_INTEREST = "Competitive sailing on Lake Constance"
SECRET_RISK = "Budget freeze could kill the renewal"
SECRET_COMPETITOR_NOTE = "Rivalcorp undercuts us by thirty percent"
SECRET_ACCOUNT_NOTE = "Renewal negotiation is our leverage point"
SECRET_PRIORITY = "Wants a promotion to the board next year"
SECRET_WEAKNESS = "The service desk backlog hurt our standing with IT"
SECRET_EVIDENCE = "Called our renewal offer dead on arrival"
# Kept for our own matching and calls; printed in neither plan.
ZOE_PROFILE = "https://www.linkedin.com/in/zoe-akesson-nordlicht"
ACCOUNT_ALIASES = "Nordlicht Maschinenbau\nNLI; Nordlicht Werke"


@dataclass(frozen=True)
class SampleAccount:
    db: Database
    account_id: int
    people: dict[str, int]


def _person(db: Database, account_id: int, name: str, **fields) -> int:
    return edits.add_stakeholder(db, account_id, name, **fields)


def build_sample(db: Database) -> SampleAccount:
    """One umbrella account with an affiliate, six people and every kind of plan item."""
    account_id = edits.add_account(
        db,
        ACCOUNT,
        tier="strategic",
        status="active",
        currency="EUR",
        industry="Machinery",
        country="Germany",
        annual_revenue=1_200_000,
        potential=4_800_000,
        mission="Make factories that never stop.",
        history=MARKUP_HISTORY,
        values="- Safety first\n- Customers before process\n• Engineers decide",
        strategy="Grow service revenue.\nExpand into Asia.\n\nCut cost of quality.",
        notes=SECRET_ACCOUNT_NOTE,
        cost_quality_issues=SECRET_WEAKNESS,
        value_proposition="Uptime as a service.",
        review_cadence_days=90,
        last_review_on=date(2026, 6, 1),
        aliases=ACCOUNT_ALIASES,
    )
    affiliate = edits.add_account(
        db, "Nordlicht Japan KK", parent_id=account_id, tier="key", status="active", currency="JPY"
    )
    ids = {}
    ids[ZOE] = _person(
        db,
        account_id,
        ZOE,
        job_title="CEO",
        department="Executive",
        level="c_level",
        stance="champion",
        strength=3,
        influence="high",
        interest="high",
        buying_role="decision_maker",
        personality_notes=SECRET_PERSONALITY,
        personal_interests=SECRET_INTEREST,
        priorities=SECRET_PRIORITY,
        major_challenge="Margin pressure in services",
        profile_url=ZOE_PROFILE,
    )
    ids[GIORGOS] = _person(
        db,
        account_id,
        GIORGOS,
        job_title="CFO",
        department="Finance",
        level="c_level",
        reports_to_id=ids[ZOE],
        stance="blocker",
        strength=1,
        influence="high",
        interest="low",
        buying_role="decision_maker",
        personality_notes=MARKUP_NOTE,
    )
    ids[DMITRI] = _person(
        db,
        account_id,
        DMITRI,
        job_title="Head of IT",
        department="IT",
        level="vp",
        reports_to_id=ids[ZOE],
        stance="skeptic",
        strength=2,
        buying_role="technical_evaluator",
        priorities="- Cloud migration\n- Fewer vendors",
    )
    ids[WANG] = _person(
        db,
        account_id,
        WANG,
        job_title="Plant manager",
        department="Operations",
        level="manager",
        reports_to_id=ids[DMITRI],
        stance="supporter",
        strength=2,
        buying_role="user",
    )
    ids[YAMADA] = _person(
        db,
        affiliate,
        YAMADA,
        job_title="Country manager",
        department="Operations",
        level="director",
        reports_to_id=ids[ZOE],
        stance="neutral",
        strength=0,
    )
    ids[KHALID] = _person(
        db,
        account_id,
        KHALID,
        job_title="Procurement lead",
        department="Procurement",
        level="manager",
        reports_to_id=ids[GIORGOS],
        stance="unknown",
        buying_role="gatekeeper",
    )
    _add_plan_items(db, account_id, ids)
    return SampleAccount(db, account_id, ids)


def _add_plan_items(db: Database, account_id: int, ids: dict[str, int]) -> None:
    with db.transaction() as s:
        director = TeamMember(name="Ada Director", role="account_director", account_id=account_id)
        specialist = TeamMember(name="Sam Specialist", role="specialist", account_id=account_id)
        s.add_all([director, specialist])
        cloud, service = Offering(name="Cloud platform"), Offering(name="Field service")
        s.add_all([cloud, service])
        s.flush()
        s.add_all(
            [
                RelationshipOwner(
                    stakeholder_id=ids[ZOE], team_member_id=director.id, rule="owner_only"
                ),
                RelationshipOwner(
                    stakeholder_id=ids[DMITRI], team_member_id=specialist.id, rule="coordinate"
                ),
                InfluenceLine(
                    from_stakeholder_id=ids[GIORGOS],
                    to_stakeholder_id=ids[DMITRI],
                    kind="rival",
                    note="Budget fights",
                ),
                Evidence(
                    stakeholder_id=ids[GIORGOS],
                    rating="stance",
                    rated_as="blocker",
                    observed=SECRET_EVIDENCE,
                    observed_on=date(2026, 6, 20),
                    team_member_id=director.id,
                    source="second_hand",
                    confidence="likely",
                ),
                Opportunity(
                    account_id=account_id,
                    name="Cloud migration wave 1",
                    department="IT",
                    offering_id=cloud.id,
                    value=750_000,
                    probability=40,
                    stage="proposal",
                    expected_close_on=date(2027, 3, 31),
                ),
                WhitespaceCell(
                    account_id=account_id,
                    department="IT",
                    offering_id=cloud.id,
                    status="in_pursuit",
                ),
                WhitespaceCell(
                    account_id=account_id,
                    department="Operations",
                    offering_id=service.id,
                    status="installed",
                ),
                WhitespaceCell(
                    account_id=account_id,
                    department="Finance",
                    offering_id=cloud.id,
                    status="competitor_holds",
                ),
                CompetitorPresence(
                    account_id=account_id,
                    competitor="Rivalcorp",
                    area="Service",
                    threat_level="high",
                    notes=SECRET_COMPETITOR_NOTE,
                ),
                Risk(
                    account_id=account_id,
                    description=SECRET_RISK,
                    likelihood="medium",
                    impact="high",
                    mitigation="Multi-year pricing",
                    owner_id=director.id,
                ),
                Objective(
                    account_id=account_id,
                    description="Double service revenue by 2028",
                    measure="Revenue",
                    target="EUR 2.4M",
                    due_on=date(2028, 12, 31),
                ),
                Action(
                    account_id=account_id,
                    description="Run a cloud workshop with IT",
                    owner_id=specialist.id,
                    due_on=date(2026, 10, 1),
                    stakeholder_id=ids[DMITRI],
                ),
                Commitment(
                    account_id=account_id,
                    promise="Send the uptime report for Q3",
                    to_stakeholder_id=ids[ZOE],
                    by_team_member_id=director.id,
                    due_on=date(2026, 10, 15),
                    status="open",
                ),
                Commitment(
                    account_id=account_id,
                    promise="Fix the invoice error",
                    to_stakeholder_id=ids[GIORGOS],
                    by_team_member_id=director.id,
                    due_on=date(2026, 9, 1),
                    status="kept",
                    delivered_on=date(2026, 8, 20),
                ),
            ]
        )
        meeting = Interaction(
            account_id=account_id,
            occurred_on=date(2026, 11, 2),
            channel="in_person",
            summary="Quarterly review & roadmap",
        )
        s.add(meeting)
        s.flush()
        s.add_all(
            [
                InteractionStakeholder(interaction_id=meeting.id, stakeholder_id=ids[ZOE]),
                InteractionStakeholder(interaction_id=meeting.id, stakeholder_id=ids[DMITRI]),
                InteractionTeamMember(interaction_id=meeting.id, team_member_id=director.id),
            ]
        )


def pdf_text(path: Path) -> str:
    """All the text of a PDF, NFKC-normalised (Arabic presentation forms become letters) and
    with every run of whitespace made one space (table cells wrap names over lines)."""
    reader = PdfReader(path)
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def export_decks(db_path: Path, folder: Path) -> dict[str, Path]:
    """Every deck of the sample account, exported once (the customer one in both choices)."""
    from keyplan.reports.deck.export import export_pptx

    db = open_database(db_path, create=False)
    try:
        account_id = find_account(db, ACCOUNT)
        paths = {}
        for name, variant, shown in (
            ("internal", "internal", "worked"),
            ("customer", "customer", "worked"),
            ("customer-all", "customer", "all"),
            ("brief", "brief", "worked"),
        ):
            paths[name] = export_pptx(
                db,
                account_id,
                variant,
                folder / f"{name}.pptx",
                people=[ZOE, GIORGOS] if variant == "brief" else None,
                people_shown=shown,
                today=TODAY,
            )
        return paths
    finally:
        db.close()


def deck_text(path: Path, notes: bool = True) -> str:
    """All the text of a deck, slides and (unless ``notes`` is False) speaker notes, as
    ``pdf_text`` gives a PDF's: NFKC-normalised, whitespace collapsed."""
    from pptx import Presentation

    parts: list[str] = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if notes and slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return " ".join(unicodedata.normalize("NFKC", " ".join(parts)).split())


def export_all(db_path: Path, folder: Path) -> dict[str, Path]:
    """Every document of the sample account, exported once: A4, and the internal plan on Letter."""
    db = open_database(db_path, create=False)
    try:
        account_id = find_account(db, ACCOUNT)
        paths = {}
        for variant in ("internal", "customer", "brief"):
            paths[variant] = export_pdf(
                db,
                account_id,
                variant,
                folder / f"{variant}.pdf",
                today=TODAY,
                people=[ZOE, GIORGOS] if variant == "brief" else None,
            )
        paths["customer-all"] = export_pdf(
            db,
            account_id,
            "customer",
            folder / "customer-all.pdf",
            today=TODAY,
            people_shown="all",
        )
        paths["internal-letter"] = export_pdf(
            db,
            account_id,
            "internal",
            folder / "internal-letter.pdf",
            page_size="Letter",
            today=TODAY,
        )
        return paths
    finally:
        db.close()
