"""``keyplan forget``: remove a person and every trace of them, at their request.

Not undoable. Without ``--yes``, the command asks to type the person's name (a terminal), or
refuses (a script). On a file, the file is vacuumed afterwards; its backups still hold the
person until ``--rewrite-backups`` rewrites them. User errors end as one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_location, require_undamaged


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan forget`` on its parser."""
    add_db_option(parser, "the database to forget them in")
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="their account (case does not matter)"
    )
    parser.add_argument(
        "--person", required=True, metavar="NAME", help="their full name (case does not matter)"
    )
    parser.add_argument(
        "--rewrite-backups",
        action="store_true",
        help="also rewrite this file's backups without them (a file only)",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask: this cannot be undone")


def run(args: argparse.Namespace) -> int:
    """Forget the person and print what was removed.

    Returns:
        0 when forgotten; 1 after a user error (printed by the program, nothing changed).
    """
    from keyplan.domain.errors import RuleViolation
    from keyplan.store.database import open_database
    from keyplan.store.forget.erase import forget_person
    from keyplan.store.forget.lookup import find_person, names_of
    from keyplan.store.people.queries import find_account

    location = database_location(args)
    is_file = "://" not in location
    if args.rewrite_backups and not is_file:
        raise RuleViolation("--rewrite-backups is for database files; the server keeps its own.")
    require_undamaged(location)
    db = open_database(location, create=False)
    try:
        account_id = find_account(db, args.account)
        person_id = find_person(db, account_id, args.person)
        account, name = names_of(db, account_id, person_id)
        if not args.yes and not _confirmed(name):
            raise RuleViolation(
                f"{name} was not forgotten: add --yes, or type the name to confirm."
            )
        report = forget_person(db, person_id)
    finally:
        db.close()
    print(f"Forgot {name} ({account}). Removed:")
    for line in report.lines():
        print(f"  {line}")
    if not is_file:
        print("The rows are deleted. The server's own backups keep them until they expire.")
        return 0
    _print_file_state(report.file_cleaned)
    _handle_backups(Path(location).expanduser(), account, name, person_id, args.rewrite_backups)
    return 0


def _confirmed(name: str) -> bool:
    if not sys.stdin.isatty():
        return False
    print(f"This removes {name} and every trace of them. It cannot be undone.")
    typed = input(f"Type “{name}” to confirm: ")
    return " ".join(typed.split()).casefold() == " ".join(name.split()).casefold()


def _print_file_state(cleaned: bool | None) -> None:
    if cleaned:
        print(
            "The file was vacuumed and its write-ahead log emptied: nothing of them is left in it."
        )
    else:
        print(
            "The file was vacuumed, but another window still reads it: close Keyplan's other "
            "windows so that its write-ahead log can be emptied."
        )


def _handle_backups(database: Path, account: str, name: str, person_id: int, rewrite: bool) -> None:
    from keyplan.store.forget.files import backups_holding_copies, rewrite_backups

    backups = backups_holding_copies(database)
    if not backups:
        return
    if not rewrite:
        print(
            f"{len(backups)} older backup{'s' if len(backups) > 1 else ''} of this file may "
            f"still hold them: run again with --rewrite-backups to rewrite them."
        )
        return
    rewritten = rewrite_backups(database, account, name, [person_id])
    holding = sum(1 for done in rewritten if done.records)
    print(
        f"Rewrote {holding} of {len(rewritten)} backup{'s' if len(rewritten) > 1 else ''} "
        f"without them (the others never held them)."
    )
    for done in rewritten:
        if done.ambiguous:
            print(f"Left {done.path.name} as it was: several people there are named {name}.")
