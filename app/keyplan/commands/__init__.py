"""Sub-commands of ``keyplan`` for getting data in and out and keeping it safe.

Each module defines ``add_arguments(parser)`` and ``run(args) -> int`` and is loaded only when
its command is used (see ``SUB_COMMANDS`` in ``keyplan/cli.py``).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_db_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--db PATH``, defaulting to the user's own database (also after the command name)."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,  # so that `keyplan --db X <command>` is not hidden
        help=f"{help_text}; default: your own database",
    )


def database_location(args: argparse.Namespace) -> str:
    """The database the user named, or their own database."""
    if getattr(args, "db", None):
        return args.db
    from keyplan.paths import default_database_path

    return str(default_database_path())


def database_file(args: argparse.Namespace) -> Path:
    """The database as a file path; a team database URL is refused with a message."""
    from keyplan.domain.errors import RuleViolation

    location = database_location(args)
    if "://" in location:
        raise RuleViolation("Backups are for database files; the team server keeps its own.")
    return Path(location).expanduser()
