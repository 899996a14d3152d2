"""What ``keyplan export-pdf`` and ``keyplan export-pptx`` share: the document's options, and
opening the database, finding the account and writing the file with one-line errors."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.domain.errors import KeyplanError

VARIANTS = ("internal", "customer", "brief")
PEOPLE_SHOWN = ("worked", "all")

# (database, account id, variant, out, people=…, people_shown=…, **more) -> the file written
DocumentWriter = Callable[..., Path | str]


def add_document_arguments(parser: argparse.ArgumentParser, out_help: str) -> None:
    """--db, --account, --variant, --out, --people and --people-shown."""
    add_db_option(parser, "the database to read")
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="the account's name (case does not matter)"
    )
    parser.add_argument(
        "--variant",
        required=True,
        choices=VARIANTS,
        help="internal plan, customer-safe plan, or meeting brief",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help=out_help)
    parser.add_argument(
        "--people",
        default=None,
        metavar='"NAME ONE,NAME TWO"',
        help="for --variant brief: the attendees, separated by commas",
    )
    parser.add_argument(
        "--people-shown",
        default="worked",
        choices=PEOPLE_SHOWN,
        help="for --variant customer: only the people we work with (an owner or a meeting; "
        "the default) or all of their people",
    )


def run_document_export(args: argparse.Namespace, write: DocumentWriter, **more: Any) -> int:
    """Write the document the arguments describe and print where it went.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    people = [n.strip() for n in args.people.split(",") if n.strip()] if args.people else None
    if args.variant == "brief" and not people:
        print('keyplan: --variant brief needs --people "Name One,Name Two".', file=sys.stderr)
        return 1
    try:
        db = open_database(database_location(args), create=False)
        try:
            account_id = find_account(db, args.account)
            path = write(
                db,
                account_id,
                args.variant,
                args.out,
                people=people,
                people_shown=args.people_shown,
                **more,
            )
        finally:
            db.close()
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0
