"""``keyplan export-json``: one account with its affiliates, or the whole database, as JSON."""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option, database_location


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser, "the database to read")
    parser.add_argument(
        "--account",
        metavar="NAME",
        help="export this account and its affiliates; without it, the whole database",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the JSON file to write")


def run(args: argparse.Namespace) -> int:
    from keyplan.exchange.transfer.json_exchange import export_json
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    db = open_database(database_location(args), create=False)
    try:
        account_id = find_account(db, args.account) if args.account else None
        summary = export_json(db, args.out, account_id)
    finally:
        db.close()
    accounts = "account" if summary.accounts == 1 else "accounts"
    print(f"Wrote {summary.accounts} {accounts}, {summary.people} people to {summary.path}")
    return 0
