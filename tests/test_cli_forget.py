"""``keyplan forget``: the command a person's request to be forgotten is carried out with."""

from __future__ import annotations

from pathlib import Path

import pytest

from keyplan.cli import main
from keyplan.store.safety.backup import backups_folder, make_rolling_backup

ZOE = "Zoë Åkesson"


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def forget(db: Path | str, person: str, *more: str) -> int:
    return main(["forget", "--db", str(db), "--account", "aldermark group", "--person", person,
                 *more])  # fmt: skip


def test_forget_prints_what_was_removed_and_leaves_no_byte_of_her(demo_db, capsys):
    assert forget(demo_db, "zoë åkesson", "--yes") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Forgot {ZOE} (Aldermark Group). Removed:\n")
    assert "  meetings they attended: 2\n" in out
    assert "  promises to them: 1\n" in out
    assert "Their reports now report to Henrik Dahlgren." in out
    assert "nothing of them is left in it" in out
    for side in ("", "-wal"):
        path = Path(f"{demo_db}{side}")
        assert not path.exists() or "Åkesson".encode() not in path.read_bytes()


def test_backups_are_offered_then_rewritten_with_rewrite_backups(demo_db, capsys):
    backup = make_rolling_backup(demo_db)
    assert backup.parent == backups_folder(demo_db)
    assert forget(demo_db, ZOE, "--yes") == 0
    assert "1 older backup of this file may still hold them: run again with --rewrite-backups" in (
        capsys.readouterr().out
    )
    assert "Åkesson".encode() in backup.read_bytes()
    assert forget(demo_db, "Ingrid Solberg", "--yes", "--rewrite-backups") == 0
    assert "Rewrote 1 of 1 backup without them" in capsys.readouterr().out
    assert b"Solberg" not in backup.read_bytes()


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("Ingrid", "keyplan: There is nobody named 'Ingrid' at that account. Did you mean: "
                   "Ingrid Solberg."),
        ("Nobody", "keyplan: There is nobody named 'Nobody' at that account. People there: "),
    ],
    ids=["partial-name", "unknown-name"],
)  # fmt: skip
def test_an_unknown_name_is_one_line_listing_candidates_and_nothing_changes(
    demo_db, capsys, person, expected
):
    before = demo_db.read_bytes()
    assert forget(demo_db, person, "--yes") == 1
    err = capsys.readouterr().err
    assert err.startswith(expected)
    assert err.count("\n") == 1
    assert demo_db.read_bytes() == before


def test_without_yes_a_script_is_refused_and_nothing_changes(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert forget(demo_db, "Ingrid Solberg") == 1
    assert capsys.readouterr().err == (
        "keyplan: Ingrid Solberg was not forgotten: add --yes, or type the name to confirm.\n"
    )
    assert b"Solberg" in demo_db.read_bytes()


def test_typing_the_name_confirms_at_a_terminal(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _prompt: "ingrid solberg")
    assert forget(demo_db, "Ingrid Solberg") == 0
    assert "It cannot be undone." in capsys.readouterr().out
    assert b"Solberg" not in demo_db.read_bytes()


def test_an_unknown_account_is_refused(demo_db, capsys):
    assert main(["forget", "--db", str(demo_db), "--account", "Nope", "--person", "X"]) == 1
    assert capsys.readouterr().err.startswith("keyplan: There is no account named 'Nope'.")


@pytest.mark.postgresql
def test_on_a_team_database_the_rows_go_and_the_servers_backups_are_named(postgres_url, capsys):
    assert main(["demo", "--db", postgres_url]) == 0
    capsys.readouterr()
    assert forget(postgres_url, "Ingrid Solberg", "--rewrite-backups", "--yes") == 1
    assert "--rewrite-backups is for database files" in capsys.readouterr().err
    assert forget(postgres_url, "Ingrid Solberg", "--yes") == 0
    out = capsys.readouterr().out
    assert "The server's own backups keep them until they expire." in out
    assert "vacuumed" not in out
    assert forget(postgres_url, "Ingrid Solberg", "--yes") == 1
    assert "There is nobody named 'Ingrid Solberg'" in capsys.readouterr().err
