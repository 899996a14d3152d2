"""The ``keyplan`` command: opens the application, or runs a sub-command on a database.

Only the standard library is imported at the top: ``keyplan --help`` and the start of the GUI
must not pay for SQLAlchemy, Qt or ReportLab before they are needed, so each sub-command
imports what it uses when it runs.

To add a sub-command, list it in ``SUB_COMMANDS``: either a ``SubCommand`` with an
``add_arguments(parser)`` and a ``run(args) -> int`` function, or ``SubCommand.from_module``
naming a module that defines both (imported only when that command is used). Errors a user
can cause (``KeyplanError``, a file that cannot be read or written) end as one line on stderr
and exit code 1; anything else is a bug and keeps its traceback.
"""

# Annotations are evaluated here (no ``from __future__ import annotations``): a named tuple's
# field types given as strings are each compiled by ``typing`` when the class is made, and
# every start of the window makes this module's.

import argparse
import contextlib
import gc
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from keyplan.cli.database_option import database_location


class _VersionAction(argparse.Action):
    """Prints the version only when asked: reading package metadata slows every start."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any, **_kwargs: Any) -> None:
        from keyplan import version

        print(f"keyplan {version()}")
        parser.exit()


EXIT_OK = 0
EXIT_FAILED = 1  # a user error, or `check` found problems
EXIT_INTERRUPTED = 130

EXIT_WHEN_READY_HELP = (
    "quit as soon as the main window is shown with the portfolio loaded "
    "(used by the start-up benchmark)"
)
# SQLite errors that mean the file cannot be reached or written, not that the code is wrong.
_FILE_TROUBLE = ("readonly", "unable to open", "disk", "locked", "full")


class SubCommand(NamedTuple):  # not a dataclass: made ten times faster at start-up
    """One ``keyplan <name>`` command: its options and what it does."""

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]

    @classmethod
    def from_module(cls, name: str, help: str, module: str) -> "SubCommand":
        """A command whose ``add_arguments`` and ``run`` live in ``module``, loaded on use."""
        from importlib import import_module

        return cls(
            name,
            help,
            lambda parser: import_module(module).add_arguments(parser),
            lambda args: import_module(module).run(args),
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``keyplan`` command; return the process exit code.

    Args:
        argv: the arguments after the program name; defaults to ``sys.argv[1:]``.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    args = window_arguments(argv)
    if args is None:
        parser = build_parser(argv)
        usage_errors = io.StringIO()
        try:
            with contextlib.redirect_stderr(usage_errors):
                args = parser.parse_args(argv)
        except SystemExit as exit_request:  # --help, --version and usage errors
            _print_escaped(usage_errors.getvalue())
            code = exit_request.code
            return code if isinstance(code, int) else EXIT_FAILED
    if args.run is not _run_gui:  # the window tidies once it is shown (ui/shell/launch.py)
        _tidy_leftovers(args)
        _ask_passphrases_on_terminal()  # the window asks in a dialog (ui/cipher/unlock.py)
    try:
        with _terminal_safe_output(), _collections_for(args):
            return args.run(args)
    except KeyboardInterrupt:
        print("keyplan: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `keyplan accounts | head`: the reader has seen enough
        _silence_stdout()
        return EXIT_OK
    except Exception as error:
        message = _user_message(error)
        if message is None:
            raise
        print(f"keyplan: {_one_line(message)}", file=sys.stderr)
        return EXIT_FAILED


def window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the window (``keyplan``, ``--db PATH``,
    ``--exit-when-ready``), read without the parser; None for anything else.

    Building the parser declares twenty sub-commands (some 9 ms, a tenth of what the window
    adds to a bare Qt window), which the window's start does not need. Whatever this does not
    recognise, a typo included, goes through the parser and its usual messages.
    """
    db: str | None = None
    exit_when_ready = False
    words = iter(argv)
    for word in words:
        if word == "--exit-when-ready":
            exit_when_ready = True
        elif word.startswith("--db="):
            db = word.removeprefix("--db=")
        elif word == "--db":
            db = next(words, None)
            if db is None or db.startswith("-"):
                return None  # the parser says what is missing
        else:
            return None
    return argparse.Namespace(db=db, exit_when_ready=exit_when_ready, run=_run_gui)


