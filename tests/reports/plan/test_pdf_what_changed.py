"""The changes since the last review: in the internal plan and the brief, not the customer plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pdf_sample import pdf_text

from history_helpers import age_the_history
from keyplan.domain.history.wording import day_text
from keyplan.reports.export import export_pdf
from keyplan.reports.plan.redaction import redact_for_customer
from keyplan.store.database import open_database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.map import edits as map_edits
from keyplan.store.models import utc_now
from keyplan.store.people import edits
from keyplan.store.people.queries import find_account
from keyplan.store.plan.queries import load_plan


@pytest.fixture
def reviewed(db):
    """Acme, reviewed ten days ago; since then Harald turned blocker, Mia joined under him,
    Ingrid became CIO, and Olaf left; Ingrid's pull on Harald was drawn, her old line to
    Olaf dropped, and the account moved up from Key to Strategic."""
    acme = edits.add_account(db, "Acme")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen", job_title="Head of IT")
    harald = edits.add_stakeholder(db, acme, "Harald Berg", stance="neutral")
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    edits.set_account_field(db, acme, "last_review_on", date.today() - timedelta(days=10))
    edits.set_account_field(db, acme, "tier", "growth")
    edits.set_account_field(db, acme, "tier", "key")
    old_line = map_edits.add_influence_line(db, ingrid, olaf, strength=1)
    age_the_history(db, 30)  # everything so far happened before the review
    map_edits.add_influence_line(db, ingrid, harald, strength=3)
    map_edits.delete_influence_line(db, old_line)
    edits.set_account_field(db, acme, "tier", "strategic")
    edits.set_stakeholder_field(db, harald, "stance", "blocker")
    edits.set_stakeholder_field(db, ingrid, "job_title", "CIO")
    mia = edits.add_stakeholder(db, acme, "Mia Chen")
    map_edits.move_people_under(db, [mia], harald)
    edits.set_stakeholder_field(db, olaf, "has_left", True)
    return acme


def test_the_internal_plan_lists_joins_leaves_moves_and_assessments_with_dates(
    db, reviewed, tmp_path
):
    text = pdf_text(export_pdf(db, reviewed, "internal", tmp_path / "internal.pdf"))
    today = utc_now().date().isoformat()
    assert "What changed since the last review" in text
    assert "1 joined, 1 left, 2 changed, 2 influence-line changes, 1 account change." in text
    for expected in ("New people", "Mia Chen", "People who left", "Olaf Lund",
                     "stance neutral → blocker", "title Head of IT → CIO", today,
                     "Influence lines", "New influence line: Ingrid Olsen → Harald Berg (strong)",
                     "Influence line removed: Ingrid Olsen → Olaf Lund",
                     "The account", "Account tier Key → Strategic"):  # fmt: skip
        assert expected in text, expected
    # Before the review: not since it.
    assert "Growth → Key" not in text and "(weak)" not in text


def test_the_customer_plan_says_nothing_of_what_changed(db, reviewed, tmp_path):
    text = pdf_text(export_pdf(db, reviewed, "customer", tmp_path / "customer.pdf"))
    for secret in ("What changed", "neutral → blocker", "Head of IT → CIO", "People who left",
                   "influence line", "Influence line", "Account tier", "→"):  # fmt: skip
        assert secret not in text, secret


def test_the_brief_has_one_line_of_change_per_attendee(db, reviewed, tmp_path):
    path = export_pdf(
        db, reviewed, "brief", tmp_path / "b.pdf", people=["Harald Berg", "Ingrid Olsen"]
    )
    text = pdf_text(path)
    assert f"Since the last review: stance changed to blocker on {day_text(utc_now())}" in text
    assert "Since the last review: new in role since" in text
    on = day_text(utc_now())
    # Each end's card says the line from its side: it names its person already.
    assert f"new influence line to Harald Berg (strong) on {on}" in text  # Ingrid's
    assert f"new influence line from Ingrid Olsen (strong) on {on}" in text  # Harald's
    assert f"Since the last review: Account tier Key → Strategic on {on}." in text


def test_a_crowded_demo_brief_keeps_the_accounts_line_dated_and_fits_one_page(tmp_path):
    demo = open_database(tmp_path / "demo.db")
    create_demo_portfolio(demo)
    group = find_account(demo, "Aldermark Group")
    attendees = ["Ingrid Solberg", "Zoë Åkesson", "Henrik Dahlgren", "Olof Hedlund"]
    text = pdf_text(export_pdf(demo, group, "brief", tmp_path / "b.pdf", people=attendees))
    demo.close()
    tiered = day_text(date.today() - timedelta(days=75), date.today())
    assert f"Since the last review: Account tier Key → Strategic on {tiered}." in text
    # Olof's and Zoë's cards both name the line drawn between them (the cards are compact).
    assert "new influence line to Zoë Åkesson (moderate)" in text
    assert "new influence line from Olof Hedlund (moderate)" in text
    assert "Page 1 of 1" in text


def test_the_customer_safe_data_holds_no_line_or_account_change(db, reviewed):
    plan = load_plan(db, reviewed, date.today())
    assert [c.text for c in plan.other_changes if c.kind == "account"] == [
        "Account tier Key → Strategic"
    ]
    assert redact_for_customer(plan).other_changes == ()
