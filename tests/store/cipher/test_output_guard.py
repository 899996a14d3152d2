"""No export is written over an encrypted Keyplan database (as over a plain one), and an earlier
export that happens to be whole pages long is not mistaken for one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.cli import main
from keyplan.store.cipher import keys
from keyplan.store.safety.output_paths import OutputRefused, check_output_path

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files


def test_an_export_over_another_encrypted_database_is_refused_and_it_stays_whole(
    encrypted_demo: Path, plain_demo_file: Path, tmp_path: Path, capsys
) -> None:
    other = tmp_path / "other.db"
    shutil.copyfile(plain_demo_file, other)
    before = encrypted_demo.read_bytes()

    code = main(["export-json", "--db", str(other), "--out", str(encrypted_demo)])

    assert code == 1
    assert capsys.readouterr().err.strip() == (
        f"keyplan: {encrypted_demo} is a Keyplan database, not an export: choose another file."
    )
    assert encrypted_demo.read_bytes() == before
    assert keys.try_passphrase(encrypted_demo, PASSPHRASE) is not None


def test_a_backup_may_still_replace_an_encrypted_copy_the_user_chose(
    encrypted_demo: Path, tmp_path: Path
) -> None:
    chosen = tmp_path / "my copy.db"
    shutil.copyfile(encrypted_demo, chosen)
    assert check_output_path(chosen, encrypted_demo, may_replace_database=True) == chosen
    with pytest.raises(OutputRefused, match="is a Keyplan database, not an export"):
        check_output_path(chosen, encrypted_demo)


@pytest.mark.parametrize(
    "start",
    [
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x89PNG\r\n\x1a\n",
        "\ufeffName;Zoë Åkesson;CEO\n".encode(),
        '{"accounts": [{"name": "Zoë'.encode(),
        b"<svg xmlns='http://www.w3.org/2000/svg'>",
    ],
)
def test_an_earlier_export_of_whole_pages_may_be_replaced(start: bytes, tmp_path: Path) -> None:
    earlier = tmp_path / "earlier export"
    earlier.write_bytes(start + b"x" * (8192 - len(start)))  # exactly two 4096-byte pages
    assert check_output_path(earlier, tmp_path / "plan.db") == earlier
