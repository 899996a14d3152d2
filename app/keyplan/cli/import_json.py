"""``keyplan import-json``: add the accounts of a Keyplan JSON export to a database."""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option, database_location, require_undamaged


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="a JSON file written by keyplan export-json")
    add_db_option(parser, "the database to import into (created when it does not exist)")


def run(args: argparse.Namespace) -> int:
    from keyplan.exchange.transfer.json_exchange import (
        import_export_file,
        import_summary,
        read_export,
    )
    from keyplan.store.database import open_database

    export = read_export(args.file)  # refused before the database is touched
    location = database_location(args)
    require_undamaged(location)
    db = open_database(location)
    try:
        receipt = import_export_file(db, export)
    finally:
        db.close()
    print(import_summary(receipt))
    return 0
