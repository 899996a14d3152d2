"""The preview of an import: who is new, who is updated, who is skipped, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from keyplan.domain.rules import reporting_cycles
from keyplan.exchange.transfer.contact_files import read_contacts_file
from keyplan.exchange.transfer.contacts import Contact, contact_from
from keyplan.exchange.transfer.import_plan import Action, plan_import
from keyplan.exchange.transfer.import_preview_text import preview_lines
from keyplan.store.database import Database
from keyplan.store.people import edits, queries
from keyplan.store.transfer import import_reads

DATA = Path(__file__).parents[2] / "data" / "import"


def row(number: int, reports_to: str | None = None, **values: str) -> Contact:
    parts = {**values, **({"reports_to": reports_to} if reports_to else {})}
    return contact_from(f"row {number}", parts)


@pytest.fixture
def acme(db: Database) -> int:
    """Acme Group with Ingrid (CEO) and Harald under her; Acme France below with Mia."""
    acme = edits.add_account(db, "Acme Group")
    france = edits.add_account(db, "Acme France", parent_id=acme)
    ingrid = edits.add_stakeholder(
        db, acme, "Ingrid Olsen", email="Ingrid.Olsen@acme.example", job_title="CEO"
    )
    edits.add_stakeholder(db, acme, "Harald Berg", reports_to_id=ingrid, job_title="CFO")
    edits.add_stakeholder(db, france, "Mia Chen", job_title="Country manager")
    return acme


def plan_for(db: Database, account_id: int, contacts: list[Contact], overwrite: bool = False):
    target = import_reads.import_target(db, account_id)
    return plan_import(contacts, target, overwrite=overwrite)


def test_crm_file_into_an_empty_account_new_people_skips_and_unknown_manager(db):
    account = edits.add_account(db, "Acme Group")
    contacts = read_contacts_file(DATA / "crm_contacts.csv").contacts
    plan = plan_for(db, account, contacts)
    assert plan.summary() == "6 new, 0 updates, 2 skipped"
    by_where = {r.where: r for r in plan.rows}
    assert by_where["row 8"].reason == "no name in this row"
    assert by_where["row 9"].reason == "same person as row 2"
    assert by_where["row 7"].action is Action.NEW
    assert by_where["row 7"].manager is None
    assert "'Nobody Known' names nobody" in by_where["row 7"].notes[0]
    # Zoë reports to Ingrid, who is new in the same file.
    assert by_where["row 3"].manager == ("row", 0)
    lines = preview_lines(plan)
    assert lines[0] == "6 new, 0 updates, 2 skipped"
    assert "  row 8: skipped — no name in this row" in lines


def test_people_already_there_are_updated_not_added_twice(db, acme):
    contacts = [
        row(2, full_name="INGRID OLSEN", email="ingrid.olsen@ACME.example", job_title="CEO"),
        row(3, full_name="Harold Berg", job_title="Group CFO", department="Finance"),
        row(4, full_name="Lars Olsen", email="lars@acme.example"),
    ]
    plan = plan_for(db, acme, contacts)
    assert plan.summary() == "1 new, 1 update, 1 skipped"
    ingrid, harald, lars = plan.rows
    assert ingrid.action is Action.SKIP and ingrid.reason.startswith("already in the account")
    assert harald.action is Action.UPDATE
    assert harald.name == "Harald Berg"  # the stored name is kept
    assert "file: Harold Berg ≈ account: Harald Berg" in harald.reason
    # Harald had no department: the file fills it. His job title is the director's: kept.
    assert harald.values == {"department": "Finance"}
    assert harald.kept == {"job_title": ("CFO", "Group CFO")}
    assert lars.action is Action.NEW
    overwriting = plan_for(db, acme, contacts, overwrite=True).rows[1]
    assert overwriting.values == {"job_title": "Group CFO", "department": "Finance"}
    assert overwriting.changes["job_title"] == ("CFO", "Group CFO")


def test_a_different_email_means_a_different_person_even_with_the_same_name(db, acme):
    plan = plan_for(db, acme, [row(2, full_name="Ingrid Olsen", email="ingrid@other.example")])
    assert plan.rows[0].action is Action.NEW


def test_a_person_in_an_affiliate_is_a_manager_but_not_added_twice(db, acme):
    contacts = [row(2, "Mia Chen", full_name="Paul Martin"), row(3, full_name="Mia Chen")]
    plan = plan_for(db, acme, contacts)
    mia_id = next(
        p.id for p in queries.people(db, acme, with_affiliates=True) if p["full_name"] == "Mia Chen"
    )
    # Mia works for Acme France: importing her into Acme Group would list her twice in the
    # umbrella, so her row is skipped with the reason, and Paul reports to the real Mia.
    assert plan.rows[1].action is Action.SKIP
    assert "another account of this umbrella, as Mia Chen" in plan.rows[1].reason
    assert plan.rows[0].manager == ("person", mia_id)
    by_email = plan_for(db, acme, [row(4, full_name="M. Chen", email="mia@acme.example")])
    assert by_email.rows[0].action is Action.NEW  # no e-mail stored for Mia: not a guess


def test_manager_names_written_last_name_first_are_found(db, acme):
    plan = plan_for(db, acme, [row(2, "Olsen, Ingrid", full_name="Paul Martin")])
    assert plan.rows[0].manager is not None and plan.rows[0].manager[0] == "person"


def test_two_people_with_the_managers_name_is_reported_not_guessed(db, acme):
    contacts = [
        row(2, full_name="Anna Berg", email="anna1@acme.example"),
        row(3, full_name="Anna Berg", email="anna2@acme.example"),
        row(4, "Anna Berg", full_name="Paul Martin"),
    ]
    plan = plan_for(db, acme, contacts)
    assert [r.action for r in plan.rows] == [Action.NEW] * 3
    assert plan.rows[2].manager is None
    assert "fits 2 people" in plan.rows[2].notes[0]


def test_a_reporting_cycle_in_the_file_is_refused_on_every_row_of_it(db, acme):
    contacts = [
        row(2, "Bea Cruz", full_name="Anna Berg"),
        row(3, "Carl Dahl", full_name="Bea Cruz"),
        row(4, "Anna Berg", full_name="Carl Dahl"),
        row(5, "Anna Berg", full_name="Dora Eck"),
    ]
    plan = plan_for(db, acme, contacts)
    assert [r.action for r in plan.rows] == [Action.NEW] * 4
    for cycle_row in plan.rows[:3]:
        assert cycle_row.manager is None
        assert "reporting cycle (" in cycle_row.notes[0]
    assert "Anna Berg → Bea Cruz → Carl Dahl → Anna Berg" in plan.rows[0].notes[0]
    assert plan.rows[3].manager == ("row", 0)  # outside the cycle: kept


def test_a_cycle_through_people_already_there_is_refused(db, acme):
    # Harald reports to Ingrid; the file says Ingrid reports to Harald.
    plan = plan_for(db, acme, [row(2, "Harald Berg", full_name="Ingrid Olsen", job_title="CEO")])
    assert plan.rows[0].action is Action.SKIP
    assert "reporting cycle (Ingrid Olsen → Harald Berg → Ingrid Olsen)" in plan.rows[0].notes[0]


def test_reporting_to_oneself_is_left_out(db, acme):
    plan = plan_for(db, acme, [row(2, "Paul Martin", full_name="Paul Martin")])
    assert plan.rows[0].manager is None
    assert "themselves" in plan.rows[0].notes[0]


def test_a_new_manager_for_someone_already_there_is_an_update(db, acme):
    contacts = [row(2, full_name="Nora Lund"), row(3, "Nora Lund", full_name="Harald Berg")]
    # Harald reports to Ingrid in Keyplan: the line the director drew stays, and is shown.
    kept = plan_for(db, acme, contacts).rows[1]
    assert kept.action is Action.SKIP and kept.manager is None
    assert kept.kept["reports_to_id"] == ("Ingrid Olsen", "Nora Lund")
    plan = plan_for(db, acme, contacts, overwrite=True)
    assert plan.rows[1].action is Action.UPDATE
    assert plan.rows[1].changes["reports_to_id"] == ("Ingrid Olsen", "Nora Lund")
    write = plan.to_write()
    assert write.updates[0].manager_new == 0


def test_too_long_values_skip_the_row_with_the_field_named(db, acme):
    plan = plan_for(db, acme, [row(2, full_name="Paul Martin", phone="1" * 61)])
    assert plan.rows[0].reason == "Phone is longer than 60 characters"


def test_leaving_an_update_out_counts_it_as_skipped_and_writes_nothing_for_it(db, acme):
    plan = plan_for(db, acme, [row(2, full_name="Harald Berg", department="Finance")])
    trimmed = plan.without_rows([0])
    assert trimmed.summary() == "0 new, 0 updates, 1 skipped (1 left out by you)"
    assert trimmed.to_write().updates == []
    assert "left out by you" in preview_lines(trimmed)[1]


def test_leaving_a_new_person_out_writes_everyone_else_and_their_reports_lose_that_manager(
    db, acme
):
    # Paul is new; his assistant Lea reports to him; Ben reports to Ingrid, who is there.
    contacts = [
        row(2, full_name="Paul Martin", job_title="COO"),
        row(3, "Paul Martin", full_name="Lea Roth", job_title="Assistant to the COO"),
        row(4, "Ingrid Olsen", full_name="Ben Kurz"),
        row(5, full_name="Harald Berg", department="Finance"),
    ]
    plan = plan_for(db, acme, contacts)
    assert plan.summary() == "3 new, 1 update, 0 skipped"
    trimmed = plan.without_rows([0])
    assert trimmed.summary() == "2 new, 1 update, 1 skipped (1 left out by you)"
    lea = trimmed.rows[1]
    assert lea.manager is None
    assert lea.notes == ["Reports to Paul Martin, whom you left out (no manager set)"]
    write = trimmed.to_write()
    assert [w.values["full_name"] for w in write.new] == ["Lea Roth", "Ben Kurz"]
    assert (write.new[0].manager_id, write.new[0].manager_new) == (None, None)
    assert write.new[1].manager_id is not None  # Ingrid, already in the account
    assert len(write.updates) == 1
    assert "  row 2 Paul Martin: skipped — left out by you" in preview_lines(trimmed)
    # The plan itself is unchanged: ticking Paul again brings him and the line back.
    assert plan.without_rows([]).to_write().new[1].manager_new == 0


def test_only_rows_that_would_be_written_can_be_left_out(db, acme):
    plan = plan_for(db, acme, [row(2, full_name="Paul Martin"), row(3, job_title="Nobody")])
    trimmed = plan.without_rows([1, 7])
    assert trimmed.summary() == "1 new, 0 updates, 1 skipped"
    assert trimmed.rows[1].included


def test_reporting_cycles_finds_each_cycle_once():
    managers = {("p", 1): ("p", 2), ("p", 2): ("p", 1), ("p", 3): ("p", 1), ("p", 4): None}
    assert [sorted(c) for c in reporting_cycles(managers)] == [[("p", 1), ("p", 2)]]


def test_a_manager_spelled_without_accents_is_found_in_the_file_and_the_account(db, acme):
    """Letter for letter first; only then folded (accents aside), in the file and the account."""
    contacts = [
        row(2, full_name="Zoë Müller"),
        row(3, "Zoe Muller", full_name="Paul Martin"),  # the file's Zoë, spelled plainly
        row(4, "Harald Berg", full_name="Kim Lee"),  # letter for letter: no note
        row(5, "HARALD  BERG", full_name="Eva Holm"),  # case and spacing: letter for letter
    ]
    plan = plan_for(db, acme, contacts)
    paul, kim, eva = plan.rows[1], plan.rows[2], plan.rows[3]
    assert paul.manager == ("row", 0)
    assert "Reports to 'Zoe Muller' taken as Zoë Müller (spelled differently)" in paul.notes
    assert kim.manager is not None and kim.manager[0] == "person" and not kim.notes
    assert eva.manager == kim.manager and not eva.notes
