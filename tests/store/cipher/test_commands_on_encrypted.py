"""Every command that takes --db reads (and writes) an encrypted file with KEYPLAN_PASSPHRASE,
which stays encrypted; with a wrong passphrase each refuses in one line and changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipher_helpers import PASSPHRASE  # type: ignore[import-not-found]
from keyplan.cli import main
from keyplan.store.cipher import keys
from keyplan.store.cipher.detect import is_encrypted_file

pytestmark = pytest.mark.sqlite_only  # encryption at rest is for files

GROUP = "Aldermark Group"
COMMANDS = {  # command: (its arguments, a file it writes or None, what it prints)
    "accounts": ([], None, GROUP),
    "check": ([], None, ""),
    "insights": (["--account", GROUP], None, ""),
    "export-map": (["--account", GROUP, "--out", "map.svg"], "map.svg", ""),
    "export-csv": (["--account", GROUP, "--out", "people.csv"], "people.csv", ""),
    "export-pdf": (
        ["--account", GROUP, "--variant", "customer", "--out", "plan.pdf"],
        "plan.pdf",
        "",
    ),
    "snapshot": (["--account", GROUP, "--name", "Before the reorg"], None, ""),
    "backup": ([], None, ""),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_command_works_on_an_encrypted_file(
    command: str,
    encrypted_demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments, written, printed = COMMANDS[command]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, PASSPHRASE)

    code = main([command, "--db", str(encrypted_demo), *arguments])

    out, err = capsys.readouterr()
    assert code == 0, err
    assert printed in out
    if written:
        assert (tmp_path / written).stat().st_size > 0
    assert is_encrypted_file(encrypted_demo)
    assert b"Aldermark" not in encrypted_demo.read_bytes()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_wrong_passphrase_is_refused_in_one_line_by_every_command(
    command: str,
    encrypted_demo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments, written, _printed = COMMANDS[command]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(keys.PASSPHRASE_VARIABLE, "not the passphrase")
    before = encrypted_demo.read_bytes()

    code = main([command, "--db", str(encrypted_demo), *arguments])

    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        f"keyplan: Wrong passphrase for {encrypted_demo} (from {keys.PASSPHRASE_VARIABLE}). "
        f"Nothing was changed."
    ]
    assert encrypted_demo.read_bytes() == before
    assert written is None or not (tmp_path / written).exists()
