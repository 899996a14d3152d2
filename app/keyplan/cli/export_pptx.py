"""``keyplan export-pptx``: the internal plan, the customer-safe plan or a meeting brief as a
PowerPoint deck (16:9, native shapes, speaker notes).

The command line wires ``add_arguments`` into its ``export-pptx`` sub-parser and calls ``run``.
User errors print one line on stderr and give exit status 1.
"""

from __future__ import annotations

import argparse
import sys

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.cli.export_pdf import VARIANTS, add_people_shown_option
from keyplan.domain.errors import KeyplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan export-pptx`` on its parser."""
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
    parser.add_argument("--out", required=True, metavar="FILE", help="the .pptx file to write")
    parser.add_argument(
        "--people",
        default=None,
        metavar='"NAME ONE,NAME TWO"',
        help="for --variant brief: the attendees, separated by commas",
    )
    add_people_shown_option(parser)


def run(args: argparse.Namespace) -> int:
    """Export the deck the arguments describe; print where it went.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.reports.deck.export import export_pptx
    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account

    people = [n.strip() for n in args.people.split(",") if n.strip()] if args.people else None
    if args.variant == "brief" and not people:
        print('keyplan: --variant brief needs --people "Name One,Name Two".', file=sys.stderr)
        return 1
    if not args.out.lower().endswith(".pptx"):
        print("keyplan: the deck's file name must end in .pptx.", file=sys.stderr)
        return 1
    try:
        db = open_database(database_location(args), create=False)
        try:
            account_id = find_account(db, args.account)
            path = export_pptx(
                db,
                account_id,
                args.variant,
                args.out,
                people=people,
                people_shown=args.people_shown,
            )
        finally:
            db.close()
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command on its own: ``python -m keyplan.cli.export_pptx --db … ``."""
    parser = argparse.ArgumentParser(prog="keyplan export-pptx", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
