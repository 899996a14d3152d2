"""``keyplan demo``: create the demo portfolio (or, with ``--scale N``, a synthetic one of about N
people, for benchmarks) in a new database. A file that already holds accounts is refused.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from keyplan.cli.database_option import add_db_option, database_location
from keyplan.cli.option_types import positive_whole_number
from keyplan.cli.wording import accounts_and_people


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``keyplan demo`` on its parser."""
    add_db_option(parser, "the new database to create the demo in")
    parser.add_argument(
        "--scale",
        type=positive_whole_number,
        metavar="N",
        help="generate a large synthetic portfolio of about N people instead (for benchmarks)",
    )


def run(args: argparse.Namespace) -> int:
    """Create the portfolio and print what was made; 0 when done."""
    location = database_location(args)
    _require_no_accounts(location)
    from keyplan.store.database import open_database
    from keyplan.store.demo import create_demo_portfolio, create_synthetic_portfolio
    from keyplan.store.people import queries

    started = time.perf_counter()
    db = open_database(location)
    try:
        if args.scale:
            create_synthetic_portfolio(db, people=args.scale)
        else:
            create_demo_portfolio(db)
        rows = queries.portfolio(db)
    finally:
        db.close()
    seconds = time.perf_counter() - started
    what = "synthetic portfolio" if args.scale else "demo portfolio"
    people = sum(row.people for row in rows)
    counts = accounts_and_people(len(rows), people)
    print(f"Created the {what} in {location}: {counts}, {seconds:.1f} s")
    return 0


def _require_no_accounts(location: str) -> None:
    """Refuse, before opening anything for writing, a file that already holds a portfolio."""
    if "://" in location:
        return  # a server database: the demo itself refuses when it is not empty
    from keyplan.domain.errors import RuleViolation
    from keyplan.store.safety.integrity import count_accounts_and_people

    path = Path(location).expanduser()
    if path.is_dir():
        raise RuleViolation(f"{path} is a folder; give the path of a new database file.")
    if not path.exists() or path.stat().st_size == 0:
        return
    from keyplan.cli.database_option import require_undamaged

    require_undamaged(location)  # an empty portfolio can still sit in a damaged file
    accounts, _people = count_accounts_and_people(path)
    if accounts:
        raise RuleViolation(
            f"{path} already holds {accounts} accounts; the demo goes into a new file. "
            f"Nothing was changed."
        )
