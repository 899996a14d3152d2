"""Writing an import: all of it or none of it, and an undo that restores every byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from keyplan.domain.errors import RuleViolation
from keyplan.exchange.transfer.contact_files import read_contacts_file
from keyplan.exchange.transfer.contacts import contact_from
from keyplan.exchange.transfer.import_plan import plan_import
from keyplan.store.database import Database
from keyplan.store.models import Account, Stakeholder
from keyplan.store.people import edits, queries
from keyplan.store.transfer import import_reads, import_writes
from keyplan.store.transfer.import_writes import ImportWrite, PersonWrite

DATA = Path(__file__).parents[2] / "data" / "import"


def dump(db: Database) -> dict:
    """Every person and account row, every column: to compare before and after exactly."""
    with db.read() as session:
        people = [dict(r) for r in session.execute(select(Stakeholder.__table__)).mappings()]
        accounts = [dict(r) for r in session.execute(select(Account.__table__)).mappings()]
    return {"people": people, "accounts": accounts}


def import_file(
    db: Database,
    account_id: int | None,
    name: str,
    account_name: str = "",
    *,
    overwrite: bool = False,
):
    contacts = read_contacts_file(DATA / name).contacts
    target = import_reads.import_target(db, account_id, account_name)
    plan = plan_import(contacts, target, overwrite=overwrite)
    return plan, import_writes.apply_import(db, plan.to_write())


def test_a_crm_import_writes_people_and_their_reporting_lines(db):
    acme = edits.add_account(db, "Acme Group")
    _plan, receipt = import_file(db, acme, "crm_contacts.csv")
    assert len(receipt.added_ids) == 6
    people = {p["full_name"]: p for p in queries.people(db, acme)}
    assert people["Zoë Müller-Łukasiewicz"].manager_name == "Ingrid Olsen"
    assert people["Ελένη Παπαδοπούλου"].manager_name == "Zoë Müller-Łukasiewicz"
    assert people["Sam O'Brien <b>&"].manager_name is None
    assert people["Sam O'Brien <b>&"]["stance"] == "unknown"
    assert people["山田太郎"]["location"] == "Tokyo, Japan"


def test_importing_the_same_people_again_updates_them_instead(db):
    acme = edits.add_account(db, "Acme Group")
    import_file(db, acme, "crm_contacts.csv")
    plan, receipt = import_file(db, acme, "phone_v21.vcf", overwrite=True)
    assert plan.new_count == 0
    assert len(queries.people(db, acme)) == 6
    zoe = next(p for p in queries.people(db, acme) if p["full_name"].startswith("Zoë"))
    assert zoe["job_title"].endswith("Central and Eastern Europe")
    assert zoe.id in receipt.updated_ids


def test_revert_restores_everything_exactly_and_reapply_brings_the_same_ids_back(db):
    acme = edits.add_account(db, "Acme Group")
    import_file(db, acme, "crm_contacts.csv")
    before = dump(db)
    _plan, receipt = import_file(db, acme, "google_contacts.csv", overwrite=True)
    after = dump(db)
    assert after != before
    import_writes.revert_import(db, receipt)
    assert dump(db) == before
    import_writes.reapply_import(db, receipt)
    assert dump(db) == after


def test_people_left_out_are_not_written_and_revert_takes_back_the_rest(db):
    acme = edits.add_account(db, "Acme Group")
    before = dump(db)
    contacts = read_contacts_file(DATA / "german_crm_cp1252.csv").contacts
    plan = plan_import(contacts, import_reads.import_target(db, acme))
    assistant = next(i for i, r in enumerate(plan.rows) if r.name == "Änne Schäfer")
    boss = next(i for i, r in enumerate(plan.rows) if r.name == "Björk Größer")
    receipt = import_writes.apply_import(db, plan.without_rows([assistant, boss]).to_write())
    people = {p["full_name"]: p for p in queries.people(db, acme)}
    assert set(people) == {"Jürgen Weiß", "Ömer Çelik", "Klaus Häberle"}
    assert people["Ömer Çelik"].manager_name == "Jürgen Weiß"
    assert people["Klaus Häberle"].manager_name is None  # his manager was left out
    import_writes.revert_import(db, receipt)
    assert dump(db) == before


def test_an_import_that_created_its_account_takes_the_account_back_too(db):
    before = dump(db)
    _plan, receipt = import_file(db, None, "linkedin_connections.csv", "Acme Group")
    assert receipt.account_created
    assert queries.find_account(db, "acme group") == receipt.account_id
    import_writes.revert_import(db, receipt)
    assert dump(db) == before


def test_a_refused_line_inside_the_transaction_writes_nothing(db):
    acme = edits.add_account(db, "Acme Group")
    ingrid = edits.add_stakeholder(db, acme, "Ingrid Olsen")
    harald = edits.add_stakeholder(db, acme, "Harald Berg", reports_to_id=ingrid)
    before = dump(db)
    # A plan made elsewhere (or before someone else's edit) that now closes a cycle.
    write = ImportWrite(
        acme,
        "Acme Group",
        new=[PersonWrite(None, {"full_name": f"Person {n}"}) for n in range(50)],
        updates=[PersonWrite(ingrid, {"job_title": "CEO"}, manager_id=harald)],
    )
    with pytest.raises(RuleViolation, match="reporting cycle: Ingrid Olsen → Harald Berg"):
        import_writes.apply_import(db, write)
    assert dump(db) == before


def test_a_manager_at_another_customer_is_refused(db):
    acme = edits.add_account(db, "Acme Group")
    globex = edits.add_account(db, "Globex")
    outsider = edits.add_stakeholder(db, globex, "Gina Gray")
    before = dump(db)
    write = ImportWrite(acme, "Acme Group", new=[PersonWrite(None, {"full_name": "A"}, outsider)])
    with pytest.raises(RuleViolation, match="Gina Gray is not a person of this customer"):
        import_writes.apply_import(db, write)
    assert dump(db) == before


def test_account_lookup_by_name_ignores_case(db):
    acme = edits.add_account(db, "Acme Group")
    assert import_reads.account_id_by_name(db, "  ACME group ") == acme
    assert import_reads.account_id_by_name(db, "Globex") is None


def test_a_contacts_profile_url_is_written_for_new_and_known_people(db):
    nordwind = edits.add_account(db, "Nordwind Logistik")
    ingrid = edits.add_stakeholder(db, nordwind, "Ingrid Olsen", email="ingrid@nordwind.example")
    contacts = [
        contact_from(
            "row 2",
            {
                "full_name": "Eirik Solberg",
                "job_title": "Head of Fleet",
                "profile_url": "https://www.linkedin.com/in/eirik-solberg",
            },
        ),
        contact_from(
            "row 3",
            {
                "full_name": "Ingrid Olsen",
                "email": "ingrid@nordwind.example",
                "profile_url": "https://www.linkedin.com/in/ingrid-olsen",
            },
        ),
    ]
    target = import_reads.import_target(db, nordwind)
    plan = plan_import(contacts, target)
    receipt = import_writes.apply_import(db, plan.to_write())
    people = {person["full_name"]: person for person in queries.people(db, nordwind)}
    assert people["Eirik Solberg"]["profile_url"] == "https://www.linkedin.com/in/eirik-solberg"
    assert people["Ingrid Olsen"]["profile_url"] == "https://www.linkedin.com/in/ingrid-olsen"
    assert receipt.updated_ids == [ingrid]
    import_writes.revert_import(db, receipt)
    assert queries.person(db, ingrid)["profile_url"] is None
