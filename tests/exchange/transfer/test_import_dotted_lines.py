"""A "Dotted line to" column: kept when a file has one, found by name like the manager."""

from __future__ import annotations

from pathlib import Path

from keyplan.exchange.transfer.contact_files import read_contacts_file
from keyplan.exchange.transfer.import_plan import plan_import
from keyplan.store.map import dotted
from keyplan.store.people import edits, queries
from keyplan.store.transfer import import_reads, import_writes

FILE = """Name,Title,Reports To,Dotted line to
Ingrid Olsen,CEO,,
Harald Berg,CFO,Ingrid Olsen,
Mia Chen,Controller,Harald Berg,Olaf Lund
Nils Holm,Analyst,Mia Chen,Mia Chen
Ola Berg,Analyst,Mia Chen,Mia Chen
Per Lind,Analyst,Mia Chen,Nobody Known
"""


def run(db, path: Path, account_id: int):
    contacts = read_contacts_file(path).contacts
    plan = plan_import(contacts, import_reads.import_target(db, account_id, ""), overwrite=False)
    return plan, import_writes.apply_import(db, plan.to_write())


def test_a_dotted_line_column_draws_dotted_lines_by_name_and_says_what_it_left_out(db, tmp_path):
    acme = edits.add_account(db, "Acme")
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    path = tmp_path / "people.csv"
    path.write_text(FILE, encoding="utf-8")
    plan, receipt = run(db, path, acme)
    ids = {p["full_name"]: p.id for p in queries.people(db, acme)}
    assert dotted.dotted_managers(db, ids["Mia Chen"]) == [(olaf, "Olaf Lund")]
    assert queries.person(db, ids["Mia Chen"])["reports_to_id"] == ids["Harald Berg"]
    assert dotted.dotted_managers(db, ids["Nils Holm"]) == []  # his manager already
    notes = {row.name: row.notes for row in plan.rows}
    assert "Dotted line to 'Mia Chen' names their manager already; left out" in notes["Nils Holm"]
    assert any("'Nobody Known' names nobody" in note for note in notes["Per Lind"])

    import_writes.revert_import(db, receipt)  # undo takes the dotted lines back too
    assert dotted.dotted_managers(db, olaf) == []
    assert [p["full_name"] for p in queries.people(db, acme)] == ["Olaf Lund"]
    import_writes.reapply_import(db, receipt)
    assert dotted.dotted_managers(db, ids["Mia Chen"]) == [(olaf, "Olaf Lund")]


def test_a_dotted_line_to_someone_already_there_is_added_to_an_existing_person(db, tmp_path):
    acme = edits.add_account(db, "Acme")
    olaf = edits.add_stakeholder(db, acme, "Olaf Lund")
    mia = edits.add_stakeholder(db, acme, "Mia Chen")
    path = tmp_path / "people.csv"
    path.write_text("Name,Dotted Line Manager\nMia Chen,Olaf Lund\n", encoding="utf-8")
    _plan, receipt = run(db, path, acme)
    assert dotted.dotted_managers(db, mia) == [(olaf, "Olaf Lund")]
    import_writes.revert_import(db, receipt)
    assert dotted.dotted_managers(db, mia) == []
