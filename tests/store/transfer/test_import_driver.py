"""New people written through the driver (``keyplan import`` on a file): the same rows, log
entries and rules as ``apply_import``, and all or nothing."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from keyplan.domain.errors import NotFound, RuleViolation
from keyplan.exchange.transfer.contact_files import read_contacts_file
from keyplan.exchange.transfer.import_plan import plan_import
from keyplan.store.database import open_database
from keyplan.store.people import edits
from keyplan.store.transfer import import_driver, import_reads, import_writes
from keyplan.store.transfer.import_data import ImportWrite, PersonWrite

DATA = Path(__file__).parents[2] / "data" / "import"
# Written at the moment of the import: left out when two imports' rows are compared.
TIMES = ("created_at", "updated_at", "changed_at")


def table_rows(path: Path, table: str) -> list[dict]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        rows = connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        connection.close()
    return [{k: row[k] for k in row.keys() if k not in TIMES} for row in rows]  # noqa: SIM118


def planned_write(path: Path, account: int, file_name: str = "crm_contacts.csv") -> ImportWrite:
    db = open_database(path)
    try:
        target = import_reads.import_target(db, account)
    finally:
        db.close()
    return plan_import(read_contacts_file(DATA / file_name).contacts, target).to_write()


@pytest.fixture
def acme_file(tmp_path: Path) -> tuple[Path, int]:
    """A file with the account Acme Group and one person in it (Ingrid's manager-to-be)."""
    path = tmp_path / "acme.db"
    db = open_database(path)
    acme = edits.add_account(db, "Acme Group")
    edits.add_stakeholder(db, acme, "Solveig Berg", job_title="CEO")
    db.close()
    return path, acme


def test_the_driver_writes_the_same_people_and_log_entries_as_apply_import(acme_file, tmp_path):
    path, acme = acme_file
    other = tmp_path / "other.db"
    shutil.copyfile(path, other)
    write = planned_write(path, acme)
    assert import_driver.writes_through_driver(open_database(path), write)
    db = open_database(path)
    added = import_driver.add_new_people(db, write)
    db.close()
    db = open_database(other)
    receipt = import_writes.apply_import(db, planned_write(other, acme))
    db.close()
    assert added == receipt.added_ids and len(added) == 6
    assert table_rows(path, "stakeholders") == table_rows(other, "stakeholders")
    assert table_rows(path, "change_log") == table_rows(other, "change_log")
    people = {row["full_name"]: row for row in table_rows(path, "stakeholders")}
    assert people["Zoë Müller-Łukasiewicz"]["reports_to_id"] == people["Ingrid Olsen"]["id"]
    assert people["Zoë Müller-Łukasiewicz"]["version"] == 1


def test_only_new_people_into_a_files_existing_account_take_the_driver(acme_file, tmp_path):
    path, acme = acme_file
    db = open_database(path)
    new = [PersonWrite(None, {"full_name": "Ada"})]
    assert import_driver.writes_through_driver(db, ImportWrite(acme, "Acme Group", new))
    update = [PersonWrite(1, {"phone": "1"})]
    assert not import_driver.writes_through_driver(db, ImportWrite(acme, "", new, update))
    dotted = [PersonWrite(None, {"full_name": "Ada"}, dotted_id=1)]
    assert not import_driver.writes_through_driver(db, ImportWrite(acme, "", dotted))
    assert not import_driver.writes_through_driver(db, ImportWrite(None, "New Co", new))
    assert not import_driver.writes_through_driver(db, ImportWrite(acme, "Acme Group", []))
    db.close()


def test_a_manager_of_another_customer_is_refused_and_nothing_is_written(acme_file):
    path, acme = acme_file
    db = open_database(path)
    globex = edits.add_account(db, "Globex")
    outsider = edits.add_stakeholder(db, globex, "Hank Scorpio")
    db.close()
    before = table_rows(path, "stakeholders"), table_rows(path, "change_log")
    write = ImportWrite(
        acme,
        "Acme Group",
        [PersonWrite(None, {"full_name": "Ada"}), PersonWrite(None, {"full_name": "Bo"},
                                                              manager_id=outsider)],
    )  # fmt: skip
    with pytest.raises(RuleViolation, match="Hank Scorpio is not a person of this customer"):
        import_driver.add_new_people(open_database(path), write)
    assert (table_rows(path, "stakeholders"), table_rows(path, "change_log")) == before


def test_a_cycle_among_the_new_people_is_refused_by_name(acme_file):
    path, acme = acme_file
    before = table_rows(path, "stakeholders")
    write = ImportWrite(
        acme,
        "Acme Group",
        [PersonWrite(None, {"full_name": "Ada"}, manager_new=1),
         PersonWrite(None, {"full_name": "Bo"}, manager_new=0)],
    )  # fmt: skip
    with pytest.raises(RuleViolation, match="reporting cycle: Ada → Bo → Ada"):
        import_driver.add_new_people(open_database(path), write)
    assert table_rows(path, "stakeholders") == before


def test_an_account_deleted_since_the_preview_is_said_and_nothing_is_written(acme_file):
    path, _acme = acme_file
    write = ImportWrite(999, "Gone Inc", [PersonWrite(None, {"full_name": "Ada"})])
    before = table_rows(path, "stakeholders")
    with pytest.raises(NotFound, match="no longer exists"):
        import_driver.add_new_people(open_database(path), write)
    assert table_rows(path, "stakeholders") == before


def test_keyplan_import_of_new_people_loads_no_sqlalchemy(acme_file):
    path, _acme = acme_file
    script = (
        "import sys\n"
        "from keyplan.cli.program import main\n"
        f"code = main(['import', {str(DATA / 'crm_contacts.csv')!r}, '--db', {str(path)!r}, "
        "'--account', 'Acme Group'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(('sqlalchemy', "
        "'keyplan.store.models'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert "Imported into Acme Group: 6 people added, 0 updated." in done.stdout
    assert done.stdout.splitlines()[-1] == "0 []"
    assert len(table_rows(path, "stakeholders")) == 7
