"""``keyplan restore``: put a backup back in place of a database (the current file is kept)."""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option, database_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", metavar="BACKUP", help="the backup file to restore")
    add_db_option(parser, "the database to replace")
    parser.add_argument(
        "--force",
        action="store_true",
        help="restore even a backup that shares no account with the database "
        "(it looks like another portfolio's)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from keyplan.domain.errors import RuleViolation
    from keyplan.store.safety.lock import writing
    from keyplan.store.safety.restore import OtherPortfolio, restore_backup

    database = database_file(args)
    with writing(database):  # refused while the GUI (or another command) writes it
        try:
            receipt = restore_backup(Path(args.backup), database, other_portfolio_ok=args.force)
        except OtherPortfolio as warning:
            raise RuleViolation(
                f"{warning} Nothing was changed; add --force to restore it anyway."
            ) from warning
    print(f"Restored {database} from {receipt.restored_from}.")
    if receipt.previous_copy is not None:
        print(f"The database as it was before is kept in {receipt.previous_copy}.")
    return 0
