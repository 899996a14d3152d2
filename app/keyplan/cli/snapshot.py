"""``keyplan snapshot``: name an account's map as it is now ("Before the reorg").

The map at that moment is rebuilt from the change log whenever it is compared (Map tab).
User errors print one line on stderr and give exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.domain.errors import KeyplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan snapshot`` on its parser."""
    add_db_option(parser, "the database to write to")
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="the account's name (case does not matter)"
    )
    parser.add_argument(
        "--name", required=True, metavar="TEXT", help='what to call it, e.g. "Before the reorg"'
    )


def run(args: argparse.Namespace) -> int:
    """Take the snapshot and print what was taken.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.domain.plain_text import terminal_safe
    from keyplan.store.database import open_database
    from keyplan.store.history.named_snapshots import take_snapshot
    from keyplan.store.people.queries import find_account

    try:
        db = open_database(database_location(args), create=False)
        try:
            account_id = find_account(db, args.account)
            take_snapshot(db, account_id, args.name)
        finally:
            db.close()
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    print(f"Snapshot “{terminal_safe(args.name.strip())}” of {terminal_safe(args.account)} taken.")
    return 0
