"""Every `keyplan` command fed garbage arguments and garbage files: one line, never a traceback.

Story from issue 18: the reliability probes found commands that ended in a traceback on a
bad value (a ZeroDivisionError, a KeyError, a lone surrogate). Here Hypothesis picks a
command, mixes its real options with garbage words, numbers and paths, and points its file
arguments at garbage: random bytes, an empty file, a folder, a missing file, a real database.
Whatever it picks, the command ends with exit code 0, 1 (a refusal) or 2 (a usage error),
and a refusal says so in one line on stderr.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keyplan.cli import main
from keyplan.store.database import open_database
from keyplan.store.people import edits

COMMANDS = {
    "accounts": [],
    "check": [],
    "export-pdf": ["--account", "--variant", "--out", "--people"],
    "export-map": ["--account", "--out"],
    "insights": ["--account", "--json"],
    "import": ["--account", "--portfolio", "--format", "--map", "--encoding", "--dry-run",
               "--max-rows", "--overwrite"],
    "export-csv": ["--account", "--table", "--affiliates", "--out"],
    "export-json": ["--account", "--out"],
    "import-json": [],
    "backup": ["--to", "--list"],
    "restore": ["--force"],
    "copy-db": [],
}  # fmt: skip
FILE_KINDS = ("garbage", "empty", "folder", "missing", "database", "text")
words = st.sampled_from([
    "Acme", "internal", "customer", "brief", "people", "auto", "vcard", "0", "-1",
    "99999999999999999999", "", " ", "--", "-", "nan", "\x1b]0;x\x07", "\ud800", "é" * 300,
    "Name=full_name", "a=b,c",
])  # fmt: skip


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One file of each kind, made once; each example works on copies."""
    folder = tmp_path_factory.mktemp("garbage-cli")
    made = {
        "garbage": folder / "garbage.bin",
        "empty": folder / "empty.db",
        "folder": folder / "a folder",
        "missing": folder / "missing.db",
        "database": folder / "plan.db",
        "text": folder / "people.csv",
    }
    made["garbage"].write_bytes(bytes(range(256)) * 3)
    made["empty"].write_bytes(b"")
    made["folder"].mkdir()
    made["text"].write_text("Name,Email\nAnn Lee,ann@example.com\n", "utf-8")
    db = open_database(made["database"])
    acme = edits.add_account(db, "Acme")
    edits.add_stakeholder(db, acme, "Ann Lee")
    db.close()
    return made


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """A command, its arguments, and the kinds of file its path arguments point at."""
    command = draw(st.sampled_from(sorted(COMMANDS)))
    options = COMMANDS[command]
    arguments: list[str] = []
    kinds: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        choice = draw(st.sampled_from(["option", "word", "file"]))
        if choice == "option" and options:
            arguments.append(draw(st.sampled_from(options)))
        elif choice == "file":
            kinds.append(draw(st.sampled_from(FILE_KINDS)))
            arguments.append(f"<file{len(kinds) - 1}>")
        else:
            arguments.append(draw(words))
    if draw(st.booleans()):
        kinds.append(draw(st.sampled_from(FILE_KINDS)))
        arguments += ["--db", f"<file{len(kinds) - 1}>"]
    return command, arguments, kinds


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=command_lines())
def test_garbage_ends_in_one_line_never_a_traceback(
    line: tuple[str, list[str], list[str]],
    files: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    command, arguments, kinds = line
    work = tmp_path_factory.mktemp("example")
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: work / "own.db")
    paths = []
    for number, kind in enumerate(kinds):
        source = files[kind]
        copy = work / f"{number}-{source.name}"
        if source.is_dir():
            copy.mkdir()
        elif source.exists():
            shutil.copyfile(source, copy)
        paths.append(str(copy))
    argv = [command] + [
        paths[int(a[5:-1])] if a.startswith("<file") and a.endswith(">") else a for a in arguments
    ]
    capsys.readouterr()
    code = main(argv)
    _out, err = capsys.readouterr()
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err
    if code == 1:
        assert err.startswith("keyplan: ") and err.count("\n") == 1, (argv, err)


def test_a_usage_error_quotes_what_was_typed_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """A byte the system could not decode, or an ESC sequence, in a stray argument."""
    assert main(["accounts", "--db", "plan.db", "--\x1b]0;pwned\x07\udcff"]) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --\\x1b]0;pwned\\x07\\udcff" in err
    assert "\x1b" not in err and "\udcff" not in err