# A command runs once and exits: the young generation is collected after 10,000 new objects
# instead of 700. Collections were 16 % of a 10,000-row import's CPU time (593 of them, each
# older one walking SQLAlchemy's thousands of objects); its peak memory is the same.
CLI_COLLECTION_THRESHOLD = 10_000


@contextlib.contextmanager
def _collections_for(args: argparse.Namespace) -> Iterator[None]:
    """A sub-command collects garbage less often (the window pauses collection itself)."""
    saved = gc.get_threshold()
    if args.run is not _run_gui:
        gc.set_threshold(CLI_COLLECTION_THRESHOLD, *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


def _print_escaped(text: str) -> None:
    """A usage error quotes what was typed: its controls (an ESC sequence, a byte the system
    could not decode) are written as escapes, as in every other message."""
    if text:
        print("\n".join(_escaped_line(line) for line in text.splitlines()), file=sys.stderr)


def _escaped_line(line: str) -> str:
    from keyplan.domain.plain_text import terminal_safe

    return terminal_safe(line)


def _tidy_leftovers(args: argparse.Namespace) -> None:
    """Partial files a killed Keyplan left beside the database or in its backups: gone."""
    location = database_location(args)
    if "://" in location:
        return
    from keyplan.store.safety.leftovers import tidy_leftovers

    tidy_leftovers(Path(location).expanduser())


def _ask_passphrases_on_terminal() -> None:
    """An encrypted file's passphrase: KEYPLAN_PASSPHRASE, else asked here (the GUI asks in a
    dialog instead)."""
    from keyplan.cli.passphrase import install_terminal_prompt

    install_terminal_prompt()


def _one_line(message: str) -> str:
    """A message as one line on a terminal: its controls and line breaks escaped."""
    from keyplan.domain.plain_text import terminal_safe

    return terminal_safe(" ".join(message.splitlines()))


class _TerminalSafeStream:
    """stdout or stderr, with every text written made safe for a terminal: a name holding an
    ESC or BEL sequence is printed as ``\x1b…``, never obeyed (it could retitle the window)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from keyplan.domain.plain_text import terminal_safe

        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def _terminal_safe_output() -> Iterator[None]:
    """Everything the command prints goes through ``terminal_safe`` while it runs."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _TerminalSafeStream(saved[0]), _TerminalSafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``keyplan`` and its sub-commands.

    Args:
        argv: when given, only the sub-commands named in it get their options declared, so
            that starting the GUI never loads a sub-command's module; None declares them all.
    """
    parser = argparse.ArgumentParser(
        prog="keyplan",
        description="Account plans for strategic account directors. Without a command, "
        "opens the application.",
    )
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="the database file (or team database URL); default: your own database",
    )
    parser.add_argument("--exit-when-ready", action="store_true", help=EXIT_WHEN_READY_HELP)
    parser.set_defaults(run=_run_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in SUB_COMMANDS:
        sub_parser = commands.add_parser(command.name, help=command.help)
        if argv is None or command.name in argv:
            command.add_arguments(sub_parser)
        sub_parser.set_defaults(run=command.run)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    # No garbage collection until the window is shown: loading Qt and the window's modules
    # makes thousands of long-lived objects and no garbage, yet set off some 60 collections
    # (15–90 ms of the start). run_gui freezes what start-up made and collects from then on.
    gc.disable()
    try:
        if args.db:  # an encrypted file's key is derived while Qt loads (store/cipher/keys.py)
            from keyplan.store.cipher.keys import start_deriving_key

            start_deriving_key(args.db)
        _load_the_windows_qt_free_modules()
        from keyplan.ui.shell.launch import run_gui  # Qt loads only when the window is wanted

        return run_gui(args.db, args.exit_when_ready)
    finally:
        gc.enable()  # also when no window was shown


def _load_the_windows_qt_free_modules() -> None:
    """The first window's reads and its file lock, imported before Qt.

    Once PySide6 is loaded it reads the source of every module imported after it (looking for
    its ``__feature__`` switch): some 0.15 ms a module, 4 ms for these and the standard
    library modules they bring. Imported first, they are not read.
    """
    import keyplan.domain.wording
    import keyplan.store.safety.lock
    import keyplan.store.shell.quick_reads  # the Overview's and the tree's SQL

    # The window's own modules and packages that import no Qt: the tab list, the passphrase
    # hook, the packages of the first tab's modules.
    import keyplan.ui.access
    import keyplan.ui.cipher.unlock
    import keyplan.ui.people
    import keyplan.ui.shell.account_tabs
    import keyplan.ui.widgets  # noqa: F401

    if sys.platform.startswith("linux"):  # the colour scheme's read (ui/widgets/system_scheme)
        import ctypes  # noqa: F401


def _silence_stdout() -> None:
    # Python would otherwise report the broken pipe again when it flushes stdout at exit.
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _user_message(error: Exception) -> str | None:
    """The one line to show for an error the user can fix; None for a bug."""
    from keyplan.domain.errors import KeyplanError

    if isinstance(error, KeyplanError):
        return str(error)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return f"{reason}: {error.filename}" if error.filename else reason
    cause = getattr(error, "orig", None)  # SQLAlchemy wraps the driver's error
    text = str(cause or "").lower()
    if cause is not None and any(hint in text for hint in _FILE_TROUBLE):
        return f"The database cannot be used: {cause}."
    if cause is not None and ("row-level security" in text or "permission denied" in text):
        # A team database's access rules (store/access): a viewer's write, an outsider's try.
        return (
            "The team database refused: you may not change this (a viewer's account, or one "
            "you have no access to). Nothing was changed."
        )
    return None


SUB_COMMANDS: tuple[SubCommand, ...] = (
    SubCommand.from_module("demo", "create the demo portfolio in a new database",
                           "keyplan.cli.demo"),
    SubCommand.from_module("accounts", "list the accounts as a tree, with tier and people",
                           "keyplan.cli.accounts"),
    SubCommand.from_module("check", "check a database file for damage and broken rules",
                           "keyplan.cli.check"),
    SubCommand.from_module("export-pdf", "export an account plan or meeting brief as PDF",
                           "keyplan.cli.export_pdf"),
    SubCommand.from_module("export-pptx", "export an account plan or meeting brief as a "
                           "PowerPoint deck", "keyplan.cli.export_pptx"),
    SubCommand.from_module("export-map", "export an account's map: SVG, PNG, yEd, draw.io",
                           "keyplan.cli.export_map"),
    SubCommand.from_module("insights", "print an account's coverage and health findings",
                           "keyplan.cli.insights"),
    SubCommand.from_module("import", "import people into an account from a CSV or vCard file",
                           "keyplan.cli.import_contacts"),
    SubCommand.from_module("export-csv", "export an account's people, commitments or actions "
                           "as CSV", "keyplan.cli.export_csv"),
    SubCommand.from_module("export-json", "export an account (with its affiliates) or the whole "
                           "database as JSON", "keyplan.cli.export_json"),
    SubCommand.from_module("import-json", "import a JSON export into a database",
                           "keyplan.cli.import_json"),
    SubCommand.from_module("import-calendar", "log the meetings of an .ics calendar export as "
                           "interactions", "keyplan.cli.import_calendar"),
    SubCommand.from_module("backup", "back up a database file (or list its backups)",
                           "keyplan.cli.backup"),
    SubCommand.from_module("restore", "restore a database from a backup",
                           "keyplan.cli.restore"),
    SubCommand.from_module("snapshot", "name an account's map as it is now (compare it later)",
                           "keyplan.cli.snapshot"),
    SubCommand.from_module("copy-db", "copy a whole database into an empty one: a file to a "
                           "team database, or back", "keyplan.store.transfer.copy_db"),
    SubCommand.from_module("encrypt", "encrypt a database file at rest (passphrase asked, or "
                           "KEYPLAN_PASSPHRASE)", "keyplan.cli.encrypt"),
    SubCommand.from_module("decrypt", "decrypt an encrypted database file back to a plain one",
                           "keyplan.cli.decrypt"),
    SubCommand.from_module("access", "who may see or change an account on a team database: "
                           "grant, revoke, list", "keyplan.cli.access"),
    SubCommand.from_module("forget", "remove a person and every trace of them (not undoable)",
                           "keyplan.cli.forget"),
)  # fmt: skip
