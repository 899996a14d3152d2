"""`keyplan import`: a director brings a contacts file into an account from the terminal."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.exchange import mapping_memory
from keyplan.store import edits, queries
from keyplan.store.database import open_database

DATA = Path(__file__).parents[1] / "data" / "import"


@pytest.fixture(autouse=True)
def own_mapping_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test remembers column mappings in a file of its own."""
    path = tmp_path / "config" / "import-mappings.json"
    monkeypatch.setattr(mapping_memory, "memory_path", lambda: path)
    return path


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
    assert lines[1] == "6 new, 0 updates, 2 skipped"
    assert "  row 9 Ingrid Olsen: skipped — same person as row 2" in lines
    assert lines[-1] == "Imported into Acme Group: 6 people added, 0 updated."
    assert len(people_of(acme_db, "Acme Group")) == 6


def test_a_missing_account_is_created_with_a_message(acme_db, capsys):
    assert keyplan("import", str(DATA / "contacts_v40.vcf"), "--db", str(acme_db),
                   "--account", "Globex") == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "There is no account named 'Globex': it will be created." in out
    assert "Imported into Globex (new account): 2 people added" in out
    assert people_of(acme_db, "Globex") == ["Ελένη Παπαδοπούλου", "محمد العلي"]


def test_importing_twice_updates_rather_than_duplicates(acme_db, capsys):
    for name in ("crm_contacts.csv", "outlook_contacts.csv", "crm_contacts.csv"):
        assert keyplan("import", str(DATA / name), "--db", str(acme_db),
                       "--account", "Acme Group") == 0  # fmt: skip
    out = capsys.readouterr().out.splitlines()
    assert len(people_of(acme_db, "Acme Group")) == 6
    # Outlook moved Mohammed under Zoë; the CRM file moves him back: one update each time.
    assert out[-1] == "Imported into Acme Group: 0 people added, 1 updated."
    assert "0 new, 1 update, 7 skipped" in out


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


MAPPING = "Name=full_name,Role=job_title,Mail=email,Boss=reports_to"


def test_unknown_columns_are_listed_and_map_option_imports_them(acme_db, capsys):
    assert keyplan("import", str(DATA / "other_system.csv"), "--db", str(acme_db),
                   "--account", "Acme Group") == 1  # fmt: skip
    error = capsys.readouterr().err
    assert "Its columns: 'Name', 'Role', 'Unit', 'Mail', 'Tel', 'Boss', 'Since'." in error
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
                   "--account", "Acme Group", "--map", "Name") == 1  # fmt: skip
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
