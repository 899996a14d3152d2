"""``keyplan check``: read a database file for damage and broken rules; exit status 1 when it
finds problems."""

from __future__ import annotations

import argparse

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.cli.wording import accounts_and_people


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan check`` on its parser."""
    add_db_option(parser, "the database file to check (it is only read)")


def run(args: argparse.Namespace) -> int:
    """Check the file and print what was found: 0 healthy, 1 problems."""
    from keyplan.store.safety.integrity import check_database, count_accounts_and_people

    location = database_location(args)
    problems = check_database(location)
    if problems:
        print(f"{location} has {len(problems)} problem(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    accounts, people = count_accounts_and_people(location)
    print(f"OK: {location} is healthy ({accounts_and_people(accounts, people)})")
    return 0
