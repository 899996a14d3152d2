"""``keyplan export-csv``: an account's people, commitments or actions as a CSV file."""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option, database_location

TABLES = ("people", "commitments", "actions")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, "the database to read")
    parser.add_argument("--account", required=True, metavar="NAME", help="the account's name")
    parser.add_argument(
        "--table", choices=TABLES, default="people", help="what to list (default: people)"
    )
    parser.add_argument(
        "--affiliates", action="store_true", help="include the affiliates below the account"
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the CSV file to write")


def run(args: argparse.Namespace) -> int:
    from keyplan.exchange.transfer.csv_export import export_csv
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    db = open_database(database_location(args), create=False)
    try:
        account_id = find_account(db, args.account)
        summary = export_csv(db, account_id, args.table, args.out, with_affiliates=args.affiliates)
    finally:
        db.close()
    print(f"Wrote {summary.rows} {args.table if summary.rows != 1 else 'row'} to {summary.path}")
    return 0
