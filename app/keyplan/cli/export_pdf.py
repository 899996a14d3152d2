"""``keyplan export-pdf``: write the internal plan, the customer-safe plan or a meeting brief.

The command line wires ``add_arguments`` into its ``export-pdf`` sub-parser and calls ``run``.
User errors print one line on stderr and give exit status 1 (``cli.py`` may also catch them).
"""

from __future__ import annotations

import argparse
import sys

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.domain.errors import KeyplanError

VARIANTS = ("internal", "customer", "brief")
PEOPLE_SHOWN = ("worked", "all")
PAGE_SIZES = ("A4", "Letter")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan export-pdf`` on its parser."""
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
    parser.add_argument("--out", required=True, metavar="FILE", help="the PDF file to write")
    parser.add_argument(
        "--page-size",
        default="A4",
        choices=PAGE_SIZES,
        type=_page_size,
        help="paper size (default: A4)",
    )
    parser.add_argument(
        "--people",
        default=None,
        metavar='"NAME ONE,NAME TWO"',
        help="for --variant brief: the attendees, separated by commas",
    )
    add_people_shown_option(parser)


def add_people_shown_option(parser: argparse.ArgumentParser) -> None:
    """``--people-shown worked|all``: whom the customer-safe document lists."""
    parser.add_argument(
        "--people-shown",
        default="worked",
        choices=PEOPLE_SHOWN,
        help="for --variant customer: only the people we work with (an owner or a meeting; "
        "the default) or all of their people",
    )


def _page_size(text: str) -> str:
    for choice in PAGE_SIZES:
        if choice.lower() == text.strip().lower():
            return choice
    return text  # argparse's choices check then names the valid sizes


def run(args: argparse.Namespace) -> int:
    """Export the PDF the arguments describe; print where it went.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.reports.export import export_pdf
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
            path = export_pdf(
                db,
                account_id,
                args.variant,
                args.out,
                page_size=args.page_size,
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
    """Run the command on its own: ``python -m keyplan.cli.export_pdf --db … ``."""
    parser = argparse.ArgumentParser(prog="keyplan export-pdf", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
