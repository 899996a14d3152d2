"""The keyplan command: a director creates the demo, lists the accounts, checks the file."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import keyplan
from keyplan.cli import main


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def test_demo_creates_a_portfolio_and_says_what_it_made(tmp_path, capsys):
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"Created the demo portfolio in {path}: 8 accounts, 124 people,")
    assert out.endswith(" s")
    assert len(out.splitlines()) == 1


def test_accounts_lists_the_umbrella_with_its_affiliates_indented(demo_db, capsys):
    assert main(["accounts", "--db", str(demo_db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Account", "Tier", "Country", "People"]
    umbrella = next(i for i, line in enumerate(lines) if line.startswith("Aldermark Group "))
    assert "Strategic" in lines[umbrella]
    affiliates = lines[umbrella + 1 : umbrella + 4]
    assert all(line.startswith("  Aldermark ") for line in affiliates)
    assert any("France" in line for line in affiliates)
    assert lines[-1] == "8 accounts, 124 people"
    # The columns line up: every tier starts in the same column.
    tier_column = lines[0].index("Tier")
    assert all(line[tier_column - 2 : tier_column] == "  " for line in lines[1:-1])


def test_accounts_can_show_one_family(demo_db, capsys):
    assert main(["--db", str(demo_db), "accounts", "aldermark group"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 + 4 + 1
    assert lines[-1] == "4 accounts, 65 people"


def test_check_says_a_healthy_file_is_healthy(demo_db, capsys):
    assert main(["check", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().out == f"OK: {demo_db} is healthy (8 accounts, 124 people)\n"


def test_check_on_a_garbage_file_fails_with_one_clear_line(tmp_path, capsys):
    path = tmp_path / "holiday.jpg.db"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(4000))
    assert main(["check", "--db", str(path)]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "keyplan: holiday.jpg.db is not a Keyplan database (it is not an SQLite file). "
        "Keyplan did not change it.\n"
    )
    assert "Traceback" not in captured.err


def test_check_lists_broken_rules_and_fails(demo_db, capsys):
    import sqlite3

    with sqlite3.connect(demo_db) as connection:
        connection.execute(
            "UPDATE stakeholders SET reports_to_id = "
            "(SELECT id FROM stakeholders WHERE full_name = 'Pär Nilsson') "
            "WHERE full_name = 'Ingrid Solberg'"
        )
    connection.close()
    assert main(["check", "--db", str(demo_db)]) == 1
    out = capsys.readouterr().out
    assert "1 problem" in out
    assert "Reporting cycle" in out


def test_demo_refuses_a_file_that_already_holds_accounts(demo_db, capsys):
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    assert main(["demo", "--db", str(demo_db)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("keyplan: ") and "already holds 8 accounts" in err
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before


def test_a_scaled_demo_is_synthetic(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "big.db"), "--scale", "300"]) == 0
    assert "synthetic portfolio" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["accounts", "Nobody Inc"], "keyplan: There is no account named 'Nobody Inc'."),
        (["accounts", "--db", "{missing}"], "keyplan: There is no Keyplan database at {missing}."),
        (["demo", "--db", "{unwritable}"], "keyplan: Cannot create a database at {unwritable}"),
        (["demo", "--db", "{folder}"], "keyplan: {folder} is a folder"),
    ],
    ids=["unknown-account", "missing-file", "unwritable-path", "folder"],
)
def test_user_errors_are_one_line(demo_db, tmp_path, capsys, argv, expected):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    places = {
        "missing": str(tmp_path / "missing.db"),
        "unwritable": str(blocker / "keyplan.db"),
        "folder": str(tmp_path),
    }
    argv = [arg.format(**places) for arg in argv]
    if "--db" not in argv:
        argv += ["--db", str(demo_db)]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(expected.format(**places))
    assert captured.err.count("\n") == 1
    assert not (tmp_path / "missing.db").exists()


def test_without_db_the_users_own_database_is_used(tmp_path, monkeypatch, capsys):
    own = tmp_path / "own" / "keyplan.db"
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: own)
    assert main(["demo"]) == 0
    assert main(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"OK: {own} is healthy")


def test_without_a_command_the_application_starts(monkeypatch):
    calls = []
    launch = types.ModuleType("keyplan.ui.shell.launch")
    launch.run_gui = lambda location, exit_when_ready: (
        calls.append((location, exit_when_ready)) or 0
    )
    monkeypatch.setitem(sys.modules, "keyplan.ui.shell.launch", launch)
    assert main(["--db", "plan.db", "--exit-when-ready"]) == 0
    assert main([]) == 0
    assert calls == [("plan.db", True), (None, False)]


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"keyplan {keyplan.__version__}\n"
    assert main(["--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "quit as soon as the main window is shown with the portfolio loaded" in help_text
    assert "(used by the start-up benchmark)" in help_text


def test_bad_usage_exits_with_code_2(capsys):
    assert main(["demo", "--scale", "many"]) == 2
    assert "not a whole number" in capsys.readouterr().err
    # The same count rule, in the same words, wherever a command takes a count.
    assert main(["demo", "--scale", "0"]) == 2
    assert "--scale: must be at least 1" in capsys.readouterr().err
    assert main(["import", "people.csv", "--max-rows", "ten"]) == 2
    assert "--max-rows: 'ten' is not a whole number" in capsys.readouterr().err


def test_the_command_runs_as_a_module(demo_db):
    result = subprocess.run(
        [sys.executable, "-m", "keyplan", "accounts", "--db", str(demo_db)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "\n  Aldermark Antriebstechnik GmbH " in result.stdout
    assert result.stderr == ""


def test_the_command_line_imports_nothing_heavy_at_start():
    code = (
        "import sys, keyplan.cli; "
        "print(sorted(m for m in ('sqlalchemy', 'PySide6') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_sub_command_from_another_module_loads_only_when_used(monkeypatch, capsys):
    import keyplan.cli.program as cli

    loaded = []
    greeting = types.ModuleType("keyplan_test_greeting")

    def add_arguments(parser):
        loaded.append("arguments")
        parser.add_argument("--name", default="Ingrid")

    greeting.add_arguments = add_arguments
    greeting.run = lambda args: print(f"Hello {args.name}") or 0
    monkeypatch.setitem(sys.modules, "keyplan_test_greeting", greeting)
    command = cli.SubCommand.from_module("greet", "say hello", "keyplan_test_greeting")
    monkeypatch.setattr(cli, "SUB_COMMANDS", (*cli.SUB_COMMANDS, command))
    monkeypatch.setitem(
        sys.modules, "keyplan.ui.shell.launch", types.SimpleNamespace(run_gui=lambda *a: 0)
    )

    assert main(["--exit-when-ready"]) == 0
    assert loaded == []  # starting the application did not load the command's module
    assert main(["greet", "--name", "Pär"]) == 0
    assert capsys.readouterr().out == "Hello Pär\n"


def test_export_pdf_lists_only_the_people_we_work_with_unless_asked_for_all(
    demo_db, tmp_path, capsys
):
    from pypdf import PdfReader

    texts = {}
    for shown in ("worked", "all"):
        out = tmp_path / f"{shown}.pdf"
        argv = ["export-pdf", "--db", str(demo_db), "--account", "Aldermark Group"]
        argv += ["--variant", "customer", "--people-shown", shown, "--out", str(out)]
        assert main(argv) == 0
        texts[shown] = " ".join(page.extract_text() for page in PdfReader(out).pages)
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account, people

    db = open_database(demo_db, create=False)
    try:
        rows = people(db, find_account(db, "Aldermark Group"), with_affiliates=True)
    finally:
        db.close()
    unknown = [r["full_name"] for r in rows if not (r.owners or r.last_contact or r["has_left"])]
    assert unknown  # the demo has people nobody of ours knows
    for name in unknown:
        assert name not in texts["worked"] and name in texts["all"], name
    for text in texts.values():  # the demo has a broken promise: no "—" for its delivery
        assert "—" not in text
    argv = ["export-pdf", "--db", str(demo_db), "--account", "Aldermark Group"]
    bad = [*argv, "--variant", "customer", "--people-shown", "some", "--out", "x.pdf"]
    assert main(bad) == 2
    assert "invalid choice: 'some'" in capsys.readouterr().err.replace('"', "'")


def test_export_pptx_writes_each_deck_and_refuses_bad_requests_in_one_line(
    demo_db, tmp_path, capsys
):
    from pptx import Presentation

    argv = ["export-pptx", "--db", str(demo_db), "--account", "Aldermark Group"]
    for variant in ("internal", "customer"):
        out = tmp_path / f"{variant}.pptx"
        assert main([*argv, "--variant", variant, "--out", str(out)]) == 0
        assert len(Presentation(str(out)).slides) > 5
    brief = tmp_path / "brief.pptx"
    people = "Henrik Dahlgren,Zoë Åkesson"
    assert main([*argv, "--variant", "brief", "--people", people, "--out", str(brief)]) == 0
    capsys.readouterr()
    for extra, message in (
        (["--variant", "brief", "--out", str(tmp_path / "b.pptx")], "needs --people"),
        (["--variant", "internal", "--out", str(tmp_path / "x.pdf")], "must end in .pptx"),
    ):
        code = main([*argv, *extra])
        err = capsys.readouterr().err
        assert code == 1 and message in err and len(err.strip().splitlines()) == 1
    unknown = ["export-pptx", "--db", str(demo_db), "--account", "Nobody Inc"]
    assert main([*unknown, "--variant", "internal", "--out", str(tmp_path / "n.pptx")]) == 1
    assert "no account named" in capsys.readouterr().err
    assert not (tmp_path / "n.pptx").exists()


def test_export_pptx_never_writes_over_the_database(demo_db, capsys):
    before = demo_db.read_bytes()
    argv = ["export-pptx", "--db", str(demo_db), "--account", "Aldermark Group"]
    # A .pptx name that is the database itself, through a link: refused, nothing changed.
    link = demo_db.with_name("plan.pptx")
    link.symlink_to(demo_db)
    assert main([*argv, "--variant", "internal", "--out", str(link)]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert demo_db.read_bytes() == before


def test_snapshot_names_the_map_of_an_account_and_refuses_an_empty_name(demo_db, capsys):
    from keyplan.store.database import open_database
    from keyplan.store.history.named_snapshots import snapshots
    from keyplan.store.people.queries import find_account

    args = ["snapshot", "--db", str(demo_db), "--account", "aldermark group"]
    assert main([*args, "--name", "Before the reorg"]) == 0
    assert "Before the reorg" in capsys.readouterr().out
    assert main([*args, "--name", "  "]) == 1
    assert capsys.readouterr().err.startswith("keyplan: Give the snapshot a name")
    assert main(["snapshot", "--db", str(demo_db), "--account", "Nobody Inc", "--name", "x"]) == 1
    db = open_database(demo_db, create=False)
    names = [s.name for s in snapshots(db, find_account(db, "Aldermark Group"))]
    db.close()
    assert "Before the reorg" in names and "  " not in names


def test_the_windows_plain_start_is_read_without_the_parser_and_the_rest_goes_through_it(
    monkeypatch, capsys
):
    # `keyplan`, `--db PATH` and `--exit-when-ready` open the window without declaring every
    # sub-command's options (issue 20: start-up); anything else, a typo too, keeps argparse's
    # messages.
    from keyplan.cli import program

    opened = []
    monkeypatch.setattr(program, "_run_gui", lambda args: opened.append(args) or 0)
    monkeypatch.setattr(program, "build_parser", _parser_never_built)
    for argv in (["--db", "a.db"], ["--db=b.db", "--exit-when-ready"], []):
        assert main(argv) == 0
    assert [(args.db, args.exit_when_ready) for args in opened] == [
        ("a.db", False), ("b.db", True), (None, False)]  # fmt: skip
    for argv in (["--db"], ["--db", "--exit-when-ready"], ["--exit-when-redy"], ["demo"]):
        assert program.window_arguments(argv) is None
    monkeypatch.undo()
    assert main(["--db"]) == 2
    assert "expected one argument" in capsys.readouterr().err
    assert main(["--exit-when-redy"]) == 2
    assert "unrecognized arguments: --exit-when-redy" in capsys.readouterr().err


def _parser_never_built(*_args: object) -> None:
    raise AssertionError("the parser was built for a plain start of the window")
