"""`keyplan import`: a director brings a contacts file into an account from the terminal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries

DATA = Path(__file__).parents[2] / "data" / "import"


def keyplan(*args: str) -> int:
    return main([*args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def acme_db(tmp_path: Path) -> Path:
    path = tmp_path / "acme.db"
    db = open_database(path)
    edits.add_account(db, "Acme Group")
    db.close()
    return path


def people_of(path: Path, account: str) -> list[str]:
    db = open_database(path, create=False)
    try:
        return sorted(p["full_name"] for p in queries.people(db, queries.find_account(db, account)))
    finally:
        db.close()


def test_import_prints_the_summary_and_writes_the_people(acme_db, capsys):
    assert keyplan("import", str(DATA / "crm_contacts.csv"), "--db", str(acme_db),
                   "--account", "acme group") == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Read crm_contacts.csv: CRM contact export, UTF-8 with BOM, 8 rows."
    assert lines[1] == (
        "Read as: First Name → first name, Last Name → last name, Title → job title, "
        "Department → department, Account Name → company, Email → e-mail, Phone → phone, "
        "Mobile → mobile phone, Reports To → reports to (manager's name), Mailing City → city, "
        "Mailing Country → country."
    )
    assert lines[2] == "6 new, 0 updates, 2 skipped"
    assert "  row 9 Ingrid Olsen: skipped — same person as row 2" in lines
    assert lines[-1] == "Imported into Acme Group: 6 people added, 0 updated."
    assert len(people_of(acme_db, "Acme Group")) == 6


def test_a_missing_account_is_created_with_a_message(acme_db, capsys):
    assert keyplan("import", str(DATA / "contacts_v40.vcf"), "--db", str(acme_db),
                   "--account", "Globex") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "There is no account named 'Globex': it will be created." in out
    # The first card works at Acme Group, an account of the portfolio: not one for Globex.
    assert "Other companies, not imported (--all-companies takes them): 1 row" in out
    assert "Imported into Globex (new account): 1 person added" in out
    assert people_of(acme_db, "Globex") == ["Ελένη Παπαδοπούλου"]


def test_importing_twice_updates_rather_than_duplicates(acme_db, capsys):
    for name in ("crm_contacts.csv", "outlook_contacts.csv", "crm_contacts.csv"):
        assert keyplan("import", str(DATA / name), "--db", str(acme_db),
                       "--account", "Acme Group", "--overwrite") == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert len(people_of(acme_db, "Acme Group")) == 6
    # Outlook moved Mohammed under Zoë; the CRM file moves him back: one update each time.
    assert out[-1] == "Imported into Acme Group: 0 people added, 1 updated."
    assert "0 new, 1 update, 7 skipped" in out
    # Without --overwrite the line drawn stays: the file's other manager is only shown.
    assert keyplan("import", str(DATA / "outlook_contacts.csv"), "--db", str(acme_db),
                   "--account", "Acme Group", "--dry-run") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "0 new, 0 updates, 3 skipped" in out
    assert "reports to 'Ingrid Olsen' (file: 'Zoë Müller-Łukasiewicz')" in out


def test_dry_run_shows_the_preview_and_writes_nothing(acme_db, capsys):
    before = digest(acme_db)
    assert keyplan("import", str(DATA / "excel_semicolon_cp1252.csv"), "--db", str(acme_db),
                   "--account", "Acme Group", "--dry-run") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "4 new, 0 updates, 0 skipped" in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert digest(acme_db) == before


def test_dry_run_into_a_database_that_does_not_exist_creates_nothing(tmp_path, capsys):
    path = tmp_path / "new.db"
    assert keyplan("import", str(DATA / "phone_v21.vcf"), "--db", str(path),
                   "--account", "Acme", "--dry-run") == 0  # fmt: skip
    assert "3 new, 0 updates, 0 skipped" in capsys.readouterr().out
    assert not path.exists()


def test_a_file_it_cannot_read_exits_1_with_one_line_and_touches_nothing(acme_db, tmp_path, capsys):
    garbage = tmp_path / "photo.csv"
    garbage.write_bytes(bytes(range(256)) * 40)
    before = digest(acme_db)
    assert keyplan("import", str(garbage), "--db", str(acme_db), "--account", "Acme Group") == 1
    error = capsys.readouterr().err
    assert error.startswith("keyplan: ") and error.count("\n") == 1
    assert digest(acme_db) == before
    missing_db = tmp_path / "never.db"
    assert keyplan("import", str(tmp_path / "gone.csv"), "--db", str(missing_db),
                   "--account", "A") == 1  # fmt: skip
    assert "There is no file" in capsys.readouterr().err
    assert not missing_db.exists()


MAPPING = "Person=full_name,Role=job_title,Mail=email,Boss=reports_to"


def test_unknown_columns_are_listed_and_map_option_imports_them(acme_db, capsys):
    assert keyplan("import", str(DATA / "other_system.csv"), "--db", str(acme_db),
                   "--account", "Acme Group") == 1  # fmt: skip
    error = capsys.readouterr().err
    assert "Its columns: 'Person', 'Role', 'Unit', 'Mail', 'Tel', 'Boss', 'Since'." in error
    assert keyplan("import", str(DATA / "other_system.csv"), "--db", str(acme_db),
                   "--account", "Acme Group",
                   "--map", MAPPING) == 0  # fmt: skip
    assert "3 new, 0 updates, 0 skipped" in capsys.readouterr().out
    # Remembered: the next file with the same columns needs no --map.
    assert keyplan("import", str(DATA / "other_system.csv"), "--db", str(acme_db),
                   "--account", "Acme Group") == 0  # fmt: skip
    assert "0 new, 0 updates, 3 skipped" in capsys.readouterr().out


def test_a_bad_map_option_is_explained(acme_db, capsys):
    assert keyplan("import", str(DATA / "other_system.csv"), "--db", str(acme_db),
                   "--account", "Acme Group", "--map", "Person") == 1  # fmt: skip
    assert "--map wants Column=field pairs" in capsys.readouterr().err


def test_the_encoding_can_be_named_when_the_guess_reads_names_wrong(acme_db, tmp_path, capsys):
    mac = tmp_path / "kontakte_mac.csv"
    text = (DATA / "german_crm_cp1252.csv").read_bytes().decode("cp1252")
    mac.write_bytes(text.encode("mac_roman"))
    assert keyplan("import", str(mac), "--db", str(acme_db), "--account", "Acme Group",
                   "--encoding", "utf-8") == 1  # fmt: skip
    assert "cannot be read as UTF-8" in capsys.readouterr().err
    assert keyplan("import", str(mac), "--db", str(acme_db), "--account", "Acme Group",
                   "--encoding", "Mac Roman") == 0  # fmt: skip
    assert "German contacts export, Mac Roman" in capsys.readouterr().out
    assert "Jürgen Weiß" in people_of(acme_db, "Acme Group")


ALDERMARK = "Aldermark Antriebstechnik GmbH"


@pytest.fixture
def aldermark_db(tmp_path: Path) -> Path:
    """The account as the director curated it: English departments, full locations."""
    path = tmp_path / "aldermark.db"
    db = open_database(path)
    account = edits.add_account(db, ALDERMARK)
    edits.add_stakeholder(
        db, account, "Dr. Katharina Weiß", department="Executive",
        email="katharina.weiss@aldermark.example", phone="+49 711 555 69 84",
        location="Stuttgart, Germany", job_title="Managing Director",
    )  # fmt: skip
    edits.add_stakeholder(
        db, account, "Jürgen Hoffmann", department="Finance",
        email="jurgen.hoffmann@aldermark.example", location="Stuttgart, Germany",
    )  # fmt: skip
    db.close()
    return path


def person_values(path: Path, name: str) -> dict:
    db = open_database(path, create=False)
    try:
        people = queries.people(db, queries.find_account(db, ALDERMARK))
        person = next(p for p in people if p["full_name"] == name)
        return {key: person[key] for key in ("job_title", "department", "phone", "location")}
    finally:
        db.close()


def test_an_import_fills_what_is_empty_and_keeps_what_the_director_curated(aldermark_db, capsys):
    katharina = person_values(aldermark_db, "Dr. Katharina Weiß")
    assert keyplan("import", str(DATA / "aldermark_outlook_de_cp1252.csv"),
                   "--db", str(aldermark_db), "--account", ALDERMARK) == 0  # fmt: skip
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].startswith("Read as: Vorname → first name, Nachname → last name, Firma")
    assert lines[1].endswith("; not read: Anrede.")
    assert lines[2] == "3 new, 1 update, 2 skipped (1 looks broken)"
    assert lines[3] == (
        "Updates fill 2 empty fields; 6 values in the file differ from yours and are kept "
        "(--overwrite takes the file's)."
    )
    assert lines[4] == (
        f"Departments new to {ALDERMARK}: Finanzen, Einkauf, Vertrieb (it has Executive, Finance)."
    )
    assert "department 'Executive' (file: 'Geschäftsführung')" in out
    assert "  row 4 Jana Vogt: new — department 'Finanzen' is new to this account" in lines
    # Katharina keeps every value; Jürgen gets the phone and job title he lacked, not "Finanzen".
    assert person_values(aldermark_db, "Dr. Katharina Weiß") == katharina
    assert person_values(aldermark_db, "Jürgen Hoffmann") == {
        "job_title": "Leiter Finanzen",
        "department": "Finance",
        "phone": "+49 711 5556856",
        "location": "Stuttgart, Germany",
    }
    assert not any("Bernd" in name for name in people_of(aldermark_db, ALDERMARK))


def test_overwrite_takes_the_files_values(aldermark_db, capsys):
    assert keyplan("import", str(DATA / "aldermark_outlook_de_cp1252.csv"), "--overwrite",
                   "--db", str(aldermark_db), "--account", ALDERMARK) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "3 new, 2 updates, 1 skipped (1 looks broken)" in out
    assert "overwrites 4: job title 'Managing Director' → 'Geschäftsführerin', " in out
    assert "department 'Executive' → 'Geschäftsführung'" in out
    katharina = person_values(aldermark_db, "Dr. Katharina Weiß")
    assert (katharina["department"], katharina["location"]) == ("Geschäftsführung", "Stuttgart")


def test_a_broken_row_is_skipped_with_its_reason_in_the_summary(aldermark_db, capsys):
    assert keyplan("import", str(DATA / "aldermark_outlook_de_cp1252.csv"), "--dry-run",
                   "--db", str(aldermark_db), "--account", ALDERMARK) == 0  # fmt: skip
    broken = [line for line in capsys.readouterr().out.splitlines() if "row 5" in line]
    assert broken == [
        '  row 5 Bernd Lehmann;Aldermark Antriebstechnik GmbH": skipped — looks broken: the '
        "name 'Bernd Lehmann;Aldermark Antriebstechnik GmbH\"' holds a semicolon (;) and a "
        'stray quote ("), so cells ran together; correct the row in the file and import again'
    ]


def test_dry_run_names_the_new_people_and_cuts_a_long_list(acme_db, tmp_path, capsys):
    crm = tmp_path / "many.csv"
    rows = [f"Person{n},Number{n},person{n}@acme.example" for n in range(60)]
    crm.write_text("\n".join(["First Name,Last Name,Email", *rows]) + "\n", encoding="utf-8")
    assert keyplan("import", str(crm), "--db", str(acme_db), "--account", "Acme Group",
                   "--map", "First Name=first_name,Last Name=last_name,Email=email",
                   "--dry-run") == 0  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    new = [line for line in lines if line.endswith(": new")]
    assert new[0] == "  row 2 Person0 Number0: new"
    assert len(new) == 50
    assert "  … and 10 more new people" in lines
