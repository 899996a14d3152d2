"""A contacts file far beyond any real export is refused before it is read, saying the numbers.

Stories from issue 18: a 50 MB CSV took 44 s and 1.5 GB before anything was said. Real
exports are much smaller (LinkedIn allows 30,000 connections, about 5 MB), so Keyplan reads
up to 100,000 rows (or cards) and 200 MB from one file, says so when a file is bigger, and
`--max-rows N` raises both caps (2,000 bytes a row).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.exchange.transfer.contact_files import read_contacts_file
from keyplan.exchange.transfer.contacts import ImportRefused
from keyplan.exchange.transfer.import_limits import ImportLimits

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def linkedin_csv(path: Path, rows: int) -> Path:
    lines = [f"Ann{n},Lee,,,Acme,CFO,01 Jan 2026\n" for n in range(rows)]
    path.write_text(LINKEDIN_HEADER + "".join(lines), "utf-8")
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file of this size that takes no room on the disk (it is never read)."""
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_file_over_200_mb_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = sparse_file(tmp_path / "connections.csv", 250_000_000)
    database = tmp_path / "plan.db"
    code, out, err = run(capsys, "--db", str(database), "import", str(huge), "--account", "Acme")
    assert code == 1 and out == ""
    assert err == (
        "keyplan: connections.csv is 250 MB; Keyplan reads contacts files up to 200 MB "
        "(100,000 rows). Split the file, or import it with: keyplan import --max-rows 125000 …\n"
    )
    assert not database.exists()


def test_more_than_100000_rows_are_refused_and_max_rows_raises_the_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    many = tmp_path / "names.csv"
    many.write_text("Name\n" + "x\n" * 100_001, "utf-8")
    code, _out, err = run(capsys, "import", str(many), "--account", "Acme", "--dry-run",
                          "--db", str(tmp_path / "plan.db"))  # fmt: skip
    assert code == 1
    assert err == (
        "keyplan: names.csv has 100,001 rows; Keyplan imports at most 100,000 rows from one "
        "file. Split the file, or import it with: keyplan import --max-rows 100001 …\n"
    )
    small = linkedin_csv(tmp_path / "Connections.csv", 60)
    code, _out, err = run(capsys, "import", str(small), "--account", "Acme", "--dry-run",
                          "--max-rows", "50", "--db", str(tmp_path / "plan.db"))  # fmt: skip
    assert code == 1 and "has 60 rows; Keyplan imports at most 50 rows" in err
    code, out, err = run(capsys, "import", str(small), "--account", "Acme", "--dry-run",
                         "--max-rows", "60", "--db", str(tmp_path / "plan.db"))  # fmt: skip
    assert code == 0, err
    assert "60 rows" in out


def test_a_vcard_file_counts_its_cards(tmp_path: Path) -> None:
    cards = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann {n}\r\nEND:VCARD\r\n" for n in range(4))
    path = tmp_path / "team.vcf"
    path.write_text(cards, "utf-8")
    with pytest.raises(ImportRefused, match=r"team\.vcf has 4 cards; Keyplan imports at most 3"):
        read_contacts_file(path, limits=ImportLimits(3))
    assert len(read_contacts_file(path, limits=ImportLimits(4)).contacts) == 4


@pytest.mark.parametrize("bad", ["0", "-5", "many"])
def test_max_rows_must_be_a_whole_number_of_at_least_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    small = linkedin_csv(tmp_path / "Connections.csv", 2)
    code, _out, err = run(capsys, "import", str(small), "--account", "Acme", "--max-rows", bad)
    assert code == 2 and "--max-rows" in err
