"""Imported people get a level from their title (they all came in as "level unknown")."""

from __future__ import annotations

from keyplan.exchange.transfer.contacts import contact_from
from keyplan.exchange.transfer.import_plan import plan_import
from keyplan.exchange.transfer.import_preview_text import preview_lines
from keyplan.store.people import edits, queries
from keyplan.store.transfer import import_reads, import_writes


def test_new_people_get_the_level_their_title_says_and_the_preview_says_so(db):
    account = edits.add_account(db, "Acme")
    contacts = [
        contact_from("row 2", {"full_name": "Anna Berg", "job_title": "Head of IT"}),
        contact_from("row 3", {"full_name": "Bo Li", "job_title": "Group CFO"}),
        contact_from("row 4", {"full_name": "Cleo Roy", "job_title": "Ninja"}),
        contact_from("row 5", {"full_name": "Dan Ek", "job_title": "Teamleiter Einkauf"}),
    ]
    plan = plan_import(contacts, import_reads.import_target(db, account))
    assert (
        "Levels guessed from job titles for 3 new people: 1 Board / C-level, 1 Director, "
        "1 Manager." in preview_lines(plan)
    )
    import_writes.apply_import(db, plan.to_write())
    levels = {person["full_name"]: person["level"] for person in queries.people(db, account)}
    assert levels == {"Anna Berg": "director", "Bo Li": "c_level", "Cleo Roy": None,
                      "Dan Ek": "manager"}  # fmt: skip


def test_a_person_already_there_keeps_their_empty_level(db):
    account = edits.add_account(db, "Acme")
    edits.add_stakeholder(db, account, "Anna Berg", job_title="Analyst")
    contacts = [contact_from("row 2", {"full_name": "Anna Berg", "job_title": "Head of IT"})]
    plan = plan_import(contacts, import_reads.import_target(db, account), overwrite=True)
    import_writes.apply_import(db, plan.to_write())
    (anna,) = queries.people(db, account)
    assert anna["job_title"] == "Head of IT" and anna["level"] is None
    assert not any(line.startswith("Levels guessed") for line in preview_lines(plan))
