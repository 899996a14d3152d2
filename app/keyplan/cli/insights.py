"""``keyplan insights``: an account's coverage and relationship health, in a terminal or as JSON.

The command line wires ``add_arguments`` into its ``insights`` sub-parser and calls ``run``.
The findings are the Insights tab's, word for word. User errors print one line on stderr and
give exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.domain.errors import KeyplanError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan insights`` on its parser."""
    add_db_option(parser, "the database to read")
    parser.add_argument(
        "--account", required=True, metavar="NAME", help="the account's name (case does not matter)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON for scripts instead of text"
    )
    parser.add_argument(
        "--without-affiliates",
        action="store_true",
        help="analyse the account alone, not with the affiliates below it",
    )
    parser.add_argument(
        "--date",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="analyse as of this day (default: today)",
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def run(args: argparse.Namespace) -> int:
    """Print the insights the arguments ask for.

    Returns:
        0 on success, 1 after printing a user error on one line.
    """
    from keyplan.domain.insights import analyse_account
    from keyplan.reports.insights.insights_text import insights_data, insights_text
    from keyplan.store.database import open_database
    from keyplan.store.insights.queries import account_facts, affiliates_below
    from keyplan.store.people.queries import find_account, team_members

    today = args.date or date.today()
    try:
        db = open_database(database_location(args), create=False)
        try:
            account_id = find_account(db, args.account)
            facts = account_facts(
                db, account_id, with_affiliates=not args.without_affiliates, today=today
            )
            team = dict(team_members(db))
            affiliates = 0 if args.without_affiliates else affiliates_below(db, account_id)
        finally:
            db.close()
    except KeyplanError as error:
        print(f"keyplan: {error}", file=sys.stderr)
        return 1
    insights = analyse_account(facts, today)
    people = {person.id: person for person in facts.people}
    if args.json:
        json.dump(insights_data(insights, people, team), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(insights_text(insights, people, team, affiliates=affiliates))
    return 0
