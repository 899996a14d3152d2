"""``keyplan backup``: a consistent copy of a database file, even while Keyplan has it open."""

from __future__ import annotations

import argparse
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, "the database to back up")
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--to",
        metavar="FILE",
        help="write the backup to this file; default: a new rolling backup in the backups folder",
    )
    target.add_argument("--list", action="store_true", help="list the rolling backups instead")


def run(args: argparse.Namespace) -> int:
    from keyplan.store.safety import backup

    database = database_file(args)
    if args.list:
        return _list(database)
    if args.to:
        path = backup.backup_to(database, Path(args.to))
    else:
        path = backup.make_rolling_backup(database)
    print(f"Backed up {database} to {path} ({backup.human_size(path.stat().st_size)})")
    return 0


def _list(database: Path) -> int:
    from keyplan.store.safety import backup

    backups = backup.list_backups(database)
    if not backups:
        print(f"No backups of {database} yet (they go to {backup.backups_folder(database)}).")
        return 0
    for info in backups:
        print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {backup.human_size(info.size):>9}  {info.path}")
    return 0
