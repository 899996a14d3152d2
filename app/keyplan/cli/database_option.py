"""The one way every sub-command names its database: ``--db PATH`` or the user's own.

``keyplan --db X <command>`` and ``keyplan <command> --db X`` mean the same; without it, a
command works on the user's own database (the one the window opens).
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_db_option(
    parser: argparse.ArgumentParser, help_text: str = "the database", *, required: bool = False
) -> None:
    """``--db PATH``, defaulting to the user's own database (also after the command name)."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        required=required,
        default=argparse.SUPPRESS,  # so that `keyplan --db X <command>` is not hidden
        help=help_text if required else f"{help_text}; default: your own database",
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


def require_undamaged(location: str) -> None:
    """Before a command writes: SQLite's check of the whole file, read-only.

    Opening checks a big file's header only (to keep the window's start-up fast); a command
    that writes pays the ~2.5 ms a megabyte so that it never writes into a damaged file.

    Raises:
        DatabaseRefused: the file is damaged; it was not changed.
    """
    if "://" in location:
        return
    path = Path(location).expanduser()
    if path.is_file() and path.stat().st_size > 0:
        from keyplan.store.database import check_whole_file

        check_whole_file(path)
